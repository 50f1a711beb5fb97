//! Writing what a command renders: standard output through one buffer, or a file written
//! whole or not at all.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diag::{Diagnostic, Diagnostics};

use super::{Outcome, report_diagnostics};

/// Room for the writer's buffer: large enough that a report of megabytes goes out in few
/// system calls, small against the memory of the evaluation itself.
pub(super) const BUFFER: usize = 256 * 1024;

/// Writes a report to `--output FILE` (whole or not at all) or standard output, as `render`
/// produces it. `color` says the report may carry ANSI styles; callers set it only for
/// standard output, so no file ever holds them.
pub(super) fn emit(
    output: Option<&Path>,
    force: bool,
    color: bool,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<Outcome> {
    match output {
        Some(path) => write_atomic(path, force, render)?,
        None => write_stdout(color, render)?,
    }
    Ok(Outcome::Success)
}

/// Text made whole (help, schemas, short summaries) to standard output.
pub(super) fn print(text: &str) -> io::Result<()> {
    write_stdout(false, |out| out.write_all(text.as_bytes()))
}

/// Standard output through one buffer. Styled reports go through anstream, which removes the
/// styles where colour is off and translates them for consoles that need it.
pub(super) fn write_stdout(
    color: bool,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if color {
        let mut out = BufWriter::with_capacity(BUFFER, anstream::stdout().lock());
        render(&mut out)?;
        out.flush()
    } else {
        let mut out = BufWriter::with_capacity(BUFFER, io::stdout().lock());
        render(&mut out)?;
        out.flush()
    }
}

/// An error already reported on stderr as a diagnostic: the caller only exits 2.
#[derive(Debug, thiserror::Error)]
#[error("reported")]
pub struct Reported;

/// Writes what `render` produces into a temporary file in the same folder, then renames it
/// into place: a failure at any point (in `render` too) leaves any old file as it was and
/// removes the temporary one. Without `force`, an existing file is never replaced.
pub fn write_atomic(
    path: &Path,
    force: bool,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        return write_special(path, &meta, render);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // Reports are for others to read: the usual mode (0644 under the common umask), not the
    // temporary file's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir).with_context(|| {
        format!(
            "cannot write `{}`: no temporary file in `{}`",
            path.display(),
            dir.display()
        )
    })?;
    let mut out = BufWriter::with_capacity(BUFFER, tmp.as_file_mut());
    render(&mut out)
        .and_then(|()| out.into_inner().map_err(io::IntoInnerError::into_error))
        .and_then(|file| file.sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    if force {
        tmp.persist(path)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    } else {
        // Never replace what is there: the rename fails if the file exists, atomically.
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                let mut diags = Diagnostics::default();
                diags.push(
                    Diagnostic::error(
                        "output-exists",
                        format!("`{}` exists; it is left as it is", path.display()),
                    )
                    .with_help("add --force to replace it (nothing is ever overwritten by default, so a report cannot replace a file you wrote); in CI, where the file is the job's own, pass --force"),
                );
                report_diagnostics(&diags);
                anyhow::Error::new(Reported)
            } else {
                anyhow::Error::new(e.error).context(format!("cannot write `{}`", path.display()))
            }
        })?;
    }
    Ok(())
}

/// A FIFO or a character device (`/dev/stdout`, `>(...)`, `/dev/null`) is a stream: written
/// as one, never renamed over, which would leave a regular file in its place. Nothing is
/// replaced, so no `--force` is needed. Anything else but a regular file is refused.
fn write_special(
    path: &Path,
    meta: &fs::Metadata,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    #[cfg(unix)]
    let stream = {
        use std::os::unix::fs::FileTypeExt as _;
        meta.file_type().is_fifo() || meta.file_type().is_char_device()
    };
    #[cfg(not(unix))]
    let stream = false;
    if !stream {
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error(
                "not-a-file",
                format!("`{}` is not a regular file; it is left as it is", path.display()),
            )
            .with_help("give a file name for --output (a folder, socket or block device cannot take a report)"),
        );
        report_diagnostics(&diags);
        return Err(anyhow::Error::new(Reported));
    }
    let file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    let mut out = BufWriter::with_capacity(BUFFER, file);
    render(&mut out)
        .and_then(|()| out.flush())
        .with_context(|| format!("cannot write `{}`", path.display()))
}

