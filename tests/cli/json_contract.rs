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
        // The document's five, then the optional requirements scored from facts.
        assert_eq!(
            reqs.keys().map(String::as_str).collect::<Vec<_>>(),
            platform_eval::requirements::REQUIREMENTS
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        );
        let mut overall = 0.0;
        for (id, r) in reqs {
            let mut num = 0.0;
            let mut den = 0.0;
            for (cid, c) in r["criteria"].as_object().unwrap() {
                let w = c["weight"].as_f64().unwrap();
                let v = c["value"].as_f64().unwrap();
                // A stated level's value is the profile's value of that level.
                let value_of = |level: &str| {
                    let key = if level == "unknown" { unknown } else { level };
                    levels[key].as_f64().unwrap()
                };
                if let (Some(level), Some(scope)) = (c["level"].as_str(), c["scope"].as_object()) {
                    // A level for some languages only: each team language gets the level
                    // (listed) or `other_languages`, and the value is their mean.
                    let listed: Vec<&str> = scope["languages"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|l| l.as_str().unwrap())
                        .collect();
                    let others = value_of(scope["other_languages"].as_str().unwrap());
                    let langs = c["languages"].as_object().unwrap();
                    for (lang, lv) in langs {
                        // A language on a listed one's runtime (TypeScript on JavaScript)
                        // counts as listed.
                        let host =
                            platform_eval::requirements::language(lang).and_then(|l| l.runs_on);
                        let covered = listed.contains(&lang.as_str())
                            || host.is_some_and(|h| listed.contains(&h));
                        let want = if covered { value_of(level) } else { others };
                        assert_eq!(lv.as_f64().unwrap(), want, "{id}.{cid} {lang}");
                    }
                    let mean = langs.values().map(|x| x.as_f64().unwrap()).sum::<f64>()
                        / langs.len() as f64;
                    assert!((v - mean).abs() < 1e-12, "{id}.{cid}");
                } else if let Some(level) = c["level"].as_str() {
                    assert_eq!(v, value_of(level), "{id}.{cid}");
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

/// Scores from the matrix and the normalised weights alone, by an implementation of the
/// three methods written for this test.
fn method_scores(method: &str, rows: &[Vec<f64>], w: &[f64]) -> Vec<f64> {
    match method {
        "wsm" => rows
            .iter()
            .map(|r| r.iter().zip(w).map(|(x, w)| x * w).sum())
            .collect(),
        "wpm" => rows
            .iter()
            .map(|r| {
                r.iter()
                    .zip(w)
                    .filter(|(_, w)| **w > 0.0)
                    .map(|(x, w)| x.powf(*w))
                    .product()
            })
            .collect(),
        _ => {
            let n = w.len();
            let norm: Vec<f64> = (0..n)
                .map(|j| rows.iter().map(|r| r[j] * r[j]).sum::<f64>().sqrt())
                .collect();
            let v: Vec<Vec<f64>> = rows
                .iter()
                .map(|r| {
                    (0..n)
                        .map(|j| {
                            if norm[j] == 0.0 {
                                0.0
                            } else {
                                w[j] * r[j] / norm[j]
                            }
                        })
                        .collect()
                })
                .collect();
            let best: Vec<f64> = (0..n)
                .map(|j| v.iter().map(|r| r[j]).fold(f64::MIN, f64::max))
                .collect();
            let worst: Vec<f64> = (0..n)
                .map(|j| v.iter().map(|r| r[j]).fold(f64::MAX, f64::min))
                .collect();
            v.iter()
                .map(|r| {
                    let dp = (0..n).map(|j| (r[j] - best[j]).powi(2)).sum::<f64>().sqrt();
                    let dm = (0..n)
                        .map(|j| (r[j] - worst[j]).powi(2))
                        .sum::<f64>()
                        .sqrt();
                    if dp + dm == 0.0 { 0.5 } else { dm / (dp + dm) }
                })
                .collect()
        }
    }
}

#[test]
fn every_method_and_the_analyses_recompute_from_json() {
    for method in ["wsm", "wpm", "topsis"] {
        let args = [
            "--method",
            method,
            "--sensitivity",
            "--robustness",
            "--samples",
            "2000",
            "--seed",
            "5",
        ];
        let doc = evaluate_json(&args);
        assert_eq!(doc["method"], method);
        let ids: Vec<&str> = doc["matrix"]["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let reqs: Vec<&str> = doc["matrix"]["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let w: Vec<f64> = reqs
            .iter()
            .map(|r| doc["profile"]["weights"][r].as_f64().unwrap())
            .collect();
        // The matrix is on the 0..100 scale of every score; the methods work on 0..1.
        let rows: Vec<Vec<f64>> = doc["matrix"]["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_f64().unwrap() / 100.0)
                    .collect()
            })
            .collect();
        let scores = method_scores(method, &rows, &w);
        for (id, s) in ids.iter().zip(&scores) {
            let p = doc["platforms"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["id"] == *id)
                .unwrap();
            assert!(
                (p["score"].as_f64().unwrap() - s * 100.0).abs() < 1e-9,
                "{method} {id}"
            );
        }
        // Sensitivity: at an inner end of an interval the named rival ties the top platform.
        let sens = &doc["sensitivity"];
        let top = ids
            .iter()
            .position(|id| *id == sens["top"].as_str().unwrap())
            .unwrap();
        for (j, req) in reqs.iter().enumerate() {
            let iv = &sens["requirements"][req];
            // An unweighted optional requirement is outside the analyses.
            if iv.is_null() {
                assert_eq!(w[j], 0.0, "{req}");
                continue;
            }
            for (end, rival) in [("low", "low_rival"), ("high", "high_rival")] {
                let t = iv[end].as_f64().unwrap();
                let Some(rival) = iv[rival].as_str() else {
                    continue;
                };
                let b = ids.iter().position(|id| *id == rival).unwrap();
                let scale = (1.0 - t) / (1.0 - w[j]);
                let wt: Vec<f64> = (0..w.len())
                    .map(|k| if k == j { t } else { w[k] * scale })
                    .collect();
                let s = method_scores(method, &rows, &wt);
                assert!(
                    (s[top] - s[b]).abs() < 1e-9,
                    "{method} {req} {end}: {} vs {}",
                    s[top],
                    s[b]
                );
            }
        }
        // Robustness: the sampler, N and seed are there, and the same command gives the same numbers.
        let rob = &doc["robustness"];
        assert_eq!(
            (
                rob["sampler"].as_str(),
                rob["samples"].as_u64(),
                rob["seed"].as_u64()
            ),
            (Some("uniform"), Some(2000), Some(5))
        );
        assert_eq!(rob, &evaluate_json(&args)["robustness"]);
        for id in &ids {
            let a = rob["platforms"][id]["acceptability"].as_array().unwrap();
            let sum: f64 = a.iter().map(|x| x.as_f64().unwrap()).sum();
            assert!((sum - 1.0).abs() < 1e-9);
        }
    }
}

#[test]
fn a_variant_carries_the_origin_of_every_claim_and_recomputes() {
    let doc = evaluate_json(&["-p", "tests/fixtures/variants", "--with-builtin"]);
    recompute(&doc);
    let by_id = |id: &str| {
        doc["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id} in the output"))
            .clone()
    };
    let eu = by_id("our-cluster-eu");
    assert_eq!(eu["extends"], "our-cluster");
    let crit = |p: &Value, path: &str| {
        let (r, c) = path.split_once('.').unwrap();
        p["requirements"][r]["criteria"][c].clone()
    };
    // Its own claim, one from its base, one from the base's base.
    assert_eq!(
        crit(&eu, "resilience.multi_zone")["inherited_from"],
        Value::Null
    );
    assert_eq!(crit(&eu, "resilience.multi_zone")["level"], "none");
    let metrics = crit(&eu, "observability.metrics");
    assert_eq!(metrics["inherited_from"]["id"], "our-cluster");
    assert_eq!(
        metrics["inherited_from"]["file"],
        "tests/fixtures/variants/our-cluster.yaml"
    );
    assert_eq!(metrics["level"], "native");
    let hc = crit(&eu, "resilience.health_checks");
    assert_eq!(hc["inherited_from"]["id"], "kubernetes");
    assert_eq!(hc["inherited_from"]["origin"], "builtin");
    // The inherited evidence is the base's, word for word.
    let k8s = by_id("kubernetes");
    assert_eq!(hc["note"], crit(&k8s, "resilience.health_checks")["note"]);
    assert_eq!(
        hc["source"],
        crit(&k8s, "resilience.health_checks")["source"]
    );
    let runtimes = crit(&eu, "languages.language_coverage");
    assert_eq!(runtimes["inherited_from"]["id"], "kubernetes");
    // The team's add-ons lift the cluster above vanilla Kubernetes.
    assert!(eu["score"].as_f64() > k8s["score"].as_f64());
    assert!(by_id("our-cluster")["score"].as_f64() > eu["score"].as_f64());
}
