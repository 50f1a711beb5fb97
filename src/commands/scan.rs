//! `scan`: what the deployment uses, from the team's own files; with `--on`, beside what the
//! platform offers.

use crate::catalog::descriptor::Descriptor;
use crate::catalog::load;
use crate::cli::{ScanArgs, ScanFormat};
use crate::diag::{Diagnostic, Diagnostics};
use crate::gate;
use crate::report::scan as scan_report;
use crate::scan;

use super::{Files, Outcome, emit, inputs_of, load_profile, report_diagnostics};

pub(super) fn run(a: &ScanArgs) -> anyhow::Result<Outcome> {
    if a.signals {
        let text = scan_report::signals(a.format);
        return emit(a.output.as_deref(), a.force, false, |out| {
            out.write_all(text.as_bytes())
        });
    }
    let mut diags = Diagnostics::default();
    Files::default()
        .descriptors(&a.inputs.platforms)
        .profile(a.profile.profile.as_deref())
        .write(a.output.as_deref())
        .check(&mut diags);
    if a.format == ScanFormat::Yaml && a.on.is_none() {
        diags.push(
            Diagnostic::error("bad-flag", "`--format yaml` writes the deployment as a descriptor of the platform it runs on, so it needs `--on PLATFORM`")
                .with_help("add `--on` and the platform's id, e.g. `--on gke` (`platform-eval list` shows them)"),
        );
    }
    let deployment = scan::scan(&a.paths, &mut diags);
    let on = a.on.as_deref().and_then(|typed| {
        let profile = load_profile(&a.profile, &mut diags)?;
        let platforms = load::load(&inputs_of(Vec::new(), &a.inputs), &mut diags);
        let platform = platform_named(&platforms, typed, &mut diags)?.clone();
        Some((platform, profile))
    });
    report_diagnostics(&diags);
    if diags.has_errors() || (a.on.is_some() && on.is_none()) {
        return Ok(Outcome::BadInput);
    }
    let effective = on
        .as_ref()
        .map(|(platform, profile)| scan::effective::on(&deployment, platform, profile));
    let view = scan_report::View {
        deployment: &deployment,
        on: on.as_ref().map(|(p, profile)| (p, profile)),
        effective: effective.as_ref(),
        command: command_line(a),
        all: a.all,
    };
    if a.format == ScanFormat::Json {
        return emit(a.output.as_deref(), a.force, false, |out| {
            scan_report::write_json(&view, out)
        });
    }
    let text = scan_report::render(&view, a.format);
    emit(a.output.as_deref(), a.force, false, |out| {
        out.write_all(text.as_bytes())
    })
}

/// The platform a typed name means, or an `unknown-platform` error in `diags`.
pub(super) fn platform_named<'a>(
    platforms: &'a [Descriptor],
    typed: &str,
    diags: &mut Diagnostics,
) -> Option<&'a Descriptor> {
    let found = crate::catalog::descriptor::resolve(platforms, typed);
    if found.is_none() {
        diags.push(gate::unknown_platform(typed, platforms));
    }
    found
}

/// How the scan was asked for, for the YAML's header: the paths and the platform.
fn command_line(a: &ScanArgs) -> String {
    let mut words = vec!["platform-eval".to_owned(), "scan".to_owned()];
    words.extend(a.paths.iter().map(|p| crate::profile::quote(p)));
    if let Some(on) = &a.on {
        words.push("--on".into());
        words.push(crate::profile::quote(on));
    }
    words.join(" ")
}
