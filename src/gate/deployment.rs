//! `check --deployment`: failures point at the team's own lines, not at the platform's
//! descriptor: a failed criterion at the finding that settles it, a failed requirement or
//! score at the gap that would add the most.

use super::{CheckResult, Location, Verdict};
use crate::requirements;
use crate::scan::effective::Effective;
use crate::scan::{Deployment, Place};

pub fn locate(result: &mut CheckResult, deployment: &Deployment, effective: &Effective) {
    if let Some(first) = deployment.files.first() {
        result.descriptor_location = Location {
            file: first.path.to_string(),
            line: 1,
            column: 1,
            builtin: false,
        };
    }
    let criteria = deployment.criteria();
    for a in &mut result.assertions {
        if a.verdict == Verdict::Pass {
            continue;
        }
        let rule = a.rule.as_str();
        let place = if let Some(path) = rule.strip_prefix("require/") {
            criteria
                .iter()
                .find(|u| u.path == path)
                .and_then(crate::scan::effective::settling)
                .map(|f| f.at.clone())
        } else if let Some(req) = rule
            .strip_prefix("min/")
            .or_else(|| rule.strip_prefix("regression/"))
        {
            requirements::requirement_index(req).and_then(|r| {
                let prefix = format!("{}.", requirements::REQUIREMENTS[r].id);
                effective
                    .gaps
                    .iter()
                    .find(|g| g.path.starts_with(&prefix))
                    .and_then(|g| g.at.clone())
            })
        } else if matches!(rule, "min-score" | "max-rank" | "max-drop") {
            effective.gaps.iter().find_map(|g| g.at.clone())
        } else {
            None
        };
        if let Some(p) = place {
            a.location = Some(location(&p));
        }
    }
}

/// A place as a check location: after `helm template ... | check --deployment -`, the
/// template file a `# Source:` comment names, which is in the team's repository.
fn location(p: &Place) -> Location {
    match (&*p.file, &p.template) {
        ("<stdin>", Some(t)) => Location {
            file: t.to_string(),
            line: 1,
            column: 1,
            builtin: false,
        },
        _ => Location {
            file: p.file.to_string(),
            line: p.line,
            column: p.column,
            builtin: false,
        },
    }
}
