//! `list`: the loaded platforms, or the catalog page with `--format markdown`.

use crate::cli::ListArgs;
use crate::diag::Diagnostics;
use crate::report;

use super::{Files, Outcome, emit, load_platforms, report_diagnostics};

pub(super) fn run(a: &ListArgs) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    Files::default()
        .descriptors(&a.inputs.platforms)
        .write(a.output.output.as_deref())
        .check(&mut diags);
    if diags.has_errors() {
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    }
    let Some(platforms) = load_platforms(Vec::new(), &a.inputs) else {
        return Ok(Outcome::BadInput);
    };
    let text = report::render_list(&platforms, a.output.format);
    emit(a.output.output.as_deref(), a.output.force, false, |out| {
        out.write_all(text.as_bytes())
    })
}
