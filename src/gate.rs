//! The `check` policy: assertions on the chosen platform, waivers, a baseline, the verdict.
//!
//! Every assertion is evaluated and reported, not only the first failure; the exit code
//! follows from the verdicts alone, whatever the output format.

use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use crate::analysis::Method;
use crate::catalog::descriptor::{Claim, Descriptor};
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span, did_you_mean, suggest};
use crate::profile::{Constraint, Profile, WaiverTarget};
use crate::requirements::{self, COUNT, Level, REQUIREMENTS};
use crate::score::{self, PlatformScore};

/// Policy given on the command line; each flag wins over the profile's `[policy]`.
#[derive(Debug, Default, Clone)]
pub struct Flags {
    pub min_score: Option<f64>,
    /// `REQ=N`
    pub min: Vec<String>,
    /// `REQ.CRIT=LEVEL`
    pub require: Vec<String>,
    pub max_rank: Option<usize>,
    pub baseline: Option<String>,
    pub max_drop: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    /// Failed, but excused by an unexpired waiver.
    Waived,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Waived => "waived",
        }
    }
}

/// A place in a descriptor or profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// A place in the built-in catalog, compiled into the binary: not a file of the user's
    /// repository, so CI annotations leave it out.
    pub builtin: bool,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[derive(Debug, Clone)]
pub struct Assertion {
    /// Stable rule id: `min-score`, `min/observability`, `require/resilience.health_checks`,
    /// `require/hosting`, `require/kind`, `max-rank`, `max-drop`, `regression/observability`,
    /// `waiver-expired/resilience.autoscaling`.
    pub rule: String,
    pub expected: String,
    pub actual: String,
    pub verdict: Verdict,
    /// One sentence saying what was checked and what was found.
    pub message: String,
    pub location: Option<Location>,
    /// The waiver that excuses it: reason and expiry.
    pub waiver: Option<(String, Date)>,
}

/// Everything a check report shows.
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub platform_id: String,
    pub platform_name: String,
    pub origin: String,
    /// File and line of the descriptor, for reports that need a place for every finding.
    pub descriptor_location: Location,
    pub profile: String,
    pub method: &'static str,
    /// ×100.
    pub score: f64,
    pub rank: Option<usize>,
    pub ranked: usize,
    /// ×100, in table order.
    pub requirements: [f64; COUNT],
    pub assertions: Vec<Assertion>,
    /// When a `min-score`, `min/REQ` or `max-rank` assertion fails (under WSM): the fewest
    /// upgrades that would pass them all, or why none would.
    pub to_pass: Option<crate::decide::fewest::Plan>,
}

impl CheckResult {
    pub fn count(&self, v: Verdict) -> usize {
        self.assertions.iter().filter(|a| a.verdict == v).count()
    }

    pub fn passed(&self) -> bool {
        self.count(Verdict::Fail) == 0
    }

    /// The last line of every format: the verdict, matching the exit code.
    pub fn summary(&self) -> String {
        let total = self.assertions.len();
        let noun = if total == 1 {
            "assertion"
        } else {
            "assertions"
        };
        let waived = match self.count(Verdict::Waived) {
            0 => String::new(),
            n => format!(" ({n} waived)"),
        };
        if self.passed() {
            format!(
                "check passed: {} meets {} of {total} {noun}{waived}",
                self.platform_id,
                total - self.count(Verdict::Fail)
            )
        } else {
            format!(
                "check failed: {} fails {} of {total} {noun}{waived}",
                self.platform_id,
                self.count(Verdict::Fail)
            )
        }
    }
}

