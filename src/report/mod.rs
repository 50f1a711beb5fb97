//! Renderers: pure functions from an evaluation (or a listing) to text, one per format.
//! Only the caller decides between standard output and `--output FILE`.

pub mod check;
pub mod compare;
mod csv;
mod json;
mod listing;
mod markdown;
mod table;

pub use listing::{render_list, render_show};

use crate::requirements::{COUNT, REQUIREMENTS};
use crate::score::Evaluation;

/// Output formats of `evaluate`, `list` and `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal
    Table,
    /// The stable, complete JSON document (schema_version 1)
    Json,
    /// A GitHub-flavoured Markdown report
    Markdown,
    /// Comma-separated values, one row per platform (per criterion with --explain)
    Csv,
}

/// What a renderer may vary on besides the data.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Show the level, note and source behind each score.
    pub explain: bool,
    /// Emit ANSI styles (stripped again by the writer when colour is off).
    pub color: bool,
}

/// Renders an evaluation in the given format.
pub fn render(eval: &Evaluation<'_>, format: Format, opts: Options) -> String {
    match format {
        Format::Table => table::render(eval, opts),
        Format::Json => json::render(eval),
        Format::Markdown => markdown::render(eval, opts),
        Format::Csv => csv::render(eval, opts),
    }
}

/// A score on the [0, 1] scale as printed in tables: ×100, one decimal.
pub(crate) fn pct(x: f64) -> String {
    format!("{:.1}", x * 100.0)
}

/// The profile in one line: name, normalised weights, languages.
pub(crate) fn profile_line(eval: &Evaluation<'_>) -> String {
    let w = eval.profile.normalised_weights();
    let weights: Vec<String> = (0..COUNT)
        .map(|r| format!("{} {:.0} %", REQUIREMENTS[r].id, w[r] * 100.0))
        .collect();
    format!(
        "profile {} · weights: {} · team languages: {} · unknown counts as {}",
        eval.profile.name,
        weights.join(", "),
        eval.profile.languages.join(", "),
        eval.profile.unknown_as
    )
}
