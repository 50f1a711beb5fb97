//! Diagnostics: stable codes, locations, rendering.
//!
//! A finding about the user's input is data, collected into [`Diagnostics`] so that every
//! problem of a run is reported together, never an early `Err`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a source text: 1-based line and column (in characters), and the byte range.
///
/// 32 bits each: every claim of every descriptor carries two, and a descriptor is far
/// smaller than 4 GiB (1 MiB by default); larger values saturate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
    pub len: u32,
}

/// A `usize` as a span field: saturating, see [`Span`].
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Span {
    pub fn new(line: usize, column: usize, offset: usize, len: usize) -> Span {
        Span {
            line: small(line),
            column: small(column),
            offset: small(offset),
            len: small(len),
        }
    }

    /// The byte range in the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        let start = self.offset as usize;
        start..start + self.len as usize
    }

    /// The span of the byte range `start..end` of `text`.
    pub fn from_range(text: &str, start: usize, end: usize) -> Span {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        Span::new(line, column, start, end - start)
    }
}

/// A Unicode format character (general category Cf): bidi overrides and isolates, zero-width
/// joiners and spaces, soft hyphens. They reorder or hide what a reader sees, so that
/// `a\u{202e}lmth.exe` reads as `aexe.html`.
pub fn is_format(c: char) -> bool {
    use unicode_general_category::{GeneralCategory, get_general_category};
    get_general_category(c) == GeneralCategory::Format
}

/// Never written out as it is: a control character but a line end or tab, or a format
/// character.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_format(c)
}

