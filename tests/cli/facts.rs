//! Facts that decide (provider, api, lifecycle, regions, operations, idle cost, limits): read
//! from descriptors, inherited by variants, and written out by `show` and `evaluate`.

use super::support::run_in;

const DESCRIPTOR: &str = "id: ours\nname: Ours\nextends: kubernetes\nprovider: {value: alibaba, note: Alibaba Cloud runs our clusters., source: https://www.alibabacloud.com/help/en/ack}\nregions:\n  cn-mainland: {level: native, note: Beijing and Shanghai., source: https://www.alibabacloud.com/help/en/ack/regions}\noperations: managed-control-plane\nlimits: {vcpu: 16, persistent_disk: native, note: Per pod., source: https://www.alibabacloud.com/help/en/ack/limits}\n";

#[test]
fn facts_are_shown_and_written_to_json_with_their_evidence() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ours.yaml"), DESCRIPTOR).unwrap();
    let out = run_in(dir.path(), &["show", "ours", "-p", "ours.yaml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "  provider              alibaba",
        "  regions               cn-mainland native",
        "  operations            managed-control-plane",
        "  limits                16 vCPU · persistent disk native",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    let out = run_in(
        dir.path(),
        &["evaluate", "-p", "ours.yaml", "--format", "json"],
    );
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let facts = &doc["platforms"][0]["facts"];
    assert_eq!(facts["provider"]["value"], "alibaba");
    assert_eq!(
        facts["provider"]["source"],
        "https://www.alibabacloud.com/help/en/ack"
    );
    assert_eq!(facts["regions"]["cn-mainland"]["level"], "native");
    assert_eq!(facts["operations"]["value"], "managed-control-plane");
    assert_eq!(facts["limits"]["vcpu"], 16.0);
    assert_eq!(facts["limits"]["memory_gib"], serde_json::Value::Null);
    // Left out, a fact is the base's, with its origin.
    assert_eq!(facts["api"]["value"], "kubernetes");
    assert_eq!(facts["api"]["inherited_from"], "kubernetes");
    assert_eq!(facts["provider"]["inherited_from"], serde_json::Value::Null);
    let out = run_in(
        dir.path(),
        &["show", "ours", "-p", "ours.yaml", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["facts"]["provider"]["inherited_from"],
        serde_json::Value::Null
    );
}

#[test]
fn a_misspelt_fact_stops_the_run_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ours.yaml"),
        DESCRIPTOR.replace(
            "operations: managed-control-plane",
            "operations: managed-control",
        ),
    )
    .unwrap();
    let out = run_in(dir.path(), &["evaluate", "-p", "ours.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[bad-value]: `managed-control` is not a valid operations"),
        "{err}"
    );
    assert!(err.contains("ours.yaml:7:13"), "{err}");
    assert!(
        err.contains("did you mean `managed-control-plane`?"),
        "{err}"
    );
}

/// Two fixture platforms with facts: Beta closed to new customers and in a Chinese partition,
/// Alpha on Kubernetes with 8 vCPU and not in mainland China.
fn gated_fixtures(dir: &std::path::Path) {
    for name in ["alpha.yaml", "beta.yaml", "gamma.yml"] {
        std::fs::copy(format!("tests/fixtures/good/{name}"), dir.join(name)).unwrap();
    }
    let append = |name: &str, text: &str| {
        let path = dir.join(name);
        let mut s = std::fs::read_to_string(&path).unwrap();
        s.push_str(text);
        std::fs::write(path, s).unwrap();
    };
    append(
        "beta.yaml",
        "lifecycle: {status: closed-to-new-customers, since: 2026-04-30, note: Closed to new accounts., source: https://beta.example.com/closed}\nprovider: beta-corp\nregions: {cn-mainland: partial}\n",
    );
    append(
        "alpha.yaml",
        "provider: alpha-inc\nregions: {cn-mainland: none}\napi: kubernetes\nlimits: {vcpu: 8, persistent_disk: native}\n",
    );
}

