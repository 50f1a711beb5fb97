//! `--format csv`: one row per platform, or one per criterion with `--explain`.

use std::io::{self, Write};

use super::Options;
use crate::requirements::{Source, shown_with};
use crate::score::Evaluation;

/// Writes the rows into `out` as they are made.
pub fn write(eval: &Evaluation<'_>, opts: Options, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    records(&mut w, eval, opts).map_err(io_error)?;
    w.flush()
}

/// The I/O error inside a CSV error, so that a closed pipe is still seen as one.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn records<W: Write>(
    w: &mut csv::Writer<W>,
    eval: &Evaluation<'_>,
    opts: Options,
) -> csv::Result<()> {
    if opts.explain {
        w.write_record([
            "platform",
            "requirement",
            "criterion",
            "level",
            "value",
            "weight",
            "note",
            "source",
            "inherited_from",
        ])?;
        for ps in super::shown(eval, opts.top) {
            let d = ps.platform;
            for (r, req) in shown_with(&eval.profile.weights) {
                for (c, crit) in req.criteria.iter().enumerate() {
                    let cs = &ps.requirements[r].criteria[c];
                    let (level, ev) = match crit.source {
                        Source::Level | Source::Fact => {
                            (d.claim(r, c).value.to_string(), Some(d.claim(r, c)))
                        }
                        Source::LanguageCoverage => ("derived".to_owned(), None),
                    };
                    let (note, source) = match ev {
                        Some(e) => (e.note.clone(), e.source.clone()),
                        None => d
                            .runtimes
                            .as_ref()
                            .map_or((None, None), |e| (e.note.clone(), e.source.clone())),
                    };
                    w.write_record([
                        d.id.clone(),
                        req.id.to_owned(),
                        crit.id.to_owned(),
                        level,
                        cs.value.to_string(),
                        cs.weight.to_string(),
                        cell(note.as_deref().unwrap_or("")),
                        cell(&super::url_text(source.as_deref().unwrap_or(""))),
                        d.backing(r, c)
                            .inherited
                            .map_or_else(String::new, |b| b.id.to_string()),
                    ])?;
                }
            }
        }
    } else {
        let mut header = vec![
            "rank",
            "id",
            "name",
            "score",
            "score_low",
            "score_high",
            "coverage",
        ];
        header.extend(shown_with(&eval.profile.weights).map(|(_, r)| r.id));
        header.push("excluded");
        w.write_record(&header)?;
        for ps in super::shown(eval, opts.top) {
            let mut row = vec![
                ps.rank.map_or_else(String::new, |r| r.to_string()),
                ps.platform.id.clone(),
                cell(&ps.platform.name),
                format!("{:.4}", ps.score * 100.0),
                ps.range
                    .map_or_else(String::new, |r| format!("{:.4}", r.0 * 100.0)),
                ps.range
                    .map_or_else(String::new, |r| format!("{:.4}", r.1 * 100.0)),
                format!("{:.4}", ps.coverage),
            ];
            row.extend(
                shown_with(&eval.profile.weights)
                    .map(|(r, _)| format!("{:.4}", ps.requirements[r].score * 100.0)),
            );
            row.push(cell(&ps.excluded.join("; ")));
            w.write_record(&row)?;
        }
    }
    Ok(())
}

/// Neutralises text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR).
pub(crate) fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}