/// Control and format characters written as escapes (`\u{1b}`, `\u{202e}`), so a message
/// cannot drive a terminal or reorder what it shows. Line ends stay.
pub fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if (c.is_control() && c != '\n') || is_format(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Like [`visible`], and line ends escaped too: for what must stay on one line, such as a
/// file name in a `::error file=...` command or a CSV cell.
pub fn one_line(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_format(c)) {
        return s.to_owned();
    }
    s.chars()
        .map(|c| {
            if c.is_control() || is_format(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The text without its hidden characters, or `None` when it has none.
pub fn without_hidden(s: &str) -> Option<String> {
    s.chars()
        .any(is_hidden)
        .then(|| s.chars().filter(|c| !is_hidden(*c)).collect())
}

/// The text with each hidden character (but carriage returns) replaced by `?`s of the
/// same byte length, so that spans still point at the same places.
fn same_length_visible(text: &str) -> String {
    let hidden = |c: char| is_hidden(c) && c != '\r';
    if !text.chars().any(hidden) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The most bytes of input shown in one snippet.
const MAX_SNIPPET: usize = 2_000;

/// The 1-based number of the first line of `span`, and the byte range of the whole lines it
/// touches.
fn lines_around(text: &str, span: Span) -> (usize, std::ops::Range<usize>) {
    let mut start = floor_char_boundary(text, span.range().start.min(text.len()));
    let mut line = span.line as usize;
    // The end of a file that ends a line is shown as the end of its last line.
    if start == text.len() && text.ends_with('\n') {
        start -= 1;
        line = line.saturating_sub(1);
    }
    let end = floor_char_boundary(text, span.range().end.clamp(start, text.len()));
    let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let to = text[end..].find('\n').map_or(text.len(), |i| end + i);
    // The span's line number is known; counting it again would read the text before it.
    if line == 0 {
        line = text[..from].matches('\n').count() + 1;
    }
    (line, from..to)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An input text with the name it is shown under (`platforms/heroku.yaml`, `<stdin>`).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Where each line starts, found on the first [`SourceFile::span`]: a file with
    /// thousands of errors is then read once, not once per error.
    #[serde(skip)]
    lines: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// `name` is shown as [`one_line`] writes it: a file name may hold any character but
    /// `/`, and is written into terminals, annotations and reports.
    pub fn new(name: String, text: String) -> SourceFile {
        let name = if name.chars().any(|c| c.is_control() || is_format(c)) {
            one_line(&name)
        } else {
            name
        };
        SourceFile {
            name,
            text,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// The span of the byte range `start..end` of the text, as [`Span::from_range`] finds
    /// it, in time that does not grow with the place in the file.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let text = &self.text;
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(newline_offsets(text).map(|i| i + 1))
                .collect()
        });
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let line = lines.partition_point(|&l| l <= start);
        let line_start = lines[line - 1];
        let column = text[line_start..start].chars().count() + 1;
        Span::new(line, column, start, end - start)
    }
}

fn newline_offsets(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case code, for scripts and docs.
    pub code: &'static str,
    pub message: String,
    pub file: Option<Arc<SourceFile>>,
    pub span: Option<Span>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: None,
            span: None,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    #[must_use]
    pub fn in_file(mut self, file: &Arc<SourceFile>) -> Self {
        self.file = Some(Arc::clone(file));
        self
    }

    #[must_use]
    pub fn at(mut self, file: &Arc<SourceFile>, span: Span) -> Self {
        self.file = Some(Arc::clone(file));
        self.span = Some(span);
        self
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    fn severity_word(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// `file:line:col`, or just the file, or nothing.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match self.span {
            Some(s) => format!("{}:{}:{}", file.name, s.line, s.column),
            None => file.name.clone(),
        })
    }

    /// Renders as `error[code]: message`, ` --> file:line:col`, a snippet and a help line.
    /// Control characters of the input are never written out as they are.
    pub fn render(&self, color: bool) -> String {
        let message = visible(&self.message);
        let help = self.help.as_deref().map(visible);
        // A snippet needs the text; a descriptor read for scoring keeps only its name.
        // A line longer than a screen (a flow list of thousands of entries) is not shown
        // either: the location says where, and the renderer would read all of it.
        let text_kept = match (&self.file, self.span) {
            (Some(f), Some(s)) => {
                !f.text.is_empty()
                    && s.range().start <= f.text.len()
                    && lines_around(&f.text, s).1.len() <= MAX_SNIPPET
            }
            _ => false,
        };
        if !text_kept {
            // Nothing to show: the same shape as a snippet, without the snippet.
            let mut out = format!("{}[{}]: {}", self.severity_word(), self.code, message);
            if let Some(location) = self.location() {
                let _ = write!(out, "\n --> {location}");
            }
            if let Some(help) = &help {
                let _ = write!(out, "\n  = help: {help}");
            }
            return out;
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(&message).id(self.code);
        let mut group = Group::with_title(title);
        let shown;
        if let (Some(file), Some(span)) = (&self.file, self.span) {
            // Only the lines of the span are handed to the renderer, which reads all it is
            // given: a file of 60,000 errors would otherwise be read 60,000 times.
            let (first, window) = lines_around(&file.text, span);
            shown = same_length_visible(&file.text[window.clone()]);
            let text = &shown;
            let at = span.range().start.clamp(window.start, window.end) - window.start;
            let start = floor_char_boundary(text, at.min(text.len()));
            let end = if span.len == 0 {
                text[start..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8())
            } else {
                floor_char_boundary(
                    text,
                    (span.range().end.min(window.end) - window.start).clamp(start, text.len()),
                )
            };
            group = group.element(
                Snippet::source(text)
                    .path(&file.name)
                    .line_start(first)
                    .annotation(AnnotationKind::Primary.span(start..end)),
            );
        }
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help));
        }
        renderer.render(&[group])
    }
}

/// Every finding of a run, in the order found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Each diagnostic's code and `file:line:col`, for tests that check what was found where.
    #[cfg(test)]
    pub fn codes(&self) -> Vec<(&'static str, String)> {
        self.iter()
            .map(|d| (d.code, d.location().unwrap_or_default()))
            .collect()
    }

    /// Turns every warning into an error (`--strict`).
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// All findings, then a one-line count, as shown on stderr. Past [`SHOWN_PER_CODE`]
    /// findings of one code in one file, the rest are counted in one line: a file with
    /// 60,000 bad entries needs its first few shown, not all of them.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        let key = |d: &'_ Diagnostic| (d.file.as_ref().map(|f| f.name.clone()), d.code);
        let mut total: HashMap<(Option<String>, &str), usize> = HashMap::new();
        for d in &self.items {
            *total.entry(key(d)).or_insert(0) += 1;
        }
        let mut shown: HashMap<(Option<String>, &str), usize> = HashMap::new();
        let mut hidden: Vec<(Option<&str>, &str, Severity, usize)> = Vec::new();
        for d in &self.items {
            let k = key(d);
            // Hiding a single finding saves nothing: eleven are shown, twelve are not.
            let all = total[&k] <= SHOWN_PER_CODE + 1;
            let n = shown.entry(k).or_insert(0);
            *n += 1;
            let key = (d.file.as_deref().map(|f| f.name.as_str()), d.code);
            if all || *n <= SHOWN_PER_CODE {
                let _ = writeln!(out, "{}\n", d.render(color));
            } else if let Some(h) = hidden
                .iter_mut()
                .find(|h| (h.0, h.1) == key && h.2 == d.severity)
            {
                h.3 += 1;
            } else {
                hidden.push((key.0, key.1, d.severity, 1));
            }
        }
        for (file, code, severity, n) in hidden {
            let word = match severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let place = file.map_or_else(String::new, |f| format!(" in `{}`", visible(f)));
            let _ = writeln!(
                out,
                "{word}[{code}]: and {} more of the same{place}, not shown\n",
                thousands(n)
            );
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e > 0 {
            let _ = writeln!(
                out,
                "error: {} found{}",
                plural(e, "problem"),
                if w > 0 {
                    format!(" and {}", plural(w, "warning"))
                } else {
                    String::new()
                }
            );
        }
        out
    }
}

