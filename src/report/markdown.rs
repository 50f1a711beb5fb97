//! `--format markdown`: a report for a pull request, a wiki or a decision record.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{
    Options, pct, profile_line, range_text, robustness_title, share, stability_sentences, url_text,
};
use crate::requirements::{Source, shown_with};
use crate::score::Evaluation;

/// Escapes text for a Markdown table cell or paragraph.
pub(crate) fn escape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &ch) in chars.iter().enumerate() {
        // `_` inside a word (`health_checks`) never emphasises in GFM; only escape it at an edge.
        let word = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        let inner_underscore = ch == '_' && word(i.checked_sub(1)) && word(Some(i + 1));
        match ch {
            '_' if inner_underscore => out.push(ch),
            // A quote or a heading only starts a line; mid-text they are plain characters.
            '>' | '#' if i > 0 => out.push(ch),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// Writes the report into `out`, a platform at a time.
pub fn write(eval: &Evaluation<'_>, opts: Options, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"# Deployment platform evaluation\n\n")?;
    match &eval.recommendation {
        Some(r) => {
            writeln!(
                out,
                "**Recommendation: {}** — {}\n",
                escape(&eval.platforms[r.index].platform.name),
                escape(&r.reason)
            )?;
        }
        None => out.write_all(
            b"**No recommendation**: every platform misses a `[require]` constraint of the profile.\n\n",
        )?,
    }
    writeln!(out, "{}\n", escape(&profile_line(eval)))?;
    out.write_all(b"| Rank | Platform | Score | Range |")?;
    let w = &eval.profile.weights;
    for (_, r) in shown_with(w) {
        write!(out, " {} |", r.id)?;
    }
    out.write_all(b" Coverage |\n|---:|---|---:|---:|")?;
    out.write_all("---:|".repeat(shown_with(w).count()).as_bytes())?;
    out.write_all(b"---:|\n")?;
    let shown = super::shown(eval, opts.top);
    for ps in shown {
        write!(
            out,
            "| {} | {} | {} | {} |",
            ps.rank.map_or_else(|| "–".to_owned(), |r| r.to_string()),
            escape(&ps.platform.name),
            pct(ps.score),
            range_text(ps.range)
        )?;
        for (r, _) in shown_with(w) {
            write!(out, " {} |", pct(ps.requirements[r].score))?;
        }
        writeln!(out, " {:.0} % |", ps.coverage * 100.0)?;
    }
    // Our own words, with the flag as code: not escaped.
    if let Some(line) = super::left_out(eval, opts.top) {
        writeln!(out, "\n{line}")?;
    }
    for ps in shown.iter().filter(|p| !p.excluded.is_empty()) {
        writeln!(
            out,
            "\nExcluded **{}**: {}.",
            escape(&ps.platform.name),
            escape(&ps.excluded.join("; "))
        )?;
    }
    for ps in shown.iter().filter(|p| !p.caveats.is_empty()) {
        writeln!(
            out,
            "\nNote on **{}**: {}.",
            escape(&ps.platform.name),
            escape(&ps.caveats.join("; "))
        )?;
    }
    let sentences = stability_sentences(eval);
    if !sentences.is_empty() {
        out.write_all(b"\n## Weight stability\n\n")?;
        for s in &sentences {
            writeln!(out, "- {}", escape(s))?;
        }
    }
    if let Some(title) = robustness_title(eval) {
        writeln!(
            out,
            "\n## Robustness\n\n{}: the share of weightings in which each platform takes each rank.\n",
            escape(&title)
        )?;
        let k = eval.matrix.ids.len().min(5);
        out.write_all(b"| Platform | First |")?;
        for r in 2..=k {
            write!(out, " Rank {r} |")?;
        }
        out.write_all(b"\n|---|")?;
        out.write_all("---:|".repeat(k).as_bytes())?;
        out.write_all(b"\n")?;
        if let Some(rob) = &eval.robustness {
            for ps in shown.iter().filter(|p| p.rank.is_some()) {
                let Some(row) = eval.matrix.ids.iter().position(|id| id == &ps.platform.id) else {
                    continue;
                };
                write!(out, "| {} |", escape(&ps.platform.name))?;
                for r in 0..k {
                    write!(out, " {} |", share(rob.result.acceptability[row][r]))?;
                }
                out.write_all(b"\n")?;
            }
        }
    }
    if opts.explain {
        out.write_all(b"\n## Evidence\n")?;
        for ps in shown {
            explain_platform(out, ps, &eval.profile.weights)?;
        }
    }
    Ok(())
}

fn explain_platform(
    out: &mut dyn Write,
    ps: &crate::score::PlatformScore<'_>,
    weights: &[f64; crate::requirements::COUNT],
) -> io::Result<()> {
    let d = ps.platform;
    writeln!(
        out,
        "\n### {} — {}\n\n| Requirement | Criterion | Level | Value | Weight | Evidence |\n|---|---|---|---:|---:|---|",
        escape(&d.name),
        pct(ps.score)
    )?;
    for (r, req) in shown_with(weights) {
        for (c, crit) in req.criteria.iter().enumerate() {
            let cs = &ps.requirements[r].criteria[c];
            let (level, note, source) = match crit.source {
                Source::Level | Source::Fact => {
                    let claim = d.claim(r, c);
                    (
                        claim.value.to_string(),
                        claim.note.as_deref(),
                        claim.source.as_deref(),
                    )
                }
                Source::LanguageCoverage => {
                    let rt = d.runtimes.as_ref();
                    (
                        "derived".to_owned(),
                        rt.and_then(|e| e.note.as_deref()),
                        rt.and_then(|e| e.source.as_deref()),
                    )
                }
            };
            let mut evidence = match (note, source) {
                (Some(n), Some(s)) => format!("{} ([source](<{}>))", escape(n), url_text(s)),
                (Some(n), None) => escape(n),
                (None, Some(s)) => format!("[source](<{}>)", url_text(s)),
                (None, None) => String::new(),
            };
            if let Some(b) = d.backing(r, c).inherited {
                let _ = write!(evidence, " (inherited from `{}`)", b.id);
            }
            writeln!(
                out,
                "| {} ({}) | {} | {} | {:.2} | {} | {} |",
                req.id,
                pct(ps.requirements[r].score),
                crit.id,
                level,
                cs.value,
                cs.weight,
                evidence
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_but_not_inner_underscores() {
        assert_eq!(escape("health_checks"), "health_checks");
        assert_eq!(escape("_x_ a|b <script>"), "\\_x\\_ a\\|b \\<script>");
        assert_eq!(escape("two\nlines"), "two lines");
        assert_eq!(escape("> 5 and >= 3 # x"), "\\> 5 and >= 3 # x");
    }
}
