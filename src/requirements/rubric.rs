//! The rubric: what each level means for each criterion, and the fixed vocabulary of reasons
//! (`basis`) a claim may give for its level.
//!
//! A basis names a *situation* ("a separate service of the same vendor", "only by instance
//! count"), and each situation has exactly one level, so the same situation gets the same level
//! on every platform. `validate --strict` holds a claim to it (see [`crate::catalog::lint`]).

use std::fmt;

use super::Level;

/// What each level means for one criterion, in observable terms, with a boundary example.
#[derive(Debug)]
pub struct Rubric {
    pub native: &'static str,
    pub addon: &'static str,
    pub partial: &'static str,
    pub none: &'static str,
    /// A case near a boundary and the level it gets.
    pub example: &'static str,
}

impl Rubric {
    /// The meaning of `level` for this criterion; `None` for `unknown`.
    pub fn meaning(&self, level: Level) -> Option<&'static str> {
        match level {
            Level::Native => Some(self.native),
            Level::Addon => Some(self.addon),
            Level::Partial => Some(self.partial),
            Level::None => Some(self.none),
            Level::Unknown => None,
        }
    }
}

/// The rules every criterion's rubric follows, shown before the criteria.
pub const GENERAL: &[&str] = &[
    "native: built into the platform itself, on by default or one setting away, generally available; a sibling service of the same vendor that the platform's own deploy path calls for you still counts (basis `wired-in`).",
    "addon: the same from something set up separately that the platform's own vendor or project ships, supports or sells for that platform (an official operator or add-on, a marketplace add-on, a separate service of the same vendor set up per application).",
    "partial: only part of the criterion, only while deploying, only on some paid tiers (the note names them), in preview or beta, by hand-edited config, or by instance ratio.",
    "none: not offered, done outside the platform with your own tools, or only by running a generic tool yourself as one more workload (Prometheus, Alertmanager, Grafana, Jaeger, Argo CD from a community pack): none on every platform alike.",
    "Self-hosted software is judged on what it does once installed, on the hosts you give it.",
    "When several bases apply, the weakest decides: an official add-on that covers only part of the criterion is partial.",
];

/// Why a claim has its level: one word per situation, each allowing exactly one level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Basis {
    WiredIn,
    OfficialAddon,
    VendorService,
    Subset,
    DeployTimeOnly,
    HealthGated,
    ReplicaRatio,
    Manual,
    Tier,
    Preview,
    SelfRun,
    External,
    Absent,
    Undocumented,
}

