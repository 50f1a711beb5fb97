//! The `check` policy: assertions on the chosen platform, waivers, a baseline, the verdict.
//!
//! Every assertion is evaluated and reported, not only the first failure; the exit code
//! follows from the verdicts alone, whatever the output format.

use jiff::civil::Date;

use crate::analysis::Method;
use crate::catalog::descriptor::{Claim, Descriptor};
use crate::diag::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::profile::Profile;
use crate::requirements::COUNT;
use crate::score::{self};

mod baseline;
pub mod deployment;
mod policy;
mod waivers;

use baseline::assert_baseline;
pub use baseline::{Baseline, read_baseline};
use policy::{Policy, to_pass};
use waivers::apply_waivers;

/// Policy given on the command line; each flag wins over the profile's `[policy]`.
#[derive(Debug, Default, Clone)]
pub struct Flags {
    pub min_score: Option<f64>,
    /// `REQ=N`
    pub min: Vec<String>,
    /// `REQ.CRIT=LEVEL`
    pub require: Vec<String>,
    pub max_rank: Option<usize>,
    /// Read by [`read_baseline`] before the check, so that its problems are reported with
    /// the rest of the run's.
    pub baseline: Option<Baseline>,
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
    /// The profile's weights, normalised, in table order.
    pub weights: [f64; COUNT],
    pub assertions: Vec<Assertion>,
    /// When a `min-score`, `min/REQ` or `max-rank` assertion fails (under WSM): the fewest
    /// upgrades that would pass them all, or why none would.
    pub to_pass: Option<crate::decide::fewest::Plan>,
    /// Waivers that matched no assertion, with their place in the profile: a warning on
    /// stderr, and an annotation of its own in `--format github`.
    pub unused_waivers: Vec<(String, Option<Location>)>,
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
    if let Some(b) = &flags.baseline {
        baseline::warn_if_differs(b, profile, diags);
        assert_baseline(
            b,
            ps,
            &policy,
            flags.max_drop.unwrap_or(0.0),
            d,
            profile,
            &mut assertions,
        );
    }
    let unused_waivers = apply_waivers(profile, today, &mut assertions, diags);
    // A failure on a built-in platform has no line of the user's to point at in the
    // descriptor: point at the profile's line that asked for the assertion instead.
    if d.builtin {
        for a in assertions.iter_mut().filter(|a| a.verdict != Verdict::Pass) {
            if a.location.as_ref().is_none_or(|l| l.builtin)
                && let Some(l) = profile_location(profile, &a.rule)
            {
                a.location = Some(l);
            }
        }
    }
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
        weights: profile.normalised_weights(),
        assertions,
        to_pass,
        unused_waivers,
    })
}

/// The `unknown-platform` error, with the closest id.
pub fn unknown_platform(id: &str, platforms: &[Descriptor]) -> Diagnostic {
    // `check my-platforms/`: a path where a platform belongs (`evaluate` takes paths so).
    if std::path::Path::new(id).exists() {
        return Diagnostic::error(
            "unknown-platform",
            format!("`{id}` is a file or folder, not a platform"),
        )
        .with_help(format!(
            "load descriptors from it with `-p {id}`: here the words after the command name platforms (only `evaluate` takes paths so)"
        ));
    }
    let help = closest_platforms(id, platforms).unwrap_or_else(|| {
        "run `platform-eval list` to see the loaded platforms, their ids and aliases".to_owned()
    });
    Diagnostic::error("unknown-platform", format!("no platform with id `{id}`")).with_help(help)
}

/// What a mistyped platform name most likely meant. First the platforms whose id or an alias
/// holds every typed word as a whole word (`cloud-run` is in `google-cloud-run`, not in
/// `cloud-foundry`); then the closest id or alias by spelling, an alias named with its id.
fn closest_platforms(typed: &str, platforms: &[Descriptor]) -> Option<String> {
    let lower = typed.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    let names = |d: &Descriptor| -> Vec<String> {
        std::iter::once(d.id.clone())
            .chain(d.aliases.iter().map(|(a, _)| a.clone()))
            .collect()
    };
    let mut whole: Vec<&str> = platforms
        .iter()
        .filter(|d| {
            !words.is_empty()
                && names(d).iter().any(|n| {
                    let parts: Vec<&str> = n.split('-').collect();
                    words.iter().all(|w| parts.contains(w))
                })
        })
        .map(|d| d.id.as_str())
        .collect();
    whole.sort_unstable();
    match whole.as_slice() {
        [one] => return Some(format!("did you mean `{one}`?")),
        several @ [_, _, ..] if several.len() <= 5 => {
            let list: Vec<String> = several.iter().map(|i| format!("`{i}`")).collect();
            return Some(format!("did you mean one of {}?", list.join(", ")));
        }
        _ => {}
    }
    let candidates: Vec<(String, &str)> = platforms
        .iter()
        .flat_map(|d| names(d).into_iter().map(move |n| (n, d.id.as_str())))
        .collect();
    let best = did_you_mean(&lower, candidates.iter().map(|(n, _)| n.as_str()))?;
    let (_, id) = candidates.iter().find(|(n, _)| n == best)?;
    Some(if best == *id {
        format!("did you mean `{id}`?")
    } else {
        format!("did you mean `{best}` ({id})?")
    })
}

/// The profile line that asked for the assertion `rule` (`min-score`, `min/REQ`, `max-rank`,
/// `require/CRIT`), when the profile's `[policy]` or `[require]` wrote it.
fn profile_location(profile: &Profile, rule: &str) -> Option<Location> {
    let file = profile.file.as_ref()?;
    let at = profile.policy.spans.get(rule)?;
    let s = file.span(at.start, at.end);
    Some(Location {
        file: file.name.clone(),
        line: s.line,
        column: s.column,
        builtin: false,
    })
}

/// Where a claim is written: in the base's file when it is inherited, else in this
/// descriptor's (its requirement's key, or the top, when it is left out).
fn claim_location(d: &Descriptor, claim: &Claim, r: usize) -> Location {
    match (&claim.inherited, claim.span) {
        // A claim a user's variant takes from the built-in catalog: the user's `extends:`
        // line is the place they answer for it.
        (Some(base), _) if base.builtin && !d.builtin => {
            location(d, d.extends.as_ref().and_then(|e| e.span))
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::descriptor::Runtimes;
    use crate::profile::WaiverTarget;
    use crate::profile::{Policy as ProfilePolicy, Waiver};
    use crate::requirements::Level;
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
