//! The profile's `[policy]` with the command line's flags applied, and the assertions it makes.

use crate::catalog::descriptor::Descriptor;
use crate::diag::{Diagnostic, Diagnostics, suggest};
use crate::profile::{Constraint, Profile};
use crate::requirements::{self, Level, REQUIREMENTS};
use crate::score::{self, PlatformScore};

use super::{Assertion, Flags, Location, Verdict, claim_location, location};

/// The profile's policy with the flags applied.
pub(super) struct Policy {
    min_score: Option<f64>,
    pub(super) min: Vec<(usize, f64)>,
    max_rank: Option<usize>,
    /// `(requirement, criterion, level, from a flag)`.
    require: Vec<(usize, usize, Level)>,
    hosting: Option<Vec<crate::catalog::descriptor::Hosting>>,
    kind: Option<Vec<crate::catalog::descriptor::Kind>>,
    /// The profile's gates on facts (provider, api, regions, ...), asserted as they are.
    facts: Vec<Constraint>,
}

impl Policy {
    pub(super) fn assemble(profile: &Profile, flags: &Flags, diags: &mut Diagnostics) -> Policy {
        let mut p = Policy {
            min_score: flags.min_score.or(profile.policy.min_score),
            min: profile.policy.min.clone(),
            max_rank: flags.max_rank.or(profile.policy.max_rank),
            require: profile.policy.require.clone(),
            hosting: None,
            kind: None,
            facts: Vec::new(),
        };
        for c in &profile.require {
            match c {
                Constraint::AtLeast {
                    requirement,
                    criterion,
                    level,
                } => {
                    p.require
                        .retain(|(r, c, _)| (r, c) != (requirement, criterion));
                    p.require.push((*requirement, *criterion, *level));
                }
                Constraint::Hosting(h) => p.hosting = Some(h.clone()),
                Constraint::Kind(k) => p.kind = Some(k.clone()),
                fact => p.facts.push(fact.clone()),
            }
        }
        if let Some(n) = flags.min_score.filter(|n| !(0.0..=100.0).contains(n)) {
            diags.push(bad_flag(
                format!("`--min-score {n}` is outside 0..100"),
                "a score is between 0 and 100",
            ));
        }
        if flags.max_rank == Some(0) {
            diags.push(bad_flag(
                "`--max-rank 0`: ranks start at 1".into(),
                "e.g. `--max-rank 3`",
            ));
        }
        if let Some(n) = flags.max_drop.filter(|n| !n.is_finite() || *n < 0.0) {
            diags.push(bad_flag(
                format!("`--max-drop {n}` must be a number >= 0"),
                "the points the overall score may fall, e.g. `--max-drop 5`",
            ));
        }
        if flags.max_drop.is_some() && flags.baseline.is_none() {
            diags.push(bad_flag(
                "`--max-drop` needs `--baseline FILE`".into(),
                "give an earlier `evaluate --format json` or `check --format json` output",
            ));
        }
        let ids: Vec<&str> = REQUIREMENTS.iter().map(|r| r.id).collect();
        for arg in &flags.min {
            let parsed = arg.split_once('=').and_then(|(req, n)| {
                Some((
                    requirements::requirement_index(req.trim()),
                    req,
                    n.trim().parse::<f64>().ok()?,
                ))
            });
            match parsed {
                Some((Some(r), _, n)) if (0.0..=100.0).contains(&n) => {
                    p.min.retain(|(x, _)| *x != r);
                    p.min.push((r, n));
                }
                Some((None, req, _)) => diags.push(bad_flag(
                    format!("`--min {arg}`: unknown requirement `{req}`"),
                    &suggest(req, &ids),
                )),
                _ => diags.push(bad_flag(
                    format!("`--min {arg}` is not REQ=N with N in 0..100"),
                    "e.g. `--min observability=60`",
                )),
            }
        }
        p.min.sort_by_key(|(r, _)| *r);
        let levels: Vec<&str> = Level::KNOWN.iter().map(|l| l.as_str()).collect();
        for arg in &flags.require {
            let Some((path, level)) = arg.split_once('=') else {
                diags.push(bad_flag(
                    format!("`--require {arg}` is not CRITERION=LEVEL"),
                    "e.g. `--require resilience.health_checks=native`",
                ));
                continue;
            };
            let Some((r, c)) = requirements::parse_level_criterion_path(path.trim()) else {
                let (why, help) = requirements::not_a_level_criterion(path.trim());
                diags.push(bad_flag(format!("`--require {arg}`: {why}"), &help));
                continue;
            };
            match Level::parse(level.trim()).filter(|l| *l != Level::Unknown) {
                Some(l) => {
                    p.require.retain(|(x, y, _)| (*x, *y) != (r, c));
                    p.require.push((r, c, l));
                }
                None => diags.push(bad_flag(
                    format!("`--require {arg}`: `{level}` is not a level"),
                    &suggest(level, &levels),
                )),
            }
        }
        p
    }

