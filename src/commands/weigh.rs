//! `weigh`: weights from pairwise judgments (AHP), from a file or asked on the terminal.

use crate::cli::WeighArgs;
use crate::diag::{Diagnostic, Diagnostics};

use super::{Files, Outcome, print, report_diagnostics, write_atomic};

pub(super) fn run(a: &WeighArgs) -> anyhow::Result<Outcome> {
    use crate::decide::weigh;
    if Files::default()
        .read(a.file.as_deref())
        .write(a.output.as_deref())
        .refused()
    {
        return Ok(Outcome::BadInput);
    }
    let mut diags = Diagnostics::default();
    let mut source = None;
    let judgments = match &a.file {
        Some(path) => {
            let Some(file) = crate::input::read(path, crate::input::PAIRWISE, &mut diags) else {
                report_diagnostics(&diags);
                return Ok(Outcome::BadInput);
            };
            let judgments = weigh::parse(&file, &mut diags);
            source = Some(file);
            judgments
        }
        None => match crate::decide::ask::judgments() {
            Ok(j) => Some(j),
            Err(e) => {
                diags.push(e);
                None
            }
        },
    };
    let weighing = judgments.as_deref().and_then(weigh::weigh);
    let Some(w) = weighing.filter(|_| !diags.has_errors()) else {
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    };
    // Weights from judgments too inconsistent to trust are not an answer: nothing goes to
    // standard output, where a script would take them for one.
    if !w.acceptable() {
        let why = crate::report::weigh::worst_triple(&w).unwrap_or_default();
        let mut d = Diagnostic::error(
            "inconsistent-judgments",
            format!(
                "the judgments are too inconsistent: consistency ratio {:.3}, above {}",
                w.ahp.cr.unwrap_or(f64::NAN),
                crate::decide::ahp::MAX_CR
            ),
        )
        .with_help(format!("{why}; revise them and weigh again"));
        if let Some(file) = &source {
            d = d.in_file(file);
        }
        diags.push(d);
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    }
    print(&crate::report::weigh::render(&w, a.format))?;
    if let Some(path) = &a.output {
        if a.merge {
            // The team's profile, edited in place: its other sections and comments stay.
            let mut diags = Diagnostics::default();
            let Some(file) = crate::input::read(path, crate::input::PROFILE, &mut diags) else {
                report_diagnostics(&diags);
                return Ok(Outcome::BadInput);
            };
            let text = match weigh::merge_into(&file.text, &w) {
                Ok(t) => t,
                Err(why) => {
                    diags.push(
                        Diagnostic::error("bad-profile", format!("cannot merge the weights: {why}"))
                            .in_file(&file)
                            .with_help("give a profile (TOML) to --output, or leave out --merge to write a new one"),
                    );
                    report_diagnostics(&diags);
                    return Ok(Outcome::BadInput);
                }
            };
            write_atomic(path, true, |out| out.write_all(text.as_bytes()))?;
            anstream::eprintln!("merged the weights into {}", path.display());
        } else {
            let text = weigh::profile_text(&w);
            write_atomic(path, a.force, |out| out.write_all(text.as_bytes()))?;
            anstream::eprintln!("wrote {}", path.display());
        }
    }
    Ok(Outcome::Success)
}
