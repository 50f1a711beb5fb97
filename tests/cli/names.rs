//! One name per thing, and messages in the user's words: `check --format table` (or `text`),
//! a path where a platform belongs, the overrides in `explain`'s header, a lead that prints as
//! 0.0, `--top 0`, `init` over an existing file, and a `list` that fits the terminal.

use unicode_width::UnicodeWidthStr as _;

use super::support::{run, run_in, stdout_ok};

#[test]
fn check_takes_table_like_every_command_and_text_as_before() {
    let table = stdout_ok(&["check", "gke", "--min-score", "1", "--format", "table"]);
    let text = stdout_ok(&["check", "gke", "--min-score", "1", "--format", "text"]);
    assert_eq!(table, text);
    let help = String::from_utf8(stdout_ok(&["check", "--help"])).unwrap();
    assert!(help.contains("[default: table]"), "{help}");
}

#[test]
fn a_path_where_a_platform_belongs_gets_a_hint() {
    for args in [
        &["check", "tests/fixtures/good"][..],
        &["explain", "tests/fixtures/good"][..],
        &["show", "tests/fixtures/good"][..],
        &["compare", "gke", "tests/fixtures/good"][..],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("`tests/fixtures/good` is a file or folder, not a platform")
                && err.contains("-p tests/fixtures/good"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn explains_header_names_the_command_lines_overrides() {
    let out = String::from_utf8(stdout_ok(&[
        "explain",
        "aks",
        "--weight",
        "resilience=2",
        "--language",
        "go",
    ]))
    .unwrap();
    let first = out.lines().next().unwrap();
    assert!(
        first.contains(
            "under profile balanced with --language go --weight resilience=2 (method wsm)"
        ),
        "{first}"
    );
}

#[test]
fn a_lead_that_prints_as_nothing_is_too_close_to_call_without_the_analyses() {
    let out = String::from_utf8(stdout_ok(&[
        "evaluate",
        "-p",
        "tests/fixtures/good",
        "--profile",
        "tests/fixtures/profiles/team.toml",
        "--weight",
        "languages=0",
        "--weight",
        "containers=0",
        "--weight",
        "automation=0.16666666666666666",
        "--weight",
        "resilience=0.3317887345679013",
        "--weight",
        "observability=0.501544598765432",
    ]))
    .unwrap();
    let rec = out
        .lines()
        .find(|l| l.starts_with("Recommendation:"))
        .unwrap();
    assert!(
        rec.contains("too close to call: ranks first with 72.9, less than 0.05 points ahead"),
        "{rec}"
    );
}

#[test]
fn top_zero_and_init_over_a_file_speak_plainly() {
    let out = run(&["evaluate", "--top", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`--top 0` would show no platform"), "{err}");
    assert!(!err.contains("18446744073709551615"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.yaml"), "name: mine\n").unwrap();
    let out = run_in(dir.path(), &["init", "platform", "mine"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("it may be a descriptor you have edited"),
        "{err}"
    );
    assert!(!err.contains("report"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.yaml")).unwrap(),
        "name: mine\n"
    );
}

#[test]
fn list_fits_the_terminal() {
    for width in ["80", "120"] {
        let out = String::from_utf8(stdout_ok(&["list", "--width", width])).unwrap();
        let w: usize = width.parse().unwrap();
        // The table's lines; the note under it is prose that a terminal wraps.
        for l in out.lines().filter(|l| l.starts_with(['│', '┌', '└', '╞'])) {
            assert!(l.width() <= w, "wider than {w}: {l:?}");
        }
        // Ids are whole on their line.
        assert!(out.contains("│ google-kubernetes-engine "), "{out}");
    }
}

#[test]
fn every_command_that_takes_a_platform_says_how_to_list_them() {
    for cmd in ["check", "explain", "show", "compare", "evaluate"] {
        let help = String::from_utf8(stdout_ok(&[cmd, "--help"])).unwrap();
        let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("`platform-eval list` shows them"),
            "{cmd}: {help}"
        );
    }
}
