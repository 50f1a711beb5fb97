//! Aggregation methods: the weighted sum (WSM), the weighted product (WPM) and TOPSIS with
//! vector normalisation (Hwang & Yoon 1981).

use super::Matrix;

/// How requirement scores are combined into one score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// Weighted sum: Σ w_j x_ij
    Wsm,
    /// Weighted product: Π x_ij^w_j; a zero in any weighted requirement vetoes the platform
    Wpm,
    /// Closeness to the ideal platform (TOPSIS, vector normalisation); can reorder platforms
    /// when another platform is added or removed (rank reversal)
    Topsis,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Wsm => "wsm",
            Method::Wpm => "wpm",
            Method::Topsis => "topsis",
        }
    }
}

/// Scores of every row under normalised weights `w`.
pub fn scores(method: Method, m: &Matrix, w: &[f64]) -> Vec<f64> {
    match method {
        Method::Wsm => (0..m.rows()).map(|i| wsm(m.row(i), w)).collect(),
        Method::Wpm => (0..m.rows()).map(|i| wpm(m.row(i), w)).collect(),
        Method::Topsis => Topsis::new(m).scores(w),
    }
}

/// S_i = Σ_j w_j x_ij.
pub fn wsm(x: &[f64], w: &[f64]) -> f64 {
    x.iter().zip(w).map(|(x, w)| x * w).sum()
}

/// ln P_i = Σ_j w_j ln x_ij over w_j > 0 (so 0^0 = 1); −∞ when a weighted x_ij is 0.
pub fn wpm_log(x: &[f64], w: &[f64]) -> f64 {
    x.iter()
        .zip(w)
        .filter(|(_, w)| **w > 0.0)
        .map(|(x, w)| w * x.ln())
        .sum()
}

/// P_i = Π_j x_ij^w_j, computed as exp(Σ w_j ln x_ij) with w_j = 0 terms skipped.
pub fn wpm(x: &[f64], w: &[f64]) -> f64 {
    wpm_log(x, w).exp()
}

/// TOPSIS prepared for many weight vectors: the normalisation does not depend on the
/// weights, and the ideal and anti-ideal are w_j times the column max and min of r.
#[derive(Debug, Clone)]
pub struct Topsis {
    rows: usize,
    cols: usize,
    /// Column norms √Σ x², and the column max and min of r = x / norm.
    norms: Vec<f64>,
    max: Vec<f64>,
    min: Vec<f64>,
    /// (r_ij − max_i r_ij)², row-major.
    to_ideal: Vec<f64>,
    /// (r_ij − min_i r_ij)², row-major.
    to_anti: Vec<f64>,
}

impl Topsis {
    pub fn new(m: &Matrix) -> Topsis {
        let (rows, cols) = (m.rows(), m.cols());
        let norms: Vec<f64> = (0..cols)
            .map(|j| (0..rows).map(|i| m.get(i, j).powi(2)).sum::<f64>().sqrt())
            .collect();
        // A column whose norm is 0 gives r = 0 throughout.
        let r = |i: usize, j: usize| {
            if norms[j] == 0.0 {
                0.0
            } else {
                m.get(i, j) / norms[j]
            }
        };
        let max: Vec<f64> = (0..cols)
            .map(|j| (0..rows).map(|i| r(i, j)).fold(f64::NEG_INFINITY, f64::max))
            .collect();
        let min: Vec<f64> = (0..cols)
            .map(|j| (0..rows).map(|i| r(i, j)).fold(f64::INFINITY, f64::min))
            .collect();
        let mut to_ideal = Vec::with_capacity(rows * cols);
        let mut to_anti = Vec::with_capacity(rows * cols);
        for i in 0..rows {
            for j in 0..cols {
                to_ideal.push((r(i, j) - max[j]).powi(2));
                to_anti.push((r(i, j) - min[j]).powi(2));
            }
        }
        Topsis {
            rows,
            cols,
            norms,
            max,
            min,
            to_ideal,
            to_anti,
        }
    }

