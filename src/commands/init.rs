//! `init`: write a commented template of a descriptor or a profile.

use std::path::PathBuf;

use crate::catalog::descriptor::Descriptor;
use crate::catalog::lint;
use crate::catalog::load::{self, Inputs};
use crate::cli::InitWhat;
use crate::diag::{Diagnostic, Diagnostics};
use crate::profile;

use super::{Files, Outcome, find_platform, report_diagnostics, write_atomic};

pub(super) fn run(what: &InitWhat) -> anyhow::Result<Outcome> {
    let (path, text, force, what) = match what {
        InitWhat::Platform {
            id,
            extends,
            platforms,
            output,
            force,
        } => {
            if !crate::catalog::parse::valid_id(id) {
                let mut diags = Diagnostics::default();
                diags.push(
                    Diagnostic::error("bad-id", format!("`{id}` is not a valid platform id"))
                        .with_help(
                            "an id is lower-case letters, digits and dashes, e.g. `my-paas`",
                        ),
                );
                report_diagnostics(&diags);
                return Ok(Outcome::BadInput);
            }
            let today = match lint::today() {
                Ok(t) => t,
                Err(e) => {
                    let mut diags = Diagnostics::default();
                    diags.push(Diagnostic::error("bad-date", e));
                    report_diagnostics(&diags);
                    return Ok(Outcome::BadInput);
                }
            };
            let path = output
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{id}.yaml")));
            if Files::default()
                .descriptors(platforms)
                .write(Some(&path))
                .refused()
            {
                return Ok(Outcome::BadInput);
            }
            let text = match extends {
                None => crate::template::platform(id, today),
                Some(base) => {
                    let Some(base) = find_base(base, platforms) else {
                        return Ok(Outcome::BadInput);
                    };
                    crate::template::variant(id, &base, today)
                }
            };
            (path, text, *force, "descriptor")
        }
        InitWhat::Profile { output, force } => {
            let path = output
                .clone()
                .unwrap_or_else(|| PathBuf::from(profile::DEFAULT_FILE));
            (path, crate::template::profile(), *force, "profile")
        }
    };
    // A file there is most likely the team's own, edited by hand: say so in its words.
    if !force && path.exists() {
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error(
                "output-exists",
                format!("`{}` exists; it is left as it is", path.display()),
            )
            .with_help(format!(
                "it may be a {what} you have edited: write the template elsewhere with --output FILE, or add --force to replace it"
            )),
        );
        report_diagnostics(&diags);
        return Ok(Outcome::BadInput);
    }
    write_atomic(&path, force, |out| out.write_all(text.as_bytes()))?;
    anstream::eprintln!("wrote {}", path.display());
    Ok(Outcome::Success)
}

/// The base of `init platform --extends`: among `paths`, then the built-in catalog.
fn find_base(id: &str, paths: &[String]) -> Option<Descriptor> {
    let mut diags = Diagnostics::default();
    let platforms = load::load(
        &Inputs {
            paths: paths.to_vec(),
            with_builtin: true,
            ..Inputs::default()
        },
        &mut diags,
    );
    if diags.has_errors() {
        report_diagnostics(&diags);
        return None;
    }
    find_platform(&platforms, id).cloned()
}
