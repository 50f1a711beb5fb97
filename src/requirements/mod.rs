//! The one table of requirements, criteria, levels and languages.
//!
//! Parsing, scoring, help text and docs all read these tables; nothing else in the crate spells
//! out the list of criteria.

use std::fmt;

mod rubric;

pub use rubric::{Basis, GENERAL as RUBRIC_RULES, Rubric, basis_lines, text as rubric_text};

/// How a criterion gets its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Stated in the descriptor as a level.
    Level,
    /// Derived from `runtimes` and the team's languages (`language_coverage`).
    LanguageCoverage,
    /// Derived from one of the descriptor's decisive facts (`operations`, `idle_cost`) through
    /// the rubric (`Facts::level_of`).
    Fact,
}

#[derive(Debug)]
pub struct Criterion {
    pub id: &'static str,
    pub meaning: &'static str,
    pub source: Source,
    /// What each level means for this criterion.
    pub rubric: Rubric,
}

#[derive(Debug)]
pub struct Requirement {
    pub id: &'static str,
    /// A short column header for narrow tables.
    pub short: &'static str,
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

const fn level(id: &'static str, meaning: &'static str, rubric: Rubric) -> Criterion {
    Criterion {
        id,
        meaning,
        source: Source::Level,
        rubric,
    }
}

/// Number of requirements: the document's five, then the optional ones.
pub const COUNT: usize = 7;

/// The five requirements of the document this project started from come first; the ones
/// after them (`operations`, `idle_cost`) are scored from facts and weigh 0 unless a profile
/// or `--weight` sets a weight, so the default answer is the five.
pub const CORE: usize = 5;

/// A weight for each requirement when a profile does not set it: 1 for the five, 0 for the
/// optional ones.
pub const DEFAULT_WEIGHTS: [f64; COUNT] = [1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0];

/// Whether requirement `r` is one of the optional ones beyond the document's five.
pub fn is_optional(r: usize) -> bool {
    r >= CORE
}

/// The requirements a report shows: the five, and an optional one only when it is weighted.
pub fn shown(weights: &[f64; COUNT]) -> impl Iterator<Item = usize> + '_ {
    (0..COUNT).filter(|&r| !is_optional(r) || weights[r] > 0.0)
}

const fn fact(id: &'static str, meaning: &'static str, rubric: Rubric) -> Criterion {
    Criterion {
        id,
        meaning,
        source: Source::Fact,
        rubric,
    }
}

