//! Reports people read: the decision record, and `--output` choosing a format by extension.

use std::process::Command;

fn run(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run platform-eval")
}

#[test]
fn the_decision_record_of_the_builtin_catalog() {
    let out = run(&["evaluate", "--format", "adr"], std::path::Path::new("."));
    assert!(out.status.success());
    let adr = String::from_utf8(out.stdout).unwrap();
    // MADR's sections, in order.
    let mut at = 0;
    for heading in [
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "### Confirmation",
        "## Pros and Cons of the Options",
        "## More Information",
    ] {
        let found = adr[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
        at += found;
    }
    insta::assert_snapshot!("adr_builtin", adr);
}

#[test]
fn output_infers_the_format_from_the_extension_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::fs::canonicalize("tests/fixtures/good").unwrap();
    let fixtures = fixtures.to_str().unwrap();
    let out = run(&["evaluate", fixtures, "--output", "report.md"], dir.path());
    assert!(out.status.success());
    let note = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        note,
        "note: writing markdown to report.md (chosen by the file's extension; --format chooses another)\n"
    );
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(md.starts_with("# Deployment platform evaluation"));
    // Readable by others, as reports are shared: 0644 under the common umask, not 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join("report.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644 & !umask(), "mode {mode:o}");
    }
    // An existing file is never replaced without --force, and is left as it was.
    let again = [
        "evaluate",
        fixtures,
        "--output",
        "report.md",
        "--format",
        "csv",
    ];
    let out = run(&again, dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("error[output-exists]: `report.md` exists; it is left as it is\n"),
        "{err}"
    );
    assert!(err.contains("= help: add --force to replace it"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.md")).unwrap(),
        md
    );
    // An explicit format is obeyed without a note, whatever the extension.
    let out = run(&[&again[..], &["--force"]].concat(), dir.path());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(csv.starts_with("rank,id,name"));
    // An extension that names no format: the table, and a note that says why.
    let out = run(
        &["evaluate", fixtures, "--output", "report.out"],
        dir.path(),
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("the file's extension names no format")
    );
}

#[test]
fn a_report_written_to_a_file_is_the_one_printed() {
    let dir = tempfile::tempdir().unwrap();
    // The built-in catalog's JSON is larger than the writer's buffer: it reaches the file in
    // several pieces.
    for (format, file) in [
        ("json", "report.json"),
        ("csv", "report.csv"),
        ("markdown", "report.md"),
    ] {
        let args = ["evaluate", "--explain", "--sensitivity", "--format", format];
        let printed = run(&args, dir.path());
        assert!(printed.status.success());
        let written = run(&[&args[..], &["--output", file]].concat(), dir.path());
        assert!(written.status.success());
        assert!(written.stdout.is_empty());
        assert_eq!(
            std::fs::read(dir.path().join(file)).unwrap(),
            printed.stdout,
            "{format}"
        );
    }
}

/// This process's umask, read back from a file made with mode 0777 (no libc needed).
#[cfg(unix)]
fn umask() -> u32 {
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("probe");
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o777)
        .open(&path)
        .unwrap();
    !std::fs::metadata(&path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_decision_record_honours_top_and_argues_from_what_weighs_most() {
    let adr = String::from_utf8(super::support::stdout_ok(&[
        "evaluate",
        "--format",
        "adr",
        "--top",
        "3",
        "--profile",
        "resilience-first",
    ]))
    .unwrap();
    let options: Vec<&str> = adr
        .split("## Considered Options")
        .nth(1)
        .unwrap()
        .split("## Decision Outcome")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("* ") && l.contains("(rank "))
        .collect();
    assert_eq!(options.len(), 3, "{adr}");
    assert!(
        adr.contains("more ranked below them (left out by `--top`)"),
        "{adr}"
    );
    assert_eq!(
        adr.matches("\n### ").count(),
        2 + 3,
        "Consequences, Confirmation and three options"
    );
    // Resilience weighs most (2 of 6): every option argues from it first, never from
    // languages (0.5), the lightest.
    let goods: Vec<&str> = adr
        .lines()
        .filter(|l| l.starts_with("* Good, because"))
        .collect();
    assert!(!goods.is_empty());
    assert!(
        goods.iter().all(|l| !l.contains("multi-language support")),
        "{goods:?}"
    );
    assert!(
        goods[0].contains("load balancing and fault tolerance"),
        "{goods:?}"
    );
    // No option is said to have add-ons it does not have.
    for block in adr.split("\n### ").skip(1) {
        if let Some(line) = block
            .lines()
            .find(|l| l.contains("weakest points are add-ons"))
        {
            assert!(line.contains('`'), "names them: {line}");
        }
    }
    // The recommendation's "strongest in" is the heaviest requirement where it leads.
    let rec = String::from_utf8(super::support::stdout_ok(&[
        "evaluate",
        "--profile",
        "resilience-first",
        "--top",
        "1",
    ]))
    .unwrap();
    assert!(rec.contains("strongest in resilience (100.0)"), "{rec}");
}
