//! `validate`: check descriptors (and, with `--check-links`, their links).

use crate::catalog::links;
use crate::catalog::lint;
use crate::catalog::load::{self, Inputs};
use crate::cli::InputArgs;
use crate::diag::{Diagnostic, Diagnostics, plural};

use super::{Outcome, inputs_of, print, report_diagnostics};

pub(super) fn run(
    paths: Vec<String>,
    inputs: &InputArgs,
    strict: bool,
    links: Option<links::Options>,
) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let platforms = load::load(
        &Inputs {
            // The evidence rules point into the text.
            keep_text: true,
            ..inputs_of(paths, inputs)
        },
        &mut diags,
    );
    match lint::today() {
        Ok(today) => {
            for d in &platforms {
                lint::lint(d, today, &mut diags);
            }
        }
        Err(e) => diags.push(
            Diagnostic::error("bad-date", e).with_help("unset it, or write the date as YYYY-MM-DD"),
        ),
    }
    // Links are requested only for descriptors that loaded: a file with errors is fixed first.
    let checked = links.map(|opts| links::check(&platforms, opts, &mut diags));
    if strict {
        diags.promote_warnings();
    }
    report_diagnostics(&diags);
    if diags.has_errors() {
        return Ok(Outcome::BadInput);
    }
    let warnings = diags.warning_count();
    let mut out = format!("ok: {} valid", plural(platforms.len(), "descriptor"));
    if let Some((n, not_checked)) = checked {
        out = if not_checked == 0 {
            format!("{out}, {} checked", plural(n, "link"))
        } else {
            format!(
                "{out}, {} of {} checked",
                n - not_checked,
                plural(n, "link")
            )
        };
    }
    if warnings > 0 {
        out = format!(
            "{out}, {} (--strict makes them errors)",
            plural(warnings, "warning")
        );
    }
    out.push('\n');
    print(&out)?;
    Ok(Outcome::Success)
}