pub static REQUIREMENTS: [Requirement; COUNT] = [
    Requirement {
        id: "languages",
        short: "lang",
        title: "Multi-language support",
        source_wording: "支持多语言开发",
        meaning: "services written in the team's languages run on it",
        criteria: &[
            Criterion {
                id: "language_coverage",
                meaning: "share of the team's languages with first-class support (from `runtimes`)",
                source: Source::LanguageCoverage,
                rubric: Rubric {
                    native: "derived: a team language listed in `runtimes` (or `runtimes: any`) counts 1",
                    addon: "derived: a team language not listed counts what `custom_runtime` is worth",
                    partial: "derived: the mean over the team's languages",
                    none: "derived: no team language listed and `custom_runtime: none`",
                    example: "from `runtimes` and the team's languages: a listed language counts 1, another what `custom_runtime` is worth",
                },
            },
            level(
                "custom_runtime",
                "runs a language that is not listed (container image, custom runtime)",
                Rubric {
                    native: "you deploy a container image, or a binary or custom runtime the platform runs as is, so any language runs",
                    addon: "an official custom runtime or buildpack of the vendor must be added per application",
                    partial: "only a few more languages (a fixed set of buildpacks), or custom runtimes in one mode or environment only",
                    none: "only the listed runtimes",
                    example: "App Engine: the standard environment runs only its runtimes, the flexible one a Dockerfile: one mode only, partial (subset)",
                },
            ),
        ],
    },
    Requirement {
        id: "containers",
        short: "cont",
        title: "Containerized deployment",
        source_wording: "支持容器化部署",
        meaning: "it runs and builds container images",
        criteria: &[
            level(
                "oci_images",
                "runs OCI / Docker images",
                Rubric {
                    native: "an OCI / Docker image from a registry is the unit you deploy",
                    addon: "images run through an official add-on or a separate service of the vendor",
                    partial: "only images that meet a restriction ordinary images do not (a vendor runtime interface, the vendor's registry only, one mode only)",
                    none: "deploys source code or packages only",
                    example: "Lambda runs images only from ECR and only if they speak the Lambda Runtime API: partial (subset)",
                },
            ),
            level(
                "image_build",
                "builds images from a Dockerfile or from source",
                Rubric {
                    native: "the platform's own deploy path builds from a Dockerfile or source (git push, `deploy --source`), even through a wired-in sibling build service",
                    addon: "a vendor build service set up separately for it (Cloud Build for GKE, ACR Tasks for AKS, CodeBuild for EKS or ECS)",
                    partial: "builds only from source for some languages (no Dockerfile), or the build is in preview",
                    none: "you build images elsewhere yourself",
                    example: "`gcloud run deploy --source` builds through Cloud Build: native (wired-in); GKE with Cloud Build set up beside it: addon (vendor-service)",
                },
            ),
            level(
                "private_registry",
                "pulls images from private registries",
                Rubric {
                    native: "pulls private images from any registry with stored credentials, or from the vendor's registry with automatic auth and from others with credentials",
                    addon: "private pulls only through an add-on or a separate vendor service",
                    partial: "only the vendor's own registry, or only some registries",
                    none: "public images only, or no images at all",
                    example: "a platform that pulls only from its vendor's registry: partial (subset)",
                },
            ),
            level(
                "multi_container",
                "several containers per service or instance (sidecars)",
                Rubric {
                    native: "several containers share one instance's network and lifecycle (a pod, a task, sidecars), set in the service definition",
                    addon: "sidecars only through an official add-on",
                    partial: "only vendor-defined sidecars, a small fixed number, or one mode or tier only",
                    none: "one container per instance",
                    example: "separate services on one private network are not sidecars: none (absent)",
                },
            ),
        ],
    },
    Requirement {
        id: "automation",
        short: "auto",
        title: "Automated deployment",
        source_wording: "支持自动化部署",
        meaning: "deploys happen from config and CI, safely, without hand work",
        criteria: &[
            level(
                "declarative_config",
                "deploys described in versioned config files",
                Rubric {
                    native: "the service (image or build, resources, scaling, environment, ports or routes) is described in a versioned file the platform applies",
                    addon: "described only through a separate infrastructure-as-code service of the vendor, or an official add-on",
                    partial: "only part of the service is in the file (build settings, not scaling or environment), or the file seeds a one-time setup",
                    none: "set by console clicks or commands only; third-party Terraform providers alone do not count",
                    example: "a file that sets the build command but not the instance count or environment: partial (subset)",
                },
            ),
            level(
                "ci_integration",
                "deploys from CI (official CLI, actions, API, git push)",
                Rubric {
                    native: "CI deploys with an official CLI, API, CI action or git push, using non-interactive credentials (tokens, service accounts, OIDC)",
                    addon: "only through a separate delivery service of the vendor",
                    partial: "CI can only trigger a redeploy (a deploy hook) and cannot say what to deploy",
                    none: "deploys only by hand in a console",
                    example: "a deploy-hook URL that rebuilds the last commit: partial (subset)",
                },
            ),
            level(
                "rolling_update",
                "zero-downtime rolling deploys",
                Rubric {
                    native: "a new version replaces the old gradually, or takes traffic only once it is up and healthy, with no downtime, by default or one setting",
                    addon: "only through an official add-on or a separate vendor service",
                    partial: "no downtime only under conditions the platform does not see to (two or more instances, a health check you add), on some tiers, or by hand steps",
                    none: "a deploy stops the old version before the new one serves",
                    example: "one instance is stopped, then started on the new version: none (absent)",
                },
            ),
            level(
                "rollback",
                "rolls back to a previous release with one command",
                Rubric {
                    native: "one command, API call or click returns to a previous release, revision or image the platform keeps",
                    addon: "only through a separate delivery service of the vendor",
                    partial: "only the last release, or by redeploying an old tag or commit by hand",
                    none: "no record of earlier releases",
                    example: "re-running an old pipeline to push the previous image: partial (manual)",
                },
            ),
            level(
                "auto_rollback",
                "rolls back by itself when a deploy fails",
                Rubric {
                    native: "the platform itself reverts to the previous version when a version that already took traffic fails its health checks or alarms (a deployment circuit breaker with rollback, alarm-based rollback in the platform's deploy path)",
                    addon: "the same from a separate delivery service or official add-on set up per application (CodeDeploy for Lambda or ECS, Cloud Deploy for GKE, Argo Rollouts as a vendor-supported operator)",
                    partial: "a new version that fails its start or readiness checks never takes traffic and the old one keeps serving, but nothing reverts a bad version that passed them (Cloud Run revisions, Container Apps single-revision mode, Render, Kubernetes Deployments with readiness probes)",
                    none: "a failed deploy takes traffic or stops the service until a person acts",
                    example: "a Kubernetes rollout that halts at ProgressDeadlineExceeded with the old ReplicaSet serving: partial (health-gated)",
                },
            ),
            level(
                "progressive_delivery",
                "canary or blue-green with traffic splitting",
                Rubric {
                    native: "traffic split by weight or percentage, or a built-in blue-green switch",
                    addon: "an official, vendor-documented add-on (a supported service mesh or rollout operator)",
                    partial: "split only by instance count, or by hand-edited config",
                    none: "otherwise, including a rollout tool you run yourself",
                    example: "two Deployments behind one Service, split by replica count: partial (replica-ratio)",
                },
            ),
        ],
    },
    Requirement {
        id: "resilience",
        short: "resil",
        title: "Load balancing and fault tolerance",
        source_wording: "支持负载均衡和容错",
        meaning: "traffic is spread, failures are detected and healed",
        criteria: &[
            level(
                "load_balancer",
                "spreads traffic across instances",
                Rubric {
                    native: "the platform spreads traffic across a service's instances itself (a managed load balancer, routing mesh, service address), reachable from outside",
                    addon: "only with an official add-on or a separate vendor service",
                    partial: "only inside the cluster, only on one host, or only to instances you list by hand",
                    none: "you run a load balancer yourself, or there is none",
                    example: "nginx in front of containers you list in `upstream` on one host: partial (manual)",
                },
            ),
            level(
                "health_checks",
                "liveness and readiness checks",
                Rubric {
                    native: "the platform probes running instances continuously (HTTP, TCP or a command) and acts on failure (stops routing, restarts)",
                    addon: "only with an official add-on or a separate vendor service",
                    partial: "checks only while deploying, only one of liveness and readiness, or only a port check",
                    none: "no checks",
                    example: "a check that gates a deploy and is never run again: partial (deploy-time-only)",
                },
            ),
            level(
                "self_healing",
                "restarts or replaces failed instances",
                Rubric {
                    native: "a crashed or unhealthy instance is restarted or replaced by itself, and the instances of a failed host start elsewhere",
                    addon: "only with an official add-on or a separate vendor service",
                    partial: "restarts a crashed process, but does not act on unhealthy instances or failed hosts",
                    none: "nothing restarts a failed instance",
                    example: "Docker restart policies restart on exit, not on unhealthy: partial (subset)",
                },
            ),
            level(
                "autoscaling",
                "scales instances with load",
                Rubric {
                    native: "the number of instances follows load (CPU, requests, concurrency, queues) by itself, within limits you set",
                    addon: "needs an official add-on or a separate vendor service (metrics-server for the Kubernetes HPA)",
                    partial: "only on a schedule, only vertically, on some tiers, or in preview",
                    none: "scaling by hand only",
                    example: "`scale web=3` by hand is not autoscaling: none (absent)",
                },
            ),
            level(
                "multi_zone",
                "spreads instances across zones or regions",
                Rubric {
                    native: "instances spread across zones or regions by default or one setting and keep serving when a zone fails; self-hosted software spreads over the failure domains of the hosts you give it",
                    addon: "only with an official add-on or a separate vendor service",
                    partial: "on some tiers, the control plane only, or separate copies per region set up by hand",
                    none: "one host or one zone",
                    example: "a service per region, each deployed by hand: partial (manual)",
                },
            ),
            level(
                "service_discovery",
                "services find each other by name",
                Rubric {
                    native: "services reach each other by a stable name the platform resolves (internal DNS, a private hostname), with no extra setup",
                    addon: "through an official add-on or a separate vendor service (a production registry sold separately)",
                    partial: "only through public URLs or variables injected at deploy, only within one application, or a registry the vendor calls for test use only",
                    none: "no discovery, or a registry you run yourself",
                    example: "containers that resolve each other only on the same host: partial (subset)",
                },
            ),
        ],
    },
    Requirement {
        id: "observability",
        short: "obs",
        title: "Monitoring and log collection",
        source_wording: "支持监控和日志收集",
        meaning: "metrics, logs and traces are collected and can alert",
        criteria: &[
            level(
                "metrics",
                "CPU, memory and request metrics are collected",
                Rubric {
                    native: "CPU, memory and request metrics per service are collected and kept by default or one switch, and can be viewed and queried",
                    addon: "an official add-on or a vendor monitoring service enabled per cluster or application",
                    partial: "only some of them (no request metrics), current values only with no history, or some tiers",
                    none: "only a monitoring stack you run yourself, or nothing",
                    example: "upstream Kubernetes with metrics-server: current CPU and memory only, partial (subset)",
                },
            ),
            level(
                "log_collection",
                "stdout/stderr logs are collected centrally",
                Rubric {
                    native: "stdout and stderr of every instance go to a central, searchable store with retention, by default or one switch",
                    addon: "an official add-on or a vendor logging service set up separately",
                    partial: "logs per host or instance only, or a short live tail",
                    none: "only a log stack you run yourself, or nothing",
                    example: "`kubectl logs` or `docker logs` per container: partial (subset)",
                },
            ),
            level(
                "tracing",
                "distributed tracing",
                Rubric {
                    native: "requests are traced into the vendor's trace store without a collector or agent you run (automatic request spans, or a built-in endpoint for the application's spans)",
                    addon: "a vendor tracing service, agent or collector enabled per application or cluster",
                    partial: "in preview, on some tiers, or the platform's own spans only",
                    none: "only a tracing backend you run yourself, or nothing",
                    example: "auto-instrumentation for Java only: the claim lists `languages: [java]` and the level of the others (`other_languages`), scored over the team's languages",
                },
            ),
            level(
                "alerting",
                "alerts on metrics or logs",
                Rubric {
                    native: "alert rules on the service's metrics or logs that notify (mail, webhook, pager) are part of the platform or of the vendor monitoring that receives its metrics by default",
                    addon: "only after an add-on or a vendor monitoring service is enabled",
                    partial: "only a few fixed events (a failed deploy, a crash), or some tiers",
                    none: "only an Alertmanager you run yourself, or nothing",
                    example: "Alertmanager run as one more job on Nomad or Kubernetes: none (self-run)",
                },
            ),
            level(
                "dashboards",
                "built-in dashboards",
                Rubric {
                    native: "the platform's console charts the service's metrics with no setup, generally available",
                    addon: "an official add-on (the project's own dashboard, a vendor's managed Grafana enabled separately)",
                    partial: "in preview, a few fixed charts, or some tiers",
                    none: "only a Grafana you run yourself, or nothing",
                    example: "dashboards in public preview: partial (preview)",
                },
            ),
        ],
    },
    Requirement {
        id: "operations",
        short: "ops",
        title: "Who operates it",
        source_wording: "",
        meaning: "how much of the platform the team runs itself (optional: weight 0 unless set)",
        criteria: &[fact(
            "operated_by",
            "who runs the control plane and the nodes (from the fact `operations`)",
            Rubric {
                native: "serverless: nothing to run, no nodes and no clusters",
                addon: "managed-nodes: the provider runs the control plane and the nodes",
                partial: "managed-control-plane: the provider runs the control plane; you run, patch and pay for the nodes",
                none: "self-hosted: you run everything",
                example: "GKE Autopilot runs the nodes for you: addon (managed-nodes); GKE Standard leaves the node pools to you: partial (managed-control-plane)",
            },
        )],
    },
    Requirement {
        id: "idle_cost",
        short: "idle",
        title: "Cost while idle",
        source_wording: "",
        meaning: "what the platform costs while it serves nothing (optional: weight 0 unless set)",
        criteria: &[fact(
            "while_idle",
            "what is billed while no request comes (from the fact `idle_cost`)",
            Rubric {
                native: "scales-to-zero: no compute is billed while idle",
                addon: "(no idle cost maps to addon: the three are native, partial and none)",
                partial: "per-instance: a minimum instance, dyno or VM is billed while idle",
                none: "cluster-fee: a fixed fee per cluster is billed, plus its nodes",
                example: "Cloud Run without minimum instances: native (scales-to-zero); EKS: none (cluster-fee)",
            },
        )],
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

/// Number of criteria of the document's five requirements: what a platform's coverage counts.
pub fn criteria_count() -> usize {
    REQUIREMENTS[..CORE].iter().map(|r| r.criteria.len()).sum()
}

/// Looks up `requirement.criterion` (for example `resilience.health_checks`).
pub fn parse_criterion_path(path: &str) -> Option<(usize, usize)> {
    let (req, crit) = path.split_once('.')?;
    let r = requirement_index(req)?;
    let c = REQUIREMENTS[r].criterion_index(crit)?;
    Some((r, c))
}

/// The requirements a report shows, with their indexes: see [`shown`].
pub fn shown_with(
    weights: &[f64; COUNT],
) -> impl Iterator<Item = (usize, &'static Requirement)> + '_ {
    shown(weights).map(|r| (r, &REQUIREMENTS[r]))
}

/// A criterion a platform states a level for (not a derived one, such as language coverage),
/// by its `requirement.criterion` path: what `[require]` and `--require` may name.
pub fn parse_level_criterion_path(path: &str) -> Option<(usize, usize)> {
    parse_criterion_path(path)
        .filter(|(r, c)| REQUIREMENTS[*r].criteria[*c].source == Source::Level)
}

/// Why a criterion path cannot take a level: unknown, or derived (with what to do instead).
pub fn not_a_level_criterion(path: &str) -> (String, String) {
    if parse_criterion_path(path).is_some() {
        return (
            format!("`{path}` is derived from the team's languages and the platform's runtimes, not a level a platform states, so it cannot be required"),
            "require a score instead (`[policy] min = { languages = 80 }`, `--min languages=80`), with the team's languages in `[team]`".to_owned(),
        );
    }
    // A bare criterion name (`autoscaling`) that one requirement has: its full path.
    if !path.contains('.') {
        let full: Vec<String> = criterion_paths()
            .into_iter()
            .filter(|p| p.split_once('.').is_some_and(|(_, c)| c == path))
            .collect();
        if let [one] = full.as_slice() {
            return (
                format!("unknown criterion `{path}`"),
                format!("did you mean `{one}`? (a criterion is named with its requirement)"),
            );
        }
    }
    let known = criterion_paths();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    (
        format!("unknown criterion `{path}`"),
        crate::diag::suggest(path, &known),
    )
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
    out.push_str(
        "\nThe rubric (what each level means for each criterion: `platform-eval show --rubric`):\n",
    );
    for rule in RUBRIC_RULES {
        let _ = writeln!(out, "  - {rule}");
    }
    out.push_str("\nBasis words (why a claim has its level; each allows one level):\n");
    out.push_str(&rubric::basis_lines("  "));
    out.push_str("\nLanguage ids (for [team] languages, --language and runtimes):\n");
    let ids: Vec<&str> = LANGUAGES.iter().map(|l| l.id).collect();
    let _ = writeln!(out, "  {}", ids.join(", "));
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
