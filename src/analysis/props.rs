//! Property tests of the analysis invariants.

#![allow(clippy::float_cmp)]

use proptest::prelude::*;
use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;

use super::methods::{self, Method};
use super::smaa::{self, Config, Sampler};
use super::stability::{self, weights_at};
use super::{Matrix, normalise, rank};

fn matrix() -> impl Strategy<Value = Matrix> {
    (2usize..7, 2usize..6).prop_flat_map(|(m, n)| {
        // Values on a coarse grid make ties and zeros common, as levels do in real catalogs.
        prop::collection::vec(
            prop::collection::vec((0u8..=10).prop_map(|k| f64::from(k) / 10.0), n),
            m,
        )
        .prop_map(|rows| Matrix::from_rows(&rows))
    })
}

fn weights(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.05f64..1.0, n).prop_map(|w| normalise(&w))
}

fn method() -> impl Strategy<Value = Method> {
    prop::sample::select(vec![Method::Wsm, Method::Wpm, Method::Topsis])
}

fn case() -> impl Strategy<Value = (Matrix, Vec<f64>, Method)> {
    matrix().prop_flat_map(|m| {
        let n = m.cols();
        (Just(m), weights(n), method())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn acceptability_rows_and_columns_sum_to_one((m, w, method) in case(), seed in any::<u64>(), profile in any::<bool>()) {
        let sampler = if profile { Sampler::AroundProfile { concentration: 20.0 } } else { Sampler::Uniform };
        let s = smaa::run(method, &m, &w, Config { samples: 500, seed, sampler });
        let k = m.rows();
        for i in 0..k {
            let row: f64 = s.acceptability[i].iter().sum();
            let col: f64 = (0..k).map(|r| s.acceptability[r][i]).sum();
            prop_assert!((row - 1.0).abs() < 1e-9, "row {i}: {row}");
            prop_assert!((col - 1.0).abs() < 1e-9, "column {i}: {col}");
        }
    }

    #[test]
    fn at_an_inner_end_the_rival_ties_and_just_beyond_it_leads((m, w, method) in case()) {
        let scores = methods::scores(method, &m, &w);
        let top = rank::order(&scores)[0];
        for (j, iv) in stability::intervals(method, &m, &w, top).into_iter().enumerate() {
            let Some(iv) = iv else { continue };
            prop_assert!(iv.low <= w[j] + 1e-12 && w[j] <= iv.high + 1e-12, "{iv:?} holds w_j");
            for (end, rival, beyond) in [(iv.low, iv.low_rival, iv.low - 1e-6), (iv.high, iv.high_rival, iv.high + 1e-6)] {
                if end <= 1e-6 || end >= 1.0 - 1e-6 {
                    continue;
                }
                let b = rival.expect("an inner end names its rival");
                let at = methods::scores(method, &m, &weights_at(&w, j, end));
                prop_assert!((at[top] - at[b]).abs() <= 1e-7, "tie at {end}: {} vs {}", at[top], at[b]);
                let past = methods::scores(method, &m, &weights_at(&w, j, beyond));
                prop_assert!(past[b] > past[top], "{b} leads beyond {end}: {} vs {}", past[b], past[top]);
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_numbers_on_one_and_two_threads() {
    let small = Matrix::from_rows(&[
        vec![0.9, 0.2, 0.5],
        vec![0.4, 0.8, 0.6],
        vec![0.6, 0.6, 0.6],
        vec![0.6, 0.6, 0.6],
        vec![0.1, 0.9, 0.9],
    ]);
    // Larger sets on a grid of levels, as catalogs are, with ties: the 8-bit and the 16-bit
    // sorting network.
    let grid = |rows: usize| {
        let mut rng = ChaCha8Rng::seed_from_u64(rows as u64);
        let rows: Vec<Vec<f64>> = (0..rows)
            .map(|_| {
                (0..5)
                    .map(|_| f64::from(rng.random_range(0..=12u8)) / 12.0)
                    .collect()
            })
            .collect();
        Matrix::from_rows(&rows)
    };
    let profile = Sampler::AroundProfile { concentration: 5.0 };
    let cases = [
        (Method::Topsis, small, vec![0.5, 0.3, 0.2], profile, 20_000),
        (
            Method::Wsm,
            grid(100),
            vec![0.2; 5],
            Sampler::Uniform,
            5_003,
        ),
        (Method::Wpm, grid(300), vec![0.2; 5], profile, 3_001),
    ];
    for (method, m, w, sampler, samples) in cases {
        let cfg = Config {
            samples,
            seed: 11,
            sampler,
        };
        let on = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| smaa::run(method, &m, &w, cfg))
        };
        let one = on(1);
        assert_eq!(one, on(2), "{method:?}");
        assert_eq!(one, on(3), "{method:?}");
        assert_ne!(one, smaa::run(method, &m, &w, Config { seed: 12, ..cfg }));
    }
}
