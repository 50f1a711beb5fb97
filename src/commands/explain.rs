//! `explain`: why a platform ranks where it does, and what would change it.

use crate::catalog::load;
use crate::cli::ExplainArgs;
use crate::diag::{Diagnostic, Diagnostics};
use crate::score;

use super::{
    Files, Outcome, emit, find_platform, inputs_of, invocation, load_profile, report_diagnostics,
    select, warn_unknown_providers,
};

pub(super) fn run(a: &ExplainArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    if a.profile.method == crate::analysis::Method::Topsis {
        diags.push(
            Diagnostic::error(
                "unsupported-method",
                "`explain` cannot use TOPSIS: its closeness is not linear in the weights",
            )
            .with_help("use --method wsm (the weighted sum, the default) or --method wpm (the weighted product)"),
        );
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    }
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
    report_diagnostics(&diags);
    let Some(profile) = profile.filter(|_| !diags.has_errors()) else {
        return Ok(Outcome::BadInput);
    };
    let Some(id) = find_platform(&platforms, &a.platform).map(|d| d.id.clone()) else {
        return Ok(Outcome::BadInput);
    };
    let eval = score::evaluate(&platforms, &profile, a.profile.method);
    let Some(x) = crate::decide::explain::explain(eval, &id, a.free_zero_weights, &platforms)
    else {
        anyhow::bail!("no answer for `{}`", a.platform);
    };
    let text = crate::report::explain::render(&x, a.format);
    emit(a.output.as_deref(), a.force, false, |out| {
        out.write_all(text.as_bytes())
    })
}
