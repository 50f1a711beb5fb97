//! Where descriptors come from: files, folders, standard input, the built-in catalog.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::descriptor::Descriptor;
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span};
use crate::input;

/// A descriptor larger than this is refused unread (`--max-file-size`).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;
/// More files than this in one run are refused (`--max-files`).
pub const DEFAULT_MAX_FILES: usize = 100_000;

/// What to load.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Files, folders or `-`; empty means the built-in catalog.
    pub paths: Vec<String>,
    /// Add the built-in catalog to the given paths.
    pub with_builtin: bool,
    /// Keep each descriptor's text after parsing, for later diagnostics with a snippet
    /// (`validate`). Otherwise it is dropped as soon as the file is parsed, so that memory
    /// stays small on large catalogs; locations are kept either way.
    pub keep_text: bool,
    /// Largest descriptor, in bytes.
    pub max_file_size: u64,
    /// Most descriptor files in one run.
    pub max_files: usize,
}

impl Default for Inputs {
    fn default() -> Self {
        Inputs {
            paths: Vec::new(),
            with_builtin: false,
            keep_text: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_files: DEFAULT_MAX_FILES,
        }
    }
}

/// A descriptor still to read and parse: files are only listed while walking, then read and
/// parsed in parallel.
enum Pending {
    File(PathBuf),
    /// Standard input, read while the paths are listed.
    Text {
        file: Arc<SourceFile>,
        default_id: String,
    },
}

/// Loads every descriptor, reporting every problem of every file into `diags`.
/// Descriptors with errors are left out of the result.
pub fn load(inputs: &Inputs, diags: &mut Diagnostics) -> Vec<Descriptor> {
    let mut sources: Vec<Pending> = Vec::new();
    for path in &inputs.paths {
        collect_path(path, inputs.max_file_size, &mut sources, diags);
    }
    if sources.len() > inputs.max_files {
        diags.push(
            Diagnostic::error(
                "too-many-files",
                format!(
                    "{} descriptor files, more than the {} one run reads",
                    sources.len(),
                    inputs.max_files
                ),
            )
            .with_help("point at a smaller folder, or raise the limit with --max-files"),
        );
        return Vec::new();
    }
    // Files read and parse independently: in parallel, then gathered in input order so
    // that diagnostics and results do not depend on the number of threads. A few files are
    // parsed here, which is quicker than starting the threads.
    let one = |pending: &Pending| {
        let mut found = Diagnostics::default();
        let (file, default_id) = match pending {
            Pending::File(path) => {
                let Some(file) =
                    input::read(path, input::descriptor(inputs.max_file_size), &mut found)
                else {
                    let r = Rejected {
                        ids: path_stem(path),
                        extends: None,
                    };
                    return (Err(r), found);
                };
                let id = stem(&file.name);
                (file, id)
            }
            Pending::Text { file, default_id } => (Arc::clone(file), default_id.clone()),
        };
        let d = match parse_source(&file, &default_id, false, &mut found) {
            Some(mut d) => {
                if !inputs.keep_text {
                    d.file = Arc::new(SourceFile::new(d.file.name.clone(), String::new()));
                }
                Ok(d)
            }
            None => Err(rejected(&file, default_id)),
        };
        (d, found)
    };
    let parsed: Vec<(Result<Descriptor, Rejected>, Diagnostics)> = if sources.len() < 8 {
        sources.iter().map(one).collect()
    } else {
        sources.par_iter().map(one).collect()
    };
    let loads_builtin = inputs.paths.is_empty() || inputs.with_builtin;
    let mut platforms = Vec::with_capacity(parsed.len());
    let mut rejected = BTreeSet::new();
    let mut rejected_bases = Vec::new();
    for (d, found) in parsed {
        diags.extend(found);
        match d {
            Ok(d) => platforms.push(d),
            Err(r) => {
                rejected.extend(r.ids);
                rejected_bases.extend(r.extends);
            }
        }
    }
    if loads_builtin {
        // Loaded and resolved at build time; the resolver leaves them as they are.
        platforms.extend(super::builtin::descriptors(inputs.keep_text));
    }
    check_unique_ids(&platforms, diags);
    check_aliases(&platforms, diags);
    check_rejected_bases(
        &rejected_bases,
        &platforms,
        &rejected,
        || {
            if loads_builtin {
                Vec::new()
            } else {
                super::builtin::descriptors(false)
            }
        },
        diags,
    );
    let platforms = super::extends::resolve(
        platforms,
        &rejected,
        || {
            if loads_builtin {
                Vec::new()
            } else {
                super::builtin::descriptors(false)
            }
        },
        diags,
    );
    if platforms.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::error("empty-input", "no platform descriptors were found")
                .with_help("give YAML files or folders that hold `*.yaml` descriptors, or no path for the built-in catalog"),
        );
    }
    platforms
}

