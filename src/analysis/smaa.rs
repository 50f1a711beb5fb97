//! SMAA-2 robustness (Lahdelma & Salminen 2001): sample weight vectors, rank every platform
//! under each, and report how often each platform takes each rank.
//!
//! Fast: samples go [`LANES`] at a time. Their scores are one small matrix product, and one
//! sorting network (a fixed list of compare-exchanges, so no branch depends on the scores)
//! orders all of them at once on quantised keys (the score's level above the row index), which
//! the compiler vectorises across the samples. A sample whose neighbouring keys are far enough
//! apart is counted straight from them; the rare one with rows too close to tell apart, or
//! tied, is put in exact order by its exact scores and its ties share their ranks.
//!
//! Reproducible: samples come in fixed blocks, each with its own ChaCha stream derived from
//! the seed, and every total is an integer (counts, and fixed-point shares and weight sums), so
//! a given seed gives the same numbers whatever the number of threads and however the blocks
//! are split among them.

use rand::SeedableRng as _;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Exp1, Gamma};
use rayon::prelude::*;
use std::ops::IndexMut;
use std::sync::{Mutex, PoisonError};

use super::methods::{self, Method, Topsis};
use super::{Matrix, TIE_EPS, rank};

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

/// Samples a block draws from its own stream: the unit of reproducibility and of parallel work.
const BLOCK: usize = 1024;
/// Samples scored and sorted together. Eight f32 keys fill two SSE registers (one AVX one).
const LANES: usize = 8;
/// One value per lane.
type Lanes<T> = [T; LANES];
/// The sorting network's size grows as m log² m; beyond this many rows each sample is sorted
/// on its own.
const NETWORK_MAX_ROWS: usize = 4096;
/// Fixed point of shared ranks: one sample counts 2^32, so 2^32 samples fit in a u64.
const UNIT: u64 = 1 << 32;
/// Fixed point of weights, as exact as an f64 below 1.
const WEIGHT_UNIT: u64 = 1 << 52;
/// A network key is the f32 with bits `KEY_BASE + key` (key below 2^30): a positive normal
/// number, and those order like their bits.
const KEY_BASE: u32 = 1 << 23;
/// The low 23 bits of x + 2^23 hold x in [0, 2^22] rounded to an integer.
const ROUND: f32 = (1u32 << 23) as f32;
/// Bits of a network key (a score's level above the row index): below 2^30, so that a key
/// stays a finite f32.
const NETWORK_LEVEL_BITS: u32 = 30;

/// Runs SMAA-2 on `m` with base weights `w` (normalised). The matrix holds benefit scores
/// (>= 0), as every requirement score is.
///
/// # Panics
///
/// With 2^24 rows or more, which no catalog reaches, or more than 2^32 − 1 samples.
pub fn run(method: Method, m: &Matrix, w: &[f64], cfg: Config) -> Smaa {
    let sorter = if m.rows() <= NETWORK_MAX_ROWS {
        Sorter::Network(Network::new(m.rows()))
    } else {
        Sorter::EachSample
    };
    run_with(method, m, w, cfg, sorter)
}

fn run_with(method: Method, m: &Matrix, w: &[f64], cfg: Config, sorter: Sorter) -> Smaa {
    let (rows, cols) = (m.rows(), m.cols());
    assert!(rows < 1 << 24, "too many platforms for one SMAA run");
    assert!(
        u32::try_from(cfg.samples).is_ok(),
        "too many samples for one SMAA run"
    );
    let plan = Plan {
        scorer: Scorer::new(method, m),
        sorter,
        cols,
        index_bits: usize::BITS - rows.saturating_sub(1).leading_zeros(),
        base: w,
        cfg,
    };
    if rows == 0 {
        return finish(method, m, &Totals::new(0, cols), cfg.samples);
    }
    let totals = Mutex::new(Totals::new(rows, cols));
    (0..cfg.samples.div_ceil(BLOCK))
        .into_par_iter()
        .fold(
            || (Work::new(rows, cols), Acc::new(rows, cols, &totals)),
            |(mut work, mut acc), block| {
                work.block(&plan, block, &mut acc);
                (work, acc)
            },
        )
        .for_each(|(_, mut acc)| acc.flush());
    let total = totals.into_inner().unwrap_or_else(PoisonError::into_inner);
    finish(method, m, &total, cfg.samples)
}

/// What every block of one run shares.
struct Plan<'a> {
    scorer: Scorer,
    sorter: Sorter,
    cols: usize,
    /// Low key bits that hold the row index.
    index_bits: u32,
    /// The profile's weights (for `Sampler::AroundProfile`).
    base: &'a [f64],
    cfg: Config,
}

/// How the samples of a group are put in order.
enum Sorter {
    /// One sorting network for all lanes.
    Network(Network),
    /// Each lane on its own (`sort_unstable` on u64 keys), for large sets.
    EachSample,
}

/// A sorting network: Batcher's bitonic sort, as runs of compare-exchanges. Each exchange puts
/// the smaller key at the lower index. Where two consecutive layers of the network work on the
/// same four keys, they run as one step that loads the four once: half the memory traffic.
/// Narrow indices keep the lists small, and 8-bit ones on 256 keys need no bounds checks.
enum Network {
    Small(Steps<u8>),
    Large(Steps<u16>),
}

