//! Weight stability: for the top platform a and each requirement j, the closed range of
//! t = w_j (the other weights keeping their proportions) on which a still scores at least as
//! high as every other platform, and who overtakes at each end.
//!
//! Method: every score is a simple function of t: linear for WSM, linear in logs for WPM, and
//! for TOPSIS the test C_a >= C_b is a quadratic in z = (t/s)², s = (1 − t)/(1 − w_j). The
//! crossings of a with each rival are found in closed form; between consecutive crossings no
//! comparison changes sign, so testing every crossing and one point inside each gap settles
//! the whole of [0, 1] exactly.

use super::methods::{self, Method, Topsis};
use super::{Matrix, TIE_EPS};

/// An interval end closer than this to the current weight ends there, as the reports print
/// weights (to 0.1 %): then any change of that weight in its direction changes the winner.
pub const EDGE: f64 = 5e-4;

/// The stability interval of one requirement's weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// The weight now.
    pub weight: f64,
    pub low: f64,
    pub high: f64,
    /// The row that overtakes just below `low` (none when `low` is 0).
    pub low_rival: Option<usize>,
    /// The row that overtakes just above `high` (none when `high` is 1).
    pub high_rival: Option<usize>,
}

impl Interval {
    /// Whether any rise (`high`) or any cut (`low`) of the weight changes the winner.
    pub fn on_edge(&self) -> (bool, bool) {
        (
            self.low > 0.0 && self.weight - self.low < EDGE,
            self.high < 1.0 && self.high - self.weight < EDGE,
        )
    }
}

/// Weights with w_j set to t and the others scaled by (1 − t)/(1 − w_j).
pub fn weights_at(w: &[f64], j: usize, t: f64) -> Vec<f64> {
    let scale = (1.0 - t) / (1.0 - w[j]);
    w.iter()
        .enumerate()
        .map(|(k, wk)| if k == j { t } else { wk * scale })
        .collect()
}

/// Stability intervals of every requirement for row `top`; `None` for a requirement that
/// holds all the weight (no other weight to trade against).
pub fn intervals(method: Method, m: &Matrix, w: &[f64], top: usize) -> Vec<Option<Interval>> {
    let topsis = (method == Method::Topsis).then(|| Topsis::new(m));
    (0..m.cols())
        .map(|j| interval(method, m, topsis.as_ref(), w, top, j))
        .collect()
}

fn interval(
    method: Method,
    m: &Matrix,
    topsis: Option<&Topsis>,
    w: &[f64],
    top: usize,
    j: usize,
) -> Option<Interval> {
    if 1.0 - w[j] < 1e-12 || m.rows() < 2 {
        return (m.rows() < 2 && 1.0 - w[j] >= 1e-12).then(|| Interval {
            weight: w[j],
            low: 0.0,
            high: 1.0,
            low_rival: None,
            high_rival: None,
        });
    }
    let mut points = vec![0.0, 1.0, w[j]];
    for b in (0..m.rows()).filter(|b| *b != top) {
        points.extend(crossings(method, m, topsis, w, j, top, b));
    }
    points.retain(|t| (0.0..=1.0).contains(t));
    points.sort_by(f64::total_cmp);
    points.dedup();
    let scores_at = |t: f64| {
        let wt = weights_at(w, j, t);
        match topsis {
            Some(tp) => tp.scores(&wt),
            None => methods::scores(method, m, &wt),
        }
    };
    // The strongest rival at t, if it beats the top row there.
    let beaten_by = |t: f64| -> Option<usize> {
        let s = scores_at(t);
        (0..s.len())
            .filter(|b| *b != top && s[*b] > s[top] + TIE_EPS)
            .max_by(|a, b| s[*a].total_cmp(&s[*b]).then(b.cmp(a)))
    };
    // w_j itself is one of the points (pushed above, exactly).
    let here = points
        .iter()
        .position(|t| t.total_cmp(&w[j]).is_eq())
        .unwrap_or(0);
    // Walk down from w_j, then up, through each gap and the crossing that closes it. Scores
    // are continuous inside (0, 1), so the top row can lose alone at a crossing only at 0 or 1
    // (WPM's 0^0 = 1): the range then ends there, with that rival.
    let (mut low, mut low_rival) = (points[0], None);
    for k in (0..here).rev() {
        if let Some(b) = beaten_by(f64::midpoint(points[k], points[k + 1])) {
            (low, low_rival) = (points[k + 1], Some(b));
            break;
        }
        if let Some(b) = beaten_by(points[k]) {
            (low, low_rival) = (points[k], Some(b));
            break;
        }
    }
    let last = points.len() - 1;
    let (mut high, mut high_rival) = (points[last], None);
    for k in here..last {
        if let Some(b) = beaten_by(f64::midpoint(points[k], points[k + 1])) {
            (high, high_rival) = (points[k], Some(b));
            break;
        }
        if let Some(b) = beaten_by(points[k + 1]) {
            (high, high_rival) = (points[k + 1], Some(b));
            break;
        }
    }
    Some(Interval {
        weight: w[j],
        low,
        high,
        low_rival,
        high_rival,
    })
}