    /// Closeness of any row `x` measured against this matrix's norms, ideal and anti-ideal
    /// (for a platform outside the ranked set).
    pub fn closeness_of(&self, x: &[f64], w: &[f64]) -> f64 {
        let (mut plus, mut minus) = (0.0, 0.0);
        for j in 0..self.cols {
            let r = if self.norms[j] == 0.0 {
                0.0
            } else {
                x[j] / self.norms[j]
            };
            plus += w[j] * w[j] * (r - self.max[j]).powi(2);
            minus += w[j] * w[j] * (r - self.min[j]).powi(2);
        }
        let (p, q) = (plus.sqrt(), minus.sqrt());
        if p + q == 0.0 { 0.5 } else { q / (p + q) }
    }

    /// Squared distances of row `i` to the ideal and the anti-ideal under weights `w`.
    pub fn distances_sq(&self, i: usize, w: &[f64]) -> (f64, f64) {
        let row = i * self.cols..(i + 1) * self.cols;
        let plus = self.to_ideal[row.clone()]
            .iter()
            .zip(w)
            .map(|(a, w)| w * w * a)
            .sum();
        let minus = self.to_anti[row]
            .iter()
            .zip(w)
            .map(|(a, w)| w * w * a)
            .sum();
        (plus, minus)
    }

    /// The squared-distance terms of row `i` and column `j`: ((r − max)², (r − min)²).
    pub fn terms(&self, i: usize, j: usize) -> (f64, f64) {
        let k = i * self.cols + j;
        (self.to_ideal[k], self.to_anti[k])
    }

    /// Closeness C_i = D⁻ / (D⁺ + D⁻); when D⁺ + D⁻ = 0 every row ties (all columns with
    /// weight are constant) and all get 0.5.
    pub fn closeness(&self, i: usize, w: &[f64]) -> f64 {
        let (p, q) = self.distances_sq(i, w);
        let (p, q) = (p.sqrt(), q.sqrt());
        if p + q == 0.0 { 0.5 } else { q / (p + q) }
    }

    pub fn scores(&self, w: &[f64]) -> Vec<f64> {
        (0..self.rows).map(|i| self.closeness(i, w)).collect()
    }

    pub fn rows(&self) -> usize {
        self.rows
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn hand_worked_two_by_two() {
        // x = [[1, 0.5], [0.5, 1]], w = (0.75, 0.25).
        // WSM: 0.75 + 0.125 = 0.875 and 0.375 + 0.25 = 0.625.
        // WPM: 0.5^0.25 = 0.8409 and 0.5^0.75 = 0.5946.
        // TOPSIS: norms √1.25 in both columns; r = x / √1.25; row 0 is the ideal in column 0
        // and the anti-ideal in column 1: D⁺_0 = 0.25 (0.5/√1.25), D⁻_0 = 0.75 (0.5/√1.25),
        // so C_0 = 0.75 / (0.25 + 0.75) = 0.75 and by symmetry C_1 = 0.25.
        let m = Matrix::from_rows(&[vec![1.0, 0.5], vec![0.5, 1.0]]);
        let w = [0.75, 0.25];
        assert_eq!(scores(Method::Wsm, &m, &w), vec![0.875, 0.625]);
        let p = scores(Method::Wpm, &m, &w);
        assert!(
            (p[0] - 0.5f64.powf(0.25)).abs() < 1e-15 && (p[1] - 0.5f64.powf(0.75)).abs() < 1e-15
        );
        let c = scores(Method::Topsis, &m, &w);
        assert!(
            (c[0] - 0.75).abs() < 1e-15 && (c[1] - 0.25).abs() < 1e-15,
            "{c:?}"
        );
    }

    #[test]
    fn wpm_zero_conventions() {
        // 0^0 = 1: a zero weight ignores the requirement; otherwise a zero vetoes.
        assert_eq!(wpm(&[0.0, 0.5], &[0.0, 1.0]), 0.5);
        assert_eq!(wpm(&[0.0, 0.5], &[0.5, 0.5]), 0.0);
    }

    #[test]
    fn topsis_zero_column_and_all_tie() {
        let m = Matrix::from_rows(&[vec![0.0, 1.0], vec![0.0, 0.5]]);
        let c = scores(Method::Topsis, &m, &[0.5, 0.5]);
        assert_eq!(c, vec![1.0, 0.0]);
        let same = Matrix::from_rows(&[vec![0.3, 0.3], vec![0.3, 0.3]]);
        assert_eq!(scores(Method::Topsis, &same, &[0.5, 0.5]), vec![0.5, 0.5]);
    }
}
