//! `list`: the loaded platforms, or the catalog page with `--format markdown`.

use crate::cli::ListArgs;
use crate::report;

use std::io::IsTerminal as _;

use super::{Files, Outcome, emit, fit_width, load_platforms};

pub(super) fn run(a: &ListArgs) -> anyhow::Result<Outcome> {
    if Files::default()
        .descriptors(&a.inputs.platforms)
        .write(a.output.output.as_deref())
        .refused()
    {
        return Ok(Outcome::BadInput);
    }
    let Some(platforms) = load_platforms(Vec::new(), &a.inputs) else {
        return Ok(Outcome::BadInput);
    };
    let to_terminal = a.output.output.is_none() && std::io::stdout().is_terminal();
    let width = fit_width(a.output.width, to_terminal);
    let text = report::render_list(&platforms, a.output.format, width);
    emit(a.output.output.as_deref(), a.output.force, false, |out| {
        out.write_all(text.as_bytes())
    })
}
