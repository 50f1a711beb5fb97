//! `--format table`: the ranking for a terminal.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::{
    Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle,
    presets,
};

use super::{
    Options, first_share, pct, profile_line, range_text, robustness_title, share,
    stability_sentences,
};
use crate::requirements::{Source, shown_with};
use crate::score::{Evaluation, PlatformScore};

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

/// How much of the full table a width leaves room for. A narrow terminal gives things up in
/// this order, one step at a time: the score bars, the coverage column, the long requirement
/// headers (for short forms and a legend), the borders, and last the requirement columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layout {
    Full,
    NoBars,
    NoCoverage,
    Short,
    Compact,
    Bare,
}

impl Layout {
    const LADDER: [Layout; 6] = [
        Layout::Full,
        Layout::NoBars,
        Layout::NoCoverage,
        Layout::Short,
        Layout::Compact,
        Layout::Bare,
    ];

    fn bars(self) -> bool {
        self == Layout::Full
    }
    fn coverage(self) -> bool {
        self <= Layout::NoBars
    }
    fn short(self) -> bool {
        self >= Layout::Short
    }
    fn compact(self) -> bool {
        self >= Layout::Compact
    }
    fn requirements(self) -> bool {
        self < Layout::Bare
    }
}

/// The narrowest a name can wrap to in two lines at most, breaking between words.
fn two_line_width(name: &str) -> usize {
    use unicode_width::UnicodeWidthStr as _;
    let words: Vec<&str> = name.split_whitespace().collect();
    (1..words.len())
        .map(|i| {
            words[..i]
                .join(" ")
                .width()
                .max(words[i..].join(" ").width())
        })
        .min()
        .unwrap_or_else(|| name.width())
}

/// Room the table needs with every name in two lines at most.
fn needed_width(t: &Table, names: &[&str]) -> usize {
    use unicode_width::UnicodeWidthStr as _;
    let natural = t.lines().map(|l| l.width()).max().unwrap_or(0);
    let longest = t.column_max_content_widths().get(1).copied().unwrap_or(0);
    let narrowest = names.iter().map(|n| two_line_width(n)).max().unwrap_or(0);
    natural - usize::from(longest) + narrowest.min(usize::from(longest))
}

