//! Renderers: one per format, from an evaluation (or a listing) to text.
//!
//! A renderer writes into a `&mut dyn Write` that its caller gives; only the caller decides
//! between standard output and `--output FILE`, and no renderer touches a file. The formats
//! that grow with the catalog (JSON, CSV, Markdown) are written as streams, a platform at a
//! time, so a report of 10,000 platforms is never held in memory whole; `--output` stays
//! all-or-nothing because the caller streams into a temporary file and renames it. (Our
//! conventions model renderers as functions returning a `String`; streams were asked for to
//! keep the memory of large reports flat, and the caller's choice of writer keeps the same
//! separation.) The table, HTML and ADR are built whole and then written: a table's columns
//! are sized from every row, and the page and the record are read by people, a few platforms
//! at a time, so streaming them would buy nothing.

mod adr;
pub mod check;
pub mod compare;
mod csv;
pub mod explain;
mod html;
mod json;
mod listing;
mod markdown;
pub mod rubric;
pub mod scan;
mod table;
pub mod weigh;

pub use listing::{ListFormat, render_list, render_show};

use crate::requirements::REQUIREMENTS;
use crate::score::Evaluation;

/// Output formats of `evaluate`.
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
    /// An architecture decision record (MADR) to edit and commit
    Adr,
    /// A self-contained HTML page with charts and the evidence behind every score
    Html,
}

impl Format {
    /// The format a file name's extension suggests, if any.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "html" | "htm" => Some(Format::Html),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }
}

/// What a renderer may vary on besides the data.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Show the level, note and source behind each score.
    pub explain: bool,
    /// Emit ANSI styles (stripped again by the writer when colour is off).
    pub color: bool,
    /// Draw a bar in each score cell (a terminal with colour and Unicode).
    pub bars: bool,
    /// Fit tables to this many columns.
    pub width: Option<u16>,
    /// Show only the platforms ranked this or better (`--top N`).
    pub top: Option<usize>,
}

/// The platforms a ranking shows: every one, or with `--top N` those ranked N or better;
/// all that tie at rank N stay, and excluded platforms (unranked) go.
pub(crate) fn shown<'e, 'a>(
    eval: &'e Evaluation<'a>,
    top: Option<usize>,
) -> &'e [crate::score::PlatformScore<'a>] {
    let n = top.map_or(eval.platforms.len(), |n| {
        eval.platforms
            .iter()
            .take_while(|p| p.rank.is_some_and(|r| r <= n))
            .count()
    });
    &eval.platforms[..n]
}

/// "33 more platforms are left out by `--top 3`.", when `--top` left any out.
pub(crate) fn left_out(eval: &Evaluation<'_>, top: Option<usize>) -> Option<String> {
    let n = top?;
    let k = eval.platforms.len() - shown(eval, top).len();
    (k > 0).then(|| {
        let what = if k == 1 {
            "platform is"
        } else {
            "platforms are"
        };
        format!("{k} more {what} left out by `--top {n}`.")
    })
}

/// Writes an evaluation in the given format to `out`.
///
/// Writes as it goes: on an error `out` may hold part of the report, so a caller that must
/// not leave a partial file writes into a temporary one first.
pub fn render(
    eval: &Evaluation<'_>,
    format: Format,
    opts: Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(eval, opts.top, out),
        Format::Markdown => markdown::write(eval, opts, out),
        Format::Csv => csv::write(eval, opts, out),
        Format::Table => out.write_all(table::render(eval, opts).as_bytes()),
        Format::Html => out.write_all(html::render(eval, opts).as_bytes()),
        Format::Adr => out.write_all(adr::render(eval, opts.top).as_bytes()),
    }
}

/// A score on the [0, 1] scale as printed in tables: ×100, one decimal.
pub(crate) fn pct(x: f64) -> String {
    format!("{:.1}", x * 100.0)
}

/// `80.1–90.2`, or `n/a` when the method's scores depend on the other platforms.
pub(crate) fn range_text(range: Option<(f64, f64)>) -> String {
    range.map_or_else(
        || "n/a".to_owned(),
        |(lo, hi)| format!("{}–{}", pct(lo), pct(hi)),
    )
}

pub(crate) use crate::score::share;

