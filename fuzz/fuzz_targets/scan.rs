//! Any bytes, read as each kind of deployment file `scan` reads (a Kubernetes stream, a
//! Compose file, a Dockerfile, nginx configuration, a GitHub and a GitLab workflow, a shell
//! script), then set on a platform and rendered: located errors or a result, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use platform_eval::catalog::builtin;
use platform_eval::cli::ScanFormat;
use platform_eval::diag::Diagnostics;
use platform_eval::profile::Profile;
use platform_eval::report::scan as scan_report;
use platform_eval::scan;

const NAMES: [&str; 8] = [
    "manifests.yaml",
    "compose.yaml",
    "Dockerfile",
    "nginx.conf",
    ".github/workflows/deploy.yml",
    ".gitlab-ci.yml",
    "run.sh",
    "unnamed",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let platforms = builtin::descriptors(false);
    let profile = Profile::default();
    for name in NAMES {
        let mut diags = Diagnostics::default();
        let deployment = scan::scan_texts(&[(name, &text)], &mut diags);
        let _ = diags.render(false);
        let effective = scan::effective::on(&deployment, &platforms[0], &profile);
        for format in [ScanFormat::Table, ScanFormat::Json, ScanFormat::Yaml, ScanFormat::Markdown] {
            let view = scan_report::View {
                deployment: &deployment,
                on: Some((&platforms[0], &profile)),
                effective: Some(&effective),
                command: String::new(),
                all: true,
            };
            let _ = scan_report::render(&view, format);
        }
    }
});
