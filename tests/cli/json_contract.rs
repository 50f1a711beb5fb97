//! `evaluate --format json` is enough to recompute every score.

#![allow(clippy::float_cmp)] // a level value is copied, not computed: it compares exactly

use std::process::Command;

use serde_json::Value;

fn evaluate_json(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(["evaluate", "--format", "json"])
        .args(args)
        .output()
        .expect("run platform-eval");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Recomputes requirement and overall scores from the JSON alone.
fn recompute(doc: &Value) {
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["method"], "wsm");
    let weights = doc["profile"]["weights"].as_object().unwrap();
    let wsum: f64 = weights.values().map(|w| w.as_f64().unwrap()).sum();
    assert!((wsum - 1.0).abs() < 1e-12, "weights are normalised");
    let levels = &doc["profile"]["levels"];
    let unknown = doc["profile"]["unknown"].as_str().unwrap();
    let platforms = doc["platforms"].as_array().unwrap();
    assert!(!platforms.is_empty());
    let mut last_score = f64::INFINITY;
    for p in platforms {
        let reqs = p["requirements"].as_object().unwrap();
        assert_eq!(reqs.len(), 5);
        let mut overall = 0.0;
        for (id, r) in reqs {
            let mut num = 0.0;
            let mut den = 0.0;
            for (cid, c) in r["criteria"].as_object().unwrap() {
                let w = c["weight"].as_f64().unwrap();
                let v = c["value"].as_f64().unwrap();
                // A stated level's value is the profile's value of that level.
                if let Some(level) = c["level"].as_str() {
                    let key = if level == "unknown" { unknown } else { level };
                    assert_eq!(v, levels[key].as_f64().unwrap(), "{id}.{cid}");
                } else {
                    // language_coverage: the mean of the per-language values.
                    let langs = c["languages"].as_object().unwrap();
                    let mean = langs.values().map(|x| x.as_f64().unwrap()).sum::<f64>()
                        / langs.len() as f64;
                    assert!((v - mean).abs() < 1e-12, "{id}.{cid}");
                }
                num += w * v;
                den += w;
            }
            let score = r["score"].as_f64().unwrap();
            assert!(
                (score - 100.0 * num / den).abs() < 1e-9,
                "{}: {id}",
                p["id"]
            );
            overall += weights[id].as_f64().unwrap() * score;
        }
        let score = p["score"].as_f64().unwrap();
        assert!(
            (score - overall).abs() < 1e-9,
            "{}: {score} vs {overall}",
            p["id"]
        );
        let range = p["score_range"].as_array().unwrap();
        assert!(range[0].as_f64().unwrap() <= score + 1e-9);
        assert!(score <= range[1].as_f64().unwrap() + 1e-9);
        if p["rank"].is_number() {
            assert!(score <= last_score + 1e-9, "platforms are in rank order");
            last_score = score;
        }
    }
    let rec = &doc["recommendation"];
    assert_eq!(rec["id"], platforms[0]["id"]);
    assert!(!rec["reason"].as_str().unwrap().is_empty());
}

#[test]
fn builtin_catalog_scores_recompute_from_json() {
    recompute(&evaluate_json(&[]));
}

#[test]
fn fixture_scores_recompute_under_a_custom_profile() {
    let doc = evaluate_json(&[
        "tests/fixtures/good",
        "--profile",
        "tests/fixtures/profiles/team.toml",
        "--weight",
        "observability=0.5",
    ]);
    assert_eq!(
        doc["profile"]["languages"],
        serde_json::json!(["go", "python"])
    );
    recompute(&doc);
}

#[test]
fn excluded_platforms_carry_reasons_and_no_rank() {
    let doc = evaluate_json(&[
        "tests/fixtures/good",
        "--profile",
        "tests/fixtures/profiles/managed-only.toml",
    ]);
    let platforms = doc["platforms"].as_array().unwrap();
    let excluded: Vec<_> = platforms
        .iter()
        .filter(|p| !p["excluded"].as_array().unwrap().is_empty())
        .collect();
    assert!(!excluded.is_empty());
    for p in excluded {
        assert!(p["rank"].is_null(), "{}", p["id"]);
    }
}
