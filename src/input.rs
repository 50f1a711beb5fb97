//! Reading the user's files, one way for every kind: a size limit checked before and while
//! reading (a `/dev/zero` given as a profile stops at the limit), UTF-8 checked with the exact
//! place of the first bad byte, a byte-order mark dropped, and every failure a diagnostic
//! naming the file.

use std::fs;
use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span};

/// What an input is, for its size limit and the words of its errors.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// "descriptor", "profile", "baseline", "pairwise file".
    pub what: &'static str,
    /// Largest size read, in bytes.
    pub max: u64,
    /// What the user can do about a file over the limit.
    pub over: &'static str,
    /// What such a file should be, for a file that cannot be read or decoded.
    pub expected: &'static str,
}

/// Profiles and pairwise files: a few kilobytes written by hand.
pub const MAX_PROFILE: u64 = 1024 * 1024;
/// Baselines: an `evaluate --format json` of the built-in catalog is about 450 KB, so this
/// holds one of a few thousand platforms; `check --format json`, one platform, is far smaller.
pub const MAX_BASELINE: u64 = 64 * 1024 * 1024;

pub const PROFILE: Kind = Kind {
    what: "profile",
    max: MAX_PROFILE,
    over: "a profile is a few kilobytes of TOML; check that this is the file you meant",
    expected: "give a TOML profile or a preset name (balanced, resilience-first, small-team)",
};

pub const PAIRWISE: Kind = Kind {
    what: "pairwise file",
    max: MAX_PROFILE,
    over: "a [pairwise] table has ten lines; check that this is the file you meant",
    expected: "give a TOML file with a [pairwise] table",
};

pub const BASELINE: Kind = Kind {
    what: "baseline",
    max: MAX_BASELINE,
    over: "make the baseline with `platform-eval check ID --format json`, which holds one platform",
    expected: "give an earlier `evaluate --format json` or `check --format json` output",
};

/// A descriptor's kind, with the limit given by `--max-file-size`.
pub fn descriptor(max: u64) -> Kind {
    Kind {
        what: "descriptor",
        max,
        over: "a descriptor is a few kilobytes; check the file, or raise the limit with --max-file-size",
        expected: "save the descriptor as UTF-8",
    }
}

/// Reads `path` whole, or reports why not and gives `None`.
pub fn read(path: &Path, kind: Kind, diags: &mut Diagnostics) -> Option<Arc<SourceFile>> {
    let shown = path.display().to_string();
    let read = fs::File::open(path).and_then(|f| {
        let size = f.metadata()?.len();
        if size > kind.max {
            return Ok(Err(Some(size)));
        }
        // Room for the whole file (and one byte more, to see the end) in one read.
        let mut bytes = Vec::with_capacity(usize::try_from(size).map_or(0, |s| s + 1));
        // The file may grow while it is read, or be a device or pipe whose size says
        // nothing: never take more than the limit allows.
        f.take(kind.max + 1).read_to_end(&mut bytes)?;
        Ok(if bytes.len() as u64 > kind.max {
            Err(None)
        } else {
            Ok(bytes)
        })
    });
    match read {
        Ok(Ok(bytes)) => decode(shown, bytes, kind, diags),
        Ok(Err(size)) => {
            diags.push(too_large(&shown, size, kind));
            None
        }
        Err(e) => {
            diags.push(path_error(&shown, &e, kind));
            None
        }
    }
}

/// Standard input, read as `read` reads a file.
pub fn read_stdin(kind: Kind, diags: &mut Diagnostics) -> Option<Arc<SourceFile>> {
    let mut bytes = Vec::new();
    // One byte more than allowed tells a too-large input without reading all of it.
    match std::io::stdin()
        .lock()
        .take(kind.max + 1)
        .read_to_end(&mut bytes)
    {
        Ok(n) if n as u64 > kind.max => {
            diags.push(too_large("<stdin>", None, kind));
            None
        }
        Ok(_) => decode("<stdin>".into(), bytes, kind, diags),
        Err(e) => {
            diags.push(Diagnostic::error(
                "unreadable",
                format!("cannot read standard input: {e}"),
            ));
            None
        }
    }
}

