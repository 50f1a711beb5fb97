//! Where descriptors come from: files, folders, standard input, the built-in catalog.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::descriptor::{self, Descriptor};
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// The built-in catalog: `(file name, YAML text)`, sorted by file name.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    builtin::BUILTIN
}

/// What to load.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    /// Files, folders or `-`; empty means the built-in catalog.
    pub paths: Vec<String>,
    /// Add the built-in catalog to the given paths.
    pub with_builtin: bool,
    /// Keep each descriptor's text after parsing, for later diagnostics with a snippet
    /// (`validate`). Otherwise it is dropped as soon as the file is parsed, so that memory
    /// stays small on large catalogs; locations are kept either way.
    pub keep_text: bool,
}

/// A descriptor still to read and parse: files are only listed while walking, then read and
/// parsed in parallel.
enum Pending {
    File(PathBuf),
    Text {
        file: Arc<SourceFile>,
        default_id: String,
        builtin: bool,
    },
}

/// Loads every descriptor, reporting every problem of every file into `diags`.
/// Descriptors with errors are left out of the result.
pub fn load(inputs: &Inputs, diags: &mut Diagnostics) -> Vec<Descriptor> {
    let mut sources: Vec<Pending> = Vec::new();
    for path in &inputs.paths {
        collect_path(path, &mut sources, diags);
    }
    if inputs.paths.is_empty() || inputs.with_builtin {
        for (name, text) in builtin_files() {
            let file = Arc::new(SourceFile {
                name: format!("platforms/{name}"),
                text: (*text).to_owned(),
            });
            sources.push(Pending::Text {
                file,
                default_id: stem(name),
                builtin: true,
            });
        }
    }

    // Files read and parse independently: in parallel, then gathered in input order so
    // that diagnostics and results do not depend on the number of threads.
    let parsed: Vec<(Option<Descriptor>, Diagnostics)> = sources
        .par_iter()
        .map(|pending| {
            let mut found = Diagnostics::default();
            let (file, default_id, builtin) = match pending {
                Pending::File(path) => match read_file(path, &mut found) {
                    Some(file) => {
                        let id = stem(&file.name);
                        (file, id, false)
                    }
                    None => return (None, found),
                },
                Pending::Text {
                    file,
                    default_id,
                    builtin,
                } => (Arc::clone(file), default_id.clone(), *builtin),
            };
            let d = parse_source(&file, &default_id, builtin, &mut found).map(|mut d| {
                if !inputs.keep_text {
                    d.file = Arc::new(SourceFile {
                        name: d.file.name.clone(),
                        text: String::new(),
                    });
                }
                d
            });
            (d, found)
        })
        .collect();
    let mut platforms = Vec::with_capacity(parsed.len());
    for (d, found) in parsed {
        diags.extend(found);
        platforms.extend(d);
    }
    check_unique_ids(&platforms, diags);
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
    match crate::yaml::parse(&file.text) {
        Ok(root) => descriptor::from_node(&root, file, default_id, builtin, diags),
        Err(e) => {
            let mut d = Diagnostic::error(e.code, e.message).in_file(file);
            if let Some(offset) = e.offset {
                d = d.at(file, Span::from_range(&file.text, offset, offset + 1));
            }
            diags.push(d.with_help(if e.code == "duplicate-key" {
                "each key may appear once in a map; remove or merge the repeated one"
            } else {
                "fix the YAML syntax at this place"
            }));
            None
        }
    }
}

fn check_unique_ids(platforms: &[Descriptor], diags: &mut Diagnostics) {
    let mut first: BTreeMap<&str, &Descriptor> = BTreeMap::new();
    for d in platforms {
        if let Some(prev) = first.get(d.id.as_str()) {
            let mut diag = Diagnostic::error(
                "duplicate-id",
                format!(
                    "platform id `{}` is used by both {} and {}",
                    d.id, prev.file.name, d.file.name
                ),
            )
            .in_file(&d.file)
            .with_help("ids must be unique across all inputs; set a different `id:` in one file");
            if let Some(span) = d.id_span {
                diag = diag.at(&d.file, span);
            }
            diags.push(diag);
        } else {
            first.insert(&d.id, d);
        }
    }
}

fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

fn collect_path(path: &str, out: &mut Vec<Pending>, diags: &mut Diagnostics) {
    if path == "-" {
        let mut bytes = Vec::new();
        match std::io::stdin().lock().read_to_end(&mut bytes) {
            Ok(_) => {
                if let Some(file) = decode("<stdin>".into(), bytes, diags) {
                    out.push(Pending::Text {
                        file,
                        default_id: "stdin".into(),
                        builtin: false,
                    });
                }
            }
            Err(e) => diags.push(Diagnostic::error(
                "unreadable",
                format!("cannot read standard input: {e}"),
            )),
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
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            Diagnostic::error("not-found", format!("`{path}` does not exist"))
                .with_help("check the path; with no path the built-in catalog is used")
        }
        std::io::ErrorKind::PermissionDenied => Diagnostic::error(
            "unreadable",
            format!("cannot read `{path}`: permission denied"),
        )
        .with_help("check the file's permissions"),
        _ => Diagnostic::error("unreadable", format!("cannot read `{path}`: {e}")),
    }
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

fn read_file(path: &Path, diags: &mut Diagnostics) -> Option<Arc<SourceFile>> {
    let shown = path.display().to_string();
    match fs::read(path) {
        Ok(bytes) => decode(shown, bytes, diags),
        Err(e) => {
            diags.push(path_error(&shown, &e));
            None
        }
    }
}

fn decode(name: String, bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<Arc<SourceFile>> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Some(Arc::new(SourceFile { name, text }))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
            let span = Span::from_range(&text, at, at);
            let file = Arc::new(SourceFile { name, text });
            diags.push(
                Diagnostic::error("not-utf8", "the file is not valid UTF-8")
                    .at(&file, span)
                    .with_help("save the descriptor as UTF-8"),
            );
            None
        }
    }
}
