//! Any bytes, read as a descriptor and as a profile, then scored and rendered by every
//! method: the tool must answer with a result or located errors, never a panic.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use platform_eval::analysis::Method;
use platform_eval::diag::{Diagnostics, SourceFile};
use platform_eval::profile::{self, Profile};
use platform_eval::catalog::load;
use platform_eval::{report, score};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = Arc::new(SourceFile::new("fuzz.yaml".into(), text.clone()));
    let mut diags = Diagnostics::default();
    let descriptor = load::parse_source(&file, "fuzz", false, &mut diags);
    let toml = Arc::new(SourceFile::new("fuzz.toml".into(), text));
    let parsed = profile::parse(&toml, "fuzz.toml", &mut diags);
    let _ = diags.render(false);
    let Some(d) = descriptor else { return };
    let platforms = [d];
    let profile = parsed.unwrap_or_else(Profile::default);
    for method in [Method::Wsm, Method::Wpm, Method::Topsis] {
        let mut eval = score::evaluate(&platforms, &profile, method);
        score::analyse(
            &mut eval,
            score::AnalysisOptions {
                sensitivity: true,
                robustness: None,
            },
        );
        for format in [report::Format::Json, report::Format::Table, report::Format::Csv, report::Format::Markdown] {
            let _ = report::render(&eval, format, report::Options::default(), &mut std::io::sink());
        }
    }
});
