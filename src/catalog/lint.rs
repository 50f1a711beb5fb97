//! The evidence rules of `validate`: what a trustworthy descriptor carries beyond valid syntax.
//! Findings are warnings; `validate --strict` makes them errors.

use jiff::ToSpan as _;
use jiff::civil::Date;

use crate::catalog::descriptor::Descriptor;
use crate::diag::{Diagnostic, Diagnostics};
use crate::requirements::{Level, REQUIREMENTS, Source};

/// How old a `reviewed` date may be before the facts are due for another check.
pub const MAX_REVIEW_AGE_DAYS: i32 = 365;

/// The environment variable that pins "today" for the review-age rule (reproducible CI).
pub const TODAY_VAR: &str = "PLATFORM_EVAL_TODAY";

/// Today, or the date in `PLATFORM_EVAL_TODAY`.
pub fn today() -> Result<Date, String> {
    match std::env::var(TODAY_VAR) {
        Ok(s) => s
            .parse::<Date>()
            .map_err(|_| format!("{TODAY_VAR}=`{s}` is not a date written as YYYY-MM-DD")),
        Err(_) => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// Checks one descriptor's evidence against the catalog rules.
pub fn lint(d: &Descriptor, today: Date, diags: &mut Diagnostics) {
    let file = &d.file;
    let warn = |code, msg: String, span, help: &str| {
        let w = Diagnostic::warning(code, msg).with_help(help);
        match span {
            Some(s) => w.at(file, s),
            None => w.in_file(file),
        }
    };
    for (what, missing) in [
        ("summary", d.summary.is_none()),
        ("kind", d.kind.is_none()),
        ("hosting", d.hosting.is_none()),
        ("homepage", d.homepage.is_none()),
    ] {
        if missing {
            diags.push(warn(
                "missing-metadata",
                format!("`{what}` is not stated"),
                None,
                "fill in name, summary, kind, hosting and homepage so readers know what the platform is",
            ));
        }
    }
    match &d.reviewed {
        None => diags.push(warn(
            "missing-review",
            "no `reviewed` date".into(),
            None,
            "add `reviewed: YYYY-MM-DD`, the day the claims were last checked against their sources",
        )),
        Some(r) if r.value > today => diags.push(warn(
            "future-review",
            format!("`reviewed` date {} is in the future", r.value),
            r.span,
            "write the day the claims were actually checked",
        )),
        Some(r) if today.checked_sub(MAX_REVIEW_AGE_DAYS.days()).is_ok_and(|cutoff| r.value < cutoff) => diags.push(warn(
            "stale-review",
            format!(
                "reviewed on {}, more than a year ago",
                r.value
            ),
            r.span,
            "check every claim against its source again, then update `reviewed`",
        )),
        Some(_) => {}
    }
    for (r, req) in REQUIREMENTS.iter().enumerate() {
        let mut unset = Vec::new();
        for (c, crit) in req.criteria.iter().enumerate() {
            let path = format!("{}.{}", req.id, crit.id);
            let (level, note, source, span) = match crit.source {
                Source::Level => {
                    let claim = d.claim(r, c);
                    if claim.span.is_none() {
                        unset.push(crit.id);
                        continue;
                    }
                    // An inherited claim is the base's to answer for, where it is written.
                    if !claim.is_own() {
                        continue;
                    }
                    (claim.value, &claim.note, &claim.source, claim.span)
                }
                Source::LanguageCoverage => match &d.runtimes {
                    None => {
                        unset.push("runtimes");
                        continue;
                    }
                    // The runtimes list is a claim like any other: it needs its source.
                    Some(rt) if !rt.is_own() => continue,
                    Some(rt) => (Level::Native, &rt.note, &rt.source, rt.span),
                },
            };
            let path = if crit.source == Source::LanguageCoverage {
                format!("{}.runtimes", req.id)
            } else {
                path
            };
            if matches!(level, Level::Native | Level::Addon | Level::Partial) && source.is_none() {
                diags.push(warn(
                    "missing-source",
                    format!("`{path}` ({level}) has no source"),
                    span,
                    "add `source:` with the vendor's or project's documentation page that backs the claim",
                ));
            }
            let blank = note.as_deref().is_none_or(|n| n.trim().is_empty());
            if matches!(level, Level::Partial | Level::None | Level::Unknown) && blank {
                let what = match level {
                    Level::Partial => "say which part is limited",
                    Level::None => "say what is missing",
                    _ => "say why the documentation does not settle it",
                };
                diags.push(warn(
                    "missing-note",
                    format!("`{path}` ({level}) has no note"),
                    span,
                    &format!("add `note:` to {what}"),
                ));
            }
        }
        if !unset.is_empty() {
            let (count, verb) = match unset.len() {
                1 => ("1 criterion is".to_owned(), "it counts"),
                n => (format!("{n} criteria are"), "they count"),
            };
            diags.push(warn(
                "unset-criterion",
                format!("`{}`: {count} not stated, so {verb} as unknown: {}", req.id, unset.join(", ")),
                None,
                "state a level for every criterion (`runtimes`: a list or `any`); use `unknown` with a note when the documentation cannot settle it",
            ));
        }
    }
}