/// The values of t in (0, 1) where row `a` and row `b` score the same.
fn crossings(
    method: Method,
    m: &Matrix,
    topsis: Option<&Topsis>,
    w: &[f64],
    j: usize,
    a: usize,
    b: usize,
) -> Vec<f64> {
    let rest = 1.0 - w[j];
    match method {
        Method::Wsm | Method::Wpm => {
            // score_i(t) = t x_ij + (1 − t) R_i, with R_i = Σ_{k≠j} w_k x_ik / (1 − w_j);
            // for WPM the same in logs (terms with w_k = 0 skipped: 0^0 = 1).
            let f = |x: f64| if method == Method::Wsm { x } else { x.ln() };
            let r = |i: usize| -> f64 {
                (0..m.cols())
                    .filter(|k| *k != j && w[*k] > 0.0)
                    .map(|k| w[k] * f(m.get(i, k)))
                    .sum::<f64>()
                    / rest
            };
            let (dx, dr) = (f(m.get(a, j)) - f(m.get(b, j)), r(a) - r(b));
            let slope = dx - dr;
            if !slope.is_finite() || !dr.is_finite() || slope == 0.0 {
                return Vec::new(); // a zero on one side: the order is the same all over (0, 1)
            }
            vec![-dr / slope]
        }
        Method::Topsis => {
            let tp = topsis.expect("prepared");
            // D±_i² = s² (z a±_i + B±_i), where a± are column j's terms and B± the others'.
            let parts = |i: usize| -> (f64, f64, f64, f64) {
                let (ap, am) = tp.terms(i, j);
                let (mut bp, mut bm) = (0.0, 0.0);
                for k in (0..m.cols()).filter(|k| *k != j) {
                    let (p, q) = tp.terms(i, k);
                    bp += w[k] * w[k] * p;
                    bm += w[k] * w[k] * q;
                }
                (ap, bp, am, bm)
            };
            let (ap_a, bp_a, am_a, bm_a) = parts(a);
            let (ap_b, bp_b, am_b, bm_b) = parts(b);
            // C_a >= C_b ⇔ D⁻_a D⁺_b >= D⁻_b D⁺_a ⇔ q(z) = α z² + β z + γ >= 0.
            let alpha = am_a * ap_b - am_b * ap_a;
            let beta = am_a * bp_b + bm_a * ap_b - am_b * bp_a - bm_b * ap_a;
            let gamma = bm_a * bp_b - bm_b * bp_a;
            roots(alpha, beta, gamma)
                .into_iter()
                .filter(|z| *z >= 0.0)
                .map(|z| {
                    let s = z.sqrt();
                    s / (s + rest)
                })
                .collect()
        }
    }
}

/// Real roots of α z² + β z + γ (a linear or constant equation when α or β vanish).
fn roots(alpha: f64, beta: f64, gamma: f64) -> Vec<f64> {
    let scale = alpha.abs().max(beta.abs()).max(gamma.abs());
    if scale == 0.0 {
        return Vec::new();
    }
    let (a, b, c) = (alpha / scale, beta / scale, gamma / scale);
    if a.abs() < 1e-14 {
        return if b.abs() < 1e-14 {
            Vec::new()
        } else {
            vec![-c / b]
        };
    }
    let disc = b * b - 4.0 * a * c;
    if disc < 0.0 {
        return Vec::new();
    }
    // The stable form avoids cancellation between −b and √disc.
    let q = -0.5 * (b + b.signum() * disc.sqrt());
    let mut out = vec![q / a];
    if q != 0.0 {
        out.push(c / q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example_of_the_analysis_notes() {
        // platforms_4x5, WSM, w = (0.15, 0.25, 0.20, 0.25, 0.15): Kubernetes stays first for
        // the last weight on [0, 0.32] (ECS overtakes) and for the third on [0, 9/17].
        let m = Matrix::from_rows(&[
            vec![1.0, 1.0, 0.8, 0.9, 0.7],
            vec![1.0, 0.9, 0.7, 0.7, 0.5],
            vec![0.9, 1.0, 0.8, 0.8, 0.8],
            vec![0.8, 0.9, 0.9, 0.7, 0.8],
        ]);
        let w = [0.15, 0.25, 0.2, 0.25, 0.15];
        let iv = intervals(Method::Wsm, &m, &w, 0);
        let last = iv[4].clone().unwrap();
        assert!(
            (last.low - 0.0).abs() < 1e-12 && (last.high - 0.32).abs() < 1e-9,
            "{last:?}"
        );
        assert_eq!((last.low_rival, last.high_rival), (None, Some(2)));
        let third = iv[2].clone().unwrap();
        assert!((third.high - 9.0 / 17.0).abs() < 1e-9, "{third:?}");
        assert_eq!(third.high_rival, Some(3));
    }

    #[test]
    fn quadratic_roots_are_stable() {
        let mut r = roots(1.0, -3.0, 2.0);
        r.sort_by(f64::total_cmp);
        assert!(
            (r[0] - 1.0).abs() < 1e-15 && (r[1] - 2.0).abs() < 1e-15,
            "{r:?}"
        );
        assert!((roots(0.0, 2.0, -1.0)[0] - 0.5).abs() < 1e-15);
        assert!(roots(1.0, 0.0, 1.0).is_empty());
    }
}