/// Parses one source into a descriptor, reporting problems into `diags`.
pub fn parse_source(
    file: &Arc<SourceFile>,
    default_id: &str,
    builtin: bool,
    diags: &mut Diagnostics,
) -> Option<Descriptor> {
    match crate::catalog::yaml::parse(&file.text) {
        Ok(root) => super::parse::from_node(&root, file, default_id, builtin, diags),
        Err(e) => {
            let mut d = Diagnostic::error(e.code, e.message.clone()).in_file(file);
            if let Some(offset) = e.offset {
                d = d.at(file, Span::from_range(&file.text, offset, offset + 1));
            }
            let tab_indent = e.offset.is_some_and(|o| indented_with_tab(&file.text, o));
            diags.push(d.with_help(match e.code {
                "duplicate-key" => {
                    "each key may appear once in a map; remove or merge the repeated one"
                }
                "multiple-documents" => {
                    "write one platform per file (a `---` starts a new document)"
                }
                "yaml-limit" => "a descriptor is a small, flat document; this one is not one",
                _ if tab_indent => "indent with spaces: YAML does not allow tabs in indentation",
                _ => "fix the YAML syntax at this place",
            }));
            // A repeated key hides nothing else: the rest of the file is checked too, with the
            // first of each key (the descriptor is not loaded either way).
            if e.code == "duplicate-key"
                && let Some(root) = crate::catalog::yaml::parse_keeping_first(&file.text)
            {
                let _ = super::parse::from_node(&root, file, default_id, builtin, diags);
            }
            None
        }
    }
}

