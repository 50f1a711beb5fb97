//! `list`: the loaded platforms, or the catalog page with `--format markdown`.

use crate::cli::ListArgs;
use crate::report;

use super::{Files, Outcome, emit, load_platforms};

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
    let text = report::render_list(&platforms, a.output.format);
    emit(a.output.output.as_deref(), a.output.force, false, |out| {
        out.write_all(text.as_bytes())
    })
}