struct Steps<I> {
    runs: Vec<Run>,
    pairs: Vec<[I; 2]>,
    quads: Vec<[I; 4]>,
}

/// A run of steps of one kind, by their range in `Steps::pairs` or `Steps::quads`.
enum Run {
    /// Exchange (a, b).
    Pairs(std::ops::Range<usize>),
    /// Exchange (a, b) and (c, d), then (a, c) and (b, d).
    Quads(std::ops::Range<usize>),
    /// Exchange (a, b) and (c, d), then (a, c) and (d, b).
    Crossed(std::ops::Range<usize>),
}

impl Network {
    fn new(rows: usize) -> Network {
        let layers = bitonic(rows);
        match u8::try_from(rows.saturating_sub(1)) {
            Ok(_) => Network::Small(Steps::new(&layers, |i| u8::try_from(i).unwrap())),
            Err(_) => Network::Large(Steps::new(&layers, |i| u16::try_from(i).unwrap())),
        }
    }

    /// Sorts every lane of `keys` (at least 256 of them; those past the network's size stay).
    fn sort(&self, keys: &mut [Lanes<f32>]) {
        match self {
            Network::Small(steps) => {
                let keys: &mut [Lanes<f32>; 256] = (&mut keys[..256]).try_into().unwrap();
                steps.run(keys);
            }
            Network::Large(steps) => steps.run(keys),
        }
    }
}

/// The layers of the bitonic sorting network for `n` keys, all exchanges ascending (each
/// merge starts by comparing mirrored positions). Pruned to `n`: an exchange reaching past the
/// end would meet a +∞ pad, which never moves.
fn bitonic(n: usize) -> Vec<Vec<(usize, usize)>> {
    let size = n.next_power_of_two();
    let mut layers = Vec::new();
    let mut k = 2;
    while k <= size {
        let mut j = k / 2;
        while j >= 1 {
            let layer = (0..n)
                .filter(|i| i & j == 0)
                .map(|i| (i, if j == k / 2 { i ^ (k - 1) } else { i + j }))
                .filter(|&(_, partner)| partner < n)
                .collect();
            layers.push(layer);
            j /= 2;
        }
        k *= 2;
    }
    layers
}

impl<I: Copy + Into<usize>> Steps<I> {
    /// Steps for `layers`, merging consecutive layers into four-key steps where they allow.
    fn new(layers: &[Vec<(usize, usize)>], narrow: impl Fn(usize) -> I) -> Steps<I> {
        let mut steps = Steps {
            runs: Vec::new(),
            pairs: Vec::new(),
            quads: Vec::new(),
        };
        let pairs = |steps: &mut Steps<I>, list: &[(usize, usize)]| {
            let start = steps.pairs.len();
            steps
                .pairs
                .extend(list.iter().map(|&(a, b)| [narrow(a), narrow(b)]));
            steps.runs.push(Run::Pairs(start..steps.pairs.len()));
        };
        let mut chunks = layers.chunks(2);
        for chunk in &mut chunks {
            let [first, second] = chunk else {
                pairs(&mut steps, &chunk[0]);
                continue;
            };
            let (quads, crossed, alone) = group(first, second);
            let (before, after): (Vec<_>, Vec<_>) =
                alone.into_iter().partition(|&(_, in_first)| in_first);
            let before: Vec<_> = before.into_iter().map(|(pair, _)| pair).collect();
            let after: Vec<_> = after.into_iter().map(|(pair, _)| pair).collect();
            pairs(&mut steps, &before);
            for (list, run) in [(quads, Run::Quads as fn(_) -> Run), (crossed, Run::Crossed)] {
                let start = steps.quads.len();
                steps.quads.extend(list.iter().map(|q| q.map(&narrow)));
                steps.runs.push(run(start..steps.quads.len()));
            }
            pairs(&mut steps, &after);
        }
        steps
    }

    fn run<K>(&self, keys: &mut K)
    where
        K: IndexMut<usize, Output = Lanes<f32>> + ?Sized,
    {
        for run in &self.runs {
            match run {
                Run::Pairs(range) => {
                    for &[a, b] in &self.pairs[range.clone()] {
                        let (a, b) = (a.into(), b.into());
                        (keys[a], keys[b]) = exchange(keys[a], keys[b]);
                    }
                }
                Run::Quads(range) => {
                    for &[a, b, c, d] in &self.quads[range.clone()] {
                        let (a, b, c, d) = (a.into(), b.into(), c.into(), d.into());
                        let (ka, kb) = exchange(keys[a], keys[b]);
                        let (kc, kd) = exchange(keys[c], keys[d]);
                        (keys[a], keys[c]) = exchange(ka, kc);
                        (keys[b], keys[d]) = exchange(kb, kd);
                    }
                }
                Run::Crossed(range) => {
                    for &[a, b, c, d] in &self.quads[range.clone()] {
                        let (a, b, c, d) = (a.into(), b.into(), c.into(), d.into());
                        let (ka, kb) = exchange(keys[a], keys[b]);
                        let (kc, kd) = exchange(keys[c], keys[d]);
                        (keys[a], keys[c]) = exchange(ka, kc);
                        (keys[d], keys[b]) = exchange(kd, kb);
                    }
                }
            }
        }
    }
}

