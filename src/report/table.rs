//! `--format table`: the ranking for a terminal.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::{
    Options, first_share, pct, profile_line, range_text, robustness_title, share,
    stability_sentences,
};
use crate::requirements::{REQUIREMENTS, Source};
use crate::score::Evaluation;

/// Below this many columns the score bars are left out so the numbers keep their room.
const BARS_MIN_WIDTH: u16 = 140;

/// A bar of `width` cells for a score in [0, 1], in eighths of a cell.
fn bar(x: f64, width: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=8·width
    let eighths = (x.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let used = full + usize::from(part > 0);
    format!(
        "{}{}{}",
        "█".repeat(full),
        PARTS[part],
        " ".repeat(width - used)
    )
}

/// A score cell: the number, with a coloured bar when the terminal shows them.
fn score_cell(x: f64, bars: bool) -> Cell {
    if !bars {
        return Cell::new(pct(x));
    }
    let color = if x >= 0.8 {
        Color::Green
    } else if x >= 0.5 {
        Color::Yellow
    } else {
        Color::Red
    };
    Cell::new(format!("{} {:>5}", bar(x, 6), pct(x))).fg(color)
}

pub fn render(eval: &Evaluation<'_>, opts: Options) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    match opts.width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    let bars = opts.bars && opts.width.is_none_or(|w| w >= BARS_MIN_WIDTH);
    if opts.color {
        t.enforce_styling();
    }
    let mut header = vec!["Rank".to_owned(), "Platform".to_owned(), "Score".to_owned()];
    header.extend(REQUIREMENTS.iter().map(|r| r.id.to_owned()));
    header.push("Coverage".into());
    let robust = eval.robustness.is_some();
    if robust {
        header.push("First in".into());
    }
    t.set_header(header);
    for ps in &eval.platforms {
        let mut row = vec![
            Cell::new(ps.rank.map_or_else(|| "–".to_owned(), |r| r.to_string())),
            Cell::new(&ps.platform.name),
            Cell::new(pct(ps.score)),
        ];
        row.extend(ps.requirements.iter().map(|r| score_cell(r.score, bars)));
        row.push(Cell::new(format!("{:.0} %", ps.coverage * 100.0)));
        if robust {
            row.push(Cell::new(
                first_share(eval, &ps.platform.id).map_or_else(|| "–".to_owned(), share),
            ));
        }
        t.add_row(row);
    }
    for i in [0, 2, 3, 4, 5, 6, 7, 8, 9] {
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "{t}");
    let excluded: Vec<_> = eval
        .platforms
        .iter()
        .filter(|p| !p.excluded.is_empty())
        .collect();
    for ps in &excluded {
        let _ = writeln!(
            out,
            "excluded {}: {}",
            ps.platform.name,
            ps.excluded.join("; ")
        );
    }
    let _ = writeln!(out, "{}", profile_line(eval));
    let strong = if opts.color {
        Style::new().bold().fg_color(Some(AnsiColor::Green.into()))
    } else {
        Style::new()
    };
    match &eval.recommendation {
        Some(r) => {
            let _ = writeln!(
                out,
                "{strong}Recommendation: {}{strong:#} — {}",
                eval.platforms[r.index].platform.name, r.reason
            );
        }
        None => {
            let _ = writeln!(
                out,
                "No recommendation: every platform misses a [require] constraint of the profile."
            );
        }
    }
    for s in stability_sentences(eval) {
        let _ = writeln!(out, "stability: {s}");
    }
    if let (Some(title), Some(r)) = (robustness_title(eval), &eval.recommendation) {
        let top = &eval.platforms[r.index].platform;
        if let Some(b) = first_share(eval, &top.id) {
            let row = eval
                .matrix
                .ids
                .iter()
                .position(|id| id == &top.id)
                .unwrap_or(0);
            let se = eval
                .robustness
                .as_ref()
                .map_or(0.0, |x| x.result.std_error[row][0]);
            let _ = writeln!(
                out,
                "robustness ({title}): {} is first in {} of weightings (± {} at 95 %); the \"First in\" column gives every platform's share.",
                top.name,
                share(b),
                share(1.96 * se)
            );
        }
    }
    if opts.explain {
        out.push_str(&explain(eval));
    }
    out
}

/// The evidence behind every score, platform by platform.
fn explain(eval: &Evaluation<'_>) -> String {
    let mut out = String::new();
    for ps in &eval.platforms {
        let d = ps.platform;
        let _ = writeln!(
            out,
            "\n{} ({}) — score {} (range {}), coverage {:.0} %",
            d.name,
            d.id,
            pct(ps.score),
            range_text(ps.range),
            ps.coverage * 100.0
        );
        for (r, req) in REQUIREMENTS.iter().enumerate() {
            let rs = &ps.requirements[r];
            let _ = writeln!(out, "  {} {}", req.id, pct(rs.score));
            for (c, crit) in req.criteria.iter().enumerate() {
                let cs = &rs.criteria[c];
                let (level, note, source) = match crit.source {
                    Source::Level => {
                        let claim = d.claim(r, c);
                        (
                            claim.value.to_string(),
                            claim.note.clone(),
                            claim.source.clone(),
                        )
                    }
                    Source::LanguageCoverage => {
                        let langs: Vec<String> = cs
                            .languages
                            .iter()
                            .map(|(l, v)| format!("{l} {v:.2}"))
                            .collect();
                        let rt = d.runtimes.as_ref();
                        let note = format!(
                            "team languages: {}{}",
                            langs.join(", "),
                            rt.and_then(|e| e.note.as_ref())
                                .map_or_else(String::new, |n| format!(" — {n}"))
                        );
                        (
                            "derived".to_owned(),
                            Some(note),
                            rt.and_then(|e| e.source.clone()),
                        )
                    }
                };
                let from = d.backing(r, c).inherited.map_or_else(String::new, |b| {
                    format!(" (inherited from {}, {})", b.id, b.file)
                });
                let _ = writeln!(
                    out,
                    "    {:<21} {:<8} {:.2} ×{}{from}",
                    crit.id, level, cs.value, cs.weight
                );
                if let Some(note) = note {
                    let _ = writeln!(out, "      {note}");
                }
                if let Some(source) = source {
                    let _ = writeln!(out, "      {source}");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.0, 4), "    ");
        // 0.5 of 4 cells = 16 eighths = 2 full cells.
        assert_eq!(bar(0.5, 4), "██  ");
        // 0.3 of 4 cells = 9.6 → 10 eighths = 1 full cell and a quarter.
        assert_eq!(bar(0.3, 4), "█▎  ");
    }
}
