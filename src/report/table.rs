//! `--format table`: the ranking for a terminal.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::{
    Options, first_share, pct, profile_line, range_text, robustness_title, share,
    stability_sentences,
};
use crate::requirements::{REQUIREMENTS, Source};
use crate::score::Evaluation;

pub fn render(eval: &Evaluation<'_>, opts: Options) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
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
            ps.rank.map_or_else(|| "–".to_owned(), |r| r.to_string()),
            ps.platform.name.clone(),
            pct(ps.score),
        ];
        row.extend(ps.requirements.iter().map(|r| pct(r.score)));
        row.push(format!("{:.0} %", ps.coverage * 100.0));
        if robust {
            row.push(first_share(eval, &ps.platform.id).map_or_else(|| "–".to_owned(), share));
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
                let _ = writeln!(
                    out,
                    "    {:<21} {:<8} {:.2} ×{}",
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
