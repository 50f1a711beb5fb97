//! The one table of requirements, criteria, levels and languages.
//!
//! Parsing, scoring, help text and docs all read these tables; nothing else in the crate spells
//! out the list of criteria.

use std::fmt;

/// How a criterion gets its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Stated in the descriptor as a level.
    Level,
    /// Derived from `runtimes` and the team's languages (`language_coverage`).
    LanguageCoverage,
}

#[derive(Debug)]
pub struct Criterion {
    pub id: &'static str,
    pub meaning: &'static str,
    pub source: Source,
}

#[derive(Debug)]
pub struct Requirement {
    pub id: &'static str,
    pub title: &'static str,
    /// The wording of the document the five requirements come from.
    pub source_wording: &'static str,
    pub meaning: &'static str,
    pub criteria: &'static [Criterion],
}

impl Requirement {
    pub fn criterion_index(&self, id: &str) -> Option<usize> {
        self.criteria.iter().position(|c| c.id == id)
    }
}

const fn level(id: &'static str, meaning: &'static str) -> Criterion {
    Criterion {
        id,
        meaning,
        source: Source::Level,
    }
}

/// Number of requirements; fixed in format version 1.
pub const COUNT: usize = 5;

pub static REQUIREMENTS: [Requirement; COUNT] = [
    Requirement {
        id: "languages",
        title: "Multi-language support",
        source_wording: "支持多语言开发",
        meaning: "services written in the team's languages run on it",
        criteria: &[
            Criterion {
                id: "language_coverage",
                meaning: "share of the team's languages with first-class support (from `runtimes`)",
                source: Source::LanguageCoverage,
            },
            level(
                "custom_runtime",
                "runs a language that is not listed (container image, custom runtime)",
            ),
        ],
    },
    Requirement {
        id: "containers",
        title: "Containerized deployment",
        source_wording: "支持容器化部署",
        meaning: "it runs and builds container images",
        criteria: &[
            level("oci_images", "runs OCI / Docker images"),
            level(
                "image_build",
                "builds images from a Dockerfile or from source",
            ),
            level("private_registry", "pulls images from private registries"),
            level(
                "multi_container",
                "several containers per service or instance (sidecars)",
            ),
        ],
    },
    Requirement {
        id: "automation",
        title: "Automated deployment",
        source_wording: "支持自动化部署",
        meaning: "deploys happen from config and CI, safely, without hand work",
        criteria: &[
            level(
                "declarative_config",
                "deploys described in versioned config files",
            ),
            level(
                "ci_integration",
                "deploys from CI (official CLI, actions, API, git push)",
            ),
            level("rolling_update", "zero-downtime rolling deploys"),
            level(
                "rollback",
                "rolls back to a previous release with one command",
            ),
            level("auto_rollback", "rolls back by itself when a deploy fails"),
            level(
                "progressive_delivery",
                "canary or blue-green with traffic splitting",
            ),
        ],
    },
    Requirement {
        id: "resilience",
        title: "Load balancing and fault tolerance",
        source_wording: "支持负载均衡和容错",
        meaning: "traffic is spread, failures are detected and healed",
        criteria: &[
            level("load_balancer", "spreads traffic across instances"),
            level("health_checks", "liveness and readiness checks"),
            level("self_healing", "restarts or replaces failed instances"),
            level("autoscaling", "scales instances with load"),
            level("multi_zone", "spreads instances across zones or regions"),
            level("service_discovery", "services find each other by name"),
        ],
    },
    Requirement {
        id: "observability",
        title: "Monitoring and log collection",
        source_wording: "支持监控和日志收集",
        meaning: "metrics, logs and traces are collected and can alert",
        criteria: &[
            level("metrics", "CPU, memory and request metrics are collected"),
            level(
                "log_collection",
                "stdout/stderr logs are collected centrally",
            ),
            level("tracing", "distributed tracing"),
            level("alerting", "alerts on metrics or logs"),
            level("dashboards", "built-in dashboards"),
        ],
    },
];

pub fn requirement_index(id: &str) -> Option<usize> {
    REQUIREMENTS.iter().position(|r| r.id == id)
}

/// Every criterion as `(requirement index, criterion index)`, in table order.
pub fn all_criteria() -> impl Iterator<Item = (usize, usize)> {
    REQUIREMENTS
        .iter()
        .enumerate()
        .flat_map(|(r, req)| (0..req.criteria.len()).map(move |c| (r, c)))
}

/// Total number of criteria over all requirements.
pub fn criteria_count() -> usize {
    REQUIREMENTS.iter().map(|r| r.criteria.len()).sum()
}

/// Looks up `requirement.criterion` (for example `resilience.health_checks`).
pub fn parse_criterion_path(path: &str) -> Option<(usize, usize)> {
    let (req, crit) = path.split_once('.')?;
    let r = requirement_index(req)?;
    let c = REQUIREMENTS[r].criterion_index(crit)?;
    Some((r, c))
}

/// Every `requirement.criterion` path, for suggestions.
pub fn criterion_paths() -> Vec<String> {
    all_criteria()
        .map(|(r, c)| format!("{}.{}", REQUIREMENTS[r].id, REQUIREMENTS[r].criteria[c].id))
        .collect()
}

