//! `explain`: the weighting it prints really makes the platform first (scored again with
//! `evaluate --weight`), and a dominated platform is named with its dominator.

use serde_json::Value;

use super::support::{json, run};

fn requirement_scores(p: &Value) -> Vec<f64> {
    [
        "languages",
        "containers",
        "automation",
        "resilience",
        "observability",
    ]
    .iter()
    .map(|r| p["requirements"][r]["score"].as_f64().unwrap())
    .collect()
}

/// Checks every platform's answer under one profile and method.
fn every_answer_holds(profile: &str, method: &str, extra: &[&str]) -> (usize, usize) {
    let mut base = vec![
        "evaluate",
        "--format",
        "json",
        "--profile",
        profile,
        "--method",
        method,
    ];
    base.extend_from_slice(extra);
    let eval = json(&base);
    let platforms = eval["platforms"].as_array().unwrap();
    let by_id = |id: &str| platforms.iter().find(|p| p["id"] == id).unwrap();
    let (mut reachable, mut dominated) = (0, 0);
    for p in platforms {
        let id = p["id"].as_str().unwrap();
        let mut args = vec![
            "explain",
            id,
            "--format",
            "json",
            "--profile",
            profile,
            "--method",
            method,
        ];
        args.extend_from_slice(extra);
        let x = json(&args);
        match x["answer"].as_str().unwrap() {
            "first" => {
                reachable += 1;
                let w = x["closest_weighting"]["weights"].as_object().unwrap();
                let flags: Vec<String> = w.iter().map(|(r, v)| format!("{r}={v}")).collect();
                let mut again = base.clone();
                for f in &flags {
                    again.extend(["--weight", f.as_str()]);
                }
                let doc = json(&again);
                let ranked = doc["platforms"].as_array().unwrap();
                let me = ranked.iter().find(|q| q["id"] == id).unwrap();
                assert_eq!(me["rank"], 1, "{id} under {flags:?}");
                // Only a twin (the same score on every requirement) may share the first rank.
                for q in ranked.iter().filter(|q| q["rank"] == 1 && q["id"] != id) {
                    assert_eq!(
                        requirement_scores(q),
                        requirement_scores(me),
                        "{id} ties with {} under {flags:?}",
                        q["id"]
                    );
                }
                let printed = x["closest_weighting"]["score"].as_f64().unwrap();
                assert!((printed - me["score"].as_f64().unwrap()).abs() < 1e-9);
            }
            "never" => {
                let Some(dom) = x["never"]["dominated_by"].as_str() else {
                    continue; // beaten by a mix of rivals: checked by the unit tests
                };
                dominated += 1;
                let (a, b) = (requirement_scores(by_id(dom)), requirement_scores(p));
                assert!(
                    a.iter().zip(&b).all(|(a, b)| a >= b),
                    "{dom} dominates {id}"
                );
                assert!(a.iter().zip(&b).any(|(a, b)| a > b), "{dom} dominates {id}");
            }
            "excluded" => assert!(!p["excluded"].as_array().unwrap().is_empty()),
            other => panic!("{other}"),
        }
    }
    (reachable, dominated)
}

#[test]
fn on_the_builtin_catalog_every_answer_holds() {
    // No one platform is first for every team: several can be made first by some weighting.
    let (reachable, dominated) = every_answer_holds("balanced", "wsm", &[]);
    assert!(reachable >= 2 && dominated >= 1, "{reachable} {dominated}");
    let (reachable, _) = every_answer_holds("examples/profiles/self-hosted.toml", "wsm", &[]);
    assert!(reachable >= 1, "{reachable}");
    every_answer_holds(
        "examples/profiles/self-hosted.toml",
        "wpm",
        &["--weight", "languages=0"],
    );
}

#[test]
fn a_dominated_platform_is_named_with_its_dominator() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| std::fs::write(dir.path().join(name), body).unwrap();
    write(
        "strong.yaml",
        "name: Strong\nrequirements:\n  languages: {runtimes: any, custom_runtime: native}\n  resilience: {load_balancer: native, health_checks: native}\n  observability: {metrics: native, log_collection: native}\n",
    );
    write(
        "weak.yaml",
        "name: Weak\nrequirements:\n  languages: {runtimes: any, custom_runtime: native}\n  resilience: {load_balancer: native, health_checks: partial}\n  observability: {metrics: native, log_collection: none}\n",
    );
    write(
        "other.yaml",
        "name: Other\nrequirements:\n  languages: {runtimes: [go], custom_runtime: none}\n  containers: {oci_images: native}\n",
    );
    let d = dir.path().to_str().unwrap();
    let x = json(&["explain", "weak", "-p", d, "--format", "json"]);
    assert_eq!(x["answer"], "never");
    assert_eq!(x["never"]["dominated_by"], "strong");
    assert_eq!(
        x["never"]["better_on"],
        serde_json::json!(["resilience", "observability"])
    );
    let text = String::from_utf8(run(&["explain", "weak", "-p", d]).stdout).unwrap();
    assert!(
        text.contains("No weighting makes it first: Strong is at least as good on every requirement and better on resilience, observability."),
        "{text}"
    );
    // `other` is not dominated (it alone has containers): a weighting exists.
    let x = json(&["explain", "other", "-p", d, "--format", "json"]);
    assert_eq!(x["answer"], "first");
    assert!(
        x["closest_weighting"]["weights"]["containers"]
            .as_f64()
            .unwrap()
            > 0.2
    );
}

#[test]
fn topsis_is_refused_with_the_supported_methods() {
    let out = run(&["explain", "kubernetes", "--method", "topsis"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[unsupported-method]"), "{err}");
    assert!(
        err.contains("--method wsm") && err.contains("--method wpm"),
        "{err}"
    );
}

#[test]
fn zero_weights_stay_zero_unless_freed() {
    let args = [
        "explain",
        "aws-elastic-beanstalk",
        "--weight",
        "observability=0",
        "--format",
        "json",
    ];
    let held = json(&args);
    let w = |x: &Value| x["closest_weighting"]["weights"]["observability"].as_f64();
    // Beanstalk leads only where observability weighs: held at 0, no weighting makes it first.
    assert_eq!(held["answer"], "never");
    assert_ne!(w(&held), Some(1.0));
    let mut freed: Vec<&str> = args.to_vec();
    freed.push("--free-zero-weights");
    let freed = json(&freed);
    assert_eq!(freed["answer"], "first");
}