/// One sentence per requirement: the weight range over which the top platform stays first.
pub(crate) fn stability_sentences(eval: &Evaluation<'_>) -> Vec<String> {
    let Some(s) = &eval.sensitivity else {
        return Vec::new();
    };
    let top = eval
        .platforms
        .iter()
        .find(|p| p.platform.id == s.top)
        .map_or(s.top.as_str(), |p| p.platform.name.as_str());
    s.intervals
        .iter()
        .enumerate()
        .map(|(j, iv)| {
            let req = REQUIREMENTS[eval.matrix.analysed[j]].id;
            let Some(iv) = iv else {
                return format!("{req} holds all the weight: there is no other weight to trade against.");
            };
            let now = share(iv.weight);
            let rival = |r: Option<usize>| r.map_or("", |r| eval.row_name(r));
            // An end at the current weight is said plainly: any change that way changes the winner.
            match iv.on_edge() {
                (true, true) => {
                    return format!(
                        "{top} is first at exactly this {req} weight ({now}): any less puts {} first, any more {}.",
                        rival(iv.low_rival),
                        rival(iv.high_rival)
                    );
                }
                (true, false) => {
                    return format!(
                        "Any cut of the {req} weight (now {now}) puts {} first in place of {top}.",
                        rival(iv.low_rival)
                    );
                }
                (false, true) => {
                    return format!(
                        "Any rise of the {req} weight (now {now}) puts {} first in place of {top}.",
                        rival(iv.high_rival)
                    );
                }
                (false, false) => {}
            }
            match (iv.low > 0.0, iv.high < 1.0) {
                (false, false) => format!("{top} stays first whatever {req} weighs (now {now})."),
                (false, true) => format!(
                    "{top} stays first while {req} weighs up to {} (now {now}); above that, {} overtakes.",
                    share(iv.high),
                    rival(iv.high_rival)
                ),
                (true, false) => format!(
                    "{top} stays first while {req} weighs at least {} (now {now}); below that, {} overtakes.",
                    share(iv.low),
                    rival(iv.low_rival)
                ),
                (true, true) => format!(
                    "{top} stays first while {req} weighs between {} and {} (now {now}); below, {} overtakes, above, {}.",
                    share(iv.low),
                    share(iv.high),
                    rival(iv.low_rival),
                    rival(iv.high_rival)
                ),
            }
        })
        .collect()
}

/// The share of sampled weightings in which a platform is first, if robustness was run.
pub(crate) fn first_share(eval: &Evaluation<'_>, id: &str) -> Option<f64> {
    let r = eval.robustness.as_ref()?;
    let row = eval.matrix.ids.iter().position(|x| x == id)?;
    Some(r.result.acceptability[row][0])
}

/// "SMAA-2 over 10,000 uniform weightings (seed 42)".
pub(crate) fn robustness_title(eval: &Evaluation<'_>) -> Option<String> {
    let r = eval.robustness.as_ref()?;
    let sampler = match r.config.sampler {
        crate::analysis::smaa::Sampler::Uniform => "uniform weightings".to_owned(),
        crate::analysis::smaa::Sampler::AroundProfile { concentration } => {
            format!("weightings around the profile (κ = {concentration})")
        }
    };
    Some(format!(
        "SMAA-2 over {} {sampler}, seed {}",
        crate::diag::thousands(r.config.samples),
        r.config.seed
    ))
}

/// A URL as text any format can hold: whatever a URL may not hold as it is (whitespace,
/// control and format characters, `"<>\^`{|}`) percent-encoded. The loader refuses such URLs;
/// this keeps every renderer safe on its own.
pub(crate) fn url_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if crate::catalog::parse::is_url_char(c) {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("%{b:02X}"));
            }
        }
    }
    out
}

/// The profile in one line: name, normalised weights, languages.
pub(crate) fn profile_line(eval: &Evaluation<'_>) -> String {
    let w = eval.profile.normalised_weights();
    let weights: Vec<String> = crate::requirements::shown(&eval.profile.weights)
        .map(|r| format!("{} {:.0} %", REQUIREMENTS[r].id, w[r] * 100.0))
        .collect();
    format!(
        "method {} · profile {} · weights: {} · team languages: {} · unknown counts as {}",
        eval.method.as_str(),
        eval.profile.name,
        weights.join(", "),
        eval.profile.languages.join(", "),
        eval.profile.unknown_as
    )
}

#[cfg(test)]
mod tests {
    use std::io::{self, Write};

    use super::{Format, Options, render};
    use crate::catalog::load::{self, Inputs};

    /// Hardening round 2, defect 7: every renderer writes URLs through `url_text`.
    #[test]
    fn a_url_is_written_with_what_it_may_not_hold_encoded() {
        assert_eq!(
            super::url_text("https://x.example.com/a>) | <img src=x>\n# H\u{1b}\u{202e}"),
            "https://x.example.com/a%3E)%20%7C%20%3Cimg%20src=x%3E%0A#%20H%1B%E2%80%AE"
        );
        assert_eq!(
            super::url_text("https://kubernetes.io/docs/concepts/(x)?a=1#b"),
            "https://kubernetes.io/docs/concepts/(x)?a=1#b"
        );
    }

    /// A reader that goes away after `room` bytes, as `| head -c N` does.
    struct ClosesAfter(usize);

    impl Write for ClosesAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.0);
            self.0 -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// `main` ends quietly on a closed pipe by finding `BrokenPipe` among the error's causes:
    /// every renderer must hand the writer's error back as it was, not wrapped in its own.
    #[test]
    fn a_closed_reader_is_reported_as_a_broken_pipe_by_every_format() {
        let mut diags = crate::diag::Diagnostics::default();
        let platforms = load::load(&Inputs::default(), &mut diags);
        assert!(!diags.has_errors());
        let profile = crate::profile::Profile::default();
        let eval = crate::score::evaluate(&platforms, &profile, crate::analysis::Method::Wsm);
        let opts = Options {
            explain: true,
            ..Options::default()
        };
        for format in <Format as clap::ValueEnum>::value_variants() {
            for room in [0, 100, 5_000] {
                let err = render(&eval, *format, opts, &mut ClosesAfter(room))
                    .expect_err("the reader went away");
                assert_eq!(
                    err.kind(),
                    io::ErrorKind::BrokenPipe,
                    "{format:?} after {room}"
                );
            }
        }
    }
}
