//! `[[policy.waive]]`: waived failures, expired waivers, waivers that match nothing.

use jiff::civil::Date;

use crate::diag::{Diagnostic, Diagnostics};
use crate::profile::{Profile, WaiverTarget};

use super::{Assertion, Location, Verdict};

/// Waived failures become `Waived`; expired waivers fail; a waiver matching nothing warns.
pub(super) fn apply_waivers(
    profile: &Profile,
    today: Date,
    out: &mut Vec<Assertion>,
    diags: &mut Diagnostics,
) -> Vec<(String, Option<Location>)> {
    let mut unused = Vec::new();
    let mut expired = Vec::new();
    for w in &profile.policy.waivers {
        let name = w.target.name();
        let rules: Vec<String> = match w.target {
            WaiverTarget::Criterion(..) => vec![format!("require/{name}")],
            WaiverTarget::Requirement(_) => {
                vec![format!("min/{name}"), format!("regression/{name}")]
            }
        };
        let matched = out.iter().any(|a| rules.contains(&a.rule));
        if w.expires < today {
            expired.push(Assertion {
                rule: format!("waiver-expired/{name}"),
                expected: format!("expires >= {today}"),
                actual: w.expires.to_string(),
                verdict: Verdict::Fail,
                message: format!(
                    "the waiver for {name} expired on {} (reason: {})",
                    w.expires, w.reason
                ),
                location: profile.file.as_ref().map(|f| Location {
                    file: f.name.clone(),
                    line: w.span.line,
                    column: w.span.column,
                    builtin: false,
                }),
                waiver: Some((w.reason.clone(), w.expires)),
            });
        } else {
            for a in out
                .iter_mut()
                .filter(|a| rules.contains(&a.rule) && a.verdict == Verdict::Fail)
            {
                a.verdict = Verdict::Waived;
                a.waiver = Some((w.reason.clone(), w.expires));
            }
        }
        if !matched {
            let mut diag = Diagnostic::warning(
                "unused-waiver",
                format!("the waiver for {name} matches no assertion of this check"),
            )
            .with_help(
                "remove it, or check that the policy asserts on that criterion or requirement",
            );
            if let Some(f) = &profile.file {
                diag = diag.at(f, w.span);
            }
            let place = profile.file.as_ref().map(|f| Location {
                file: f.name.clone(),
                line: w.span.line,
                column: w.span.column,
                builtin: false,
            });
            unused.push((diag.message.clone(), place));
            diags.push(diag);
        }
    }
    out.extend(expired);
    unused
}