/// What a run reads and writes, checked before anything is written: an output may not be
/// one of the run's inputs (not even with `--force`, which replaces old reports, never the
/// files a report is made from), nor another output of the same run.
#[derive(Debug, Default)]
pub(super) struct Files {
    reads: Vec<PathBuf>,
    read_dirs: Vec<PathBuf>,
    writes: Vec<PathBuf>,
}

impl Files {
    /// Descriptor paths: files, folders (whose YAML files are read), `-`.
    pub(super) fn descriptors<'a>(mut self, paths: impl IntoIterator<Item = &'a String>) -> Self {
        for p in paths.into_iter().filter(|p| p.as_str() != "-") {
            let path = PathBuf::from(p);
            if path.is_dir() {
                self.read_dirs.push(path);
            } else {
                self.reads.push(path);
            }
        }
        self
    }

    /// The profile `--profile` names (a file, unless it names a preset), or the default file.
    pub(super) fn profile(self, arg: Option<&str>) -> Self {
        let path = match arg {
            Some(name) if Path::new(name).exists() => Some(Path::new(name)),
            Some(_) => None,
            None => Some(Path::new(crate::profile::DEFAULT_FILE)).filter(|p| p.is_file()),
        };
        self.read(path)
    }

    pub(super) fn read(mut self, path: Option<&Path>) -> Self {
        self.reads.extend(path.map(Path::to_path_buf));
        self
    }

    pub(super) fn write(mut self, path: Option<&Path>) -> Self {
        self.writes.extend(path.map(Path::to_path_buf));
        self
    }

    /// For a command that reads nothing else first: reports the problems [`Files::check`]
    /// finds, and says whether the run must stop.
    pub(super) fn refused(&self) -> bool {
        let mut diags = Diagnostics::default();
        self.check(&mut diags);
        report_diagnostics(&diags);
        diags.has_errors()
    }

    /// Reports each output that is an input or a second output of the run.
    pub(super) fn check(&self, diags: &mut Diagnostics) {
        let reads: Vec<PathBuf> = self.reads.iter().filter_map(|p| identity(p)).collect();
        let dirs: Vec<PathBuf> = self.read_dirs.iter().filter_map(|p| identity(p)).collect();
        let mut written: Vec<PathBuf> = Vec::new();
        for w in &self.writes {
            let Some(key) = identity(w) else { continue };
            let in_a_read_dir = key.is_file()
                && matches!(
                    key.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml")
                )
                && dirs.iter().any(|d| key.starts_with(d));
            if reads.contains(&key) || in_a_read_dir {
                diags.push(
                    Diagnostic::error(
                        "output-is-input",
                        format!(
                            "`{}` is one of this run's inputs, and would be its output too; it is left as it is",
                            w.display()
                        ),
                    )
                    .with_help("write the report to another file (--force replaces old reports, never a file the run reads)"),
                );
            } else if written.contains(&key) {
                diags.push(
                    Diagnostic::error(
                        "output-clash",
                        format!("`{}` is named as two outputs of this run", w.display()),
                    )
                    .with_help("give each output (--output, each --report) a file of its own; nothing was written"),
                );
            }
            written.push(key);
        }
    }
}

/// What a path names, for telling whether two paths name one file: the file itself, links
/// followed, when it exists; else its folder's, with its name.
fn identity(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(dir).ok()?.join(name))
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::write_atomic;

    /// Names in the folder: a stray temporary file would show here.
    fn entries(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_stream_that_fails_midway_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "the old report\n").unwrap();
        // More than the writer's buffer, so part of it has reached the temporary file.
        let err = write_atomic(&path, true, |out| {
            out.write_all(&vec![b'x'; 3 * super::BUFFER])?;
            Err(io::Error::other("the renderer gave up"))
        })
        .unwrap_err();
        assert!(format!("{err:#}").starts_with("cannot write `"), "{err:#}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old report\n");
        assert_eq!(entries(dir.path()), ["report.json"]);
    }

    #[test]
    fn a_finished_stream_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        std::fs::write(&path, "the old report\n").unwrap();
        write_atomic(&path, true, |out| {
            (0..100_000).try_for_each(|i| writeln!(out, "{i}"))
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 100_000);
        assert!(text.ends_with("99999\n"));
        assert_eq!(entries(dir.path()), ["report.csv"]);
    }
}
