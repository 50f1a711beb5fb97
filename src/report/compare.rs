//! Reports of `compare`: table, JSON and Markdown.

use std::fmt::Write as _;

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use serde_json::{Map, Value, json};

use super::markdown::escape;
use super::pct;
use crate::compare::{Comparison, Row};

/// Formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// Side by side for the terminal, the best cell of each row highlighted
    Table,
    /// Every row with its values, deltas and winner
    Json,
    /// A Markdown table for a review, the best cell of each row in bold
    Markdown,
}

/// `width`: fit the table to so many columns (names wrap); `None` lays it out at its
/// natural width.
pub fn render(
    c: &Comparison<'_>,
    format: CompareFormat,
    color: bool,
    width: Option<u16>,
) -> String {
    match format {
        CompareFormat::Json => {
            let mut s = serde_json::to_string_pretty(&json_doc(c)).unwrap_or_default();
            s.push('\n');
            s
        }
        CompareFormat::Markdown => markdown(c),
        CompareFormat::Table => table(c, color, width),
    }
}

/// Deltas to the first platform say something for a pair; beside three or more platforms
/// they only double the columns.
fn with_deltas(c: &Comparison<'_>) -> bool {
    c.platforms.len() == 2
}

/// A cell's text: the level word on a criterion a platform states a level for, the score
/// otherwise.
fn value(row: &Row, i: usize) -> String {
    row.levels
        .get(i)
        .map_or_else(|| pct(row.values[i]), ToString::to_string)
}

fn delta(row: &Row, i: usize) -> String {
    format!("{:+.1}", (row.values[i] - row.values[0]) * 100.0)
}

/// "tie" only when every platform has the same value; else the winners: "A", or "A and C".
fn winner(c: &Comparison<'_>, row: &Row) -> String {
    if row.is_tie() {
        return "tie".to_owned();
    }
    let names: Vec<&str> = row
        .winners
        .iter()
        .map(|&w| c.platforms[w].platform.name.as_str())
        .collect();
    match names.as_slice() {
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

fn table(c: &Comparison<'_>, color: bool, width: Option<u16>) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    match width {
        // Names wrap in their header and Winner cells; numbers keep their width.
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if color {
        t.enforce_styling();
    }
    let mut header = vec!["Requirement".to_owned()];
    for (i, p) in c.platforms.iter().enumerate() {
        header.push(p.platform.name.clone());
        if i > 0 && with_deltas(c) {
            header.push(format!("Δ {}", p.platform.name));
        }
    }
    if with_deltas(c) {
        header.push("Winner".into());
    }
    t.set_header(header);
    for row in c.rows.iter().chain(std::iter::once(&c.total)) {
        let label = if row.is_criterion {
            format!(
                "  {}",
                row.label
                    .split_once('.')
                    .map_or(row.label.as_str(), |x| x.1)
            )
        } else {
            row.label.clone()
        };
        let mut cells = vec![Cell::new(label)];
        for i in 0..row.values.len() {
            // Beside three or more platforms the best cell of a row carries a star instead of
            // a Winner column, which would repeat long names on every row.
            let star = if !with_deltas(c) && row.is_won_by(i) {
                "★ "
            } else {
                ""
            };
            let mut cell =
                Cell::new(format!("{star}{}", value(row, i))).set_alignment(CellAlignment::Right);
            if color && row.is_won_by(i) {
                cell = cell.fg(Color::Green).add_attribute(Attribute::Bold);
            }
            cells.push(cell);
            if i > 0 && with_deltas(c) {
                cells.push(Cell::new(delta(row, i)).set_alignment(CellAlignment::Right));
            }
        }
        if with_deltas(c) {
            cells.push(Cell::new(winner(c, row)));
        }
        t.add_row(cells);
    }
    let legend = if with_deltas(c) {
        ""
    } else {
        "★ best of the row (shared when several have it; none when all tie)\n"
    };
    format!(
        "{t}\n{legend}{}\nmethod {} · profile {}\n",
        c.summary,
        c.method.as_str(),
        c.profile
    )
}

fn json_doc(c: &Comparison<'_>) -> Value {
    let ids: Vec<&str> = c.platforms.iter().map(|p| p.platform.id.as_str()).collect();
    let row_json = |row: &Row| {
        let values: Map<String, Value> = ids
            .iter()
            .zip(&row.values)
            .map(|(id, v)| ((*id).to_owned(), json!(v * 100.0)))
            .collect();
        let deltas: Map<String, Value> = ids
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, id)| {
                (
                    (*id).to_owned(),
                    json!((row.values[i] - row.values[0]) * 100.0),
                )
            })
            .collect();
        let levels: Map<String, Value> = ids
            .iter()
            .zip(&row.levels)
            .map(|(id, l)| ((*id).to_owned(), json!(l.as_str())))
            .collect();
        json!({
            "label": row.label,
            "kind": if row.is_criterion { "criterion" } else { "requirement" },
            "values": values,
            "levels": (!levels.is_empty()).then_some(levels),
            "delta": deltas,
            "winner": row.winner().map(|w| ids[w]),
            "winners": if row.is_tie() { Vec::new() } else { row.winners.iter().map(|&w| ids[w]).collect::<Vec<_>>() },
            "tie": row.is_tie(),
        })
    };
    json!({
        "schema_version": 1,
        "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
        "method": c.method.as_str(),
        "profile": c.profile,
        "platforms": c.platforms.iter().map(|p| json!({
            "id": p.platform.id, "name": p.platform.name, "origin": p.platform.origin(),
            "score": p.score * 100.0, "rank": p.rank,
        })).collect::<Vec<_>>(),
        "rows": c.rows.iter().map(row_json).collect::<Vec<_>>(),
        "total": row_json(&c.total),
        "summary": c.summary,
    })
}

fn markdown(c: &Comparison<'_>) -> String {
    let mut out = String::from("| Requirement |");
    let mut rule = String::from("|---|");
    for (i, p) in c.platforms.iter().enumerate() {
        let _ = write!(out, " {} |", escape(&p.platform.name));
        rule.push_str("---:|");
        if i > 0 && with_deltas(c) {
            let _ = write!(out, " Δ {} |", escape(&p.platform.name));
            rule.push_str("---:|");
        }
    }
    out.push_str(" Winner |\n");
    rule.push_str("---|\n");
    out.push_str(&rule);
    for row in c.rows.iter().chain(std::iter::once(&c.total)) {
        let label = if row.is_criterion {
            format!("↳ {}", row.label)
        } else {
            format!("**{}**", row.label)
        };
        let _ = write!(out, "| {label} |");
        for i in 0..row.values.len() {
            let v = value(row, i);
            if row.is_won_by(i) {
                let _ = write!(out, " **{v}** |");
            } else {
                let _ = write!(out, " {v} |");
            }
            if i > 0 && with_deltas(c) {
                let _ = write!(out, " {} |", delta(row, i));
            }
        }
        let _ = writeln!(out, " {} |", escape(&winner(c, row)));
    }
    let _ = writeln!(
        out,
        "\n{}\n\nMethod {}, profile {}.",
        escape(&c.summary),
        c.method.as_str(),
        escape(&c.profile)
    );
    out
}
