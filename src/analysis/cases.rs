//! The published and worked cases of `tests/mcda/*.json` (copied from the analysis notes):
//! scores to 1e-12, rankings exactly, stability bounds to 1e-9, Monte Carlo values within four
//! standard errors.

#![allow(clippy::float_cmp)]

use serde_json::Value;

use super::methods::{self, Method};
use super::smaa::{self, Config, Sampler};
use super::stability;
use super::{Matrix, rank};

const CASES: [(&str, &str); 4] = [
    (
        "triantaphyllou",
        include_str!("../../tests/mcda/lit_triantaphyllou_wsm_wpm.json"),
    ),
    (
        "tzeng_huang",
        include_str!("../../tests/mcda/lit_tzeng_huang_2011_topsis.json"),
    ),
    (
        "platforms_4x5",
        include_str!("../../tests/mcda/platforms_4x5.json"),
    ),
    (
        "smaa_exact",
        include_str!("../../tests/mcda/smaa_exact_2crit.json"),
    ),
];

struct Case {
    name: &'static str,
    doc: Value,
    m: Matrix,
    w: Vec<f64>,
    names: Vec<String>,
}

fn cases() -> Vec<Case> {
    CASES
        .iter()
        .map(|(name, text)| {
            let doc: Value = serde_json::from_str(text).unwrap();
            let rows: Vec<Vec<f64>> = doc["matrix"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    r.as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_f64().unwrap())
                        .collect()
                })
                .collect();
            Case {
                name,
                m: Matrix::from_rows(&rows),
                w: floats(&doc["weights"]),
                names: doc["alternatives"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_owned())
                    .collect(),
                doc,
            }
        })
        .collect()
}

/// A JSON array of numbers.
pub(super) fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn method(key: &str) -> Method {
    match key {
        "wsm" => Method::Wsm,
        "wpm" => Method::Wpm,
        _ => Method::Topsis,
    }
}

#[test]
fn scores_and_rankings_of_every_method() {
    for c in cases() {
        for key in ["wsm", "wpm", "topsis"] {
            let expected = &c.doc["expected"][key];
            let got = methods::scores(method(key), &c.m, &c.w);
            for (g, e) in got.iter().zip(floats(&expected["scores"])) {
                let tol = 1e-12 * e.abs().max(1.0);
                assert!((g - e).abs() <= tol, "{} {key}: {got:?} vs {e}", c.name);
            }
            let ranks: Vec<usize> = rank::competition_ranks(&got);
            let want: Vec<usize> = expected["ranks"]["competition"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| usize::try_from(r.as_u64().unwrap()).unwrap())
                .collect();
            assert_eq!(ranks, want, "{} {key}", c.name);
        }
    }
}

#[test]
fn published_values_hold() {
    let all = cases();
    // Tzeng & Huang (2011): the published closeness to four decimals.
    let tz = &all[1];
    let published = floats(&tz.doc["published"]["topsis_closeness"]);
    let got = methods::scores(Method::Topsis, &tz.m, &tz.w);
    for (g, p) in got.iter().zip(published) {
        assert!((g - p).abs() <= 1e-4, "{got:?}");
    }
    // Triantaphyllou: the WSM tie of A2 and A3 that WPM breaks.
    let tr = &all[0];
    let wsm = methods::scores(Method::Wsm, &tr.m, &tr.w);
    assert_eq!(rank::competition_ranks(&wsm), vec![3, 1, 1]);
    let wpm = methods::scores(Method::Wpm, &tr.m, &tr.w);
    assert_eq!(rank::competition_ranks(&wpm), vec![1, 2, 3]);
}

#[test]
fn stability_intervals_match() {
    for c in cases() {
        for key in ["wsm", "topsis"] {
            let expected = &c.doc["expected"]["stability"][key];
            let scores = methods::scores(method(key), &c.m, &c.w);
            let top = rank::order(&scores)[0];
            assert_eq!(
                c.names[top],
                expected["top"].as_str().unwrap(),
                "{} {key}",
                c.name
            );
            let got = stability::intervals(method(key), &c.m, &c.w, top);
            for e in expected["intervals"].as_array().unwrap() {
                let j = usize::try_from(e["criterion_index"].as_u64().unwrap()).unwrap();
                let iv = got[j].as_ref().unwrap();
                let at = format!("{} {key} criterion {j}: {iv:?}", c.name);
                assert!((iv.low - e["lower"].as_f64().unwrap()).abs() < 1e-9, "{at}");
                assert!(
                    (iv.high - e["upper"].as_f64().unwrap()).abs() < 1e-9,
                    "{at}"
                );
                let name = |r: Option<usize>| r.map(|r| c.names[r].clone());
                assert_eq!(
                    name(iv.low_rival).as_deref(),
                    e["lower_overtaken_by"].as_str(),
                    "{at}"
                );
                assert_eq!(
                    name(iv.high_rival).as_deref(),
                    e["upper_overtaken_by"].as_str(),
                    "{at}"
                );
            }
        }
    }
}

/// |got − want| within four standard errors (both estimates' errors when `want` is itself
/// a Monte Carlo estimate over `their_n` samples).
fn within_four_se(got: f64, want: f64, n: usize, their_n: Option<usize>) -> bool {
    let var = |b: f64, n: usize| b * (1.0 - b) / n as f64;
    let se = (var(want, n) + their_n.map_or(0.0, |t| var(want, t))).sqrt();
    // A share of exactly 0 or 1 has no spread: allow one sample's worth of slack.
    (got - want).abs() <= 4.0 * se + 1.0 / n as f64
}

#[test]
fn smaa_matches_the_exact_case_and_the_reference_estimates() {
    const N: usize = 100_000;
    for c in cases() {
        let (expected, their_n) = match c.doc["expected"].get("smaa_wsm_exact") {
            Some(e) => (e, None),
            None => (&c.doc["expected"]["smaa_wsm"], Some(200_000)),
        };
        let cfg = Config {
            samples: N,
            seed: 42,
            sampler: Sampler::Uniform,
        };
        let got = smaa::run(Method::Wsm, &c.m, &c.w, cfg);
        for (i, row) in expected["rank_acceptability"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            for (r, want) in floats(row).into_iter().enumerate() {
                let g = got.acceptability[i][r];
                assert!(
                    within_four_se(g, want, N, their_n),
                    "{} b[{i}][{r}] = {g}, want {want}",
                    c.name
                );
            }
        }
        for (i, cw) in expected["central_weights"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            match (&got.central_weights[i], cw.as_array()) {
                (None, None) => {}
                (Some(g), Some(want)) => {
                    // A mean of weights in [0, 1] over N·b₁ samples: SE <= 0.5 / √(N·b₁).
                    let b1 = got.acceptability[i][0];
                    let se = 0.5 / (N as f64 * b1).sqrt();
                    let se = se * their_n.map_or(1.0, |_| 2f64.sqrt());
                    for (g, w) in g.iter().zip(want) {
                        let w = w.as_f64().unwrap();
                        assert!(
                            (g - w).abs() <= 4.0 * se,
                            "{} central weights {i}: {g} vs {w}",
                            c.name
                        );
                    }
                }
                other => panic!("{} central weights {i}: {other:?}", c.name),
            }
        }
    }
}
