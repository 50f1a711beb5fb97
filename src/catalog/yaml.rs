//! The only module that names the YAML crate: text in, a tree of located nodes out.
//!
//! The tree keeps a source span on every node so that the descriptor checks can report
//! `file:line:col` for any mistake, and can report all of them rather than the first.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diag::Span;

/// A YAML value with its place in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What the value is, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

/// A YAML syntax problem (or a structural one the parser checks, such as a duplicate key).
#[derive(Debug)]
pub struct ParseError {
    pub code: &'static str,
    pub message: String,
    /// Byte offset in the text, when known.
    pub offset: Option<usize>,
}

/// Nesting levels a descriptor may use (it needs four).
pub const MAX_DEPTH: usize = 64;
/// Aliases a descriptor may use.
pub const MAX_ALIASES: usize = 1_000;
/// Values a descriptor may expand to (a full one has about 200).
pub const MAX_NODES: usize = 100_000;

/// Parses one YAML document. An empty document (or only comments) is `Value::Null`.
///
/// A plain descriptor (no anchors, aliases, tags or merge keys; plain scalars that can only
/// be strings) is read straight from the parser's events, about three times faster than
/// through serde; anything else, and every error, takes the full reader, which gives the same
/// tree (a test checks both on every descriptor in the repository) and the located errors.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    match events::read(text) {
        Some(node) => Ok(node),
        None => parse_full(text),
    }
}

/// A document with a repeated key, read again with the first of each key kept, so that the
/// file's other problems are reported in the same run as the repeat. `None` when the text
/// has a problem besides repeated keys.
pub fn parse_keeping_first(text: &str) -> Option<Node> {
    parse_with(text, serde_saphyr::DuplicateKeyPolicy::FirstWins).ok()
}

/// The full reader: serde-saphyr with budgets, for any YAML.
fn parse_full(text: &str) -> Result<Node, ParseError> {
    parse_with(text, serde_saphyr::DuplicateKeyPolicy::Error)
}

fn parse_with(
    text: &str,
    duplicates: serde_saphyr::DuplicateKeyPolicy,
) -> Result<Node, ParseError> {
    // Descriptors are small and flat; refuse alias bombs and deep nesting early.
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_aliases: MAX_ALIASES,
            max_nodes: MAX_NODES,
        },
        duplicate_keys: duplicates,
    };
    match serde_saphyr::from_str_with_options::<Option<Raw>>(text, options) {
        Ok(Some(raw)) => Ok(Node {
            span: span_of(text, &raw.0),
            value: raw.0.value.into_value(text),
        }),
        Ok(None) => Ok(Node {
            value: Value::Null,
            span: Span::default(),
        }),
        Err(e) => Err(parse_error(text, &e)),
    }
}

fn parse_error(text: &str, e: &serde_saphyr::Error) -> ParseError {
    let bare = e.without_snippet();
    let offset = bare.location().and_then(|l| byte_offset(text, l));
    let mut message = bare.to_string();
    // The crate appends " at line N column M"; we show the location ourselves.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    let lower = message.to_lowercase();
    let code = if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        // The crate's wording names its own options; say it in the user's terms.
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        message = format!("duplicate key `{key}`");
        "duplicate-key"
    } else if lower.contains("budget") || lower.contains("recursion limit") {
        message = if lower.contains("depth") || lower.contains("recursion") {
            format!("nesting is deeper than {MAX_DEPTH} levels")
        } else if lower.contains("alias") {
            format!("more than {MAX_ALIASES} aliases")
        } else if lower.contains("nodes") {
            format!("the document expands to more than {MAX_NODES} values (an alias bomb?)")
        } else {
            format!("the document is larger than a descriptor can be ({message})")
        };
        "yaml-limit"
    } else if lower.contains("multiple yaml documents") || lower.contains("multiple documents") {
        "the file holds more than one YAML document".clone_into(&mut message);
        "multiple-documents"
    } else {
        "yaml-syntax"
    };
    ParseError {
        code,
        message,
        offset,
    }
}

