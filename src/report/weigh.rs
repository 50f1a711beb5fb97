//! Reports of `weigh`: the weights from pairwise judgments with their consistency.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::decide::ahp::MAX_CR;
use crate::decide::weigh::{Weighing, judgment_text};
use crate::requirements::REQUIREMENTS;

/// Formats of `weigh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WeighFormat {
    /// Plain text for the terminal
    Table,
    /// The weights at full precision, with λmax, CI and CR
    Json,
}

pub fn render(w: &Weighing, format: WeighFormat) -> String {
    match format {
        WeighFormat::Json => {
            let weights: serde_json::Map<String, Value> = REQUIREMENTS
                .iter()
                .zip(&w.ahp.weights)
                .map(|(r, x)| (r.id.to_owned(), json!(x)))
                .collect();
            let doc = json!({
                "schema_version": 1,
                "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
                "method": "ahp-principal-eigenvector",
                "weights": weights,
                "lambda_max": w.ahp.lambda_max,
                "consistency_index": w.ahp.ci,
                "consistency_ratio": w.ahp.cr,
                "max_consistency_ratio": MAX_CR,
                "acceptable": w.acceptable(),
                "most_inconsistent": w.worst.map(|(a, b, c, k)| json!({
                    "requirements": [REQUIREMENTS[a].id, REQUIREMENTS[b].id, REQUIREMENTS[c].id],
                    "index": k,
                })),
                "judgments": w.judgments.iter().map(judgment_text).collect::<Vec<_>>(),
            });
            let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
            s.push('\n');
            s
        }
        WeighFormat::Table => {
            let mut out = format!(
                "Weights from {} pairwise judgments (AHP, principal eigenvector):\n",
                w.judgments.len()
            );
            for (r, x) in REQUIREMENTS.iter().zip(&w.ahp.weights) {
                let _ = writeln!(out, "  {:<15} {:>5.1} %", r.id, x * 100.0);
            }
            let cr = w
                .ahp
                .cr
                .map_or_else(|| "n/a".to_owned(), |c| format!("{c:.3}"));
            let _ = writeln!(
                out,
                "λmax {:.3}, consistency index {:.3}, consistency ratio {cr} ({} up to {MAX_CR})",
                w.ahp.lambda_max,
                w.ahp.ci,
                if w.acceptable() {
                    "acceptable"
                } else {
                    "too inconsistent: acceptable only"
                }
            );
            out
        }
    }
}

/// The three judgments of the most inconsistent triple, for the refusal.
pub fn worst_triple(w: &Weighing) -> Option<String> {
    let (a, b, c, k) = w.worst?;
    let pick = |x: usize, y: usize| {
        w.judgments
            .iter()
            .find(|j| (j.a, j.b) == (x, y) || (j.a, j.b) == (y, x))
            .map(judgment_text)
            .unwrap_or_default()
    };
    Some(format!(
        "{}, {} and {} disagree most (Koczkodaj's triad index {k:.2}; 0 is consistent, 1 the worst)",
        pick(a, b),
        pick(b, c),
        pick(a, c)
    ))
}