/// Four-key steps of two consecutive layers: exchanges (a, b) and (c, d) of the first and
/// (a, c) and (b, d) of the second (`Quads`) or (a, c) and (d, b) (`Crossed`); and the
/// exchanges left alone, each with whether it belongs to the first layer.
#[allow(clippy::type_complexity)]
fn group(
    first: &[(usize, usize)],
    second: &[(usize, usize)],
) -> (
    Vec<[usize; 4]>,
    Vec<[usize; 4]>,
    Vec<((usize, usize), bool)>,
) {
    use std::collections::HashMap;
    // Each key's exchange in either layer: (partner, whether the key takes the smaller).
    let partners = |layer: &[(usize, usize)]| -> HashMap<usize, (usize, bool)> {
        layer
            .iter()
            .flat_map(|&(a, b)| [(a, (b, true)), (b, (a, false))])
            .collect()
    };
    let (in_first, in_second) = (partners(first), partners(second));
    let (mut quads, mut crossed, mut alone) = (Vec::new(), Vec::new(), Vec::new());
    let mut done = std::collections::HashSet::new();
    for &(a, b) in first {
        if done.contains(&a) {
            continue;
        }
        // (a, b) and (c, d) in the first layer, a with c and b with d in the second.
        let step =
            in_second
                .get(&a)
                .zip(in_second.get(&b))
                .and_then(|(&(c, a_low), &(d, b_low))| {
                    let &(partner, c_low) = in_first.get(&c)?;
                    (partner == d && c_low && a_low && !done.contains(&c)).then_some((c, d, b_low))
                });
        if let Some((c, d, b_low)) = step {
            done.extend([a, b, c, d]);
            if b_low {
                quads.push([a, b, c, d]);
            } else {
                crossed.push([a, b, c, d]);
            }
        }
    }
    alone.extend(
        first
            .iter()
            .filter(|(a, _)| !done.contains(a))
            .map(|&pair| (pair, true)),
    );
    alone.extend(
        second
            .iter()
            .filter(|(a, _)| !done.contains(a))
            .map(|&pair| (pair, false)),
    );
    (quads, crossed, alone)
}

/// The smaller and the larger of each lane. Keys are positive finite f32, which `<` orders
/// exactly as the integers they were built from; this form lets the compiler use min and max
/// instructions.
fn exchange(a: Lanes<f32>, b: Lanes<f32>) -> (Lanes<f32>, Lanes<f32>) {
    let mut lo = a;
    let mut hi = b;
    for l in 0..LANES {
        lo[l] = if a[l] < b[l] { a[l] } else { b[l] };
        hi[l] = if a[l] < b[l] { b[l] } else { a[l] };
    }
    (lo, hi)
}

/// Per lane, the least difference of two network keys' levels that proves their rows'
/// scores in that order and more than TIE_EPS apart. A level is `scale · (top − score)` for
/// `scale = levels / (top − bottom)`, computed in f32 and rounded: off by at most 1/2 for the
/// rounding, 1/4 each for the rounding of the difference and of the product (as levels stay
/// below 2^22), and `scale · 2^-24 · |score|` for rounding the score to f32, which is at most
/// `x / 4` levels with `x = max(|top|, |bottom|) / (top − bottom)`.
fn margins(top: &Lanes<f64>, bottom: &Lanes<f64>, levels: f64) -> Lanes<u32> {
    let mut margin = [u32::MAX; LANES];
    for l in 0..LANES {
        let range = top[l] - bottom[l];
        if range > 0.0 {
            let x = top[l].abs().max(bottom[l].abs()) / range;
            // Two levels' errors, the tie threshold in levels, and one to spare.
            let need = 2.0 * (1.0 + x / 4.0) + TIE_EPS * levels / range + 1.0;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // saturates
            let need = need.ceil() as u32;
            margin[l] = need;
        }
    }
    margin
}

/// The scoring of a group of weight vectors, prepared once per run. Each computes what
/// [`methods::scores`] does, operation for operation, so the scores are the same to the bit.
enum Scorer {
    /// x, row-major.
    Wsm(Vec<f64>),
    /// ln x, row-major.
    Wpm(Vec<f64>),
    /// (r − max r)² and (r − min r)², row-major.
    Topsis {
        to_ideal: Vec<f64>,
        to_anti: Vec<f64>,
    },
}

impl Scorer {
    fn new(method: Method, m: &Matrix) -> Scorer {
        let all = |f: &dyn Fn(usize, usize) -> f64| -> Vec<f64> {
            (0..m.rows())
                .flat_map(|i| (0..m.cols()).map(move |j| (i, j)))
                .map(|(i, j)| f(i, j))
                .collect()
        };
        match method {
            Method::Wsm => Scorer::Wsm(all(&|i, j| m.get(i, j))),
            Method::Wpm => Scorer::Wpm(all(&|i, j| m.get(i, j).ln())),
            Method::Topsis => {
                let t = Topsis::new(m);
                Scorer::Topsis {
                    to_ideal: all(&|i, j| t.terms(i, j).0),
                    to_anti: all(&|i, j| t.terms(i, j).1),
                }
            }
        }
    }

