//! The evidence rules of `validate`: what a trustworthy descriptor carries beyond valid syntax.
//! Findings are warnings; `validate --strict` makes them errors.

use jiff::ToSpan as _;
use jiff::civil::Date;

use crate::catalog::descriptor::{Claim, Descriptor, Evidence};
use crate::catalog::facts::RegionGroup;
use crate::diag::{Diagnostic, Diagnostics};
use crate::requirements::{Basis, CORE, Level, REQUIREMENTS, Source, parse_criterion_path};

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
    for (r, req) in REQUIREMENTS[..CORE].iter().enumerate() {
        let mut unset = Vec::new();
        for (c, crit) in req.criteria.iter().enumerate() {
            let path = format!("{}.{}", req.id, crit.id);
            let (level, note, source, span) = match crit.source {
                Source::Level | Source::Fact => {
                    let claim = d.claim(r, c);
                    if claim.span.is_none() {
                        unset.push(crit.id);
                        continue;
                    }
                    // An inherited claim is the base's to answer for, where it is written.
                    if !claim.is_own() {
                        continue;
                    }
                    basis_rules(d, &path, claim, diags);
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
    facts_rules(d, diags);
}

/// The facts every catalog entry states, because gates and the decisive-facts line read them:
/// each stated (here or in a base) and each own one sourced.
fn facts_rules(d: &Descriptor, diags: &mut Diagnostics) {
    let f = &d.facts;
    // `regions` is empty when the descriptor leaves it out: every group is then unset.
    let regions = RegionGroup::ALL
        .iter()
        .enumerate()
        .map(|(i, g)| (g, f.regions.get(i).and_then(Option::as_ref)));
    let stated: Vec<(String, Option<FactEvidence<'_>>)> = [
        (
            "provider".to_owned(),
            f.provider.as_ref().map(FactEvidence::of),
        ),
        ("api".to_owned(), f.api.as_ref().map(FactEvidence::of)),
        (
            "lifecycle".to_owned(),
            f.lifecycle.as_ref().map(FactEvidence::of),
        ),
        (
            "operations".to_owned(),
            f.operations.as_ref().map(FactEvidence::of),
        ),
        (
            "idle_cost".to_owned(),
            f.idle_cost.as_ref().map(FactEvidence::of),
        ),
    ]
    .into_iter()
    .chain(regions.map(|(g, c)| (format!("regions.{g}"), c.map(FactEvidence::of))))
    .collect();
    let unset: Vec<&str> = stated
        .iter()
        .filter(|(_, e)| e.is_none())
        .map(|(k, _)| k.as_str())
        .collect();
    if !unset.is_empty() {
        diags.push(
            Diagnostic::warning(
                "unset-fact",
                format!(
                    "{} of the facts that decide {} not stated: {}",
                    unset.len(),
                    if unset.len() == 1 { "is" } else { "are" },
                    unset.join(", ")
                ),
            )
            .in_file(&d.file)
            .with_help(
                "state each with its note and source (see `platform-eval init platform`); a team's `[require]` gates cannot include a platform on a fact it does not state",
            ),
        );
    }
    let limits = f
        .limits
        .as_ref()
        .map(|l| ("limits".to_owned(), Some(FactEvidence::of(l))));
    for (key, e) in stated.iter().chain(limits.iter()) {
        let Some(e) = e else { continue };
        if e.own && e.source.is_none() {
            let w = Diagnostic::warning("missing-source", format!("`{key}` has no source"))
                .with_help("write it as a map with `note:` and `source:`, the vendor's or project's page that states it");
            diags.push(match e.span {
                Some(s) => w.at(&d.file, s),
                None => w.in_file(&d.file),
            });
        }
    }
}

/// What the facts rules read of one fact, whatever its value's type.
struct FactEvidence<'a> {
    own: bool,
    source: Option<&'a str>,
    span: Option<crate::diag::Span>,
}

impl<'a> FactEvidence<'a> {
    fn of<T>(e: &'a Evidence<T>) -> Self {
        Self {
            own: e.is_own(),
            source: e.source.as_deref(),
            span: e.span,
        }
    }
}

/// The rubric's hold on a claim: its basis allows one level, and a level scoped to some
/// languages must be better than the level of the others.
fn basis_rules(d: &Descriptor, path: &str, claim: &Claim, diags: &mut Diagnostics) {
    let at = |w: Diagnostic| match claim.span {
        Some(s) => w.at(&d.file, s),
        None => w.in_file(&d.file),
    };
    if let Some(basis) = claim.basis
        && basis.level() != claim.value
    {
        let allowed = basis.level();
        let rubric = parse_criterion_path(path)
            .and_then(|(r, c)| REQUIREMENTS[r].criteria[c].rubric.meaning(allowed))
            .map_or(String::new(), |m| {
                format!("; for `{path}` the rubric says {allowed} = {m}")
            });
        let others: Vec<&str> = Basis::for_level(claim.value).map(Basis::as_str).collect();
        let a = if matches!(claim.value, Level::Addon | Level::Unknown) {
            "an"
        } else {
            "a"
        };
        let instead = if others.is_empty() {
            format!("{a} {} claim needs no basis", claim.value)
        } else {
            format!(
                "{a} {} claim's basis is one of {}",
                claim.value,
                others.join(", ")
            )
        };
        diags.push(at(Diagnostic::warning(
            "basis-level",
            format!(
                "`{path}` is {} but its basis `{basis}` ({}) allows only {allowed}",
                claim.value,
                basis.meaning()
            ),
        )
        .with_help(format!("set `level: {allowed}`, or {instead}{rubric}"))));
    }
    if let Some(scope) = &claim.scope
        && scope.others.strength() >= claim.value.strength()
    {
        diags.push(at(Diagnostic::warning(
            "scope-level",
            format!(
                "`{path}` is {} for {} and {} for the other languages: the list changes nothing",
                claim.value,
                scope.languages.join(", "),
                scope.others
            ),
        )
        .with_help(
            "`languages` lists where the level is better than `other_languages`; drop both when one level holds for every language",
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use std::sync::Arc;

    /// `validate --strict` on one claim of `auto_rollback`: the diagnostics it gives.
    fn strict(claim: &str) -> Diagnostics {
        let text = format!(
            "name: X\nsummary: s\nkind: paas\nhosting: managed\nhomepage: https://example.com\nreviewed: 2026-01-01\nrequirements:\n  automation:\n    auto_rollback: {claim}\n"
        );
        let file = Arc::new(SourceFile::new("t.yaml".into(), text.clone()));
        let root = crate::catalog::yaml::parse(&text).unwrap();
        let mut diags = Diagnostics::default();
        let d =
            crate::catalog::parse::from_node(&root, &file, "t", false, &mut diags).expect("parses");
        lint(&d, "2026-06-01".parse().unwrap(), &mut diags);
        diags.promote_warnings();
        diags
    }

    fn basis_findings(diags: &Diagnostics) -> Vec<&Diagnostic> {
        diags
            .iter()
            .filter(|d| d.code == "basis-level" || d.code == "scope-level")
            .collect()
    }

    #[test]
    fn every_basis_word_fails_strict_at_a_level_it_does_not_allow_and_passes_at_its_own() {
        for basis in Basis::ALL {
            let own = basis.level();
            let note = "note: a note, source: https://example.com/doc";
            let ok = strict(&format!("{{level: {own}, basis: {basis}, {note}}}"));
            assert!(basis_findings(&ok).is_empty(), "{basis} at {own}: {ok:?}");
            for level in Level::ALL.into_iter().filter(|l| *l != own) {
                let diags = strict(&format!("{{level: {level}, basis: {basis}, {note}}}"));
                let found = basis_findings(&diags);
                assert_eq!(found.len(), 1, "{basis} at {level}");
                let d = found[0];
                assert_eq!(d.severity, crate::diag::Severity::Error);
                // Located at the level, in the file, with the rubric quoted for this criterion.
                assert_eq!(d.location().as_deref(), Some("t.yaml:9:28"), "{basis}");
                assert!(
                    d.message.contains(&format!("allows only {own}")),
                    "{}",
                    d.message
                );
                let help = d.help.as_deref().unwrap_or_default();
                if let Some(meaning) = REQUIREMENTS[2].criteria[4].rubric.meaning(own) {
                    assert!(help.contains(meaning), "{help}");
                }
            }
        }
    }

    /// `validate --strict` on a complete descriptor plus `facts`: the fact findings.
    fn fact_findings(facts: &str) -> Vec<(String, String)> {
        let text = format!(
            "name: X\nsummary: s\nkind: paas\nhosting: managed\nhomepage: https://example.com\nreviewed: 2026-01-01\n{facts}"
        );
        let file = Arc::new(SourceFile::new("t.yaml".into(), text.clone()));
        let root = crate::catalog::yaml::parse(&text).unwrap();
        let mut diags = Diagnostics::default();
        let d = crate::catalog::parse::from_node(&root, &file, "t", false, &mut diags)
            .unwrap_or_else(|| panic!("{diags:?}"));
        lint(&d, "2026-06-01".parse().unwrap(), &mut diags);
        diags.promote_warnings();
        diags
            .iter()
            .filter(|d| d.code == "unset-fact" || d.code == "missing-source")
            .map(|d| (d.code.to_string(), d.message.clone()))
            .collect()
    }

    #[test]
    fn strict_asks_for_every_fact_that_decides_each_with_a_source() {
        let all = "provider: {value: x, note: a note, source: https://x.example.com}\n\
            api: {value: docker, note: a note, source: https://x.example.com}\n\
            lifecycle: {status: ga, note: a note, source: https://x.example.com}\n\
            regions: {cn-mainland: {level: native, note: a note, source: https://x.example.com}}\n\
            operations: {value: self-hosted, note: a note, source: https://x.example.com}\n\
            idle_cost: {value: per-instance, note: a note, source: https://x.example.com}\n";
        assert_eq!(fact_findings(all), []);
        let found = fact_findings("provider: x\nregions: {cn-mainland: none}\n");
        assert_eq!(
            found,
            [
                (
                    "unset-fact".to_owned(),
                    "4 of the facts that decide are not stated: api, lifecycle, operations, idle_cost".to_owned()
                ),
                ("missing-source".to_owned(), "`provider` has no source".to_owned()),
                ("missing-source".to_owned(), "`regions.cn-mainland` has no source".to_owned()),
            ]
        );
    }

    #[test]
    fn a_claim_without_a_basis_is_not_held_to_one() {
        assert!(
            basis_findings(&strict(
                "{level: partial, note: a note, source: https://example.com/d}"
            ))
            .is_empty()
        );
    }

    #[test]
    fn a_scoped_level_no_better_than_the_others_is_flagged() {
        let diags = strict(
            "{level: partial, languages: [java], other_languages: addon, note: a note, source: https://example.com/d}",
        );
        let found = basis_findings(&diags);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "scope-level");
    }
}
