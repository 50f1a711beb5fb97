//! `scan` and `check --deployment` from the outside: numbers anyone can recompute from the
//! JSON, a YAML descriptor the other commands take, reports read back by independent tools,
//! hostile files.

use serde_json::Value;

use super::support::{json, run};

const HELM: &str = "tests/fixtures/scan/kubernetes/helm-rendered.yaml";

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("a number: {v}"))
}

#[test]
fn every_score_of_scan_on_a_platform_recomputes_from_its_json() {
    let doc = json(&["scan", HELM, "--on", "gke", "--format", "json"]);
    let values = &doc["level_values"];
    let unknown = num(&doc["unknown_value"]);
    let mut overall = (0.0, 0.0);
    for req in doc["requirements"].as_array().unwrap() {
        let (mut sum, mut weights) = (0.0, 0.0);
        for c in req["criteria"].as_array().unwrap() {
            let value = match c["level"].as_str() {
                Some("unknown") => unknown,
                Some(level) => num(&values[level]),
                // `language_coverage` is derived: its value is given.
                None => num(&c["value"]),
            };
            assert!((value - num(&c["value"])).abs() < 1e-9, "{c}");
            sum += value * num(&c["weight"]);
            weights += num(&c["weight"]);
        }
        let score = sum / weights * 100.0;
        assert!(
            (score - num(&req["deployed"])).abs() < 1e-3,
            "{}: {score} vs {}",
            req["id"],
            req["deployed"]
        );
        overall.0 += score * num(&req["weight"]);
        overall.1 += num(&req["weight"]);
    }
    let total = overall.0 / overall.1;
    assert!(
        (total - num(&doc["score"]["deployed"])).abs() < 1e-3,
        "{total} vs {}",
        doc["score"]
    );
    // The effective level of each criterion follows from offered and used, as the README's
    // rule says.
    for c in doc["criteria"].as_array().unwrap() {
        let (offered, used, effective) = (
            c["offered"].as_str().unwrap(),
            c["used"].as_str().unwrap(),
            c["effective"].as_str().unwrap(),
        );
        let expected = match (used, offered) {
            ("used", "none" | "unknown") => "addon",
            ("used" | "unknown", o) => o,
            ("partial", _) => "partial",
            ("unused", _) => "none",
            _ => unreachable!(),
        };
        assert_eq!(effective, expected, "{}", c["criterion"]);
    }
    // Gaps come in the order of the points they add.
    let adds: Vec<f64> = doc["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| num(&g["adds"]))
        .collect();
    assert!(
        !adds.is_empty() && adds.windows(2).all(|w| w[0] >= w[1]),
        "{adds:?}"
    );
}

#[test]
fn the_yaml_descriptor_of_a_deployment_scores_the_same_in_evaluate() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gke-deployed.yaml");
    let out = run(&[
        "scan",
        HELM,
        "--on",
        "gke",
        "--format",
        "yaml",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("extends: google-kubernetes-engine\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("source: \"{HELM}:162:11\"")),
        "{text}"
    );
    let scanned = json(&["scan", HELM, "--on", "gke", "--format", "json"]);
    let evaluated = json(&["evaluate", "-p", file.to_str().unwrap(), "--format", "json"]);
    let p = &evaluated["platforms"][0];
    assert_eq!(p["id"], "google-kubernetes-engine-deployed");
    let score = num(&p["score"]);
    assert!(
        (score - num(&scanned["score"]["deployed"])).abs() < 0.05,
        "{score} vs {}",
        scanned["score"]
    );
    // `validate` takes it too: a place in the team's files is a source.
    let out = run(&["validate", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn yaml_without_a_platform_is_a_usage_error() {
    let out = run(&["scan", HELM, "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs `--on PLATFORM`"));
}

fn check_deployment(extra: &[&str]) -> std::process::Output {
    run(&[
        &[
            "check",
            "--deployment",
            HELM,
            "--on",
            "gke",
            "--require",
            "resilience.health_checks=native",
        ][..],
        extra,
    ]
    .concat())
}

#[test]
fn check_on_the_deployment_fails_at_the_teams_line_in_every_format() {
    let out = check_deployment(&[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("--> {HELM}:162:11")), "{text}");
    let gh =
        String::from_utf8_lossy(&check_deployment(&["--format", "github"]).stdout).into_owned();
    assert!(
        gh.contains(&format!("::error file={HELM},line=162,col=11,")),
        "{gh}"
    );
    let junit = check_deployment(&["--format", "junit"]).stdout;
    let suites = junit_parser::from_reader(std::io::Cursor::new(junit)).expect("valid JUnit");
    let failures = suites.suites[0]
        .cases
        .iter()
        .filter(|c| matches!(c.status, junit_parser::TestStatus::Failure(_)))
        .count();
    assert_eq!(failures, 1);
    let sarif: Value =
        serde_json::from_slice(&check_deployment(&["--format", "sarif"]).stdout).unwrap();
    let validator = super::check::sarif_validator();
    assert!(validator.is_valid(&sarif), "{sarif}");
    let loc = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], HELM);
    assert_eq!(loc["region"]["startLine"], 162);
}

#[test]
fn check_on_a_deployment_that_meets_the_policy_passes() {
    let out = run(&[
        "check",
        "gke",
        "--deployment",
        HELM,
        "--require",
        "resilience.autoscaling=partial",
        "--min",
        "observability=50",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn helm_output_on_standard_input_points_ci_at_the_template() {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args([
            "check",
            "--deployment",
            "-",
            "--on",
            "gke",
            "--require",
            "resilience.health_checks=native",
            "--format",
            "github",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(HELM).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let gh = String::from_utf8_lossy(&out.stdout);
    assert!(
        gh.contains("::error file=shop/templates/worker-deployment.yaml,line=1,col=1,"),
        "{gh}"
    );
}

#[test]
fn hostile_deployment_files_are_located_errors_never_a_crash() {
    for (file, code, line) in [
        ("deep.yaml", "yaml-limit", 5),
        ("not-yaml.yaml", "", 0),
        ("compose-bad.yaml", "compose-shape", 0),
        ("nginx-unclosed.conf", "", 5),
        ("nginx-deep.conf", "", 0),
        ("Dockerfile", "dockerfile-syntax", 0),
    ] {
        let path = format!("tests/fixtures/scan/hostile/{file}");
        let out = run(&["scan", &path]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
        assert!(err.contains(&format!("--> {path}:")), "{file}: {err}");
        if !code.is_empty() {
            assert!(err.contains(&format!("error[{code}]")), "{file}: {err}");
        }
        if line > 0 {
            assert!(
                err.contains(&format!("--> {path}:{line}:")),
                "{file}: {err}"
            );
        }
    }
}

#[test]
fn the_readme_lists_every_signal_as_scan_does() {
    let table = String::from_utf8(super::support::stdout_ok(&[
        "scan",
        "--signals",
        "--format",
        "markdown",
    ]))
    .unwrap();
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(&table),
        "README.md's signal table differs from `platform-eval scan --signals --format markdown`:\n{table}"
    );
}