impl Basis {
    pub const ALL: [Basis; 14] = [
        Basis::WiredIn,
        Basis::OfficialAddon,
        Basis::VendorService,
        Basis::Subset,
        Basis::DeployTimeOnly,
        Basis::HealthGated,
        Basis::ReplicaRatio,
        Basis::Manual,
        Basis::Tier,
        Basis::Preview,
        Basis::SelfRun,
        Basis::External,
        Basis::Absent,
        Basis::Undocumented,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::WiredIn => "wired-in",
            Basis::OfficialAddon => "official-addon",
            Basis::VendorService => "vendor-service",
            Basis::Subset => "subset",
            Basis::DeployTimeOnly => "deploy-time-only",
            Basis::HealthGated => "health-gated",
            Basis::ReplicaRatio => "replica-ratio",
            Basis::Manual => "manual",
            Basis::Tier => "tier",
            Basis::Preview => "preview",
            Basis::SelfRun => "self-run",
            Basis::External => "external",
            Basis::Absent => "absent",
            Basis::Undocumented => "undocumented",
        }
    }

    pub fn parse(s: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// The one level this situation gets.
    pub fn level(self) -> Level {
        match self {
            Basis::WiredIn => Level::Native,
            Basis::OfficialAddon | Basis::VendorService => Level::Addon,
            Basis::Subset
            | Basis::DeployTimeOnly
            | Basis::HealthGated
            | Basis::ReplicaRatio
            | Basis::Manual
            | Basis::Tier
            | Basis::Preview => Level::Partial,
            Basis::SelfRun | Basis::External | Basis::Absent => Level::None,
            Basis::Undocumented => Level::Unknown,
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Basis::WiredIn => {
                "a sibling service of the same vendor that the platform's own deploy path calls for you"
            }
            Basis::OfficialAddon => {
                "an add-on, operator or marketplace add-on the platform's vendor or project ships or supports for it, installed separately"
            }
            Basis::VendorService => {
                "a separate service of the same vendor, set up per application or cluster"
            }
            Basis::Subset => {
                "only part of the criterion: some protocols, resources or languages, one host, one of the things asked"
            }
            Basis::DeployTimeOnly => "acts only while deploying, not while the service runs",
            Basis::HealthGated => {
                "a new version that fails its start or readiness checks never takes traffic and the old one keeps serving, but nothing reverts a version that passed them"
            }
            Basis::ReplicaRatio => "traffic is split only by instance count",
            Basis::Manual => "only by hand-edited config or hand steps each time",
            Basis::Tier => "only on some paid tiers or plans (the note names them)",
            Basis::Preview => "the feature is in preview or beta",
            Basis::SelfRun => "only by running a generic tool yourself as one more workload",
            Basis::External => {
                "done outside the platform with your own tools (an image built in your CI)"
            }
            Basis::Absent => "not offered",
            Basis::Undocumented => "the vendor's documentation does not settle it",
        }
    }

    /// The words for `level`, for messages and help.
    pub fn for_level(level: Level) -> impl Iterator<Item = Basis> {
        Basis::ALL.into_iter().filter(move |b| b.level() == level)
    }

    pub fn names() -> Vec<&'static str> {
        Basis::ALL.iter().map(|b| b.as_str()).collect()
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One line per basis word, `prefix` first: the word, its level and its meaning.
pub fn basis_lines(prefix: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for b in Basis::ALL {
        let _ = writeln!(
            out,
            "{prefix}{:<17} {:<8} {}",
            b.as_str(),
            b.level().as_str(),
            b.meaning()
        );
    }
    out
}

/// The rubric as text: the general rules, the basis words, then every criterion's levels.
/// `show --rubric` prints it; `--help` prints its first part.
pub fn text() -> String {
    use std::fmt::Write as _;
    let mut out = String::from("The rubric: what each level means, criterion by criterion\n\n");
    for rule in GENERAL {
        let _ = writeln!(out, "- {rule}");
    }
    out.push_str("\nBasis: why a claim has its level (each word allows one level)\n");
    out.push_str(&basis_lines("  "));
    for req in &super::REQUIREMENTS {
        let _ = writeln!(out, "\n{} — {}", req.id, req.title);
        for c in req.criteria {
            let _ = writeln!(out, "  {}.{}: {}", req.id, c.id, c.meaning);
            if c.source == super::Source::LanguageCoverage {
                let _ = writeln!(out, "    derived  {}", c.rubric.example);
                continue;
            }
            for level in Level::KNOWN {
                if let Some(m) = c.rubric.meaning(level) {
                    let _ = writeln!(out, "    {:<8} {m}", level.as_str());
                }
            }
            let _ = writeln!(out, "    example  {}", c.rubric.example);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_basis_word_reads_back_and_allows_one_level() {
        for b in Basis::ALL {
            assert_eq!(Basis::parse(b.as_str()), Some(b));
        }
        // Every stated level has at least one word; native needs none, but may say wired-in.
        for level in Level::ALL {
            assert!(Basis::for_level(level).next().is_some(), "{level}");
        }
        assert_eq!(Basis::parse("addon"), None);
    }

    #[test]
    fn every_criterion_has_a_rubric_for_every_known_level() {
        for req in &super::super::REQUIREMENTS {
            for c in req.criteria {
                for level in Level::KNOWN {
                    let m = c.rubric.meaning(level).unwrap();
                    assert!(!m.trim().is_empty(), "{}.{} {level}", req.id, c.id);
                }
                assert!(!c.rubric.example.is_empty(), "{}.{}", req.id, c.id);
            }
        }
    }
}