/// The requirements, their criteria and the levels, as shown in `--help`.
pub fn criteria_help() -> String {
    use std::fmt::Write as _;
    let mut out = String::from("Requirements and their criteria:\n");
    for req in &REQUIREMENTS {
        let _ = writeln!(out, "  {} — {} ({})", req.id, req.title, req.meaning);
        for c in req.criteria {
            let _ = writeln!(out, "      {:<21} {}", c.id, c.meaning);
        }
    }
    out.push_str("\nLevels:\n");
    for l in Level::ALL {
        let _ = writeln!(out, "  {:<8} {}", l.as_str(), l.meaning());
    }
    out
}

/// How well a platform offers a criterion.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Level {
    None,
    Partial,
    Addon,
    Native,
    Unknown,
}

impl Level {
    /// The levels a descriptor may state, best first.
    pub const ALL: [Level; 5] = [
        Level::Native,
        Level::Addon,
        Level::Partial,
        Level::None,
        Level::Unknown,
    ];
    /// The levels that carry a value in a profile, best first.
    pub const KNOWN: [Level; 4] = [Level::Native, Level::Addon, Level::Partial, Level::None];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Native => "native",
            Level::Addon => "addon",
            Level::Partial => "partial",
            Level::None => "none",
            Level::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Level::Native => "built in, on by default or one switch away",
            Level::Addon => {
                "an add-on the platform's own docs give, plugged into a hook it has; extra setup"
            }
            Level::Partial => "limited: deploy time only, some tiers, or part of the criterion",
            Level::None => "not offered",
            Level::Unknown => "the documentation does not settle it",
        }
    }

    /// Rank of a known level for "at least this level" comparisons.
    pub fn strength(self) -> Option<u8> {
        match self {
            Level::None => Some(0),
            Level::Partial => Some(1),
            Level::Addon => Some(2),
            Level::Native => Some(3),
            Level::Unknown => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A programming language: canonical id, aliases, and the host runtime it runs on, if any.
#[derive(Debug)]
pub struct Language {
    pub id: &'static str,
    pub aliases: &'static [&'static str],
    /// A language that compiles to or runs on another's runtime counts as covered where that
    /// runtime is listed (TypeScript on a JavaScript runtime, Kotlin on the JVM).
    pub runs_on: Option<&'static str>,
}

const fn lang(id: &'static str, aliases: &'static [&'static str]) -> Language {
    Language {
        id,
        aliases,
        runs_on: None,
    }
}

const fn hosted(id: &'static str, aliases: &'static [&'static str], on: &'static str) -> Language {
    Language {
        id,
        aliases,
        runs_on: Some(on),
    }
}

pub static LANGUAGES: &[Language] = &[
    lang("go", &["golang"]),
    lang("java", &["jvm"]),
    lang("python", &["py", "python3"]),
    lang("javascript", &["js", "node", "nodejs", "node.js"]),
    hosted("typescript", &["ts"], "javascript"),
    lang("ruby", &["rb"]),
    lang("php", &[]),
    lang("csharp", &["c#", "dotnet", ".net", "cs"]),
    lang("rust", &["rs"]),
    hosted("kotlin", &["kt"], "java"),
    hosted("scala", &[], "java"),
    hosted("clojure", &[], "java"),
    hosted("groovy", &[], "java"),
    hosted("fsharp", &["f#"], "csharp"),
    lang("elixir", &["ex"]),
    lang("erlang", &[]),
    lang("swift", &[]),
    lang("dart", &[]),
    lang("c", &[]),
    lang("cpp", &["c++", "cplusplus"]),
    lang("haskell", &["hs"]),
    lang("perl", &[]),
    lang("lua", &[]),
    lang("r", &[]),
    lang("crystal", &[]),
    lang("zig", &[]),
    lang("ocaml", &[]),
];

/// The canonical language for a name or alias (case-insensitive).
pub fn language(name: &str) -> Option<&'static Language> {
    let name = name.trim().to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|l| l.id == name || l.aliases.contains(&name.as_str()))
}

/// Every name a language may be written as, canonical ids first, for suggestions.
pub fn language_names() -> Vec<&'static str> {
    LANGUAGES
        .iter()
        .map(|l| l.id)
        .chain(LANGUAGES.iter().flat_map(|l| l.aliases.iter().copied()))
        .collect()
}

/// The team languages used when the profile names none: a common set of eight.
pub const DEFAULT_LANGUAGES: [&str; 8] = [
    "go",
    "java",
    "python",
    "javascript",
    "typescript",
    "csharp",
    "ruby",
    "php",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for req in &REQUIREMENTS {
            assert!(seen.insert(req.id), "duplicate requirement {}", req.id);
            for c in req.criteria {
                assert!(seen.insert(c.id), "duplicate criterion {}", c.id);
                assert!(c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'));
            }
        }
        assert_eq!(criteria_count(), 23);
    }

    #[test]
    fn aliases_resolve_to_canonical_ids() {
        assert_eq!(language("NodeJS").unwrap().id, "javascript");
        assert_eq!(language("golang").unwrap().id, "go");
        assert_eq!(language("C#").unwrap().id, "csharp");
        assert_eq!(language("dotnet").unwrap().id, "csharp");
        assert!(language("cobol").is_none());
        for l in LANGUAGES {
            if let Some(host) = l.runs_on {
                assert!(language(host).is_some(), "{} runs on unknown {host}", l.id);
            }
        }
    }

    #[test]
    fn criterion_paths_round_trip() {
        for path in criterion_paths() {
            let (r, c) = parse_criterion_path(&path).unwrap();
            assert_eq!(
                format!("{}.{}", REQUIREMENTS[r].id, REQUIREMENTS[r].criteria[c].id),
                path
            );
        }
        assert!(parse_criterion_path("resilience.nope").is_none());
    }
}