fn byte_offset(text: &str, loc: serde_saphyr::Location) -> Option<usize> {
    let span = loc.span();
    if let Some(b) = span.byte_offset() {
        return usize::try_from(b).ok();
    }
    // Fall back to line and column (1-based, in characters).
    let (line, col) = (
        usize::try_from(loc.line()).ok()?,
        usize::try_from(loc.column()).ok()?,
    );
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let in_line = text[start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    Some(start + in_line)
}

fn span_of<T>(text: &str, s: &Spanned<T>) -> Span {
    let loc = s.referenced;
    let start = byte_offset(text, loc).unwrap_or(0);
    let len = loc
        .span()
        .byte_len()
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(0);
    match (usize::try_from(loc.line()), usize::try_from(loc.column())) {
        // The parser knows the line and column already: counting them again from the start
        // of the text for every node would make reading a file quadratic in its size.
        (Ok(line), Ok(column)) if line > 0 && column > 0 && start + len <= text.len() => {
            Span::new(line, column, start, len)
        }
        _ => Span::from_range(text, start, start + len),
    }
}

// `Spanned` needs the source text to turn locations into byte offsets, which a serde visitor
// does not have; so nodes are first read with raw locations, then fixed up by `attach`.
struct Raw(Spanned<RawValue>);

enum RawValue {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Raw>),
    Map(Vec<(Raw, Raw)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Spanned::<RawValue>::deserialize(d).map(Raw)
    }
}