/// Whether the line of `offset`, or the one before (a parser may stop at the next line), is
/// indented with a tab.
fn indented_with_tab(text: &str, offset: usize) -> bool {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let previous = text[..start.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    [previous, start].iter().any(|&s| {
        text[s..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .any(|c| c == '\t')
    })
}

/// What is known of a descriptor that failed to load: the ids it may have had (its file's
/// stem and the `id` it writes, so that a variant of it can say its base has errors rather
/// than that it is unknown), and the base its `extends:` names, with its place, so that an
/// unknown base is reported in the same run as the file's other errors.
struct Rejected {
    ids: Vec<String>,
    extends: Option<(Arc<SourceFile>, String, Span)>,
}

fn rejected(file: &Arc<SourceFile>, default_id: String) -> Rejected {
    let root = crate::catalog::yaml::parse(&file.text)
        .ok()
        .or_else(|| crate::catalog::yaml::parse_keeping_first(&file.text));
    let written = root.as_ref().and_then(super::parse::written_id);
    let extends = root
        .as_ref()
        .and_then(|r| super::parse::written(r, "extends"))
        .map(|(base, span)| (Arc::clone(file), base, span));
    Rejected {
        ids: std::iter::once(default_id).chain(written).collect(),
        extends,
    }
}

/// An `extends:` base, in a file that failed to load, that names no platform at all.
fn check_rejected_bases(
    bases: &[(Arc<SourceFile>, String, Span)],
    platforms: &[Descriptor],
    rejected: &BTreeSet<String>,
    builtin: impl FnOnce() -> Vec<Descriptor>,
    diags: &mut Diagnostics,
) {
    if bases.is_empty() {
        return;
    }
    let builtin = builtin();
    let mut known: Vec<&str> = platforms
        .iter()
        .chain(&builtin)
        .map(|d| d.id.as_str())
        .chain(rejected.iter().map(String::as_str))
        .collect();
    known.sort_unstable();
    known.dedup();
    for (file, base, span) in bases {
        if !known.contains(&base.as_str()) {
            diags.push(
                Diagnostic::error(
                    "unknown-base",
                    format!("this descriptor extends `{base}`, which is not a loaded or built-in platform"),
                )
                .at(file, *span)
                .with_help(format!(
                    "{} (`platform-eval list` shows the ids)",
                    crate::diag::suggest(base, &known)
                )),
            );
        }
    }
}

fn path_stem(path: &Path) -> Vec<String> {
    vec![stem(&path.to_string_lossy())]
}

fn check_unique_ids(platforms: &[Descriptor], diags: &mut Diagnostics) {
    let mut first: BTreeMap<&str, &Descriptor> = BTreeMap::new();
    for d in platforms {
        if let Some(prev) = first.get(d.id.as_str()) {
            // Reported in the user's file: a built-in one is no file of theirs to edit.
            let (mine, other) = if d.builtin { (*prev, d) } else { (d, *prev) };
            let name = |x: &Descriptor| {
                if x.builtin {
                    "the built-in catalog".to_owned()
                } else {
                    x.file.name.clone()
                }
            };
            let mut diag = Diagnostic::error(
                "duplicate-id",
                format!(
                    "platform id `{}` is used by both {} and {}",
                    d.id,
                    name(prev),
                    name(d)
                ),
            )
            .in_file(&mine.file)
            .with_help(if other.builtin {
                "ids must be unique across all inputs; give yours another `id:` (a variant of the built-in one keeps `extends:` and takes a new id)"
            } else {
                "ids must be unique across all inputs; set a different `id:` in one file"
            });
            if let Some(span) = mine.id_span {
                diag = diag.at(&mine.file, span);
            }
            diags.push(diag);
        } else {
            first.insert(&d.id, d);
        }
    }
}

/// An alias a user's descriptor writes must name one platform only: not another's id or
/// alias. (A built-in alias that a user's id shadows gives way: ids win when names are
/// resolved, see [`crate::catalog::descriptor::resolve`].)
fn check_aliases(platforms: &[Descriptor], diags: &mut Diagnostics) {
    for d in platforms.iter().filter(|d| !d.builtin) {
        for (alias, span) in &d.aliases {
            let other = platforms.iter().find(|o| {
                !std::ptr::eq(*o, d)
                    && (o.id.eq_ignore_ascii_case(alias)
                        || o.aliases.iter().any(|(a, _)| a == alias))
            });
            if let Some(o) = other {
                let what = if o.id.eq_ignore_ascii_case(alias) {
                    "the id"
                } else {
                    "an alias"
                };
                let mut diag = Diagnostic::error(
                    "duplicate-alias",
                    format!("the alias `{alias}` is already {what} of `{}`", o.id),
                )
                .in_file(&d.file)
                .with_help("an alias must name one platform only: choose another, or drop it");
                if let Some(s) = span {
                    diag = diag.at(&d.file, *s);
                }
                diags.push(diag);
            }
        }
    }
}

fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

fn collect_path(path: &str, max_size: u64, out: &mut Vec<Pending>, diags: &mut Diagnostics) {
    if path == "-" {
        if let Some(file) = input::read_stdin(input::descriptor(max_size), diags) {
            out.push(Pending::Text {
                file,
                default_id: "stdin".into(),
            });
        }
        return;
    }
    let p = Path::new(path);
    match fs::metadata(p) {
        Err(e) => diags.push(path_error(path, &e)),
        Ok(m) if m.is_dir() => {
            let before = out.len();
            let mut seen = HashSet::new();
            walk(p, &mut seen, out, diags);
            if out.len() == before {
                diags.push(
                    Diagnostic::error(
                        "no-descriptors",
                        format!("folder `{path}` holds no `*.yaml` or `*.yml` files"),
                    )
                    .with_help(
                        "point at a folder of platform descriptors, or at the files themselves",
                    ),
                );
            }
        }
        Ok(m) if m.is_file() => out.push(Pending::File(p.to_path_buf())),
        Ok(_) => diags.push(
            Diagnostic::error(
                "not-a-file",
                format!("`{path}` is not a regular file or folder"),
            )
            .with_help("give a YAML file, a folder, or `-` for standard input"),
        ),
    }
}

fn path_error(path: &str, e: &std::io::Error) -> Diagnostic {
    input::path_error(path, e, input::descriptor(0))
}

/// Walks a folder in sorted order; follows links, but never into a folder it has seen.
fn walk(dir: &Path, seen: &mut HashSet<PathBuf>, out: &mut Vec<Pending>, diags: &mut Diagnostics) {
    let key = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(key) {
        return; // a link back up: a loop
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
            v.sort();
            v
        }
        Err(e) => {
            diags.push(path_error(&dir.display().to_string(), &e));
            return;
        }
    };
    for path in entries {
        let shown = path.display().to_string();
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, seen, out, diags),
            Ok(m) if m.is_file() => {
                if is_yaml(&path) {
                    out.push(Pending::File(path));
                }
            }
            Ok(_) if is_yaml(&path) => diags.push(
                Diagnostic::warning(
                    "skipped-file",
                    format!("skipped `{shown}`: not a regular file"),
                )
                .with_help("FIFOs, sockets and devices are never read"),
            ),
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::warning(
                "skipped-file",
                format!("skipped `{shown}`: {e}"),
            )),
        }
    }
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Loading any text gives a descriptor, or errors that each name the file.
    fn loads_or_locates(text: &str) -> Result<(), TestCaseError> {
        let file = Arc::new(SourceFile::new("any.yaml".into(), text.to_owned()));
        let mut diags = Diagnostics::default();
        let d = parse_source(&file, "any", false, &mut diags);
        if d.is_none() {
            prop_assert!(diags.has_errors(), "refused without an error");
        }
        for diag in diags.iter() {
            prop_assert!(diag.location().is_some(), "{} has no place", diag.code);
            // Rendering never panics either, whatever the span.
            let _ = diag.render(false);
        }
        Ok(())
    }

    /// YAML-shaped values: maps with the format's own keys and others, lists, scalars.
    fn yamlish() -> impl Strategy<Value = serde_json::Value> {
        let key = prop::sample::select(vec![
            "name",
            "id",
            "requirements",
            "languages",
            "runtimes",
            "resilience",
            "health_checks",
            "level",
            "note",
            "source",
            "supported",
            "kind",
            "hosting",
            "reviewed",
            "x",
            "",
        ]);
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            prop::sample::select(vec![
                "native",
                "addon",
                "partial",
                "none",
                "unknown",
                "any",
                "https://x.example.com",
                "2026-01-01"
            ])
            .prop_map(serde_json::Value::from),
            ".{0,12}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(5, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(serde_json::Value::from),
                prop::collection::vec((key.clone(), inner), 0..6).prop_map(|kv| {
                    serde_json::Value::Object(
                        kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                    )
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            loads_or_locates(&text)?;
        }

        #[test]
        fn arbitrary_yaml_shaped_values_never_panic(v in yamlish()) {
            // JSON is YAML's flow style: a structurally valid document of any shape.
            loads_or_locates(&serde_json::to_string(&v).unwrap())?;
            loads_or_locates(&serde_json::to_string_pretty(&v).unwrap())?;
        }
    }
}