pub fn too_large(name: &str, size: Option<u64>, kind: Kind) -> Diagnostic {
    let size = size.map_or_else(String::new, |s| format!(" ({s} bytes)"));
    Diagnostic::error(
        "file-too-large",
        format!(
            "`{name}` is larger than a {} may be{size}: the limit is {} bytes",
            kind.what, kind.max
        ),
    )
    .with_help(kind.over)
}

/// The text of `bytes`, or a `not-utf8` error at the first byte that is not UTF-8.
pub fn decode(
    name: String,
    bytes: Vec<u8>,
    kind: Kind,
    diags: &mut Diagnostics,
) -> Option<Arc<SourceFile>> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Some(Arc::new(SourceFile::new(name, text)))
        }
        Err(e) => {
            // The text to the end of the bad byte's line, so that the snippet shows the
            // line (the bad bytes as U+FFFD) and the place is the byte's own.
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let end = bytes[at..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(bytes.len(), |i| at + i);
            let text = String::from_utf8_lossy(&bytes[..end]).into_owned();
            let span = Span::from_range(&text, at, at);
            let file = Arc::new(SourceFile::new(name, text));
            diags.push(
                Diagnostic::error("not-utf8", format!("the {} is not valid UTF-8", kind.what))
                    .at(&file, span)
                    .with_help(if kind.what == "descriptor" {
                        kind.expected.to_owned()
                    } else {
                        format!("save the {} as UTF-8", kind.what)
                    }),
            );
            None
        }
    }
}

/// `not-found`, `unreadable` (with the reason).
pub fn path_error(path: &str, e: &std::io::Error, kind: Kind) -> Diagnostic {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            { Diagnostic::error("not-found", format!("`{path}` does not exist")) }.with_help(
                if kind.what == "descriptor" {
                    "check the path; with no path the built-in catalog is used"
                } else {
                    kind.expected
                },
            )
        }
        std::io::ErrorKind::PermissionDenied => Diagnostic::error(
            "unreadable",
            format!("cannot read {} `{path}`: permission denied", kind.what),
        )
        .with_help("check the file's permissions"),
        _ => Diagnostic::error(
            "unreadable",
            format!("cannot read {} `{path}`: {e}", kind.what),
        )
        .with_help(kind.expected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hardening round 2, defect 4: a device read as a profile or baseline stops at the limit.
    #[test]
    fn a_device_stops_at_the_limit() {
        for kind in [PROFILE, BASELINE, PAIRWISE] {
            let mut diags = Diagnostics::default();
            let small = Kind { max: 4096, ..kind };
            assert!(read(Path::new("/dev/zero"), small, &mut diags).is_none());
            let d = diags.iter().next().unwrap();
            assert_eq!(d.code, "file-too-large", "{}", kind.what);
            assert!(d.message.contains("/dev/zero"), "{}", d.message);
            assert!(d.message.contains(kind.what), "{}", d.message);
        }
    }

    /// Hardening round 2, defect 18: every input that is not UTF-8 is located at the byte.
    #[test]
    fn bytes_that_are_not_utf8_are_located_in_every_kind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.toml");
        fs::write(&path, b"[team]\nname = \"caf\xe9\"\n").unwrap();
        for kind in [PROFILE, BASELINE, PAIRWISE, descriptor(1024)] {
            let mut diags = Diagnostics::default();
            assert!(read(&path, kind, &mut diags).is_none());
            let d = diags.iter().next().unwrap();
            assert_eq!(d.code, "not-utf8");
            assert!(
                d.location().unwrap().ends_with("latin1.toml:2:12"),
                "{:?}",
                d.location()
            );
        }
    }
}