    /// Scores of every row under each lane's weights: `w[j][l]` in, `out[i][l]` out.
    fn scores(&self, cols: usize, w: &[Lanes<f64>], out: &mut [Lanes<f64>]) {
        match self {
            Scorer::Wsm(x) => {
                // Two rows at a time: each lane's weights are loaded once for both.
                let mut pairs = x.chunks_exact(2 * cols);
                let mut outs = out.chunks_exact_mut(2);
                for (s, pair) in (&mut outs).zip(&mut pairs) {
                    let (a, b) = pair.split_at(cols);
                    (s[0], s[1]) = dot2(a, b, w);
                }
                if let [s] = outs.into_remainder() {
                    let row = pairs.remainder();
                    *s = dot2(row, row, w).0;
                }
            }
            Scorer::Wpm(logs) => {
                for (s, row) in out.iter_mut().zip(logs.chunks_exact(cols)) {
                    let mut acc = [-0.0; LANES];
                    for (ln, w) in row.iter().zip(w) {
                        for l in 0..LANES {
                            // 0^0 = 1: a zero weight skips its term, even a −∞ one.
                            if w[l] > 0.0 {
                                acc[l] += w[l] * ln;
                            }
                        }
                    }
                    *s = acc.map(f64::exp);
                }
            }
            Scorer::Topsis { to_ideal, to_anti } => {
                let w2: Vec<Lanes<f64>> = w.iter().map(|w| w.map(|x| x * x)).collect();
                let rows = to_ideal.chunks_exact(cols).zip(to_anti.chunks_exact(cols));
                for (s, (ideal, anti)) in out.iter_mut().zip(rows) {
                    let (plus, minus) = dot2(ideal, anti, &w2);
                    for l in 0..LANES {
                        let (p, q) = (plus[l].sqrt(), minus[l].sqrt());
                        s[l] = if p + q == 0.0 { 0.5 } else { q / (p + q) };
                    }
                }
            }
        }
    }
}

