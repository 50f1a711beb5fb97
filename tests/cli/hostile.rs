//! Hostile and awkward inputs (tests/hostile, and what is made here at run time): each is
//! refused with an error that names the file (and the line where there is one), or accepted as
//! documented; never a panic, never a hang, and an existing output file is never changed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

const SENTINEL: &str = "an earlier report, which a failed run must leave as it is\n";

/// Runs `evaluate INPUT --output out.json --force` with a sentinel already in out.json.
fn evaluate_into_existing(input: &Path, extra: &[&str]) -> (Output, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, SENTINEL).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .arg("evaluate")
        .arg(input)
        .args(["--format", "json", "--output"])
        .arg(&out)
        .arg("--force")
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let after = std::fs::read_to_string(&out).unwrap();
    (output, after)
}

/// Refused: exit 2, an error with this code naming the file (with a line when given), no
/// panic, and the output file untouched.
fn refused(input: &Path, code: &str, line: Option<usize>, extra: &[&str]) {
    let (out, after) = evaluate_into_existing(input, extra);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}: {stderr}", input.display());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&format!("error[{code}]")),
        "{}: {stderr}",
        input.display()
    );
    let name = input.file_name().unwrap().to_str().unwrap();
    let place = match line {
        Some(l) => format!("{name}:{l}:"),
        None => name.to_owned(),
    };
    assert!(
        stderr.contains(&place),
        "{} names {place}: {stderr}",
        input.display()
    );
    assert_eq!(after, SENTINEL, "the output file was changed");
}

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/hostile").join(name)
}

#[test]
fn malformed_files_are_refused_with_their_place() {
    refused(&fixture("tabs.yaml"), "yaml-syntax", Some(3), &[]);
    refused(&fixture("empty.yaml"), "empty-descriptor", None, &[]);
    refused(
        &fixture("comments-only.yaml"),
        "empty-descriptor",
        None,
        &[],
    );
    refused(
        &fixture("two-documents.yaml"),
        "multiple-documents",
        Some(3),
        &[],
    );
    refused(&fixture("latin1.yaml"), "not-utf8", Some(1), &[]);
    refused(&fixture("billion-laughs.yaml"), "yaml-limit", Some(6), &[]);
}