/// Findings of one code in one file shown in full; the rest are counted.
pub const SHOWN_PER_CODE: usize = 10;

/// 10000 → "10,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The closest known name to `input`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`?", or a list of what is allowed when nothing is close (the first
/// dozen, when the list is long).
pub fn suggest(input: &str, candidates: &[&str]) -> String {
    suggest_listing(input, candidates, 12)
}

/// [`suggest`], listing up to `listed` of the candidates when nothing is close.
pub fn suggest_listing(input: &str, candidates: &[&str], listed: usize) -> String {
    match did_you_mean(input, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if candidates.len() > listed => format!(
            "expected one of: {}, ... (`platform-eval --help` lists them all)",
            candidates[..listed].join(", ")
        ),
        None => format!("expected one of: {}", candidates.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hardening round 2, defect 3: 60,000 errors in one file were each rendered in full.
    #[test]
    fn many_findings_of_one_kind_are_counted_past_the_first_few() {
        let mut text = String::new();
        let mut starts = Vec::new();
        for i in 0..60_000 {
            starts.push(text.len() + 2);
            let _ = writeln!(text, "- l{i}");
        }
        let file = Arc::new(SourceFile::new("big.yaml".into(), text));
        let mut diags = Diagnostics::default();
        for (i, at) in starts.into_iter().enumerate() {
            diags.push(
                Diagnostic::error("unknown-language", format!("unknown language `l{i}`"))
                    .at(&file, file.span(at, at + 2)),
            );
        }
        diags.push(Diagnostic::warning("other", "another kind").in_file(&file));
        let out = diags.render(false);
        assert_eq!(
            out.matches("error[unknown-language]: unknown").count(),
            SHOWN_PER_CODE
        );
        assert!(
            out.contains(
                "error[unknown-language]: and 59,990 more of the same in `big.yaml`, not shown"
            ),
            "{out}"
        );
        assert!(out.contains("warning[other]: another kind"), "{out}");
        assert!(
            out.ends_with("error: 60000 problems found and 1 warning\n"),
            "{out}"
        );
        // The snippet is the line of the finding, numbered as in the file.
        assert!(out.contains("big.yaml:3:3"), "{out}");
        assert!(out.contains("3 | - l2"), "{out}");
        assert!(!out.contains("- l11\n"), "{out}");
    }

    #[test]
    fn a_file_finds_the_same_spans_as_a_text() {
        let file = SourceFile::new("p.toml".into(), "a = 1\nbé = [\n  \"x\",\n]\n".into());
        for (start, end) in [(0, 1), (6, 8), (11, 12), (16, 19), (22, 22), (30, 40)] {
            assert_eq!(
                file.span(start, end),
                Span::from_range(&file.text, start, end),
                "{start}..{end}"
            );
        }
    }

    #[test]
    fn span_from_range_counts_lines_and_chars() {
        let text = "a: 1\nbé: x\n";
        // "x" is at byte 10 (é takes two bytes): line 2, the fifth character.
        let s = Span::from_range(text, 10, 11);
        assert_eq!((s.line, s.column, s.offset, s.len), (2, 5, 10, 1));
    }

    #[test]
    fn suggestion_finds_a_typo_and_ignores_strangers() {
        let names = ["health_checks", "self_healing", "autoscaling"];
        assert_eq!(
            did_you_mean("helth_checks", names.iter().copied()),
            Some("health_checks")
        );
        assert_eq!(did_you_mean("zzz", names.iter().copied()), None);
    }

    #[test]
    fn an_empty_span_before_a_wide_character_renders() {
        let file = Arc::new(SourceFile::new("p.yaml".into(), "└─ x\n".into()));
        let d =
            Diagnostic::error("yaml-syntax", "bad").at(&file, Span::from_range(&file.text, 0, 0));
        assert!(d.render(false).contains("p.yaml:1:1"));
    }

    #[test]
    fn render_names_code_location_and_help() {
        let file = Arc::new(SourceFile::new("p.yaml".into(), "a: 1\nhelth: 2\n".into()));
        let d = Diagnostic::error("unknown-key", "unknown key `helth`")
            .at(&file, Span::from_range(&file.text, 5, 10))
            .with_help("did you mean `health`?");
        let out = d.render(false);
        assert!(
            out.starts_with("error[unknown-key]: unknown key `helth`"),
            "{out}"
        );
        assert!(out.contains("p.yaml:2:1"), "{out}");
        assert!(out.contains("help: did you mean `health`?"), "{out}");
    }
}
