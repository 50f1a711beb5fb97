//! YAML files as `scan` reads them: streams of documents (`kubectl`, `helm template` and
//! `kustomize build` write many to a file), each with its `# Source:` template, and small
//! helpers to walk a document's tree.

use std::sync::Arc;

use super::model::Place;
use crate::catalog::yaml::{self, Node, Value};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// One document of a stream.
pub struct Document {
    pub root: Node,
    /// The template `helm template` rendered it from, from its `# Source:` comment.
    pub template: Option<Arc<str>>,
}

/// Every document of `file`, spans relative to the whole file. A document that does not parse
/// is a located error; the others are still read.
pub fn read(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Vec<Document> {
    read_pruned(file, diags, |_| {})
}

/// [`read`], with `prune` applied to each document as soon as it is parsed.
pub fn read_pruned(
    file: &Arc<SourceFile>,
    diags: &mut Diagnostics,
    prune: impl Fn(&mut Node) + Sync,
) -> Vec<Document> {
    use rayon::prelude::*;
    let text = &file.text;
    // Lines before each document, counted once over the file; then the documents are parsed
    // in parallel (a `helm template` of a large chart holds thousands).
    let (mut counted_to, mut lines_before) = (0, 0);
    let chunks: Vec<(usize, usize, usize)> = split(text)
        .into_iter()
        .map(|(start, end)| {
            lines_before += text[counted_to..start]
                .bytes()
                .filter(|&b| b == b'\n')
                .count();
            counted_to = start;
            (start, end, lines_before)
        })
        .filter(|&(start, end, _)| !text[start..end].trim().is_empty())
        .collect();
    let parsed: Vec<Result<Option<Document>, Diagnostic>> = pool().install(|| {
        chunks
        .par_iter()
        .map(|&(start, end, lines)| {
            let chunk = &text[start..end];
            match yaml::parse(chunk) {
                Ok(root) if matches!(root.value, Value::Null) => Ok(None),
                Ok(mut root) => {
                    prune(&mut root);
                    shift(&mut root, lines, start);
                    Ok(Some(Document {
                        root,
                        template: source_comment(chunk).map(Arc::from),
                    }))
                }
                Err(e) => {
                    let offset = start + e.offset.unwrap_or(0);
                    let help = match e.code {
                        "yaml-limit" => {
                            "a manifest is a few levels deep; check that this is the file you meant"
                        }
                        "duplicate-key" => {
                            "each key may appear once in a map; remove or merge the repeated one"
                        }
                        _ => "fix the YAML syntax at this place (`scan` reads the other documents)",
                    };
                    Err(Diagnostic::error(e.code, e.message)
                        .at(file, file.span(offset, offset + 1))
                        .with_help(help))
                }
            }
        })
        .collect()
    });
    let mut out = Vec::with_capacity(parsed.len());
    for p in parsed {
        match p {
            Ok(Some(doc)) => out.push(doc),
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    out
}

/// The threads documents are parsed on: the YAML reader recurses once a nesting level, and a
/// hostile document nests up to the reader's limit, which a default 2 MiB thread stack does not
/// hold in an unoptimised build.
pub(super) fn pool() -> &'static rayon::ThreadPool {
    static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(16 * 1024 * 1024)
            .thread_name(|i| format!("scan-{i}"))
            .build()
            .unwrap_or_else(|_| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .build()
                    .expect("a one-thread pool")
            })
    })
}

/// Byte ranges of the documents: split at `---` lines (and after `...` lines), the markers
/// left out.
fn split(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        let marker =
            bare == "---" || bare.starts_with("--- ") || bare.starts_with("---\t") || bare == "...";
        if marker {
            out.push((start, at));
            // `--- value` starts a document on the marker's own line: keep the value.
            start = if bare.len() > 3 && bare.starts_with("---") {
                at + 4
            } else {
                at + line.len()
            };
        }
        at += line.len();
    }
    out.push((start, text.len()));
    out
}

