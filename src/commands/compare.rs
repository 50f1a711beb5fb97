//! `compare`: two or more platforms side by side, requirement by requirement.

use std::io::IsTerminal as _;

use crate::catalog::load;
use crate::cli::CompareArgs;
use crate::diag::{Diagnostic, Diagnostics};
use crate::gate;
use crate::report::compare as compare_report;
use crate::score;

use super::{
    Files, Outcome, canonical_id, emit, fit_width, inputs_of, invocation, load_profile,
    report_diagnostics, select, stdout_has_color, warn_unknown_providers,
};

pub(super) fn run(a: &CompareArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    Files::default()
        .descriptors(&a.inputs.platforms)
        .profile(a.profile.profile.as_deref())
        .write(a.output.as_deref())
        .check(&mut diags);
    let profile = load_profile(&a.profile, &mut diags).map(|mut p| {
        p.invocation = invocation(&[], &a.inputs, &a.profile, &a.select, &p);
        p
    });
    let platforms = load::load(&inputs_of(Vec::new(), &a.inputs), &mut diags);
    warn_unknown_providers(profile.as_ref(), &platforms, &mut diags);
    let platforms = select(platforms, &a.select, &mut diags);
    // Aliases and other cases name the same platform: compare by id.
    let typed: Vec<String> = a.ids.iter().map(|t| canonical_id(&platforms, t)).collect();
    let mut seen = Vec::new();
    for (id, as_typed) in typed.iter().zip(&a.ids) {
        if seen.contains(&id) {
            diags.push(
                Diagnostic::error("duplicate-platform", format!("`{id}` is named twice"))
                    .with_help("name each platform once"),
            );
        } else if !platforms.iter().any(|d| &d.id == id) && !diags.has_errors() {
            diags.push(gate::unknown_platform(as_typed, &platforms));
        }
        seen.push(id);
    }
    report_diagnostics(&diags);
    let Some(profile) = profile.filter(|_| !diags.has_errors()) else {
        return Ok(Outcome::BadInput);
    };
    let eval = score::evaluate(&platforms, &profile, a.profile.method);
    let ids: Vec<&str> = typed.iter().map(String::as_str).collect();
    let comparison = crate::compare::compare(&eval, &ids, a.detail);
    let color = a.output.is_none() && stdout_has_color();
    let to_terminal = a.output.is_none() && std::io::stdout().is_terminal();
    let width = fit_width(a.width, to_terminal);
    let text = compare_report::render(&comparison, a.format, color, width);
    emit(a.output.as_deref(), a.force, color, |out| {
        out.write_all(text.as_bytes())
    })
}
