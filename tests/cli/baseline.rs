//! `check --baseline` says when the baseline was made under other settings, and what a change
//! in score comes from: the weights, the catalog, or the platform itself.

use super::support::run_in;

fn check(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = run_in(dir, args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_baseline_under_other_weights_is_named_and_the_change_put_on_them() {
    let dir = tempfile::tempdir().unwrap();
    let (code, json, _) = check(
        dir.path(),
        &["check", "gke", "--min-score", "1", "--format", "json"],
    );
    assert_eq!(code, Some(0));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    // The run's provenance is in the JSON: profile, weights and the catalog's digest.
    assert_eq!(doc["profile"], "balanced");
    assert_eq!(doc["weights"]["resilience"], 0.2);
    assert!(
        doc["catalog"]["digest"]
            .as_str()
            .unwrap()
            .starts_with("fnv1a64:"),
        "{doc}"
    );
    std::fs::write(dir.path().join("base.json"), &json).unwrap();
    // Same settings: no warning.
    let (_, _, err) = check(dir.path(), &["check", "gke", "--baseline", "base.json"]);
    assert!(!err.contains("baseline-differs"), "{err}");
    // Other weights: a warning naming them, and the change put on them.
    let (code, out, err) = check(
        dir.path(),
        &[
            "check",
            "gke",
            "--baseline",
            "base.json",
            "--weight",
            "observability=3",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("warning[baseline-differs]: the baseline `base.json` was made under other settings: the weights moved (")
            && err.contains("observability 20 % → 43 %"),
        "{err}"
    );
    assert!(
        out.contains("its requirement scores are unchanged: the weights changed, not the platform"),
        "{out}"
    );
}

#[test]
fn a_changed_platform_and_a_changed_catalog_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    // Our platform: a variant of GKE, checked once as it was...
    std::fs::write(
        dir.path().join("ours.yaml"),
        "id: ours\nname: Ours\nextends: google-kubernetes-engine\n",
    )
    .unwrap();
    let args = [
        "check",
        "ours",
        "-p",
        "ours.yaml",
        "--with-builtin",
        "--min-score",
        "1",
    ];
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let (_, json, _) = check(dir.path(), &with_json);
    // ... by an older catalog (its digest differs) ...
    let mut doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    doc["catalog"]["digest"] = "fnv1a64:0000000000000000".into();
    std::fs::write(dir.path().join("base.json"), doc.to_string()).unwrap();
    // ... and now with its tracing lost.
    std::fs::write(
        dir.path().join("ours.yaml"),
        "id: ours\nname: Ours\nextends: google-kubernetes-engine\nrequirements:\n  observability:\n    tracing: {level: none, note: We turned it off.}\n",
    )
    .unwrap();
    let mut with_baseline = args.to_vec();
    with_baseline.extend(["--baseline", "base.json"]);
    let (code, out, err) = check(dir.path(), &with_baseline);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        err.contains("the built-in catalog changed (fnv1a64:0000000000000000 → fnv1a64:"),
        "{err}"
    );
    assert!(!err.contains("the weights moved"), "{err}");
    assert!(
        out.contains("your platform changed: its requirement scores moved (observability "),
        "{out}"
    );
}