/// `# Source: chart/templates/x.yaml` near the top of a document.
fn source_comment(chunk: &str) -> Option<&str> {
    chunk
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .find_map(|l| l.trim_start().strip_prefix("# Source:"))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn shift(node: &mut Node, lines: usize, bytes: usize) {
    let lines = u32::try_from(lines).unwrap_or(u32::MAX);
    let bytes = u32::try_from(bytes).unwrap_or(u32::MAX);
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        n.span.line = n.span.line.saturating_add(lines);
        n.span.offset = n.span.offset.saturating_add(bytes);
        match &mut n.value {
            Value::Seq(items) => stack.extend(items.iter_mut()),
            Value::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
}

/// The place of `node` in `file`.
pub fn place(file: &Arc<str>, node: &Node, template: Option<&Arc<str>>) -> Place {
    Place {
        file: Arc::clone(file),
        line: node.span.line.max(1),
        column: node.span.column.max(1),
        template: template.cloned(),
    }
}

/// The value under `key` of a map.
pub fn get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// The key node of `key` in a map: where the key is written.
pub fn key<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map(|(k, _)| k),
        _ => None,
    }
}

/// The value at a path of keys.
pub fn at<'a>(node: &'a Node, path: &[&str]) -> Option<&'a Node> {
    path.iter().try_fold(node, |n, k| get(n, k))
}

/// A scalar as text (numbers and booleans as written in YAML's words).
pub fn text(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub fn str_at<'a>(node: &'a Node, path: &[&str]) -> Option<&'a str> {
    match &at(node, path)?.value {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

pub fn int(node: &Node) -> Option<i128> {
    match &node.value {
        Value::Int(i) => Some(*i),
        Value::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn items(node: Option<&Node>) -> &[Node] {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items,
        _ => &[],
    }
}

pub fn entries(node: Option<&Node>) -> &[(Node, Node)] {
    match node.map(|n| &n.value) {
        Some(Value::Map(entries)) => entries,
        _ => &[],
    }
}

/// A map of strings (labels, selectors) as pairs.
pub fn string_map(node: Option<&Node>) -> Vec<(String, String)> {
    entries(node)
        .iter()
        .filter_map(|(k, v)| Some((text(k)?, text(v)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_keeps_each_documents_lines_and_helm_source() {
        let text = "# Source: shop/templates/a.yaml\nkind: A\n---\n# Source: shop/templates/b.yaml\nkind: B\nspec:\n  x: 1\n...\n---\nkind: C\n";
        let file = Arc::new(SourceFile::new("s.yaml".into(), text.into()));
        let mut diags = Diagnostics::default();
        let docs = read(&file, &mut diags);
        assert!(diags.is_empty());
        let seen: Vec<_> = docs
            .iter()
            .map(|d| {
                let x = at(&d.root, &["spec", "x"]).map(|n| n.span.line);
                (
                    str_at(&d.root, &["kind"]).unwrap().to_owned(),
                    get(&d.root, "kind").unwrap().span.line,
                    x,
                    d.template.as_deref().map(str::to_owned),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("A".into(), 2, None, Some("shop/templates/a.yaml".into())),
                ("B".into(), 5, Some(7), Some("shop/templates/b.yaml".into())),
                ("C".into(), 10, None, None),
            ]
        );
    }

    #[test]
    fn a_broken_document_is_located_in_the_whole_file_and_the_rest_is_read() {
        let text = "kind: A\n---\nkind: [B\n---\nkind: C\n";
        let file = Arc::new(SourceFile::new("s.yaml".into(), text.into()));
        let mut diags = Diagnostics::default();
        let docs = read(&file, &mut diags);
        assert_eq!(docs.len(), 2);
        let d = diags.iter().next().unwrap();
        assert!(
            d.location().unwrap().starts_with("s.yaml:"),
            "{:?}",
            d.location()
        );
        let line: u32 = d
            .location()
            .unwrap()
            .split(':')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        assert!((3..=4).contains(&line), "{line}");
    }
}
