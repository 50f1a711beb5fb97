//! `scan`: what a deployment uses, read from the team's own files.
//!
//! One module per input kind ([`kubernetes`], [`compose`], [`dockerfile`], [`nginx`],
//! [`workflows`], [`script`]), each adding [`Finding`]s to one [`Deployment`]; [`effective`]
//! then sets what the deployment uses beside what a platform offers. Inputs are recognised by
//! content as well as by name, so `helm template ... | platform-eval scan -` works. A file
//! `scan` does not read is skipped in a folder and reported when named; kinds, keys and
//! directives it does not know are listed, never an error; a malformed file is a located
//! error, and the other files are still read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::input;

mod compose;
mod dockerfile;
pub mod documents;
pub mod effective;
mod images;
mod kubernetes;
pub mod model;
mod nginx;
mod script;
pub mod signals;
mod workflows;

pub use model::{Deployment, Finding, InputKind, Place, Use};

/// Largest file read: a `helm template` of a large chart is a few megabytes; ten thousand
/// manifests in one stream are about ten.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// Most files read from folders in one run.
pub const MAX_FILES: usize = 20_000;

pub const INPUT: input::Kind = input::Kind {
    what: "deployment file",
    max: MAX_FILE,
    over: "name the deployment files or folders to read, not a data file",
    expected: "give Kubernetes manifests, Compose files, Dockerfiles, nginx configuration or CI workflows, as UTF-8",
};

/// A file to read, with the name it is shown under and where it is on disk (for the files it
/// names: nginx `include`, Compose `extends`).
pub struct Input {
    pub file: Arc<SourceFile>,
    pub shown: Arc<str>,
    pub path: Option<PathBuf>,
}

/// What else the scan holds, known before any file is read: a HEALTHCHECK means one thing
/// under Compose and nothing under Kubernetes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    pub kubernetes: bool,
    pub compose: bool,
    pub script: bool,
}

/// Reads every file of `paths` (files, folders, `-` for standard input).
pub fn scan(paths: &[String], diags: &mut Diagnostics) -> Deployment {
    let mut found: Vec<(Input, InputKind)> = Vec::new();
    let mut files = 0usize;
    for p in paths {
        if p == "-" {
            if let Some(file) = input::read_stdin(INPUT, diags) {
                match detect(None, &file.text) {
                    Some(kind) => found.push((
                        Input {
                            shown: Arc::from(file.name.as_str()),
                            file,
                            path: None,
                        },
                        kind,
                    )),
                    None => diags.push(not_read(&file.name)),
                }
            }
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            walk(path, 0, &mut files, &mut found, diags);
        } else {
            files += 1;
            if let Some(file) = input::read(path, INPUT, diags) {
                match detect(Some(path), &file.text) {
                    Some(kind) => found.push((input_of(file, path), kind)),
                    None => diags.push(not_read(p)),
                }
            }
        }
    }
    if files > MAX_FILES {
        diags.push(
            Diagnostic::error(
                "too-many-files",
                format!("{files} files, more than the {MAX_FILES} one scan reads"),
            )
            .with_help("name the folders that hold the deployment, not the whole repository"),
        );
        return Deployment::default();
    }
    read_all(found, diags)
}

/// Reads texts given directly: for tests and the fuzz target.
pub fn scan_texts(texts: &[(&str, &str)], diags: &mut Diagnostics) -> Deployment {
    let found: Vec<(Input, InputKind)> = texts
        .iter()
        .filter_map(|(name, text)| {
            let kind = detect(Some(Path::new(name)), text)?;
            let file = Arc::new(SourceFile::new((*name).to_owned(), (*text).to_owned()));
            Some((
                Input {
                    file,
                    shown: Arc::from(*name),
                    path: None,
                },
                kind,
            ))
        })
        .collect();
    read_all(found, diags)
}

