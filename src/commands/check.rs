//! `check`: gate CI on the chosen platform (exit 0 pass, 1 fail, 2 bad input).

use std::path::{Path, PathBuf};

use crate::catalog::lint;
use crate::catalog::load;
use crate::cli::CheckArgs;
use crate::diag::{Diagnostic, Diagnostics};
use crate::gate;
use crate::report::check::{self as check_report, CheckFormat};

use super::{
    Files, Outcome, canonical_id, emit, inputs_of, invocation, load_profile, report_diagnostics,
    select, stdout_has_color, warn_unknown_providers, write_atomic,
};

pub(super) fn run(a: &CheckArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let reports = parse_reports(&a.reports, &mut diags);
    reports
        .iter()
        .fold(
            Files::default()
                .descriptors(&a.inputs.platforms)
                .profile(a.profile.profile.as_deref())
                .read(a.baseline.as_deref().map(Path::new))
                .write(a.output.as_deref()),
            |files, (_, path)| files.write(Some(path)),
        )
        .check(&mut diags);
    let profile = load_profile(&a.profile, &mut diags).map(|mut p| {
        p.invocation = invocation(&[], &a.inputs, &a.profile, &a.select, &p);
        p
    });
    let typed =
        a.on.as_deref()
            .or(a.platform.as_deref())
            .unwrap_or_default();
    let mut platforms = load::load(&inputs_of(Vec::new(), &a.inputs), &mut diags);
    warn_unknown_providers(profile.as_ref(), &platforms, &mut diags);
    // `--deployment`: the deployment as it runs on the platform joins the set, and is the one
    // checked.
    let deployment = match (&profile, a.deployment.is_empty()) {
        (Some(profile), false) => {
            let scanned = crate::scan::scan(&a.deployment, &mut diags);
            let found = super::scan::platform_named(&platforms, typed, &mut diags).cloned();
            found.map(|platform| {
                let effective = crate::scan::effective::on(&scanned, &platform, profile);
                platforms.push(effective.descriptor.clone());
                (scanned, effective)
            })
        }
        _ => None,
    };
    let platforms = select(platforms, &a.select, &mut diags);
    // `gke`, `GKE` or `google-kubernetes-engine`: the platform's id from here on.
    let id = match &deployment {
        Some((_, e)) => e.descriptor.id.clone(),
        None => canonical_id(&platforms, typed),
    };
    let baseline = a
        .baseline
        .as_deref()
        .and_then(|path| gate::read_baseline(path, &id, &mut diags));
    let today = lint::today()
        .map_err(|e| {
            diags.push(
                Diagnostic::error("bad-date", e)
                    .with_help("unset it, or write the date as YYYY-MM-DD"),
            );
        })
        .ok();
    let (Some(profile), Some(today)) = (profile, today) else {
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    };
    if diags.has_errors() {
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    }
    let flags = gate::Flags {
        min_score: a.min_score,
        min: a.min.clone(),
        require: a.require.clone(),
        max_rank: a.max_rank,
        baseline,
        max_drop: a.max_drop,
    };
    let result = gate::check(
        &id,
        &platforms,
        &profile,
        a.profile.method,
        &flags,
        today,
        &mut diags,
    );
    report_diagnostics(&diags);
    let Some(mut result) = result else {
        return Ok(Outcome::BadInput);
    };
    if let Some((scanned, effective)) = &deployment {
        gate::deployment::locate(&mut result, scanned, effective);
    }
    for (format, path) in &reports {
        let text = check_report::render(&result, *format, false);
        write_atomic(path, a.force, |out| out.write_all(text.as_bytes()))?;
    }
    let color = a.output.is_none() && stdout_has_color();
    let text = check_report::render(&result, a.format, color);
    emit(a.output.as_deref(), a.force, color, |out| {
        out.write_all(text.as_bytes())
    })?;
    Ok(if result.passed() {
        Outcome::Success
    } else {
        Outcome::CheckFailed
    })
}

/// `--report FORMAT=FILE` arguments.
fn parse_reports(args: &[String], diags: &mut Diagnostics) -> Vec<(CheckFormat, PathBuf)> {
    use clap::ValueEnum as _;
    let mut out = Vec::new();
    for arg in args {
        let parsed = arg
            .split_once('=')
            .and_then(|(f, path)| Some((CheckFormat::from_str(f.trim(), true).ok()?, path)))
            .filter(|(_, path)| !path.is_empty());
        match parsed {
            Some((format, path)) => out.push((format, PathBuf::from(path))),
            None => diags.push(
                Diagnostic::error("bad-flag", format!("`--report {arg}` is not FORMAT=FILE"))
                    .with_help("FORMAT is text, json, markdown, junit, github or sarif, e.g. `--report junit=check.xml`"),
            ),
        }
    }
    out
}