/// Σ_j a_j c_j and Σ_j b_j c_j for each lane of `c`, from −0.0 and term by term, as an f64
/// iterator's sum adds.
fn dot2(a: &[f64], b: &[f64], c: &[Lanes<f64>]) -> (Lanes<f64>, Lanes<f64>) {
    let (mut sa, mut sb) = ([-0.0; LANES], [-0.0; LANES]);
    for ((a, b), c) in a.iter().zip(b).zip(c) {
        for l in 0..LANES {
            sa[l] += a * c[l];
            sb[l] += b * c[l];
        }
    }
    (sa, sb)
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

/// One worker's buffers.
struct Work {
    /// One weight vector per lane: `w[j][l]`.
    w: Vec<Lanes<f64>>,
    /// The same weights in [`WEIGHT_UNIT`]s, `fixed[l * cols + j]`, for the central weights.
    fixed: Vec<u64>,
    draw: Vec<f64>,
    scores: Vec<Lanes<f64>>,
    keys: Vec<Lanes<f32>>,
    wide_keys: Vec<u64>,
    lane: Lane,
}

impl Work {
    fn new(rows: usize, cols: usize) -> Work {
        Work {
            w: vec![[0.0; LANES]; cols],
            fixed: vec![0; LANES * cols],
            draw: vec![0.0; cols],
            scores: vec![[0.0; LANES]; rows],
            // The small network sorts 256 keys, whatever the number of rows.
            keys: vec![[0.0; LANES]; rows.max(256)],
            wide_keys: Vec::with_capacity(rows),
            lane: Lane {
                order: vec![0; rows],
                sorted: vec![0.0; rows],
                before: Vec::with_capacity(rows),
            },
        }
    }

    /// Draws, ranks and counts the samples of one block.
    fn block(&mut self, plan: &Plan<'_>, block: usize, acc: &mut Acc<'_>) {
        let mut rng = ChaCha8Rng::seed_from_u64(plan.cfg.seed);
        rng.set_stream(block as u64);
        let len = BLOCK.min(plan.cfg.samples - block * BLOCK);
        let mut done = 0;
        while done < len {
            let lanes = LANES.min(len - done);
            for l in 0..LANES {
                // Lanes past the end of the block repeat the last sample and are not counted.
                if l < lanes {
                    draw(plan.cfg.sampler, plan.base, &mut rng, &mut self.draw);
                }
                for (j, x) in self.draw.iter().enumerate() {
                    self.w[j][l] = *x;
                    // To 2^-52, and an integer, so that sums do not depend on their order.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let fixed = (x * WEIGHT_UNIT as f64 + 0.5) as u64;
                    self.fixed[l * plan.cols + j] = fixed;
                }
            }
            plan.scorer.scores(plan.cols, &self.w, &mut self.scores);
            self.rank(plan, lanes, acc);
            done += lanes;
        }
        acc.counted(len);
    }

    /// Orders the rows of the first `lanes` lanes and counts each sample.
    fn rank(&mut self, plan: &Plan<'_>, lanes: usize, acc: &mut Acc<'_>) {
        let mask = (1u64 << plan.index_bits) - 1;
        // Each lane's keys quantise its own score range, best (highest) score first.
        let mut top = [f64::NEG_INFINITY; LANES];
        let mut bottom = [f64::INFINITY; LANES];
        for s in &self.scores {
            for l in 0..LANES {
                top[l] = if s[l] > top[l] { s[l] } else { top[l] };
                bottom[l] = if s[l] < bottom[l] { s[l] } else { bottom[l] };
            }
        }
        let scale = |levels: f64| {
            let mut scale = [0.0; LANES];
            for l in 0..LANES {
                if top[l] > bottom[l] {
                    scale[l] = levels / (top[l] - bottom[l]);
                }
            }
            scale
        };
        match &plan.sorter {
            Sorter::Network(net) => {
                // In f32, which does twice the keys per instruction: exact enough, as keys
                // near each other only cost a look at the exact scores.
                let bits = plan.index_bits;
                let max_q = f64::from((1u32 << (NETWORK_LEVEL_BITS - bits).min(22)) - 1);
                let margin = margins(&top, &bottom, max_q);
                #[allow(clippy::cast_possible_truncation)] // rounding to f32 is the point
                let (scale, top, max_q) = (
                    scale(max_q).map(|x| x as f32),
                    top.map(|x| x as f32),
                    max_q as f32,
                );
                for (i, (k, s)) in self.keys.iter_mut().zip(&self.scores).enumerate() {
                    #[allow(clippy::cast_possible_truncation)] // i < 2^index_bits
                    let i = i as u32;
                    for l in 0..LANES {
                        // The score's level: monotone in the score (every step rounds
                        // monotonically), so only rows of one level can be out of order, and
                        // those by index. The bits of level + 2^23 hold it rounded to an
                        // integer: float arithmetic, which vectorises where conversions do
                        // not.
                        #[allow(clippy::cast_possible_truncation)]
                        let level = (top[l] - s[l] as f32) * scale[l];
                        let level = if level < max_q { level } else { max_q };
                        let level = (level + ROUND).to_bits() & 0x7f_ffff;
                        k[l] = f32::from_bits(KEY_BASE + ((level << bits) | i));
                    }
                }
                let rows = self.scores.len();
                let keys = &mut self.keys[..];
                net.sort(keys);
                let keys = &keys[..rows];
                // Neighbours whose levels are `margin` or more apart are in order and further
                // apart than TIE_EPS; count the others, in all lanes at once.
                let mut near = [0u32; LANES];
                for (a, b) in keys.iter().zip(&keys[1..]) {
                    for l in 0..LANES {
                        let gap = (b[l].to_bits() >> bits) - (a[l].to_bits() >> bits);
                        near[l] += u32::from(gap < margin[l]);
                    }
                }
                #[allow(clippy::cast_possible_truncation)] // the index bits
                let mask = mask as u32;
                for l in 0..lanes {
                    if near[l] == 0 {
                        // Every row alone at its place, read straight from the keys.
                        let mut at = 0;
                        for k in keys {
                            acc.recent[at + (k[l].to_bits() & mask) as usize] += 1;
                            at += rows;
                        }
                        let first = (keys[0][l].to_bits() & mask) as usize;
                        let weights = &self.fixed[l * plan.cols..(l + 1) * plan.cols];
                        acc.first(first, weights);
                    } else {
                        for (o, k) in self.lane.order.iter_mut().zip(keys) {
                            *o = k[l].to_bits() & mask;
                        }
                        self.lane.count(l, &self.scores, &self.fixed, acc);
                    }
                }
            }
            Sorter::EachSample => {
                let bits = (63 - plan.index_bits).min(52);
                #[allow(clippy::cast_precision_loss)]
                let max_q = ((1u64 << bits) - 1) as f64;
                let scale = scale(max_q);
                for l in 0..lanes {
                    self.wide_keys.clear();
                    self.wide_keys
                        .extend(self.scores.iter().enumerate().map(|(i, s)| {
                            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                            let q = ((top[l] - s[l]) * scale[l]).min(max_q) as u64;
                            (q << plan.index_bits) | i as u64
                        }));
                    self.wide_keys.sort_unstable();
                    for (o, k) in self.lane.order.iter_mut().zip(&self.wide_keys) {
                        #[allow(clippy::cast_possible_truncation)] // masked to the index bits
                        let row = (k & mask) as u32;
                        *o = row;
                    }
                    self.lane.count(l, &self.scores, &self.fixed, acc);
                }
            }
        }
    }
}

/// One sample's rows in order, best first, and their scores.
struct Lane {
    order: Vec<u32>,
    sorted: Vec<f64>,
    /// The order as read, while it is being put right.
    before: Vec<u32>,
}

impl Lane {
    /// Counts the sample of lane `l` from its order in `self.order` (best first, exact except
    /// among rows that share a key's level): every row alone at its place, while reading the
    /// scores. In the rare sample with rows of one level out of order, their counts move; with
    /// ties, the tied rows share their ranks instead.
    fn count(&mut self, l: usize, scores: &[Lanes<f64>], fixed: &[u64], acc: &mut Acc<'_>) {
        let rows = scores.len();
        let mut at = 0;
        for (&i, s) in self.order.iter().zip(self.sorted.iter_mut()) {
            *s = scores[i as usize][l];
            acc.recent[at + i as usize] += 1;
            at += rows;
        }
        let cols = fixed.len() / LANES;
        let weights = &fixed[l * cols..(l + 1) * cols];
        // Pairs out of order or within TIE_EPS, counted rather than searched for: no branch
        // per pair, and the compiler vectorises it.
        let crowded = |sorted: &[f64]| -> usize {
            sorted
                .iter()
                .zip(&sorted[1..])
                .map(|(a, b)| usize::from(a - b <= TIE_EPS))
                .sum()
        };
        if crowded(&self.sorted) > 0 {
            if self
                .sorted
                .iter()
                .zip(&self.sorted[1..])
                .any(|(a, b)| a < b)
            {
                // Rows of one level out of order: put them right, and move their counts.
                self.before.clone_from(&self.order);
                exact_order(&mut self.order, &mut self.sorted);
                let moved = self.before.iter().zip(&self.order).enumerate();
                for (r, (&was, &is)) in moved.filter(|(_, (was, is))| was != is) {
                    acc.recent[r * rows + was as usize] -= 1;
                    acc.recent[r * rows + is as usize] += 1;
                }
            }
            if crowded(&self.sorted) > 0 {
                acc.share_ties(&self.order, &self.sorted, weights);
                if self.sorted[0] - self.sorted[1] <= TIE_EPS {
                    // Tied first: the weights went to the group.
                    return;
                }
            }
        }
        let first = self.order[0] as usize;
        acc.first(first, weights);
    }
}

/// Sorts rows by score, best first, equal scores by row: an insertion sort, as the keys leave
/// only rows of one level out of order.
fn exact_order(order: &mut [u32], sorted: &mut [f64]) {
    for k in 1..order.len() {
        let (i, s) = (order[k], sorted[k]);
        let mut j = k;
        while j > 0
            && s.total_cmp(&sorted[j - 1])
                .then(order[j - 1].cmp(&i))
                .is_gt()
        {
            order[j] = order[j - 1];
            sorted[j] = sorted[j - 1];
            j -= 1;
        }
        order[j] = i;
        sorted[j] = s;
    }
}

/// The run's totals. Integers, so that adding the workers' counts in any order gives the same
/// numbers.
struct Totals {
    /// `alone[r * rows + i]`: samples in which row i alone takes rank r + 1.
    alone: Vec<u32>,
    /// `shared[r * rows + i]`: shares of rank r + 1 that row i took in ties, in [`UNIT`]s of
    /// a sample. Empty until a tie.
    shared: Vec<u64>,
    /// `first_weights[i * cols + j]`: weight j summed over the samples in which row i is
    /// first (times its share when tied), in [`WEIGHT_UNIT`]s times [`UNIT`]s.
    first_weights: Vec<u128>,
}

impl Totals {
    fn new(rows: usize, cols: usize) -> Totals {
        Totals {
            alone: vec![0; rows * rows],
            shared: Vec::new(),
            first_weights: vec![0; rows * cols],
        }
    }
}

/// One worker's counts since it last added them to the run's totals (as `Totals`). Counting
/// alone places in 16 bits keeps the hot counters in a fast cache, and one set of counters per
/// worker, not per part of the work, bounds the memory.
struct Acc<'a> {
    rows: usize,
    cols: usize,
    recent: Vec<u16>,
    /// Samples counted in `recent`.
    pending: usize,
    shared: Vec<u64>,
    first_weights: Vec<u128>,
    totals: &'a Mutex<Totals>,
}