/// Reads every file found; each text is let go once read (a diagnostic keeps its own).
fn read_all(found: Vec<(Input, InputKind)>, diags: &mut Diagnostics) -> Deployment {
    let has = |k: InputKind| found.iter().any(|(_, kind)| *kind == k);
    let ctx = Context {
        kubernetes: has(InputKind::Kubernetes),
        compose: has(InputKind::Compose),
        script: has(InputKind::Script),
    };
    let mut out = Deployment::default();
    // Kubernetes files are parsed together, in parallel over files and their documents:
    // a chart's hundred files or one stream of thousands of documents alike.
    let (manifests, mut order): (Vec<_>, Vec<_>) = found
        .into_iter()
        .partition(|(_, kind)| *kind == InputKind::Kubernetes);
    let kube = kubernetes::read_files(&manifests, diags);
    out.files
        .extend(manifests.iter().map(|(input, kind)| model::Scanned {
            path: Arc::clone(&input.shown),
            kind: *kind,
        }));
    drop(manifests);
    // nginx files another one includes are read through that one, once.
    let mut included: Vec<PathBuf> = Vec::new();
    order.sort_by_key(|(i, k)| {
        (
            *k == InputKind::Nginx && !i.shown.ends_with("nginx.conf"),
            i.shown.clone(),
        )
    });
    for (input, kind) in order {
        let (input, kind) = (&input, &kind);
        if *kind == InputKind::Nginx
            && input
                .path
                .as_ref()
                .and_then(|p| p.canonicalize().ok())
                .is_some_and(|p| included.contains(&p))
        {
            continue;
        }
        out.files.push(model::Scanned {
            path: Arc::clone(&input.shown),
            kind: *kind,
        });
        match kind {
            InputKind::Kubernetes => {}
            InputKind::Compose => compose::read(input, &ctx, &mut out, diags),
            InputKind::Dockerfile => dockerfile::read(input, &ctx, &mut out, diags),
            InputKind::Nginx => included.extend(nginx::read(input, &ctx, &mut out, diags)),
            InputKind::GithubActions | InputKind::GitlabCi => {
                workflows::read(input, *kind, &ctx, &mut out, diags);
            }
            InputKind::Script => script::read(input, &ctx, &mut out, diags),
        }
    }
    kubernetes::read_all(&kube, &mut out);
    workflows::finish(&ctx, &mut out);
    settle(&mut out);
    out.sort();
    out
}

/// Findings one reader makes that another's file answers: a Deployment that nothing rolls
/// back is rolled back by a deploy job's `helm upgrade --atomic`.
fn settle(out: &mut Deployment) {
    let atomic = out
        .findings
        .iter()
        .find(|f| f.signal == signals::CI_ATOMIC.id && f.counts && f.state == Use::Used)
        .map(|f| f.at.to_string());
    if let Some(at) = atomic {
        for f in &mut out.findings {
            if f.signal == signals::K8S_ANALYSIS.id
                && f.state == Use::Unused
                && !f.subject.starts_with("Rollout ")
            {
                f.counts = false;
                f.message = format!(
                    "{}; the deploy job rolls a failed release back (`helm upgrade --atomic` at {at})",
                    f.message
                );
                f.fix = None;
            }
        }
    }
}

fn not_read(name: &str) -> Diagnostic {
    Diagnostic::error(
        "not-a-deployment-file",
        format!("`{name}` is none of the files `scan` reads"),
    )
    .with_help("scan reads Kubernetes manifests, Compose files, Dockerfiles, nginx configuration, GitHub Actions and GitLab CI workflows, and shell scripts that run `docker run`")
}

fn input_of(file: Arc<SourceFile>, path: &Path) -> Input {
    Input {
        shown: Arc::from(file.name.as_str()),
        file,
        path: Some(path.to_path_buf()),
    }
}

/// Folders a deployment's files are not in.
const SKIPPED_DIRS: [&str; 6] = [
    ".git",
    "node_modules",
    "target",
    "vendor",
    ".venv",
    "__pycache__",
];
/// Folder depth read (a repository's deepest deploy folder is a few levels down).
const MAX_DEPTH: usize = 16;

fn walk(
    dir: &Path,
    depth: usize,
    files: &mut usize,
    found: &mut Vec<(Input, InputKind)>,
    diags: &mut Diagnostics,
) {
    let Ok(read) = std::fs::read_dir(dir) else {
        diags.push(
            Diagnostic::error(
                "unreadable",
                format!("cannot read folder `{}`", dir.display()),
            )
            .with_help("check the folder's permissions"),
        );
        return;
    };
    let mut entries: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Symbolic links are not followed: a loop would never end.
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            let hidden = name.starts_with('.') && name != ".github";
            if depth < MAX_DEPTH && !hidden && !SKIPPED_DIRS.contains(&name) {
                walk(&path, depth + 1, files, found, diags);
            }
            continue;
        }
        if !meta.is_file() || !candidate(&path) {
            continue;
        }
        *files += 1;
        if *files > MAX_FILES {
            return;
        }
        if let Some(file) = input::read(&path, INPUT, diags)
            && let Some(kind) = detect(Some(&path), &file.text)
        {
            found.push((input_of(file, &path), kind));
        }
    }
}

/// Whether a file in a folder may be one `scan` reads, by its name.
fn candidate(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    matches!(
        ext,
        "yaml" | "yml" | "conf" | "sh" | "bash" | "dockerfile" | "Dockerfile"
    ) || is_dockerfile_name(name)
        || name == "nginx.conf"
}

fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "dockerfile"
        || lower == "containerfile"
        || lower.starts_with("dockerfile.")
        || lower.starts_with("containerfile.")
        || lower.ends_with(".dockerfile")
}

/// What a file is: by name where the name says it, else by content.
pub fn detect(path: Option<&Path>, text: &str) -> Option<InputKind> {
    let name = path
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let shown = path
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let yaml = ext == "yaml" || ext == "yml";
    // `Dockerfile` is one whatever it holds; `Dockerfile.md` only when it reads as one.
    let bare =
        name.eq_ignore_ascii_case("dockerfile") || name.eq_ignore_ascii_case("containerfile");
    if bare || (is_dockerfile_name(name) && dockerfile::looks_like(text)) {
        return Some(InputKind::Dockerfile);
    }
    if name == ".gitlab-ci.yml" || name == ".gitlab-ci.yaml" {
        return Some(InputKind::GitlabCi);
    }
    if yaml && shown.contains(".github/workflows/") {
        return Some(InputKind::GithubActions);
    }
    if (yaml || path.is_none())
        && let Some(kind) = yaml_kind(text)
    {
        return Some(kind);
    }
    if (ext == "conf" || path.is_none()) && nginx::looks_like(text) {
        return Some(InputKind::Nginx);
    }
    if dockerfile::looks_like(text) {
        return Some(InputKind::Dockerfile);
    }
    if script::looks_like(name, text) {
        return Some(InputKind::Script);
    }
    None
}

/// A YAML file's kind from its top-level keys, without parsing it.
fn yaml_kind(text: &str) -> Option<InputKind> {
    let top: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
        .filter_map(|l| l.split(':').next())
        .map(|k| k.trim().trim_matches(['"', '\'']))
        .take(2_000)
        .collect();
    let has = |k: &str| top.contains(&k);
    if has("apiVersion") && has("kind") {
        Some(InputKind::Kubernetes)
    } else if has("services") {
        Some(InputKind::Compose)
    } else if has("jobs") && (has("on") || has("true")) {
        Some(InputKind::GithubActions)
    } else if has("stages") || (has("include") && text.contains("script:")) {
        Some(InputKind::GitlabCi)
    } else {
        None
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Reading fixtures in tests: a scan, and the one finding of a signal about a subject.

    use super::{Deployment, Finding};
    use crate::diag::Diagnostics;

    /// Scans `paths`; the scan must be free of errors.
    pub fn scan(paths: &[&str]) -> Deployment {
        let mut diags = Diagnostics::default();
        let paths: Vec<String> = paths.iter().map(|p| (*p).to_owned()).collect();
        let d = super::scan(&paths, &mut diags);
        assert!(!diags.has_errors(), "{}", diags.render(false));
        d
    }

    /// The one finding of `signal` whose subject contains `subject`.
    pub fn one<'a>(d: &'a Deployment, signal: &str, subject: &str) -> &'a Finding {
        let found: Vec<&Finding> = d
            .findings
            .iter()
            .filter(|f| f.signal == signal && f.subject.contains(subject))
            .collect();
        assert_eq!(found.len(), 1, "{signal} about {subject}: {found:#?}");
        found[0]
    }

    /// `line:column` of a finding.
    pub fn at(f: &Finding) -> (u32, u32) {
        (f.at.line, f.at.column)
    }

    /// A scan of texts given directly, with its problems.
    pub fn texts(texts: &[(&str, &str)]) -> (Deployment, Diagnostics) {
        let mut diags = Diagnostics::default();
        let d = super::scan_texts(texts, &mut diags);
        (d, diags)
    }

    /// (signal, state, counts, `line:column`) of the findings whose signal starts with
    /// `prefix` (other readers add theirs to the same scan), in the scan's order.
    pub fn seen(d: &Deployment, prefix: &str) -> Vec<(&'static str, super::Use, bool, String)> {
        d.findings
            .iter()
            .filter(|f| f.signal.starts_with(prefix))
            .map(|f| {
                (
                    f.signal,
                    f.state,
                    f.counts,
                    format!("{}:{}", f.at.line, f.at.column),
                )
            })
            .collect()
    }

    /// 3,000 texts of 40 pieces each, drawn from `pieces` by a xorshift generator from
    /// `seed`: the same texts on every run, for the readers' no-panic tests.
    pub fn random_texts(pieces: &[&str], mut seed: u64) -> impl Iterator<Item = String> {
        let pieces: Vec<String> = pieces.iter().map(|p| (*p).to_owned()).collect();
        (0..3_000).map(move |_| {
            let mut text = String::new();
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let i = usize::try_from(seed % pieces.len() as u64).unwrap_or(0);
                text.push_str(&pieces[i]);
            }
            text
        })
    }
}
