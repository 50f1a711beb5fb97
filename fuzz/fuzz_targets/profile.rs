//! Any bytes as a profile (TOML), as a pairwise file for `weigh`, and as command-line weight
//! and language overrides, then the built-in catalog scored, checked and explained under the
//! profile: the tool must answer with a result or located errors, never a panic, and every
//! score it gives must be a number.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use platform_eval::analysis::Method;
use platform_eval::catalog::builtin;
use platform_eval::decide::weigh;
use platform_eval::diag::{Diagnostics, SourceFile};
use platform_eval::profile;
use platform_eval::{gate, report, score};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = Arc::new(SourceFile::new("fuzz.toml".into(), text.clone()));
    let mut diags = Diagnostics::default();
    if let Some(judgments) = weigh::parse(&file, &mut diags) {
        let _ = weigh::weigh(&judgments);
    }
    let Some(mut p) = profile::parse(&file, "fuzz.toml", &mut diags) else {
        let _ = diags.render(false);
        return;
    };
    // The first lines double as `--weight` and `--language` flags.
    let flags: Vec<String> = text.lines().take(4).map(str::to_owned).collect();
    p.apply_overrides(&flags[..flags.len().min(2)], &flags[flags.len().min(2)..], &mut diags);
    let _ = diags.render(false);
    if diags.has_errors() {
        return;
    }
    let platforms = builtin::descriptors(false);
    for method in [Method::Wsm, Method::Wpm, Method::Topsis] {
        let eval = score::evaluate(&platforms, &p, method);
        for ps in &eval.platforms {
            assert!(ps.score.is_finite(), "{} scored {}", ps.platform.id, ps.score);
        }
        for format in [report::Format::Json, report::Format::Markdown] {
            let _ = report::render(&eval, format, report::Options::default(), &mut std::io::sink());
        }
    }
    let today = "2026-12-07".parse().unwrap();
    let mut diags = Diagnostics::default();
    let _ = gate::check(
        "kubernetes",
        &platforms,
        &p,
        Method::Wsm,
        &gate::Flags::default(),
        today,
        &mut diags,
    );
});
