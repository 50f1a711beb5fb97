//! Speed of the whole pipeline and of the analyses, on synthetic catalogs made by
//! `platform_eval::synthetic` (the same generator as `examples/synthetic_catalog.rs`).
//!
//!     cargo bench                      # everything
//!     cargo bench -- robustness        # one group

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use platform_eval::analysis::Method;
use platform_eval::analysis::smaa::{self, Config, Sampler};
use platform_eval::catalog::load::{self, Inputs};
use platform_eval::diag::Diagnostics;
use platform_eval::profile::Profile;
use platform_eval::score;

/// Writes a synthetic catalog of `n` files once per bench run.
fn catalog(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("platform-eval-bench-{n}"));
    if !dir
        .join(format!("{}.yaml", platform_eval::synthetic::id(n - 1)))
        .exists()
    {
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..n {
            let path = dir.join(format!("{}.yaml", platform_eval::synthetic::id(i)));
            std::fs::write(path, platform_eval::synthetic::descriptor(1, i)).unwrap();
        }
    }
    dir
}

fn load_dir(dir: &Path) -> Vec<platform_eval::catalog::descriptor::Descriptor> {
    let mut diags = Diagnostics::default();
    let inputs = Inputs {
        paths: vec![dir.display().to_string()],
        ..Inputs::default()
    };
    let platforms = load::load(&inputs, &mut diags);
    assert!(!diags.has_errors());
    platforms
}

fn load_and_score(dir: &Path) -> usize {
    let platforms = load_dir(dir);
    let profile = Profile::default();
    let eval = score::evaluate(&platforms, &profile, Method::Wsm);
    eval.platforms.len()
}

fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_and_score");
    g.sample_size(10);
    for n in [1_000, 10_000] {
        let dir = catalog(n);
        g.bench_function(format!("{n}_files"), |b| {
            b.iter(|| black_box(load_and_score(&dir)));
        });
    }
    g.bench_function("builtin_catalog", |b| {
        b.iter(|| {
            let mut diags = Diagnostics::default();
            let platforms = load::load(&Inputs::default(), &mut diags);
            let profile = Profile::default();
            black_box(
                score::evaluate(&platforms, &profile, Method::Wsm)
                    .platforms
                    .len(),
            )
        });
    });
    g.finish();
}

fn bench_robustness(c: &mut Criterion) {
    let mut g = c.benchmark_group("robustness_100k_samples");
    g.sample_size(10);
    for n in [100, 1_000] {
        let platforms = load_dir(&catalog(n));
        let profile = Profile::default();
        let eval = score::evaluate(&platforms, &profile, Method::Wsm);
        let w = profile.normalised_weights();
        let m = eval.matrix.values.clone();
        for method in [Method::Wsm, Method::Topsis] {
            let cfg = Config {
                samples: 100_000,
                seed: 42,
                sampler: Sampler::Uniform,
            };
            g.bench_function(format!("{n}_platforms_{}", method.as_str()), |b| {
                b.iter(|| black_box(smaa::run(method, &m, &w, cfg)));
            });
        }
    }
    g.finish();
}

/// `explain` for every platform of a set together: the closest winning weighting of each
/// (one LP per platform over the Pareto front, computed once).
fn bench_explain(c: &mut Criterion) {
    use platform_eval::decide::closest;
    let mut g = c.benchmark_group("explain_every_platform");
    g.sample_size(10);
    for n in [100, 1_000] {
        let platforms = load_dir(&catalog(n));
        let profile = Profile::default();
        let eval = score::evaluate(&platforms, &profile, Method::Wsm);
        let m = &eval.matrix.values;
        let rows: Vec<Vec<f64>> = (0..m.rows()).map(|i| m.row(i).to_vec()).collect();
        let w = profile.normalised_weights();
        let fixed = [false; 5];
        for (name, method) in [("wsm", closest::Method::Wsm), ("wpm", closest::Method::Wpm)] {
            g.bench_function(format!("{n}_platforms_{name}"), |b| {
                b.iter(|| black_box(closest::closest_first_all(&rows, &w, &fixed, method)));
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench_load, bench_robustness, bench_explain);
criterion_main!(benches);