/// Runs the check; `None` when the input is bad (reported into `diags`).
pub fn check(
    id: &str,
    platforms: &[Descriptor],
    profile: &Profile,
    method: Method,
    flags: &Flags,
    today: Date,
    diags: &mut Diagnostics,
) -> Option<CheckResult> {
    let before = diags.error_count();
    let policy = Policy::assemble(profile, flags, diags);
    let baseline = flags
        .baseline
        .as_deref()
        .and_then(|path| read_baseline(path, id, diags));
    let Some(d) = platforms.iter().find(|d| d.id == id) else {
        diags.push(unknown_platform(id, platforms));
        return None;
    };
    if diags.error_count() > before {
        return None;
    }
    let eval = score::evaluate(platforms, profile, method);
    let ps = eval.platforms.iter().find(|p| p.platform.id == id)?;
    let ranked = eval.platforms.iter().filter(|p| p.rank.is_some()).count();

    let mut assertions = Vec::new();
    policy.assert_all(d, ps, ranked, &mut assertions);
    if let Some(b) = &baseline {
        assert_baseline(
            b,
            ps,
            &policy,
            flags.max_drop.unwrap_or(0.0),
            d,
            &mut assertions,
        );
    }
    apply_waivers(profile, today, &mut assertions, diags);
    let to_pass = (method == Method::Wsm)
        .then(|| to_pass(&eval, d, profile, &policy, &assertions))
        .flatten();
    if assertions.is_empty() {
        diags.push(
            Diagnostic::error("empty-policy", format!("nothing to check for `{id}`: the policy is empty"))
                .with_help("give thresholds with --min-score, --min REQ=N, --require CRIT=LEVEL or --max-rank, or a profile with [policy]"),
        );
        return None;
    }
    Some(CheckResult {
        platform_id: d.id.clone(),
        platform_name: d.name.clone(),
        origin: d.origin().to_owned(),
        descriptor_location: location(
            d,
            d.id_span.or(Some(Span {
                line: 1,
                column: 1,
                ..Span::default()
            })),
        ),
        profile: profile.name.clone(),
        method: method.as_str(),
        score: ps.score * 100.0,
        rank: ps.rank,
        ranked,
        requirements: std::array::from_fn(|r| ps.requirements[r].score * 100.0),
        assertions,
        to_pass,
    })
}

/// The `unknown-platform` error, with the closest id.
pub fn unknown_platform(id: &str, platforms: &[Descriptor]) -> Diagnostic {
    let help = match did_you_mean(id, platforms.iter().map(|d| d.id.as_str())) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "run `platform-eval list` to see the loaded platforms".to_owned(),
    };
    Diagnostic::error("unknown-platform", format!("no platform with id `{id}`")).with_help(help)
}

/// Where a claim is written: in the base's file when it is inherited, else in this
/// descriptor's (its requirement's key, or the top, when it is left out).
fn claim_location(d: &Descriptor, claim: &Claim, r: usize) -> Location {
    match (&claim.inherited, claim.span) {
        (Some(base), Some(s)) => Location {
            file: base.file.to_string(),
            line: s.line,
            column: s.column,
            builtin: base.builtin,
        },
        _ => location(d, claim.span.or(d.requirement_spans[r])),
    }
}

fn location(d: &Descriptor, span: Option<Span>) -> Location {
    let s = span.unwrap_or(Span {
        line: 1,
        column: 1,
        ..Span::default()
    });
    Location {
        file: d.file.name.clone(),
        line: s.line,
        column: s.column,
        builtin: d.builtin,
    }
}

/// The profile's policy with the flags applied.
struct Policy {
    min_score: Option<f64>,
    min: Vec<(usize, f64)>,
    max_rank: Option<usize>,
    /// `(requirement, criterion, level, from a flag)`.
    require: Vec<(usize, usize, Level)>,
    hosting: Option<Vec<crate::catalog::descriptor::Hosting>>,
    kind: Option<Vec<crate::catalog::descriptor::Kind>>,
}

impl Policy {
    fn assemble(profile: &Profile, flags: &Flags, diags: &mut Diagnostics) -> Policy {
        let mut p = Policy {
            min_score: flags.min_score.or(profile.policy.min_score),
            min: profile.policy.min.clone(),
            max_rank: flags.max_rank.or(profile.policy.max_rank),
            require: profile.policy.require.clone(),
            hosting: None,
            kind: None,
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
            let Some((r, c)) = requirements::parse_criterion_path(path.trim()) else {
                let known = requirements::criterion_paths();
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                diags.push(bad_flag(
                    format!("`--require {arg}`: unknown criterion `{path}`"),
                    &suggest(path, &known),
                ));
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

    fn assert_all(
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
                        "has no rank: excluded by [require] ({})",
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
fn to_pass(
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
                    "it is excluded by [require], so no level upgrade gives it a rank".into(),
                ));
            }
        }
    }
    any.then(|| fewest::fewest(d, profile, &goal))
}