impl<'a> Acc<'a> {
    fn new(rows: usize, cols: usize, totals: &'a Mutex<Totals>) -> Acc<'a> {
        Acc {
            rows,
            cols,
            recent: vec![0; rows * rows],
            pending: 0,
            shared: Vec::new(),
            first_weights: vec![0; rows * cols],
            totals,
        }
    }

    /// Notes `samples` more counted samples, and adds the recent counts to the totals before
    /// they could overflow.
    fn counted(&mut self, samples: usize) {
        self.pending += samples;
        if self.pending + BLOCK > usize::from(u16::MAX) {
            self.flush();
        }
    }

    /// Adds everything counted so far to the totals.
    fn flush(&mut self) {
        let mut totals = self.totals.lock().unwrap_or_else(PoisonError::into_inner);
        for (total, recent) in totals.alone.iter_mut().zip(&mut self.recent) {
            *total += u32::from(*recent);
            *recent = 0;
        }
        self.pending = 0;
        if !self.shared.is_empty() {
            if totals.shared.is_empty() {
                totals.shared = vec![0; self.shared.len()];
            }
            add(&mut totals.shared, &self.shared);
            self.shared.fill(0);
        }
        add(&mut totals.first_weights, &self.first_weights);
        self.first_weights.fill(0);
    }

    /// Adds a sample's weights to the sums of the row alone in first place.
    fn first(&mut self, row: usize, weights: &[u64]) {
        let sums = &mut self.first_weights[row * self.cols..];
        for (sum, w) in sums.iter_mut().zip(weights) {
            *sum += u128::from(*w) * u128::from(UNIT);
        }
    }

    /// Shares out the ties of a sample in exact order that was counted as if every row were
    /// alone at its place: a tie group of size g at positions p..p+g−1 gives each member 1/g
    /// of each of those ranks (and of the sample's weights when p = 0).
    fn share_ties(&mut self, order: &[u32], sorted: &[f64], weights: &[u64]) {
        let rows = self.rows;
        let mut start = 0;
        while start < rows {
            let mut end = start + 1;
            while end < rows && sorted[start] - sorted[end] <= TIE_EPS {
                end += 1;
            }
            let group = &order[start..end];
            let g = group.len();
            if g > 1 {
                if self.shared.is_empty() {
                    self.shared = vec![0; rows * rows];
                }
                let (share, rest) = (UNIT / g as u64, UNIT % g as u64);
                for (k, &i) in group.iter().enumerate() {
                    let i = i as usize;
                    self.recent[(start + k) * rows + i] -= 1;
                    for t in 0..g {
                        // 1/g is not a whole number of units: the `rest` spare units go round
                        // the group so that every member and every rank still adds up to one
                        // sample exactly.
                        let part = share + u64::from((((t + g - k) % g) as u64) < rest);
                        self.shared[(start + t) * rows + i] += part;
                        if start == 0 && t == 0 {
                            let sums = &mut self.first_weights[i * self.cols..];
                            for (sum, w) in sums.iter_mut().zip(weights) {
                                *sum += u128::from(*w) * u128::from(part);
                            }
                        }
                    }
                }
            }
            start = end;
        }
    }
}

fn add<T: Copy + std::ops::AddAssign>(a: &mut [T], b: &[T]) {
    for (a, b) in a.iter_mut().zip(b) {
        *a += *b;
    }
}

fn finish(method: Method, m: &Matrix, total: &Totals, samples: usize) -> Smaa {
    let (rows, cols) = (m.rows(), m.cols());
    let n = samples as f64;
    let unit = UNIT as f64;
    // Samples (fractional when shared) in which row i has rank r + 1.
    let count = |i: usize, r: usize| {
        let k = r * rows + i;
        f64::from(total.alone[k]) + total.shared.get(k).map_or(0.0, |s| *s as f64 / unit)
    };
    let acceptability: Vec<Vec<f64>> = (0..rows)
        .map(|i| (0..rows).map(|r| count(i, r) / n).collect())
        .collect();
    let std_error = acceptability
        .iter()
        .map(|row| row.iter().map(|b| (b * (1.0 - b) / n).sqrt()).collect())
        .collect();
    let central_weights: Vec<Option<Vec<f64>>> = (0..rows)
        .map(|i| {
            let first = count(i, 0);
            (first > 0.0).then(|| {
                (0..cols)
                    .map(|j| {
                        total.first_weights[i * cols + j] as f64 / WEIGHT_UNIT as f64 / unit / first
                    })
                    .collect()
            })
        })
        .collect();
    let confidence = central_weights
        .iter()
        .enumerate()
        .map(|(i, cw)| {
            cw.as_ref().map(|cw| {
                let scores = methods::scores(method, m, cw);
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
    use proptest::prelude::*;

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

    #[test]
    fn the_network_sorts_every_input() {
        // The 0-1 principle: a comparator network that sorts every input of zeros and ones
        // sorts every input. Eight inputs at a time, one per lane.
        for n in 0..=12 {
            let net = Network::new(n);
            for first in (0usize..1 << n).step_by(LANES) {
                let mut keys = vec![[1.0f32; LANES]; 256];
                for (i, k) in keys.iter_mut().enumerate().take(n) {
                    for (l, x) in k.iter_mut().enumerate() {
                        let bits = first + l;
                        *x = if bits < 1 << n && bits >> i & 1 == 1 {
                            2.0
                        } else {
                            1.0
                        };
                    }
                }
                net.sort(&mut keys);
                for l in 0..LANES {
                    assert!(
                        keys[..n].windows(2).all(|p| p[0][l] <= p[1][l]),
                        "{n} inputs: {:b}",
                        first + l
                    );
                }
            }
        }
        // And on lanes of keys, at sizes around powers of two, with 8-bit and 16-bit indices.
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for n in [13, 31, 32, 33, 100, 127, 128, 129, 256, 257, 300] {
            let mut keys: Vec<Lanes<f32>> = (0..n.max(256))
                .map(|_| std::array::from_fn(|_| Exp1.sample(&mut rng)))
                .collect();
            let pads = keys[n..].to_vec();
            Network::new(n).sort(&mut keys);
            for l in 0..LANES {
                assert!(
                    keys[..n].windows(2).all(|p| p[0][l] <= p[1][l]),
                    "{n} inputs"
                );
            }
            assert_eq!(keys[n..], pads, "{n} inputs");
        }
    }

    /// SMAA-2 as defined, one sample at a time: the same draws, scores from
    /// [`methods::scores`], the exact order (equal scores by row), tie groups sharing their
    /// ranks. Returns the acceptabilities and central weights.
    fn by_definition(
        method: Method,
        m: &Matrix,
        base: &[f64],
        cfg: Config,
    ) -> (Vec<Vec<f64>>, Vec<Option<Vec<f64>>>) {
        let (rows, cols) = (m.rows(), m.cols());
        let mut b = vec![vec![0.0; rows]; rows];
        let mut first = vec![0.0; rows];
        let mut sums = vec![vec![0.0; cols]; rows];
        let mut w = vec![0.0; cols];
        for block in 0..cfg.samples.div_ceil(BLOCK) {
            let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
            rng.set_stream(block as u64);
            for _ in 0..BLOCK.min(cfg.samples - block * BLOCK) {
                draw(cfg.sampler, base, &mut rng, &mut w);
                let s = methods::scores(method, m, &w);
                let mut order: Vec<usize> = (0..rows).collect();
                order.sort_by(|&a, &b| s[b].total_cmp(&s[a]).then(a.cmp(&b)));
                let mut start = 0;
                while start < rows {
                    let mut end = start + 1;
                    while end < rows && s[order[start]] - s[order[end]] <= TIE_EPS {
                        end += 1;
                    }
                    let share = 1.0 / (end - start) as f64;
                    for &i in &order[start..end] {
                        for x in &mut b[i][start..end] {
                            *x += share;
                        }
                        if start == 0 {
                            first[i] += share;
                            for (sum, w) in sums[i].iter_mut().zip(&w) {
                                *sum += share * w;
                            }
                        }
                    }
                    start = end;
                }
            }
        }
        let n = cfg.samples as f64;
        let b = b
            .into_iter()
            .map(|row| row.into_iter().map(|x| x / n).collect())
            .collect();
        let central = sums
            .into_iter()
            .zip(first)
            .map(|(s, f)| (f > 0.0).then(|| s.into_iter().map(|x| x / f).collect()))
            .collect();
        (b, central)
    }

    #[test]
    fn scores_closer_than_f32_or_tie_eps_give_the_definition_s_numbers() {
        // Rows a few 1e-10 and 1e-7 apart: within TIE_EPS of each other or not, and equal or
        // out of order once rounded to f32.
        let rows: Vec<Vec<f64>> = (0..60u32)
            .map(|i| {
                vec![
                    0.5 + f64::from(i % 7) * 3e-10,
                    0.25 + f64::from(i / 7) * 1e-7,
                    0.75 - f64::from(i % 5) * 4e-10,
                ]
            })
            .collect();
        let m = Matrix::from_rows(&rows);
        let base = [0.4, 0.3, 0.3];
        for method in [Method::Wsm, Method::Wpm, Method::Topsis] {
            let cfg = Config {
                samples: 2000,
                seed: 5,
                sampler: Sampler::Uniform,
            };
            agrees_with_the_definition(method, &m, &base, cfg)
                .unwrap_or_else(|e| panic!("{method:?}: {e}"));
        }
    }

    /// Both sorters give the numbers of the one-sample-at-a-time definition, within 1e-9.
    fn agrees_with_the_definition(
        method: Method,
        m: &Matrix,
        base: &[f64],
        cfg: Config,
    ) -> Result<(), TestCaseError> {
        let (b, central) = by_definition(method, m, base, cfg);
        for sorter in [Sorter::Network(Network::new(m.rows())), Sorter::EachSample] {
            let got = run_with(method, m, base, cfg, sorter);
            for (g, want) in got.acceptability.iter().zip(&b) {
                prop_assert!(close(g, want), "{g:?} vs {want:?}");
            }
            for (g, want) in got.central_weights.iter().zip(&central) {
                match (g, want) {
                    (Some(g), Some(want)) => prop_assert!(close(g, want), "{g:?} vs {want:?}"),
                    (g, want) => prop_assert_eq!(g, want),
                }
            }
        }
        Ok(())
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.iter().zip(b).all(|(a, b)| (a - b).abs() < 1e-9)
    }

    fn matrix() -> impl Strategy<Value = Matrix> {
        (1usize..40, 1usize..6).prop_flat_map(|(m, n)| {
            // A coarse grid makes exact ties, near ties and zeros common.
            prop::collection::vec(
                prop::collection::vec((0u8..=4).prop_map(|k| f64::from(k) / 4.0), n),
                m,
            )
            .prop_map(|rows| Matrix::from_rows(&rows))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn both_sorters_give_the_definition_s_numbers(
            m in matrix(),
            method in prop::sample::select(vec![Method::Wsm, Method::Wpm, Method::Topsis]),
            samples in 1usize..1100,
            seed in any::<u64>(),
            profile in any::<bool>(),
        ) {
            let base = vec![1.0 / m.cols() as f64; m.cols()];
            let sampler = if profile {
                Sampler::AroundProfile { concentration: 5.0 }
            } else {
                Sampler::Uniform
            };
            let cfg = Config { samples, seed, sampler };
            agrees_with_the_definition(method, &m, &base, cfg)?;
        }
    }
}
