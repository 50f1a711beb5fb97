//! The built-in catalog: the platforms people choose between, every claim with its evidence.

use std::collections::BTreeMap;
use std::process::Command;

use platform_eval::catalog::{builtin, load};
use platform_eval::diag::Diagnostics;
use platform_eval::requirements::{Basis, Level, REQUIREMENTS, Source, parse_criterion_path};

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run platform-eval")
}

#[test]
fn list_shows_the_catalog_platforms() {
    let out = run(&["list", "--format", "json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = doc["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for id in [
        "kubernetes",
        "red-hat-openshift",
        "hashicorp-nomad",
        "docker-swarm",
        "docker-compose",
        "docker-nginx-vm",
        "aws-ecs-fargate",
        "aws-elastic-beanstalk",
        "aws-lambda",
        "google-cloud-run",
        "google-app-engine",
        "azure-container-apps",
        "azure-app-service",
        "heroku",
        "fly-io",
        "render",
        "dokku",
        "caprover",
        "knative-serving",
        "kamal",
        "google-kubernetes-engine",
        "gke-autopilot",
        "amazon-eks",
        "azure-kubernetes-service",
        "aws-app-runner",
        "digitalocean-app-platform",
        "railway",
        "northflank",
        "koyeb",
        "cloud-foundry",
        "k3s",
        "coolify",
        "alibaba-cloud-ack",
        "alibaba-cloud-sae",
        "tencent-cloud-tke",
        "huawei-cloud-cce",
    ] {
        assert!(ids.contains(&id), "{id} missing from the catalog");
    }
    assert!(ids.len() >= 36, "{} platforms", ids.len());
}

/// The newest `reviewed` date in the catalog: the day it was last worked on.
fn newest_review() -> String {
    builtin::files()
        .iter()
        .filter_map(|(_, text)| {
            text.lines()
                .find_map(|l| l.strip_prefix("reviewed: "))
                .map(|d| d.trim().to_owned())
        })
        .max()
        .expect("the catalog has review dates")
}

#[test]
fn the_catalog_passes_validate_strict() {
    // "Today" is pinned to the catalog's newest review, never the clock, so the suite passes
    // on any date; the rule it checks (no claim a year older than the newest, none in the
    // future) still holds. Users get the real date, and the example CI workflows run
    // `validate --strict` on a schedule.
    let out = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(["validate", "--strict"])
        .env("NO_COLOR", "1")
        .env("PLATFORM_EVAL_TODAY", newest_review())
        .output()
        .expect("run platform-eval");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_builtin_claim_has_its_evidence() {
    let mut checked = 0;
    let mut diags = Diagnostics::default();
    let catalog = load::load(&load::Inputs::default(), &mut diags);
    assert!(!diags.has_errors(), "{}", diags.render(false));
    assert_eq!(catalog.len(), builtin::files().len());
    for d in &catalog {
        let name = &d.file.name;
        let rt = d.runtimes.as_ref().expect("runtimes stated");
        assert!(
            rt.source
                .as_deref()
                .is_some_and(|s| s.starts_with("https://")),
            "{name}: runtimes"
        );
        for (r, req) in REQUIREMENTS.iter().enumerate() {
            for (c, crit) in req.criteria.iter().enumerate() {
                if crit.source != Source::Level {
                    continue;
                }
                let claim = d.claim(r, c);
                let at = format!("{name}: {}.{} ({})", req.id, crit.id, claim.value);
                assert!(claim.span.is_some(), "{at}: not stated");
                if !matches!(claim.value, Level::None | Level::Unknown) {
                    assert!(
                        claim
                            .source
                            .as_deref()
                            .is_some_and(|s| s.starts_with("https://")),
                        "{at}: no https source"
                    );
                }
                if matches!(claim.value, Level::Partial | Level::None | Level::Unknown) {
                    assert!(
                        claim.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
                        "{at}: no note"
                    );
                }
                // Every built-in claim that is not plainly native says why, in the rubric's
                // words, and the word allows its level.
                if claim.value != Level::Native {
                    let basis = claim.basis.unwrap_or_else(|| panic!("{at}: no basis"));
                    assert_eq!(basis.level(), claim.value, "{at}: basis {basis}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 36 * 22, "checked {checked} claims");
}

#[test]
fn the_catalog_page_is_generated_and_current() {
    let out = run(&["list", "--format", "markdown"]);
    assert!(out.status.success());
    let page = std::fs::read_to_string("platforms/README.md").unwrap();
    assert_eq!(
        page,
        String::from_utf8(out.stdout).unwrap(),
        "platforms/README.md is stale: run `cargo run -- list --format markdown > platforms/README.md`"
    );
}

/// The site of a URL: its host's last two labels (`docs.aws.amazon.com` → `amazon.com`).
fn site(url: &str) -> String {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    let labels: Vec<&str> = host.rsplit('.').take(2).collect();
    labels.into_iter().rev().collect::<Vec<_>>().join(".")
}

/// Where a vendor documents its platform besides its homepage's site, reviewed by hand:
/// each is the vendor's or the project's own. The key is a homepage's site (for every
/// platform of that vendor) or one platform's id; an entry is a site (`aliyun.com`, any host
/// under it) or, with a slash, a URL prefix (a project's own repository of docs).
const ALSO_THE_VENDORS: &[(&str, &[&str])] = &[
    ("alibabacloud.com", &["aliyun.com"]),
    ("tencentcloud.com", &["tencent.com"]),
    ("redhat.com", &["openshift.com"]),
    // Railpack is Railway's own builder.
    ("railway.com", &["railway.app", "railpack.com"]),
    (
        "nomadproject.io",
        &[
            "hashicorp.com",
            "https://github.com/hashicorp/",
            "https://raw.githubusercontent.com/hashicorp/",
        ],
    ),
    ("cloudfoundry.org", &["https://github.com/cloudfoundry/"]),
    // The stack of the document this project started from: Docker, with nginx in front.
    ("docker-nginx-vm", &["nginx.org", "nginx.com"]),
    // The projects' own repositories, for what their docs sites leave out.
    ("kamal", &["https://github.com/basecamp/kamal/"]),
    ("koyeb", &["https://github.com/koyeb/"]),
    (
        "coolify.io",
        &[
            "https://github.com/coollabsio/",
            "https://raw.githubusercontent.com/coollabsio/",
        ],
    ),
    ("railway.com", &["https://github.com/railwayapp/"]),
    ("redhat.com", &["https://github.com/openshift/"]),
    // The vendors' documentation repositories and their China-region documentation sites.
    (
        "microsoft.com",
        &[
            "https://github.com/MicrosoftDocs/",
            "https://raw.githubusercontent.com/MicrosoftDocs/",
            "https://github.com/azure/",
            "https://github.com/Azure/",
            "azure.cn",
        ],
    ),
    ("huaweicloud.com", &["https://github.com/huaweicloud/"]),
    ("northflank.com", &["https://github.com/northflank/"]),
    ("render.com", &["https://github.com/render-oss/"]),
    ("amazon.com", &["amazonaws.cn"]),
    // Projects hosted by the CNCF: the foundation's own pages say who is behind them.
    ("knative.dev", &["cncf.io"]),
    (
        "kubernetes.io",
        &["cncf.io", "https://github.com/kubernetes/"],
    ),
    ("k3s.io", &["cncf.io", "https://github.com/cncf/"]),
];

#[test]
fn every_source_is_on_the_vendors_own_documentation() {
    let mut diags = Diagnostics::default();
    let catalog = load::load(&load::Inputs::default(), &mut diags);
    let homepage: BTreeMap<&str, String> = catalog
        .iter()
        .map(|d| {
            (
                d.id.as_str(),
                site(d.homepage.as_deref().expect("homepage stated")),
            )
        })
        .collect();
    let allowed = |writer: &str, src: &str| {
        let home = &homepage[writer];
        let s = site(src);
        s == *home
            || ALSO_THE_VENDORS.iter().any(|(h, also)| {
                (h == home || *h == writer)
                    && also.iter().any(|a| {
                        if a.contains('/') {
                            src.starts_with(a)
                        } else {
                            s == *a
                        }
                    })
            })
    };
    let mut wrong = Vec::new();
    for d in &catalog {
        let mut check = |what: String, level: Level, src: Option<&str>, writer: &str| {
            if let Some(src) = src.filter(|_| level != Level::None)
                && !allowed(writer, src)
            {
                wrong.push(format!(
                    "{}: {what}: {src} (homepage {})",
                    d.id, homepage[writer]
                ));
            }
        };
        for (r, req) in REQUIREMENTS.iter().enumerate() {
            for (c, crit) in req.criteria.iter().enumerate() {
                let b = d.backing(r, c);
                let writer = b.inherited.map_or(d.id.as_str(), |b| &*b.id);
                let level = match crit.source {
                    Source::Level | Source::Fact => d.claim(r, c).value,
                    Source::LanguageCoverage => Level::Native,
                };
                check(format!("{}.{}", req.id, crit.id), level, b.source, writer);
            }
        }
        // The decisive facts are evidence like any claim.
        let f = &d.facts;
        let facts = [
            (
                "provider",
                f.provider
                    .as_ref()
                    .map(|e| (e.source.as_deref(), &e.inherited)),
            ),
            (
                "api",
                f.api.as_ref().map(|e| (e.source.as_deref(), &e.inherited)),
            ),
            (
                "lifecycle",
                f.lifecycle
                    .as_ref()
                    .map(|e| (e.source.as_deref(), &e.inherited)),
            ),
            (
                "limits",
                f.limits
                    .as_ref()
                    .map(|e| (e.source.as_deref(), &e.inherited)),
            ),
            (
                "regions.cn-mainland",
                f.regions
                    .first()
                    .and_then(Option::as_ref)
                    .map(|e| (e.source.as_deref(), &e.inherited)),
            ),
        ];
        for (key, e) in facts {
            if let Some((src, inherited)) = e {
                let writer = inherited.as_ref().map_or(d.id.as_str(), |b| &*b.id);
                check(key.to_owned(), Level::Native, src, writer);
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "sources off the vendor's own site:\n{}",
        wrong.join("\n")
    );
}

/// The level and basis of `criterion` (`requirement.criterion`) on each platform of `ids`.
fn levels_of(ids: &[&str], criterion: &str) -> Vec<(String, Level, Option<Basis>)> {
    let mut diags = Diagnostics::default();
    let catalog = load::load(&load::Inputs::default(), &mut diags);
    let (r, c) = parse_criterion_path(criterion).expect("a criterion");
    ids.iter()
        .map(|id| {
            let d = catalog
                .iter()
                .find(|d| d.id == *id)
                .unwrap_or_else(|| panic!("{id} is built in"));
            let claim = d.claim(r, c);
            ((*id).to_owned(), claim.value, claim.basis)
        })
        .collect()
}

/// All of `ids` at one level, with one basis.
fn one_level(ids: &[&str], criterion: &str, level: Level, basis: Option<Basis>) {
    for (id, l, b) in levels_of(ids, criterion) {
        assert_eq!((l, b), (level, basis), "{id} {criterion}");
    }
}

#[test]
fn a_new_version_that_never_becomes_ready_is_one_level_everywhere() {
    // "A new version that never becomes ready never takes traffic; the old one keeps serving":
    // the rubric's health-gated partial, on a serverless service and on Kubernetes alike.
    one_level(
        &[
            "azure-container-apps",
            "google-cloud-run",
            "render",
            "knative-serving",
            "kubernetes",
            // The managed Kubernetes that add no delivery service of their own inherit it.
            "amazon-eks",
            "azure-kubernetes-service",
            "k3s",
        ],
        "automation.auto_rollback",
        Level::Partial,
        Some(Basis::HealthGated),
    );
}

#[test]
fn a_separate_deploy_service_of_the_vendor_counts_the_same_for_lambda_and_gke() {
    // CodeDeploy for Lambda and Cloud Deploy for GKE: the rubric's addon, vendor-service. GKE
    // keeps Kubernetes' health gating underneath, so it is never below Kubernetes.
    one_level(
        &["aws-lambda", "google-kubernetes-engine", "gke-autopilot"],
        "automation.auto_rollback",
        Level::Addon,
        Some(Basis::VendorService),
    );
    let k8s = levels_of(&["kubernetes"], "automation.auto_rollback")[0].1;
    assert!(Level::Addon.strength() > k8s.strength());
}

#[test]
fn traffic_split_by_instance_count_is_one_level_on_nomad_and_kubernetes() {
    one_level(
        &["hashicorp-nomad", "kubernetes"],
        "automation.progressive_delivery",
        Level::Partial,
        Some(Basis::ReplicaRatio),
    );
}

#[test]
fn alertmanager_run_as_one_more_workload_is_one_level_on_nomad_and_kubernetes() {
    one_level(
        &["hashicorp-nomad", "kubernetes"],
        "observability.alerting",
        Level::None,
        Some(Basis::SelfRun),
    );
}

#[test]
fn no_builtin_claim_in_preview_counts_above_partial() {
    // Container Apps' dashboards were `native` while in preview.
    one_level(
        &["azure-container-apps"],
        "observability.dashboards",
        Level::Partial,
        Some(Basis::Preview),
    );
}

#[test]
fn no_platform_scores_100_on_every_requirement() {
    let out = run(&["evaluate", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for p in doc["platforms"].as_array().expect("platforms") {
        let scores: Vec<f64> = p["requirements"]
            .as_object()
            .expect("requirements")
            .values()
            .map(|r| r["score"].as_f64().expect("score"))
            .collect();
        assert!(
            scores.iter().any(|s| *s < 100.0 - 1e-9),
            "{} scores 100 on every requirement",
            p["id"]
        );
    }
}

#[test]
fn the_rubric_is_shown_by_help_show_schema_template_and_the_catalog_page() {
    let text = |args: &[&str]| String::from_utf8(run(args).stdout).expect("UTF-8");
    let auto = platform_eval::requirements::parse_criterion_path("automation.auto_rollback")
        .map(|(r, c)| &REQUIREMENTS[r].criteria[c].rubric)
        .expect("auto_rollback");
    // `show --rubric`: every basis word and every criterion's levels.
    let rubric = text(&["show", "--rubric"]);
    for b in Basis::ALL {
        assert!(
            rubric.contains(b.as_str()) && rubric.contains(b.meaning()),
            "{b}"
        );
    }
    for level in [Level::Native, Level::Addon, Level::Partial, Level::None] {
        assert!(rubric.contains(auto.meaning(level).unwrap()), "{level}");
    }
    // `--help`: the rules and the basis words, pointing at the whole rubric.
    let help = text(&["--help"]);
    assert!(help.contains("platform-eval show --rubric"));
    // (clap wraps the long lines, so the words are checked, not whole sentences)
    for b in Basis::ALL {
        assert!(help.contains(&format!("  {b} ")), "{b}");
    }
    // The JSON Schema describes each criterion by its rubric and offers the basis words.
    let schema = text(&["schema"]);
    assert!(schema.contains(auto.partial), "schema");
    assert!(schema.contains("\"health-gated\""), "schema");
    // `init platform`: each criterion's levels as comments.
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(["init", "platform", "my-paas"])
        .current_dir(dir.path())
        .output()
        .expect("init");
    assert!(out.status.success());
    let template = std::fs::read_to_string(dir.path().join("my-paas.yaml")).unwrap();
    assert!(template.contains(auto.addon), "template");
    assert!(template.contains("health-gated"), "template");
    // The catalog page: the rubric after the level tables, bases shown in the cells.
    let page = text(&["list", "--format", "markdown"]);
    assert!(page.contains("## The rubric"));
    assert!(page.contains("| `automation.auto_rollback` |"));
    assert!(page.contains("partial (health-gated)"));
}
