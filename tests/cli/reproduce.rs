//! Every command the tool prints runs as printed and gives what it says: `explain`'s
//! `Reproduce:` line, the "too close to call" hint and the ADR's `check` line carry the run's
//! own platforms, profile, languages and selection (quoted for a shell).

use std::path::Path;

use super::support::run_in;

/// The fixtures in a folder whose name has a space, beside a profile: a path a printed
/// command must quote.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [("good", "our platforms"), ("close", "close ones")] {
        let target = dir.path().join(to);
        std::fs::create_dir(&target).unwrap();
        for entry in std::fs::read_dir(Path::new("tests/fixtures").join(from)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, target.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::copy(
        "tests/fixtures/profiles/team.toml",
        dir.path().join("team.toml"),
    )
    .unwrap();
    dir
}

/// Runs a printed command line (`platform-eval ...`) in `dir` and returns its output.
fn run_printed(dir: &Path, line: &str, extra: &[&str]) -> std::process::Output {
    let words = shlex::split(line).unwrap_or_else(|| panic!("not a shell line: {line}"));
    assert_eq!(words[0], "platform-eval", "{line}");
    let mut args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

fn text(out: &std::process::Output) -> String {
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn explains_reproduce_line_gives_the_stated_first_platform_and_score() {
    let dir = workspace();
    let out = run_in(
        dir.path(),
        &[
            "explain",
            "beta",
            "-p",
            "our platforms",
            "--profile",
            "team.toml",
            "--language",
            "go",
            "--exclude",
            "gamma-host",
        ],
    );
    let explained = text(&out);
    let line = explained
        .lines()
        .find_map(|l| l.strip_prefix("Reproduce: "))
        .unwrap_or_else(|| panic!("no Reproduce line: {explained}"));
    assert!(line.contains("-p 'our platforms'"), "{line}");
    assert!(line.contains("--exclude gamma-host"), "{line}");
    // "Under it Beta PaaS scores 72.9 and ranks 1."
    let stated: f64 = explained
        .split("Under it Beta PaaS scores ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no stated score: {explained}"));
    let out = run_printed(dir.path(), line, &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&text(&out)).unwrap();
    assert_eq!(doc["recommendation"]["id"], "beta", "{line}");
    let beta = doc["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "beta")
        .unwrap();
    assert!(
        (beta["score"].as_f64().unwrap() - stated).abs() < 0.05,
        "{stated} vs {}",
        beta["score"]
    );
    // The same platforms were weighed: Gamma stays left out.
    assert!(
        doc["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["id"] != "gamma-host")
    );
}

#[test]
fn the_too_close_to_call_hint_runs_as_printed() {
    let dir = workspace();
    let out = run_in(
        dir.path(),
        &[
            "evaluate",
            "-p",
            "close ones",
            "--language",
            "go",
            "--weight",
            "languages=2",
        ],
    );
    let table = text(&out);
    let hint = table
        .split('`')
        .find(|s| s.starts_with("platform-eval explain "))
        .unwrap_or_else(|| panic!("no explain hint: {table}"));
    assert!(hint.contains("-p 'close ones'"), "{hint}");
    assert!(hint.contains("--weight languages=2"), "{hint}");
    let id = hint.split_whitespace().nth(2).unwrap();
    let explained = text(&run_printed(dir.path(), hint, &[]));
    // The explanation is of the same run: the platform ranks as the evaluation ranked it, with
    // the same score.
    let first_line = explained.lines().next().unwrap();
    assert!(
        first_line.contains(&format!("({id}) ranks 1 of 3")),
        "{first_line}"
    );
    let score = table
        .lines()
        .find(|l| l.contains("Swift Ship"))
        .and_then(|l| l.split(['│', '┆']).nth(3))
        .map(str::trim)
        .unwrap();
    assert!(
        first_line.contains(&format!("with {score}")),
        "{first_line} / {score}"
    );
}

#[test]
fn the_decision_records_check_line_checks_what_was_weighed() {
    let dir = workspace();
    let adr = text(&run_in(
        dir.path(),
        &[
            "evaluate",
            "-p",
            "our platforms",
            "--profile",
            "team.toml",
            "--format",
            "adr",
        ],
    ));
    let line = adr
        .lines()
        .find(|l| l.starts_with("platform-eval check "))
        .unwrap_or_else(|| panic!("no check line: {adr}"));
    assert!(line.contains("-p 'our platforms'"), "{line}");
    let checked = text(&run_printed(dir.path(), line, &[]));
    assert!(checked.contains("Alpha Orchestrator (alpha)"), "{checked}");
    assert!(checked.contains("under profile team.toml"), "{checked}");
}
