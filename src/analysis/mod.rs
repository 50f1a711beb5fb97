//! Decision analysis on a matrix of requirement scores: aggregation methods, weight
//! stability intervals and SMAA robustness. Pure math: nothing here knows about descriptors,
//! profiles or files.
//!
//! Notation (see the README): platforms i = 1..m are rows, requirements j = 1..n columns,
//! scores x_ij in [0, 1], all "benefit"; weights w_j >= 0 with Σ w_j = 1.

#[cfg(test)]
mod agreement;
#[cfg(test)]
mod cases;
pub mod methods;
#[cfg(test)]
mod props;
pub mod rank;
pub mod smaa;
pub mod stability;

pub use methods::Method;

/// Two scores closer than this are equal (ties), on the scale of the method's scores.
pub const TIE_EPS: f64 = 1e-9;

/// A dense row-major matrix: one row per platform, one column per requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// A matrix from its rows.
    ///
    /// # Panics
    ///
    /// When the rows differ in length: a caller's bug, never the user's input.
    pub fn from_rows(rows: &[Vec<f64>]) -> Matrix {
        let cols = rows.first().map_or(0, Vec::len);
        assert!(rows.iter().all(|r| r.len() == cols), "ragged matrix");
        Matrix {
            rows: rows.len(),
            cols,
            data: rows.concat(),
        }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.data[i * self.cols + j]
    }
}

/// Weights that sum to 1 (an all-zero vector is the caller's error to prevent).
pub fn normalise(w: &[f64]) -> Vec<f64> {
    let sum: f64 = w.iter().sum();
    w.iter().map(|x| x / sum).collect()
}
