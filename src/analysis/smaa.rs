//! SMAA-2 robustness (Lahdelma & Salminen 2001): sample weight vectors, rank every platform
//! under each, and report how often each platform takes each rank.
//!
//! Reproducible: samples come in fixed blocks, each with its own ChaCha stream derived from
//! the seed, and blocks are accumulated in a fixed layout, so the numbers are the same for a
//! given seed whatever the number of threads.

use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Exp1, Gamma};
use rayon::prelude::*;

use super::methods::{self, Method, Topsis};
use super::{Matrix, rank};

/// How weight vectors are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sampler {
    /// Uniform over the simplex, Dirichlet(1, ..., 1): "we do not know the weights".
    Uniform,
    /// Dirichlet(κ w) around the profile's weights: "our weights are roughly right"; larger κ
    /// is tighter, and zero weights stay zero.
    AroundProfile { concentration: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    pub samples: usize,
    pub seed: u64,
    pub sampler: Sampler,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Smaa {
    /// `acceptability[i][r]`: share of samples in which row i has rank r + 1.
    pub acceptability: Vec<Vec<f64>>,
    /// Monte Carlo standard error of each acceptability, √(b(1 − b)/N).
    pub std_error: Vec<Vec<f64>>,
    /// Mean weights of the samples in which row i is first (`None` when it never is).
    pub central_weights: Vec<Option<Vec<f64>>>,
    /// 1 when row i is first under its own central weights, 0 when not.
    pub confidence: Vec<Option<f64>>,
}

/// Samples a block draws before the next block starts: the unit of reproducibility.
const BLOCK: usize = 1024;
/// Accumulators: block b goes to slot b % SLOTS, in block order; the layout, and so every sum,
/// is the same whatever the number of threads.
const SLOTS: usize = 4;

struct Acc {
    /// Row-major m × m: `rank_share[i * m + r]`.
    rank_share: Vec<f64>,
    /// Row-major m × n: weight sums over the samples in which row i is first.
    first_weights: Vec<f64>,
    first_share: Vec<f64>,
}

impl Acc {
    fn new(m: usize, n: usize) -> Acc {
        Acc {
            rank_share: vec![0.0; m * m],
            first_weights: vec![0.0; m * n],
            first_share: vec![0.0; m],
        }
    }

    fn add(&mut self, other: &Acc) {
        for (a, b) in self.rank_share.iter_mut().zip(&other.rank_share) {
            *a += b;
        }
        for (a, b) in self.first_weights.iter_mut().zip(&other.first_weights) {
            *a += b;
        }
        for (a, b) in self.first_share.iter_mut().zip(&other.first_share) {
            *a += b;
        }
    }
}

/// The scoring of one weight vector, prepared once per run.
enum Scorer {
    Wsm,
    /// ln x, so a sample costs a dot product (the order of exp(·) is the order of its log).
    Wpm(Vec<f64>),
    Topsis(Topsis),
}

impl Scorer {
    fn new(method: Method, m: &Matrix) -> Scorer {
        match method {
            Method::Wsm => Scorer::Wsm,
            Method::Wpm => Scorer::Wpm(
                (0..m.rows())
                    .flat_map(|i| m.row(i).iter().map(|x| x.ln()))
                    .collect(),
            ),
            Method::Topsis => Scorer::Topsis(Topsis::new(m)),
        }
    }

    fn scores(&self, m: &Matrix, w: &[f64], out: &mut [f64]) {
        let n = m.cols();
        match self {
            Scorer::Wsm => {
                for (i, s) in out.iter_mut().enumerate() {
                    *s = methods::wsm(m.row(i), w);
                }
            }
            Scorer::Wpm(logs) => {
                for (i, s) in out.iter_mut().enumerate() {
                    let row = &logs[i * n..(i + 1) * n];
                    // 0^0 = 1: a zero weight skips its term, even a −∞ one.
                    let log: f64 = row
                        .iter()
                        .zip(w)
                        .filter(|(_, w)| **w > 0.0)
                        .map(|(l, w)| w * l)
                        .sum();
                    *s = log.exp();
                }
            }
            Scorer::Topsis(t) => {
                for (i, s) in out.iter_mut().enumerate() {
                    *s = t.closeness(i, w);
                }
            }
        }
    }
}

/// Draws one weight vector into `w`.
fn draw(sampler: Sampler, base: &[f64], rng: &mut ChaCha8Rng, w: &mut [f64]) {
    match sampler {
        Sampler::Uniform => {
            for x in w.iter_mut() {
                *x = Exp1.sample(rng);
            }
        }
        Sampler::AroundProfile { concentration } => {
            for (x, b) in w.iter_mut().zip(base) {
                *x = if *b > 0.0 {
                    Gamma::new(concentration * b, 1.0).map_or(0.0, |g| g.sample(rng))
                } else {
                    0.0
                };
            }
        }
    }
    let sum: f64 = w.iter().sum();
    if sum > 0.0 {
        for x in w.iter_mut() {
            *x /= sum;
        }
    } else {
        // Every gamma draw underflowed (tiny κ w): fall back to the profile's weights.
        w.copy_from_slice(base);
    }
}

/// Runs SMAA-2 on `m` with base weights `w` (normalised). The matrix holds benefit scores
/// (>= 0), as every requirement score is.
///
/// # Panics
///
/// With 2^24 rows or more, which no catalog reaches.
pub fn run(method: Method, m: &Matrix, w: &[f64], cfg: Config) -> Smaa {
    let (rows, cols) = (m.rows(), m.cols());
    assert!(rows < 1 << 24, "too many platforms for one SMAA run");
    let scorer = Scorer::new(method, m);
    let blocks = cfg.samples.div_ceil(BLOCK);
    let slots: Vec<Acc> = (0..SLOTS)
        .into_par_iter()
        .map(|slot| {
            let mut acc = Acc::new(rows, cols);
            let mut wt = vec![0.0; cols];
            let mut scores = vec![0.0; rows];
            let mut keys: Vec<u64> = Vec::with_capacity(rows);
            let mut order: Vec<usize> = Vec::with_capacity(rows);
            for block in (slot..blocks).step_by(SLOTS) {
                let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
                rng.set_stream(block as u64);
                let n = BLOCK.min(cfg.samples - block * BLOCK);
                for _ in 0..n {
                    draw(cfg.sampler, w, &mut rng, &mut wt);
                    scorer.scores(m, &wt, &mut scores);
                    accumulate(&scores, &wt, &mut keys, &mut order, &mut acc, cols);
                }
            }
            acc
        })
        .collect();
    let mut total = Acc::new(rows, cols);
    for s in &slots {
        total.add(s);
    }
    finish(m, &scorer, &total, cfg.samples)
}

/// Ranks one sample and adds its shares: a tie group of size g at positions p..p+g−1 gives
/// each member 1/g of each of those ranks.
fn accumulate(
    scores: &[f64],
    w: &[f64],
    keys: &mut Vec<u64>,
    order: &mut Vec<usize>,
    acc: &mut Acc,
    cols: usize,
) {
    let rows = scores.len();
    // Sorting plain integers is several times faster than sorting by a float comparison, and
    // sorting is most of the work. Scores are >= 0, where an f64's bit pattern orders like its
    // value; the lowest bits carry the row, which moves a score by under 2^-28 of itself (for
    // up to 16M rows), far below TIE_EPS: scores further apart keep their order, and nearer
    // ones fall in one tie group, whose members share its ranks whatever their order.
    let bits = usize::BITS - rows.saturating_sub(1).leading_zeros();
    let mask = (1u64 << bits) - 1;
    keys.clear();
    keys.extend(
        scores
            .iter()
            .enumerate()
            .map(|(i, s)| (s.to_bits() & !mask) | i as u64),
    );
    keys.sort_unstable();
    order.clear();
    #[allow(clippy::cast_possible_truncation)] // the masked bits hold a row index
    order.extend(keys.iter().rev().map(|k| (k & mask) as usize));
    let mut start = 0;
    while start < rows {
        let mut end = start + 1;
        while end < rows && scores[order[start]] - scores[order[end]] <= super::TIE_EPS {
            end += 1;
        }
        let g = end - start;
        if g == 1 {
            acc.rank_share[order[start] * rows + start] += 1.0;
        } else {
            let share = 1.0 / g as f64;
            for &i in &order[start..end] {
                for r in start..end {
                    acc.rank_share[i * rows + r] += share;
                }
            }
        }
        if start == 0 {
            let share = 1.0 / g as f64;
            for &i in &order[start..end] {
                acc.first_share[i] += share;
                for (k, wk) in w.iter().enumerate() {
                    acc.first_weights[i * cols + k] += share * wk;
                }
            }
        }
        start = end;
    }
}

fn finish(m: &Matrix, scorer: &Scorer, total: &Acc, samples: usize) -> Smaa {
    let (rows, cols) = (m.rows(), m.cols());
    let n = samples as f64;
    let acceptability: Vec<Vec<f64>> = (0..rows)
        .map(|i| {
            (0..rows)
                .map(|r| total.rank_share[i * rows + r] / n)
                .collect()
        })
        .collect();
    let std_error = acceptability
        .iter()
        .map(|row| row.iter().map(|b| (b * (1.0 - b) / n).sqrt()).collect())
        .collect();
    let central_weights: Vec<Option<Vec<f64>>> = (0..rows)
        .map(|i| {
            (total.first_share[i] > 0.0).then(|| {
                (0..cols)
                    .map(|k| total.first_weights[i * cols + k] / total.first_share[i])
                    .collect()
            })
        })
        .collect();
    let mut scores = vec![0.0; rows];
    let confidence = central_weights
        .iter()
        .enumerate()
        .map(|(i, cw)| {
            cw.as_ref().map(|cw| {
                scorer.scores(m, cw, &mut scores);
                let order = rank::order(&scores);
                let first = rank::tie_groups(&scores, &order)[0];
                if order[..first.1].contains(&i) {
                    1.0
                } else {
                    0.0
                }
            })
        })
        .collect();
    Smaa {
        acceptability,
        std_error,
        central_weights,
        confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_columns_of_acceptability_sum_to_one() {
        let m = Matrix::from_rows(&[
            vec![0.9, 0.1],
            vec![0.5, 0.5],
            vec![0.5, 0.5],
            vec![0.1, 0.9],
        ]);
        let s = run(
            Method::Wsm,
            &m,
            &[0.5, 0.5],
            Config {
                samples: 3000,
                seed: 7,
                sampler: Sampler::Uniform,
            },
        );
        for i in 0..4 {
            let row: f64 = s.acceptability[i].iter().sum();
            let col: f64 = (0..4).map(|k| s.acceptability[k][i]).sum();
            assert!((row - 1.0).abs() < 1e-9 && (col - 1.0).abs() < 1e-9);
        }
        // Rows 1 and 2 are the same platform twice: they split every rank they take.
        assert_eq!(s.acceptability[1], s.acceptability[2]);
    }
}