fn bad_flag(message: String, help: &str) -> Diagnostic {
    Diagnostic::error("bad-flag", message).with_help(help)
}

fn verdict(
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

/// Scores from an earlier `evaluate --format json` or `check --format json`.
#[derive(Debug, Clone)]
struct Baseline {
    file: String,
    score: f64,
    requirements: [Option<f64>; COUNT],
}

fn read_baseline(path: &str, id: &str, diags: &mut Diagnostics) -> Option<Baseline> {
    let text = match std::fs::read_to_string(Path::new(path)) {
        Ok(t) => t,
        Err(e) => {
            diags.push(
                Diagnostic::error("unreadable", format!("cannot read baseline `{path}`: {e}"))
                    .with_help(
                        "give an earlier `evaluate --format json` or `check --format json` output",
                    ),
            );
            return None;
        }
    };
    let file = Arc::new(SourceFile {
        name: path.to_owned(),
        text,
    });
    let doc: serde_json::Value = match serde_json::from_str(&file.text) {
        Ok(v) => v,
        Err(e) => {
            let offset = file
                .text
                .split_inclusive('\n')
                .take(e.line().saturating_sub(1))
                .map(str::len)
                .sum::<usize>()
                + e.column().saturating_sub(1);
            diags.push(
                Diagnostic::error(
                    "bad-baseline",
                    format!("the baseline is not valid JSON: {e}"),
                )
                .at(&file, Span::from_range(&file.text, offset, offset))
                .with_help(
                    "give an earlier `evaluate --format json` or `check --format json` output",
                ),
            );
            return None;
        }
    };
    // `check --format json` has one `platform`; `evaluate --format json` a list.
    let entry = doc.get("platform").filter(|p| p["id"] == id).or_else(|| {
        doc.get("platforms")?
            .as_array()?
            .iter()
            .find(|p| p["id"] == id)
    });
    let Some(entry) = entry else {
        diags.push(Diagnostic::error("bad-baseline", format!("the baseline has no platform `{id}`")).in_file(&file).with_help("make the baseline with the same platform, e.g. `platform-eval check ID --format json > baseline.json`"));
        return None;
    };
    let Some(score) = entry["score"].as_f64() else {
        diags.push(
            Diagnostic::error(
                "bad-baseline",
                format!("the baseline's `{id}` has no `score`"),
            )
            .in_file(&file)
            .with_help("give an unedited `evaluate --format json` or `check --format json` output"),
        );
        return None;
    };
    Some(Baseline {
        file: path.to_owned(),
        score,
        requirements: std::array::from_fn(|r| {
            entry["requirements"][REQUIREMENTS[r].id]["score"].as_f64()
        }),
    })
}

fn assert_baseline(
    b: &Baseline,
    ps: &PlatformScore<'_>,
    policy: &Policy,
    max_drop: f64,
    d: &Descriptor,
    out: &mut Vec<Assertion>,
) {
    let now = ps.score * 100.0;
    let drop = b.score - now;
    let ok = drop <= max_drop + 1e-7;
    out.push(verdict(
        "max-drop".into(),
        format!("drop <= {max_drop}"),
        format!("{:.1}", drop.max(0.0)),
        ok,
        if drop >= -1e-7 {
            format!(
                "overall score fell {:.1} points since the baseline ({:.1} → {now:.1}); the limit is {max_drop:.1}",
                drop.max(0.0),
                b.score
            )
        } else {
            format!(
                "overall score rose {:.1} points since the baseline ({:.1} → {now:.1}); the limit on a fall is {max_drop:.1}",
                -drop,
                b.score
            )
        },
        None,
    ));
    for (r, min) in &policy.min {
        let Some(before) = b.requirements[*r] else {
            continue;
        };
        let now = ps.requirements[*r].score * 100.0;
        let id = REQUIREMENTS[*r].id;
        let regressed = before + 1e-7 >= *min && now + 1e-7 < *min;
        out.push(verdict(
            format!("regression/{id}"),
            format!("still >= {min}"),
            format!("{before:.1} → {now:.1}"),
            !regressed,
            if regressed {
                format!("{id} passed its minimum {min} in the baseline `{}` ({before:.1}) and fails now ({now:.1})", b.file)
            } else {
                format!("{id} has not regressed against the baseline ({before:.1} → {now:.1})")
            },
            regressed.then(|| location(d, d.requirement_spans[*r])),
        ));
    }
}

/// Waived failures become `Waived`; expired waivers fail; a waiver matching nothing warns.
fn apply_waivers(
    profile: &Profile,
    today: Date,
    out: &mut Vec<Assertion>,
    diags: &mut Diagnostics,
) {
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
            diags.push(diag);
        }
    }
    out.extend(expired);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::descriptor::Runtimes;
    use crate::profile::{Policy as ProfilePolicy, Waiver};
    use crate::score::tests::platform;
    use Level::{Native as N, None as X, Partial as P};

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn verdicts(r: &CheckResult) -> Vec<(&str, Verdict)> {
        r.assertions
            .iter()
            .map(|a| (a.rule.as_str(), a.verdict))
            .collect()
    }

    fn run(profile: &Profile, flags: &Flags) -> (Option<CheckResult>, Diagnostics) {
        let ps = vec![
            platform("a", Some(Runtimes::Any), &[N; 22]),
            platform("b", Some(Runtimes::Any), &[N, N, P, X]),
        ];
        let mut diags = Diagnostics::default();
        let r = check(
            "b",
            &ps,
            profile,
            Method::Wsm,
            flags,
            date("2026-11-24"),
            &mut diags,
        );
        (r, diags)
    }

    #[test]
    fn every_assertion_is_reported_with_its_verdict() {
        let flags = Flags {
            min_score: Some(50.0),
            min: vec!["containers=60".into()],
            require: vec![
                "containers.image_build=native".into(),
                "languages.custom_runtime=addon".into(),
            ],
            max_rank: Some(1),
            ..Flags::default()
        };
        let (r, diags) = run(&Profile::default(), &flags);
        assert!(diags.is_empty(), "{}", diags.render(false));
        let r = r.unwrap();
        let got = verdicts(&r);
        // b: containers = (1 + 0.4 + 0 + 0) / 4 = 35; overall = (100 + 35 + 0 + 0 + 0) / 5 = 27.
        assert_eq!(
            got,
            vec![
                ("min-score", Verdict::Fail),
                ("min/containers", Verdict::Fail),
                ("require/containers.image_build", Verdict::Fail),
                ("require/languages.custom_runtime", Verdict::Pass),
                ("max-rank", Verdict::Fail),
            ]
        );
        assert!((r.score - 27.0).abs() < 1e-9);
        assert!(!r.passed());
        assert_eq!(r.summary(), "check failed: b fails 4 of 5 assertions");
    }

    #[test]
    fn waivers_excuse_until_they_expire() {
        let profile = Profile {
            policy: ProfilePolicy {
                min: vec![(1, 60.0)],
                waivers: vec![
                    Waiver {
                        target: WaiverTarget::Requirement(1),
                        reason: "migrating".into(),
                        expires: date("2027-01-01"),
                        span: Span::default(),
                    },
                    Waiver {
                        target: WaiverTarget::Criterion(4, 0),
                        reason: "old".into(),
                        expires: date("2026-11-01"),
                        span: Span::default(),
                    },
                ],
                ..ProfilePolicy::default()
            },
            ..Profile::default()
        };
        let (r, diags) = run(&profile, &Flags::default());
        let r = r.unwrap();
        let got = verdicts(&r);
        assert_eq!(
            got,
            vec![
                ("min/containers", Verdict::Waived),
                ("waiver-expired/observability.metrics", Verdict::Fail)
            ]
        );
        // The expired waiver targets nothing this check asserts: also a warning.
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec!["unused-waiver"]
        );
    }

    #[test]
    fn bad_flags_and_empty_policy_are_input_errors() {
        let flags = Flags {
            min: vec!["containres=5".into()],
            require: vec!["x=native".into()],
            ..Flags::default()
        };
        let (r, diags) = run(&Profile::default(), &flags);
        assert!(r.is_none());
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            vec!["bad-flag", "bad-flag"]
        );
        let (r, diags) = run(&Profile::default(), &Flags::default());
        assert!(r.is_none());
        assert_eq!(diags.iter().next().unwrap().code, "empty-policy");
    }
}
