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
pub fn parse(text: &str) -> Result<Node, ParseError> {
    // Descriptors are small and flat; refuse alias bombs and deep nesting early.
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_aliases: MAX_ALIASES,
            max_nodes: MAX_NODES,
        },
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
        (Ok(line), Ok(column)) if line > 0 && column > 0 && start + len <= text.len() => Span {
            line,
            column,
            offset: start,
            len,
        },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, n: &Node) -> (usize, usize, String) {
        let s = n.span;
        (
            s.line,
            s.column,
            text[s.offset..s.offset + s.len].to_owned(),
        )
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