#[test]
fn limits_refuse_large_deep_and_many_inputs() {
    let dir = tempfile::tempdir().unwrap();
    // 100 MiB (sparse: its size is known without writing it) and just over the limit.
    let huge = dir.path().join("huge.yaml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    refused(&huge, "file-too-large", None, &[]);
    let over = dir.path().join("over.yaml");
    std::fs::write(&over, "#".repeat(2049)).unwrap();
    refused(&over, "file-too-large", None, &["--max-file-size", "2K"]);
    // 100,000 levels of nesting.
    let deep = dir.path().join("deep.yaml");
    std::fs::write(
        &deep,
        format!("{}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    )
    .unwrap();
    refused(&deep, "yaml-limit", Some(1), &[]);
    // A note longer than a field may be.
    let long = dir.path().join("long.yaml");
    std::fs::write(
        &long,
        format!("name: Long\nsummary: {}\n", "x".repeat(5_000)),
    )
    .unwrap();
    refused(&long, "too-long", Some(2), &[]);
    // More files than one run reads.
    let many = dir.path().join("many");
    std::fs::create_dir(&many).unwrap();
    for i in 0..3 {
        std::fs::write(many.join(format!("p{i}.yaml")), "name: P\n").unwrap();
    }
    let (out, after) = evaluate_into_existing(&many, &["--max-files", "2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[too-many-files]"));
    assert_eq!(after, SENTINEL);
}

#[test]
fn missing_empty_and_special_paths() {
    let dir = tempfile::tempdir().unwrap();
    refused(&dir.path().join("nowhere.yaml"), "not-found", None, &[]);
    let empty = dir.path().join("empty-folder");
    std::fs::create_dir(&empty).unwrap();
    refused(&empty, "no-descriptors", None, &[]);

    // A folder with a FIFO, a socket, a link to a device and a loop of links beside one
    // good descriptor: the odd ones are skipped with a warning, never opened (a FIFO would
    // block a reader for ever).
    let odd = dir.path().join("odd");
    std::fs::create_dir(&odd).unwrap();
    std::fs::copy("tests/fixtures/good/beta.yaml", odd.join("beta.yaml")).unwrap();
    let fifo = odd.join("pipe.yaml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let _socket = std::os::unix::net::UnixListener::bind(odd.join("socket.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/null", odd.join("device.yaml")).unwrap();
    std::os::unix::fs::symlink(odd.join("b.yaml"), odd.join("a.yaml")).unwrap();
    std::os::unix::fs::symlink(odd.join("a.yaml"), odd.join("b.yaml")).unwrap();
    std::os::unix::fs::symlink(&odd, odd.join("loop")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .arg("evaluate")
        .arg(&odd)
        .args(["--format", "csv"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It must finish by itself: give it ten seconds before calling it a hang.
    let mut waited = Duration::ZERO;
    while child.try_wait().unwrap().is_none() {
        assert!(
            waited < Duration::from_secs(10),
            "hangs on a FIFO or a loop"
        );
        std::thread::sleep(Duration::from_millis(20));
        waited += Duration::from_millis(20);
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for skipped in [
        "pipe.yaml",
        "socket.yaml",
        "device.yaml",
        "a.yaml",
        "b.yaml",
    ] {
        assert!(
            stderr.contains(skipped),
            "{skipped} is reported as skipped: {stderr}"
        );
    }
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        2,
        "beta, once"
    );
    // The FIFO given by name is refused, not read.
    refused(&fifo, "not-a-file", None, &[]);
}

#[test]
fn an_unreadable_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.yaml");
    std::fs::copy("tests/fixtures/good/beta.yaml", &locked).unwrap();
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Root reads whatever the mode says: there is nothing to test as root.
        eprintln!("skipped: running as a user who can read a file with mode 000 (root)");
        return;
    }
    refused(&locked, "unreadable", None, &[]);
}

#[test]
fn awkward_but_valid_files_are_read() {
    for name in ["bom.yaml", "crlf.yaml"] {
        let (out, after) = evaluate_into_existing(&fixture(name), &[]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_str(&after).unwrap();
        assert_eq!(doc["platforms"][0]["name"], "Beta PaaS", "{name}");
    }
}

#[test]
fn hostile_text_is_defused_in_every_output() {
    let run = |file: &str, format: &str| -> (String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
            .args([
                "evaluate",
                &format!("tests/hostile/{file}"),
                "--format",
                format,
                "--color",
                "always",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // Terminal escapes in a descriptor never reach the terminal, even with colour on.
    let (table, stderr) = run("control-characters.yaml", "table");
    assert!(stderr.contains("warning[control-characters]"));
    assert!(
        !table.contains("\x1b[2J") && !table.contains("\x1b]0;"),
        "{table:?}"
    );
    assert!(table.contains("Evil [2J[31mRed"));
    // Spreadsheet formulas are neutralised in CSV.
    let (csv, _) = run("formula.yaml", "csv");
    assert!(csv.contains(",\"'=HYPERLINK("), "{csv}");
    assert!(
        !csv.contains(",=") && !csv.contains(",+") && !csv.contains(",\"="),
        "{csv}"
    );
    // Markdown markup in a name stays text.
    let (md, _) = run("markup.yaml", "markdown");
    assert!(
        md.contains("\\<script>alert(1)\\</script> \\| \\*\\*bold\\*\\* \\[link\\](x)"),
        "{md}"
    );
    // Every `<` is escaped, so no tag reaches a Markdown renderer.
    assert!(
        md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
        "{md}"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' evaluate --format json | head -c 10 >/dev/null; echo \"${{PIPESTATUS:-}}\"",
            env!("CARGO_BIN_EXE_platform-eval")
        ))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And its exit status, seen directly: 0, for every format written as a stream.
    for format in ["json", "csv", "markdown"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
            .args(["evaluate", "--explain", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before anything is written
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{format}");
    }
}
