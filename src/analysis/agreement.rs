//! The SMAA implementation against recorded reference results (`tests/fixtures/smaa/`: the
//! built-in catalog and a 100-platform synthetic one, written by an earlier implementation):
//! every rank acceptability and central weight within four standard errors.

use serde_json::Value;

use super::Matrix;
use super::cases::floats;
use super::methods::Method;
use super::smaa::{self, Config, Sampler};

const FIXTURES: [(&str, &str); 5] = [
    (
        "builtin-wsm-uniform",
        include_str!("../../tests/fixtures/smaa/builtin-wsm-uniform.json"),
    ),
    (
        "builtin-topsis-uniform",
        include_str!("../../tests/fixtures/smaa/builtin-topsis-uniform.json"),
    ),
    (
        "builtin-wpm-profile",
        include_str!("../../tests/fixtures/smaa/builtin-wpm-profile.json"),
    ),
    (
        "synthetic-100-wsm-uniform",
        include_str!("../../tests/fixtures/smaa/synthetic-100-wsm-uniform.json"),
    ),
    (
        "synthetic-100-topsis-uniform",
        include_str!("../../tests/fixtures/smaa/synthetic-100-topsis-uniform.json"),
    ),
];

fn rows(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().unwrap().iter().map(floats).collect()
}

/// The reference's configuration and the current implementation's result on its matrix.
fn rerun(doc: &Value) -> (usize, smaa::Smaa) {
    let method = match doc["method"].as_str().unwrap() {
        "wsm" => Method::Wsm,
        "wpm" => Method::Wpm,
        _ => Method::Topsis,
    };
    let sampler = match doc["sampler"].as_str().unwrap() {
        "uniform" => Sampler::Uniform,
        _ => Sampler::AroundProfile {
            concentration: doc["concentration"].as_f64().unwrap(),
        },
    };
    let samples = usize::try_from(doc["samples"].as_u64().unwrap()).unwrap();
    let cfg = Config {
        samples,
        seed: doc["seed"].as_u64().unwrap(),
        sampler,
    };
    let m = Matrix::from_rows(&rows(&doc["matrix"]));
    (
        samples,
        smaa::run(method, &m, &floats(&doc["weights"]), cfg),
    )
}

#[test]
fn smaa_agrees_with_the_reference_results_within_four_standard_errors() {
    for (name, text) in FIXTURES {
        let doc: Value = serde_json::from_str(text).unwrap();
        let (n, got) = rerun(&doc);
        let n = n as f64;
        let want = rows(&doc["acceptability"]);
        let se = rows(&doc["std_error"]);
        assert_eq!(got.acceptability.len(), want.len(), "{name}");
        for (i, (want, se)) in want.iter().zip(&se).enumerate() {
            for (r, (w, s)) in want.iter().zip(se).enumerate() {
                let g = got.acceptability[i][r];
                // Two estimates over n samples each: the difference has √2 times the
                // reference's standard error; a share of exactly 0 or 1 has none, so allow one
                // sample's worth of slack.
                let tol = 4.0 * std::f64::consts::SQRT_2 * s + 1.0 / n;
                assert!(
                    (g - w).abs() <= tol,
                    "{name}: b[{i}][{r}] = {g}, reference {w} ± {s}"
                );
            }
        }
        for (i, cw) in doc["central_weights"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            // Without central weights on one side, a platform is first in none or a handful
            // of samples there: the first-rank shares, checked above, are within the noise.
            if let (Some(g), Some(_)) = (&got.central_weights[i], cw.as_array()) {
                // A mean of weights in [0, 1] over n·b₁ samples: SE <= 0.5 / √(n·b₁).
                let b1 = got.acceptability[i][0];
                let se = std::f64::consts::SQRT_2 * 0.5 / (n * b1).sqrt();
                for (g, w) in g.iter().zip(floats(cw)) {
                    assert!(
                        (g - w).abs() <= 4.0 * se,
                        "{name}: central weights of {i}: {g} vs {w}"
                    );
                }
            }
        }
    }
}