pub fn render(eval: &Evaluation<'_>, opts: Options) -> String {
    let shown = super::shown(eval, opts.top);
    let names: Vec<&str> = shown.iter().map(|p| p.platform.name.as_str()).collect();
    // Bars need colour and Unicode; without them the ladder starts one step down.
    let widest = if opts.bars {
        Layout::Full
    } else {
        Layout::NoBars
    };
    let (t, layout) = match opts.width {
        None => (table(eval, shown, widest, opts.color), widest),
        Some(w) => {
            let layout = Layout::LADDER
                .into_iter()
                .filter(|l| *l >= widest)
                .find(|l| needed_width(&table(eval, shown, *l, false), &names) <= usize::from(w))
                .unwrap_or(Layout::Bare);
            let mut t = table(eval, shown, layout, opts.color);
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
            // Only names wrap; numbers and headers keep their width.
            for (i, col) in t.column_iter_mut().enumerate() {
                if i != 1 {
                    col.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
            (t, layout)
        }
    };
    let mut out = String::new();
    // Without a right border, padding would leave trailing blanks on wrapped lines.
    for line in t.lines() {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if let Some(note) = fit_note(eval, layout, opts.width) {
        let _ = writeln!(out, "{note}");
    }
    if let Some(line) = super::left_out(eval, opts.top) {
        let _ = writeln!(out, "{line}");
    }
    let excluded: Vec<_> = shown.iter().filter(|p| !p.excluded.is_empty()).collect();
    for ps in &excluded {
        let _ = writeln!(
            out,
            "excluded {}: {}",
            ps.platform.name,
            ps.excluded.join("; ")
        );
    }
    for ps in shown.iter().filter(|p| !p.caveats.is_empty()) {
        let _ = writeln!(out, "note {}: {}", ps.platform.name, ps.caveats.join("; "));
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
        out.push_str(&explain(eval, shown));
    }
    out
}

/// The ranking as a table in the given layout.
fn table(eval: &Evaluation<'_>, shown: &[PlatformScore<'_>], layout: Layout, color: bool) -> Table {
    let mut t = Table::new();
    if layout.compact() {
        // No borders: a header rule and columns a space apart, as `kubectl get` prints.
        t.load_style(TableStyle::new().header_separator(LineStyle::none().fill('─')));
    } else {
        t.load_style(presets::UTF8_FULL_CONDENSED);
    }
    t.set_content_arrangement(ContentArrangement::Disabled);
    if color {
        t.enforce_styling();
    }
    let rank = if layout.short() { "#" } else { "Rank" };
    let mut header = vec![rank.to_owned(), "Platform".to_owned(), "Score".to_owned()];
    if layout.requirements() {
        header.extend(
            shown_with(&eval.profile.weights)
                .map(|(_, r)| if layout.short() { r.short } else { r.id }.to_owned()),
        );
    }
    if layout.coverage() {
        header.push("Coverage".into());
    }
    let robust = eval.robustness.is_some();
    if robust {
        header.push(if layout.short() { "1st" } else { "First in" }.into());
    }
    let columns = header.len();
    t.set_header(header);
    for ps in shown {
        let mut row = vec![
            Cell::new(ps.rank.map_or_else(|| "–".to_owned(), |r| r.to_string())),
            Cell::new(&ps.platform.name),
            Cell::new(pct(ps.score)),
        ];
        if layout.requirements() {
            row.extend(
                shown_with(&eval.profile.weights)
                    .map(|(r, _)| score_cell(ps.requirements[r].score, layout.bars())),
            );
        }
        if layout.coverage() {
            row.push(Cell::new(format!("{:.0} %", ps.coverage * 100.0)));
        }
        if robust {
            row.push(Cell::new(
                first_share(eval, &ps.platform.id).map_or_else(|| "–".to_owned(), share),
            ));
        }
        t.add_row(row);
    }
    for (i, col) in t.column_iter_mut().enumerate() {
        if i != 1 {
            col.set_cell_alignment(CellAlignment::Right);
        }
        if layout.compact() {
            col.set_padding((
                0,
                if i + 1 == columns {
                    0
                } else if i == 1 {
                    2
                } else {
                    1
                },
            ));
        }
    }
    t
}

/// What a narrow width made the table leave out or shorten, if anything.
fn fit_note(eval: &Evaluation<'_>, layout: Layout, width: Option<u16>) -> Option<String> {
    let mut parts = Vec::new();
    if !layout.coverage() {
        parts.push("coverage left out".to_owned());
    }
    if !layout.requirements() {
        parts.push("requirement scores left out".to_owned());
    } else if layout.short() {
        let legend: Vec<String> = shown_with(&eval.profile.weights)
            .map(|(_, r)| format!("{} = {}", r.short, r.id))
            .collect();
        parts.push(legend.join(", "));
    }
    let w = width?;
    (!parts.is_empty()).then(|| {
        format!(
            "Fitted to {w} columns: {}; a wider terminal or `--width` shows every column.",
            parts.join("; ")
        )
    })
}

/// The evidence behind every score, platform by platform.
fn explain(eval: &Evaluation<'_>, shown: &[PlatformScore<'_>]) -> String {
    let mut out = String::new();
    for ps in shown {
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
        for (r, req) in shown_with(&eval.profile.weights) {
            let rs = &ps.requirements[r];
            let _ = writeln!(out, "  {} {}", req.id, pct(rs.score));
            for (c, crit) in req.criteria.iter().enumerate() {
                let cs = &rs.criteria[c];
                let (level, note, source) = match crit.source {
                    Source::Level | Source::Fact => {
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
                            Some(note.into()),
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
                    let _ = writeln!(out, "      {}", super::url_text(&source));
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