impl RawValue {
    fn into_value(self, text: &str) -> Value {
        let node = |r: Raw| -> Node {
            let span = span_of(text, &r.0);
            Node {
                value: r.0.value.into_value(text),
                span,
            }
        };
        match self {
            RawValue::Null => Value::Null,
            RawValue::Bool(b) => Value::Bool(b),
            RawValue::Int(i) => Value::Int(i),
            RawValue::Float(f) => Value::Float(f),
            RawValue::Str(s) => Value::Str(s),
            RawValue::Seq(items) => Value::Seq(items.into_iter().map(node).collect()),
            RawValue::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (node(k), node(v)))
                    .collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<RawValue, E> {
        Ok(RawValue::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Int(v.into()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
        i128::try_from(v)
            .map(RawValue::Int)
            .map_err(|_| E::custom("integer too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Raw>()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<Raw, Raw>()? {
            entries.push((k, v));
        }
        Ok(RawValue::Map(entries))
    }
}

/// The fast path: a tree built from the parser's events, or `None` to leave the text to
/// the full reader. It only answers where its answer cannot differ from the full reader's.
mod events {
    use std::borrow::Cow;

    use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle, Span as Marks};

    use super::{MAX_DEPTH, MAX_NODES, Node, Value};
    use crate::diag::Span;

    /// Maps this large are left to the full reader, whose duplicate-key check is not
    /// quadratic; a descriptor's largest map has a handful of keys.
    const MAX_FAST_KEYS: usize = 64;

    enum Open {
        Seq(Span, Vec<Node>),
        Map(Span, Vec<(Node, Node)>, Option<Node>),
    }

    pub(super) fn read(text: &str) -> Option<Node> {
        let mut options = Options::default();
        // Comments say nothing here; not collecting them saves time.
        options.set_emit_comments(false);
        let mut parser = Parser::new_from_str_with_options(text, options);
        let mut stack: Vec<Open> = Vec::new();
        let mut root = None;
        let mut nodes = 0usize;
        let mut documents = 0;
        while let Some(event) = parser.next_event() {
            let (event, marks) = event.ok()?;
            let done = match event {
                Event::DocumentStart(..) => {
                    documents += 1;
                    if documents > 1 {
                        return None;
                    }
                    None
                }
                Event::Scalar(value, style, anchor, tag) => {
                    if anchor != 0 || tag.is_some() {
                        return None;
                    }
                    let value = match style {
                        ScalarStyle::Plain => plain(value)?,
                        _ => Value::Str(value.into_owned()),
                    };
                    Some(Node {
                        value,
                        span: span(text, &marks)?,
                    })
                }
                Event::SequenceStart(_, anchor, tag) | Event::MappingStart(_, anchor, tag)
                    if anchor != 0 || tag.is_some() =>
                {
                    return None;
                }
                Event::SequenceStart(..) => {
                    stack.push(Open::Seq(span(text, &marks)?, Vec::new()));
                    (stack.len() <= MAX_DEPTH).then_some(None)?
                }
                Event::MappingStart(..) => {
                    stack.push(Open::Map(span(text, &marks)?, Vec::new(), None));
                    (stack.len() <= MAX_DEPTH).then_some(None)?
                }
                Event::SequenceEnd => match stack.pop()? {
                    Open::Seq(span, items) => Some(Node {
                        value: Value::Seq(items),
                        span,
                    }),
                    Open::Map(..) => return None,
                },
                Event::MappingEnd => match stack.pop()? {
                    Open::Map(span, entries, None) => Some(Node {
                        value: Value::Map(entries),
                        span,
                    }),
                    _ => return None,
                },
                // Anchors and aliases are the full reader's business.
                Event::Alias(..) | Event::Anchor(..) | Event::UnresolvedAlias(..) => return None,
                // Stream and document ends, and comments, say nothing.
                _ => None,
            };
            let Some(node) = done else { continue };
            nodes += 1;
            if nodes > MAX_NODES {
                return None;
            }
            match stack.last_mut() {
                None => root = Some(node),
                Some(Open::Seq(_, items)) => items.push(node),
                Some(Open::Map(_, entries, key)) => {
                    if let Some(k) = key.take() {
                        entries.push((k, node));
                    } else {
                        // Only string keys, each once, and no merge key.
                        let Value::Str(name) = &node.value else {
                            return None;
                        };
                        if name == "<<"
                            || entries.len() >= MAX_FAST_KEYS
                            || entries
                                .iter()
                                .any(|(k, _)| matches!(&k.value, Value::Str(n) if n == name))
                        {
                            return None;
                        }
                        *key = Some(node);
                    }
                }
            }
        }
        // An empty document is the full reader's (it is `Null` there, with its own span).
        if !stack.is_empty() {
            return None;
        }
        root
    }

    /// A plain scalar that is a string whatever the YAML schema: it starts with a letter and
    /// is no null, boolean or number word; or it has a space inside (no null, boolean or
    /// number has); or it is a date. Anything else is `None`.
    fn plain(value: Cow<'_, str>) -> Option<Value> {
        let first = value.chars().next()?;
        let special = [
            "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf", "infinity",
        ]
        .iter()
        .any(|w| value.eq_ignore_ascii_case(w));
        // `true` and `false` are booleans in every schema (Kubernetes manifests hold many).
        match &*value {
            "true" => return Some(Value::Bool(true)),
            "false" => return Some(Value::Bool(false)),
            _ => {}
        }
        // No null, boolean or number starts with `/` (a path: `/healthz`, `/etc/nginx`).
        let string = (first.is_ascii_alphabetic() && !special)
            || first == '/'
            || value.contains(' ')
            || is_date(&value)
            || quantity(&value);
        if string {
            return Some(Value::Str(value.into_owned()));
        }
        decimal(&value)
    }

    /// A plain decimal number every YAML schema reads alike (the limits of a descriptor): an
    /// integer without a leading zero, or digits with one point inside. Anything else (signs,
    /// exponents, octal or hex forms, `.5`) is left to the full reader.
    fn decimal(s: &str) -> Option<Value> {
        let digits =
            |t: &str| !t.is_empty() && t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit());
        let no_leading_zero = |t: &str| t == "0" || !t.starts_with('0');
        match s.split_once('.') {
            None if digits(s) && no_leading_zero(s) => s.parse().ok().map(Value::Int),
            Some((whole, frac)) if digits(whole) && digits(frac) && no_leading_zero(whole) => {
                s.parse().ok().map(Value::Float)
            }
            _ => None,
        }
    }

    /// A digit followed by a letter no YAML number holds (`100m`, `128Mi`, `25%` in a
    /// Kubernetes manifest): a string in every schema. Hex digits, exponents, signs, points,
    /// underscores, colons and the radix letters are left to the full reader.
    fn quantity(s: &str) -> bool {
        s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars().any(|c| {
                !(c.is_ascii_hexdigit()
                    || matches!(c, '.' | '+' | '-' | '_' | ':' | 'x' | 'X' | 'o' | 'O'))
            })
            && !s.contains([
                '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
            ])
    }

    /// `YYYY-MM-DD`, which YAML's core schema reads as a string.
    fn is_date(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    }

    fn span(text: &str, marks: &Marks) -> Option<Span> {
        let start = marks.start.byte_offset()?;
        let end = marks.end.byte_offset()?.max(start);
        (end <= text.len()).then(|| {
            Span::new(
                marks.start.line(),
                marks.start.col() + 1,
                start,
                end - start,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy as _;
    use std::fmt::Write as _;

    /// Every YAML file in the repository, through the fast path where it answers: the same
    /// tree as the full reader, spans included. The built-in catalog must take the fast path.
    #[test]
    fn the_fast_path_gives_the_full_readers_tree() {
        let mut fast = 0;
        let mut files = Vec::new();
        for dir in ["platforms", "tests/fixtures", "tests/hostile", "examples"] {
            collect(std::path::Path::new(dir), &mut files);
        }
        for path in &files {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            if let Some(node) = events::read(&text) {
                fast += 1;
                let full = parse_full(&text).unwrap_or_else(|e| {
                    panic!("{}: fast path read an invalid file: {e:?}", path.display())
                });
                assert_eq!(node, full, "{}", path.display());
            } else if path.starts_with("platforms") {
                panic!("{} did not take the fast path", path.display());
            }
        }
        assert!(fast >= 40, "only {fast} files took the fast path");
    }

    /// Where the fast path answers, the full reader gives the same tree.
    fn agrees(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        if let Some(node) = events::read(text) {
            let full = parse_full(text);
            proptest::prop_assert!(full.is_ok(), "fast path read an invalid text: {full:?}");
            proptest::prop_assert_eq!(node, full.unwrap());
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_on_tricky_scalars(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(vec!["level", "note", "a b", "<<", "- x", "? k", "level"]),
                    proptest::prop_oneof![
                        proptest::sample::select(vec![
                            "native", "none", "yes", "No", "ON", "y", "~", "null", "NULL", "Null",
                            "", "-1", "+1", "012", "0x1F", "0o17", "1_000", "1e3", "1e999", ".inf",
                            "-.Inf", ".NaN", "nan", "2026-01-01", "2026-1-1", "--x y", "x: y",
                            "'q'", "\"d\"", "[a, b]", "{a: b}", "&a x", "*a", "!!str 1",
                            "|\n  lit", ">\n  fold", "a # c", "1 2", "true", "False",
                            // The decimals the fast path reads itself.
                            "0", "16", "3600", "0.5", "16.0", "32.25", "00", "0.", "1.", "1.2.3",
                            "999999999999999", "9999999999999999999", "37signals",
                        ]).prop_map(str::to_owned),
                        "[ -~]{0,16}",
                    ],
                    0..3usize,
                ),
                0..8,
            )
        ) {
            let mut text = String::new();
            for (k, v, indent) in &lines {
                writeln!(text, "{}{k}: {v}", "  ".repeat(*indent)).unwrap();
            }
            agrees(&text)?;
        }

        #[test]
        fn the_fast_path_agrees_on_any_text(text in "\\PC{0,200}") {
            agrees(&text)?;
        }
    }

    fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    fn at(text: &str, n: &Node) -> (u32, u32, String) {
        let s = n.span;
        (s.line, s.column, text[s.range()].to_owned())
    }

    #[test]
    fn nested_nodes_keep_their_spans() {
        let text = "a: 1\nb:\n  c: [x, yy]\n  d: {e: native}\n";
        let root = parse(text).unwrap();
        let Value::Map(top) = &root.value else {
            panic!("{root:?}")
        };
        assert_eq!(at(text, &top[1].0), (2, 1, "b".into()));
        let Value::Map(inner) = &top[1].1.value else {
            panic!()
        };
        let Value::Seq(items) = &inner[0].1.value else {
            panic!()
        };
        assert_eq!(at(text, &items[1]), (3, 10, "yy".into()));
        let Value::Map(flow) = &inner[1].1.value else {
            panic!()
        };
        assert_eq!(at(text, &flow[0].1), (4, 10, "native".into()));
    }

    #[test]
    fn duplicate_keys_and_bad_syntax_are_located() {
        let e = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(e.code, "duplicate-key", "{e:?}");
        assert_eq!(e.offset, Some(10), "{e:?}");
        let e = parse("a: [1, 2\n").unwrap_err();
        assert_eq!(e.code, "yaml-syntax", "{e:?}");
    }

    #[test]
    fn empty_and_comment_only_documents_are_null() {
        assert_eq!(parse("").unwrap().value, Value::Null);
        assert_eq!(parse("# nothing\n").unwrap().value, Value::Null);
    }
}