#[test]
fn a_platform_closed_to_new_customers_is_left_out_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    gated_fixtures(dir.path());
    let out = run_in(dir.path(), &["evaluate", "-p", "."]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("excluded Beta PaaS: lifecycle is closed-to-new-customers since 2026-04-30 (left out by default; --include-closed brings it back)"),
        "{table}"
    );
    let json = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["evaluate", "-p", ".", "--format", "json"];
        args.extend_from_slice(extra);
        let out = run_in(dir.path(), &args);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let doc = json(&[]);
    let beta = doc["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "beta")
        .unwrap();
    assert_eq!(beta["rank"], serde_json::Value::Null);
    assert!(
        beta["excluded"][0]
            .as_str()
            .unwrap()
            .starts_with("lifecycle is closed")
    );
    let doc = json(&["--include-closed"]);
    let beta = doc["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "beta")
        .unwrap();
    assert_eq!(beta["rank"], 2, "back in the ranking");
    // A profile that lists the state keeps it too.
    std::fs::write(
        dir.path().join("p.toml"),
        "[require]\nlifecycle = [\"ga\", \"closed-to-new-customers\"]\n",
    )
    .unwrap();
    let doc = json(&["--profile", "p.toml"]);
    assert!(
        doc["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["excluded"].as_array().unwrap().is_empty())
    );
}

#[test]
fn gates_on_facts_exclude_with_their_reasons_before_any_weight() {
    let dir = tempfile::tempdir().unwrap();
    gated_fixtures(dir.path());
    std::fs::write(
        dir.path().join("china.toml"),
        "[require]\nregions = [\"cn-mainland\"]\nprovider = [\"beta-corp\", \"alpha-inc\"]\nlimits = { vcpu = 4, persistent_disk = true }\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "evaluate",
            "-p",
            ".",
            "--profile",
            "china.toml",
            "--include-closed",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8_lossy(&out.stdout);
    for line in [
        "excluded Alpha Orchestrator: not offered in cn-mainland (none)",
        "excluded Beta PaaS: limits: vcpu not stated, persistent_disk is unknown",
        "excluded Gamma Host: not offered in cn-mainland (unknown); provider is not stated, not beta-corp or alpha-inc; limits: vcpu not stated, persistent_disk is unknown",
    ] {
        assert!(table.contains(line), "{line}: {table}");
    }
    // Partial (a separate partition) counts as offered; the API gate keeps Alpha alone.
    std::fs::write(
        dir.path().join("k8s.toml"),
        "[require]\napi = [\"kubernetes\"]\nlimits = { vcpu = 8 }\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "evaluate",
            "-p",
            ".",
            "--profile",
            "k8s.toml",
            "--format",
            "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ranked: Vec<&str> = doc["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["rank"].is_null())
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ranked, ["alpha"]);
    // HTML carries the reasons too.
    let out = run_in(
        dir.path(),
        &[
            "evaluate",
            "-p",
            ".",
            "--profile",
            "k8s.toml",
            "--format",
            "html",
        ],
    );
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(
        html.contains("api is not stated, not kubernetes"),
        "reason in the page"
    );
    // `check` asserts each gate.
    let out = run_in(
        dir.path(),
        &[
            "check",
            "beta",
            "-p",
            ".",
            "--profile",
            "china.toml",
            "--include-closed",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FAIL    require/limits"), "{text}");
    assert!(text.contains("pass    require/regions"), "{text}");
}

#[test]
fn a_misspelt_gate_is_a_located_error_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[require]\nregion = [\"cn-mainland\"]\napi = [\"kubernets\"]\nlifecycle = [\"closed\"]\noperations = [\"serverles\"]\nprovider = [\"Alibaba Cloud\"]\nlimits = { vcpus = 4, persistent_disk = \"yes\" }\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["evaluate", "--profile", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for (place, help) in [
        ("bad.toml:2:1", "did you mean `regions`?"),
        ("bad.toml:3:8", "did you mean `kubernetes`?"),
        ("bad.toml:4:14", "did you mean `closed-to-new-customers`?"),
        ("bad.toml:5:15", "did you mean `serverless`?"),
        ("bad.toml:6:13", "kebab-case"),
        ("bad.toml:7:12", "did you mean `vcpu`?"),
        ("bad.toml:7:41", "persistent_disk = true"),
    ] {
        assert!(err.contains(place), "{place}: {err}");
        assert!(err.contains(help), "{help}: {err}");
    }
    assert!(err.contains("error: 7 problems found"), "{err}");
}

fn validator(file: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn the_schemas_know_the_facts_and_the_gates() {
    let v = validator("schema/platform.schema.json");
    let full = "name: Ours\nprovider: {value: alibaba, note: Runs it., source: https://www.alibabacloud.com/help}\napi: kubernetes\nlifecycle: {status: closed-to-new-customers, since: 2026-04-30}\nregions: {cn-mainland: {level: partial, note: A partition., source: https://x.example.com}}\noperations: {value: serverless}\nidle_cost: scales-to-zero\nlimits: {vcpu: 4, memory_gib: 8.5, request_timeout_s: 60, persistent_disk: none, source: https://x.example.com/l}\n";
    let doc: serde_json::Value = serde_saphyr::from_str(full).unwrap();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    for bad in [
        "name: X\napi: kubernets\n",
        "name: X\nregions: {cn-mainlnd: none}\n",
        "name: X\nlimits: {vcpus: 4}\n",
        "name: X\nlifecycle: closed\n",
    ] {
        let doc: serde_json::Value = serde_saphyr::from_str(bad).unwrap();
        assert!(!v.is_valid(&doc), "{bad}");
    }
    let v = validator("schema/profile.schema.json");
    let profile: toml::Value = toml::from_str(
        "[require]\nprovider = [\"alibaba\", \"tencent\"]\nregions = [\"cn-mainland\"]\napi = \"kubernetes\"\noperations = [\"serverless\", \"managed-nodes\"]\nlifecycle = [\"ga\"]\nlimits = { vcpu = 16, memory_gib = 64, persistent_disk = true }\n",
    )
    .unwrap();
    let doc = serde_json::to_value(&profile).unwrap();
    let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let bad: toml::Value = toml::from_str("[require]\napi = [\"kubernets\"]\n").unwrap();
    assert!(!v.is_valid(&serde_json::to_value(&bad).unwrap()));
}

#[test]
fn only_and_exclude_choose_the_platforms_weighed() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["evaluate", "--format", "json"];
        all.extend_from_slice(args);
        let out = super::support::run(&all);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut ids: Vec<String> = doc["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids(&["--only", "amazon-eks,gke-autopilot", "--only", "kubernetes"]),
        ["amazon-eks", "gke-autopilot", "kubernetes"]
    );
    let all = ids(&[]);
    let without = ids(&["--exclude", "heroku,kamal"]);
    assert_eq!(without.len(), all.len() - 2);
    assert!(!without.iter().any(|id| id == "heroku" || id == "kamal"));
    // A typo is an error with the closest id, never a silently empty ranking.
    let out = super::support::run(&["evaluate", "--only", "amazon-eks,gke-autopilt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`--only`: no platform with id `gke-autopilt`"),
        "{err}"
    );
    assert!(err.contains("did you mean `gke-autopilot`?"), "{err}");
}

#[test]
fn the_init_template_offers_every_fact_and_uncommented_they_load() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["init", "platform", "my-paas"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("my-paas.yaml")).unwrap();
    for key in [
        "provider",
        "api",
        "lifecycle",
        "regions",
        "operations",
        "idle_cost",
        "limits",
    ] {
        assert!(text.contains(&format!("\n# {key}:")), "{key}");
    }
    // Uncommented as they are, the facts are read with the values the comments show.
    let uncommented: String = text
        .lines()
        .map(|l| {
            for key in [
                "provider",
                "api",
                "lifecycle",
                "regions",
                "operations",
                "idle_cost",
                "limits",
            ] {
                if let Some(rest) = l.strip_prefix(&format!("# {key}:")) {
                    return format!("{key}:{rest}\n");
                }
            }
            l.strip_prefix("#   cn-mainland:").map_or_else(
                || format!("{l}\n"),
                |rest| format!("  cn-mainland:{rest}\n"),
            )
        })
        .collect();
    std::fs::write(dir.path().join("my-paas.yaml"), uncommented).unwrap();
    let out = run_in(
        dir.path(),
        &["show", "my-paas", "-p", "my-paas.yaml", "--format", "json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &doc["facts"];
    assert_eq!(f["provider"]["value"], "example-corp");
    assert_eq!(f["api"]["value"], "proprietary");
    assert_eq!(f["lifecycle"]["status"], "ga");
    assert_eq!(f["regions"]["cn-mainland"]["level"], "none");
    assert_eq!(f["operations"]["value"], "serverless");
    assert_eq!(f["idle_cost"]["value"], "per-instance");
    assert_eq!(f["limits"]["request_timeout_s"], 3600);
}

/// `evaluate --format json` with `args`: each platform's overall score, rank and the scores
/// of the document's five requirements, by id.
fn scores(dir: &std::path::Path, args: &[&str]) -> Vec<(String, f64, Option<u64>, Vec<f64>)> {
    let mut all = vec!["evaluate", "--format", "json", "--include-closed"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let five = &platform_eval::requirements::REQUIREMENTS[..platform_eval::requirements::CORE];
    let mut rows: Vec<_> = doc["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["score"].as_f64().unwrap(),
                p["rank"].as_u64(),
                five.iter()
                    .map(|r| p["requirements"][r.id]["score"].as_f64().unwrap())
                    .collect(),
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

#[test]
fn without_a_weight_the_facts_change_no_score() {
    // The built-in descriptors with every fact taken out score exactly as they do with them:
    // the optional requirements weigh 0 unless a profile or `--weight` sets them.
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare");
    std::fs::create_dir(&bare).unwrap();
    let platforms = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("platforms");
    let mut stripped = 0;
    for entry in std::fs::read_dir(&platforms).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut in_fact = false;
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| {
                let top = !l.starts_with(' ') && !l.is_empty();
                if top {
                    in_fact = platform_eval::catalog::facts::KEYS
                        .iter()
                        .any(|k| l.starts_with(&format!("{k}:")));
                    stripped += usize::from(in_fact);
                }
                !in_fact
            })
            .collect();
        std::fs::write(bare.join(path.file_name().unwrap()), kept.join("\n")).unwrap();
    }
    assert!(stripped >= 6 * 40, "facts were taken out: {stripped}");
    let with = scores(dir.path(), &[]);
    let without = scores(dir.path(), &["-p", "bare"]);
    assert_eq!(with.len(), without.len());
    for (a, b) in with.iter().zip(&without) {
        assert_eq!(a.0, b.0);
        assert_eq!(a.3, b.3, "{}: the five requirement scores", a.0);
        assert!((a.1 - b.1).abs() < 1e-12, "{}: {} vs {}", a.0, a.1, b.1);
    }
}

#[test]
fn weighing_operations_puts_what_needs_no_operator_ahead() {
    // As the README documents: AWS Elastic Beanstalk (EC2 instances in your account) falls
    // behind the serverless platforms it leads on the five alone.
    let dir = tempfile::tempdir().unwrap();
    let rank = |rows: &[(String, f64, Option<u64>, Vec<f64>)], id: &str| {
        rows.iter().find(|r| r.0 == id).and_then(|r| r.2).unwrap()
    };
    let five = scores(dir.path(), &[]);
    let weighed = scores(dir.path(), &["--weight", "operations=1"]);
    assert!(rank(&five, "aws-elastic-beanstalk") < rank(&five, "google-cloud-run"));
    assert!(rank(&weighed, "aws-elastic-beanstalk") > rank(&weighed, "google-cloud-run"));
    assert!(rank(&weighed, "aws-elastic-beanstalk") > rank(&weighed, "azure-container-apps"));
    // The five requirement scores themselves do not move.
    for (a, b) in five.iter().zip(&weighed) {
        assert_eq!(a.3, b.3, "{}", a.0);
    }
}

#[test]
fn a_provider_no_platform_has_is_a_warning_at_its_place_with_the_providers_there_are() {
    let dir = tempfile::tempdir().unwrap();
    gated_fixtures(dir.path());
    std::fs::write(
        dir.path().join("typo.toml"),
        "[require]\nprovider = [\"alpha-in\", \"beta-corp\"]\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "evaluate",
            "-p",
            ".",
            "--profile",
            "typo.toml",
            "--include-closed",
        ],
    );
    // A warning, not an error: the run goes on, and the other name still passes.
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("warning[unknown-provider]: no loaded platform has the provider `alpha-in`"),
        "{stderr}"
    );
    assert!(stderr.contains("--> typo.toml:2:13"), "{stderr}");
    assert!(stderr.contains("did you mean `alpha-inc`?"), "{stderr}");
    assert!(!stderr.contains("`beta-corp`"), "{stderr}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Recommendation: Beta PaaS"), "{table}");
}

#[test]
fn operations_and_idle_cost_are_facts_not_claims() {
    // Claimed under `requirements`, an optional requirement is an error that says where it goes.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.yaml"),
        "id: x\nname: X\nrequirements:\n  operations:\n    operated_by: native\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["validate", "x.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "error[fact-requirement]: `operations` is scored from the fact `operations:`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("--> x.yaml:4:3"), "{stderr}");
    // Stated as facts, they are scored through the rubric table once weighted.
    std::fs::write(
        dir.path().join("x.yaml"),
        "id: x\nname: X\noperations: managed-nodes\nidle_cost: {value: cluster-fee, note: A fee per cluster., source: https://x.example.com/pricing}\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "evaluate",
            "-p",
            "x.yaml",
            "--weight",
            "operations=1",
            "--weight",
            "idle_cost=1",
            "--format",
            "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reqs = &doc["platforms"][0]["requirements"];
    let ops = &reqs["operations"]["criteria"]["operated_by"];
    assert_eq!(ops["level"], "addon");
    assert_eq!(
        reqs["operations"]["score"],
        doc["profile"]["levels"]["addon"].as_f64().unwrap() * 100.0
    );
    let idle = &reqs["idle_cost"]["criteria"]["while_idle"];
    assert_eq!(idle["level"], "none");
    assert_eq!(idle["source"], "https://x.example.com/pricing");
}