    pub(super) fn assert_all(
        &self,
        d: &Descriptor,
        ps: &PlatformScore<'_>,
        ranked: usize,
        out: &mut Vec<Assertion>,
    ) {
        if let Some(min) = self.min_score {
            let s = ps.score * 100.0;
            out.push(verdict(
                "min-score".into(),
                format!(">= {min}"),
                format!("{s:.1}"),
                s + 1e-7 >= min,
                format!(
                    "overall score {s:.1} {} the minimum {min}",
                    if s + 1e-7 >= min { "meets" } else { "is below" }
                ),
                None,
            ));
        }
        for (r, min) in &self.min {
            let s = ps.requirements[*r].score * 100.0;
            let id = REQUIREMENTS[*r].id;
            let ok = s + 1e-7 >= *min;
            out.push(verdict(
                format!("min/{id}"),
                format!(">= {min}"),
                format!("{s:.1}"),
                ok,
                format!(
                    "{id} score {s:.1} {} the minimum {min}",
                    if ok { "meets" } else { "is below" }
                ),
                (!ok).then(|| location(d, d.requirement_spans[*r])),
            ));
        }
        for (r, c, level) in &self.require {
            let claim = d.claim(*r, *c);
            let path = format!(
                "{}.{}",
                REQUIREMENTS[*r].id, REQUIREMENTS[*r].criteria[*c].id
            );
            let ok =
                matches!((claim.value.strength(), level.strength()), (Some(h), Some(w)) if h >= w);
            out.push(verdict(
                format!("require/{path}"),
                format!(">= {level}"),
                claim.value.to_string(),
                ok,
                format!(
                    "{path} is {}, {} {level}",
                    claim.value,
                    if ok { "at least" } else { "below the required" }
                ),
                (!ok).then(|| claim_location(d, claim, *r)),
            ));
        }
        let hosting = self.hosting.as_ref().map(|a| {
            (
                a.iter().map(|h| h.as_str()).collect(),
                d.hosting.map(crate::catalog::descriptor::Hosting::as_str),
            )
        });
        let kind = self.kind.as_ref().map(|a| {
            (
                a.iter().map(|k| k.as_str()).collect(),
                d.kind.map(crate::catalog::descriptor::Kind::as_str),
            )
        });
        for (what, test) in [("hosting", hosting), ("kind", kind)] {
            let Some((want, have)) = test else { continue };
            let want: Vec<&str> = want;
            let ok = have.is_some_and(|h| want.contains(&h));
            let have = have.unwrap_or("not stated");
            out.push(verdict(
                format!("require/{what}"),
                want.join(" or "),
                have.into(),
                ok,
                format!(
                    "{what} is {have}, {} {}",
                    if ok { "one of" } else { "not" },
                    want.join(" or ")
                ),
                (!ok).then(|| location(d, None)),
            ));
        }
        for c in &self.facts {
            let unmet = c.unmet_by(d);
            let ok = unmet.is_none();
            out.push(verdict(
                format!("require/{}", c.key()),
                c.to_string(),
                unmet.clone().unwrap_or_else(|| "met".to_owned()),
                ok,
                unmet.unwrap_or_else(|| format!("{c}: met")),
                (!ok).then(|| location(d, None)),
            ));
        }
        if let Some(k) = self.max_rank {
            let (ok, actual, message) = match ps.rank {
                Some(rank) => (
                    rank <= k,
                    rank.to_string(),
                    format!(
                        "ranks {rank} of {ranked}, {} the top {k}",
                        if rank <= k { "within" } else { "outside" }
                    ),
                ),
                None => (
                    false,
                    "excluded".into(),
                    format!(
                        "has no rank: left out of the ranking ({})",
                        ps.excluded.join("; ")
                    ),
                ),
            };
            out.push(verdict(
                "max-rank".into(),
                format!("<= {k}"),
                actual,
                ok,
                message,
                None,
            ));
        }
    }
}

/// The goal of the failed score thresholds (`min-score`, `min/REQ`, `max-rank`), and the
/// fewest upgrades that reach it; `None` when none of them failed.
pub(super) fn to_pass(
    eval: &score::Evaluation<'_>,
    d: &Descriptor,
    profile: &Profile,
    policy: &Policy,
    assertions: &[Assertion],
) -> Option<crate::decide::fewest::Plan> {
    use crate::decide::fewest::{self, Goal};
    let failed = |rule: &str| {
        assertions
            .iter()
            .any(|a| a.rule == rule && a.verdict == Verdict::Fail)
    };
    let mut goal = Goal::default();
    let mut any = false;
    if let Some(min) = policy.min_score.filter(|_| failed("min-score")) {
        goal.overall = Some(min / 100.0);
        any = true;
    }
    for (r, min) in &policy.min {
        if failed(&format!("min/{}", REQUIREMENTS[*r].id)) {
            goal.requirements[*r] = Some(min / 100.0);
            any = true;
        }
    }
    if let Some(k) = policy.max_rank.filter(|_| failed("max-rank")) {
        any = true;
        match fewest::rank_goal(eval, &d.id, k) {
            Some(g) => {
                goal.overall = match (goal.overall, g.overall) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
            None => {
                return Some(Err(
                    "it is left out of the ranking by a gate, so no level upgrade gives it a rank"
                        .into(),
                ));
            }
        }
    }
    any.then(|| fewest::fewest(d, profile, &goal))
}

pub(super) fn bad_flag(message: String, help: &str) -> Diagnostic {
    Diagnostic::error("bad-flag", message).with_help(help)
}

pub(super) fn verdict(
    rule: String,
    expected: String,
    actual: String,
    ok: bool,
    message: String,
    location: Option<Location>,
) -> Assertion {
    Assertion {
        rule,
        expected,
        actual,
        verdict: if ok { Verdict::Pass } else { Verdict::Fail },
        message,
        location,
        waiver: None,
    }
}
