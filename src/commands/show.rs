//! `show`: one platform's claims with their evidence, or the rubric with `--rubric`.

use crate::cli::ShowArgs;
use crate::report;

use super::{Files, Outcome, emit, find_platform, load_platforms};

pub(super) fn run(a: &ShowArgs) -> anyhow::Result<Outcome> {
    if Files::default()
        .descriptors(&a.inputs.platforms)
        .write(a.output.output.as_deref())
        .refused()
    {
        return Ok(Outcome::BadInput);
    }
    let Some(id) = a.platform.as_deref().filter(|_| !a.rubric) else {
        let text = report::rubric::render(a.output.format);
        return emit(a.output.output.as_deref(), a.output.force, false, |out| {
            out.write_all(text.as_bytes())
        });
    };
    let Some(platforms) = load_platforms(Vec::new(), &a.inputs) else {
        return Ok(Outcome::BadInput);
    };
    let Some(d) = find_platform(&platforms, id) else {
        return Ok(Outcome::BadInput);
    };
    let text = report::render_show(d, a.output.format);
    emit(a.output.output.as_deref(), a.output.force, false, |out| {
        out.write_all(text.as_bytes())
    })
}
