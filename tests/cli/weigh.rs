//! `weigh`: the profile it writes loads and evaluates with exactly its weights, and is never
//! written over without --force.

use std::process::Command;

use serde_json::Value;

use super::support::run;

#[test]
fn the_written_profile_loads_and_evaluates_with_the_weights() {
    let judgments = "tests/fixtures/weigh/judgments.toml";
    let out = run(&["weigh", judgments, "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let w: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(w["acceptable"], true);
    assert!(w["consistency_ratio"].as_f64().unwrap() <= 0.10);
    let weights = w["weights"].as_object().unwrap();
    let sum: f64 = weights.values().map(|v| v.as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-12);
    // resilience/observability = 2, and resilience beats every other requirement.
    let get = |r: &str| weights[r].as_f64().unwrap();
    assert!(get("resilience") > get("observability") && get("observability") > get("languages"));

    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("team.toml");
    let p = profile.to_str().unwrap();
    let out = run(&["weigh", judgments, "--output", p]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&profile).unwrap();
    assert!(
        text.contains("#   resilience/observability = 2\n"),
        "judgments kept as comments:\n{text}"
    );
    assert!(text.contains("#   languages/automation = 1/2\n"), "{text}");
    let eval = run(&["evaluate", "--profile", p, "--format", "json"]);
    assert!(
        eval.status.success(),
        "{}",
        String::from_utf8_lossy(&eval.stderr)
    );
    let doc: Value = serde_json::from_slice(&eval.stdout).unwrap();
    for (r, v) in weights {
        let got = doc["profile"]["weights"][r].as_f64().unwrap();
        assert!(
            (got - v.as_f64().unwrap()).abs() < 1e-12,
            "{r}: {got} vs {v}"
        );
    }
    // Never written over without --force; the file stays as it was.
    std::fs::write(&profile, "# edited by hand\n").unwrap();
    let out = run(&["weigh", judgments, "--output", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&profile).unwrap(),
        "# edited by hand\n"
    );
    assert!(
        run(&["weigh", judgments, "--output", p, "--force"])
            .status
            .success()
    );
}

#[test]
fn inconsistent_judgments_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("team.toml");
    let out = run(&[
        "weigh",
        "tests/fixtures/weigh/inconsistent.toml",
        "--output",
        profile.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[inconsistent-judgments]"), "{err}");
    assert!(
        err.contains("resilience/observability = 9"),
        "the triple is named: {err}"
    );
    assert!(!profile.exists());
}

/// On a real terminal (tmux), every pair is asked and answered with the arrow keys.
/// `weigh` on a terminal (tmux), each of the ten pairs answered with `keys`: its JSON answer,
/// or `None` when tmux is not installed (the test says so and skips).
fn ask_on_terminal(keys: &[&str]) -> Option<Value> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!(
            "skipped: tmux is not installed (apt-get install tmux); the prompts need a terminal"
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w.json");
    let session = format!("pe-weigh-{}-{}", std::process::id(), keys.join("").len());
    let cmd = format!(
        "{} weigh --format json > {}",
        env!("CARGO_BIN_EXE_platform-eval"),
        out.display()
    );
    let tmux = |args: &[&str]| Command::new("tmux").args(args).output().unwrap();
    assert!(
        tmux(&[
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            "120",
            "-y",
            "30",
            &cmd
        ])
        .status
        .success()
    );
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        if tmux(&["capture-pane", "-p", "-t", &session])
            .stdout
            .windows(8)
            .any(|w| w == b"compared")
        {
            break;
        }
    }
    for _ in 0..10 {
        let mut args = vec!["send-keys", "-t", &session];
        args.extend_from_slice(keys);
        tmux(&args);
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    let mut doc = None;
    for _ in 0..50 {
        if let Ok(v) =
            serde_json::from_str::<Value>(&std::fs::read_to_string(&out).unwrap_or_default())
        {
            doc = Some(v);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = tmux(&["kill-session", "-t", &session]);
    Some(doc.expect("weigh wrote its answer"))
}

fn descending(doc: &Value) {
    let w: Vec<f64> = [
        "languages",
        "containers",
        "automation",
        "resilience",
        "observability",
    ]
    .iter()
    .map(|r| doc["weights"][r].as_f64().unwrap())
    .collect();
    assert!(
        w.windows(2).all(|p| p[0] > p[1]),
        "each earlier requirement matters more: {w:?}"
    );
}

#[test]
fn on_a_terminal_each_pair_is_asked() {
    // One step up from "equally" is "the first matters 2 times as much".
    let Some(doc) = ask_on_terminal(&["Up", "Enter"]) else {
        return;
    };
    descending(&doc);
    assert_eq!(doc["judgments"][0], "languages/containers = 2");
}

#[test]
fn on_a_terminal_a_typed_saaty_number_is_an_answer() {
    // Typing `1` finds "1: equally important" first (then "1/2", "1/3", ...): the typed
    // number, not a menu filtered to nothing, as when the answer was a word alone.
    let Some(doc) = ask_on_terminal(&["1", "Enter"]) else {
        return;
    };
    assert_eq!(doc["judgments"][0], "languages/containers = 1");
    let w = doc["weights"]["resilience"].as_f64().unwrap();
    assert!((w - 0.2).abs() < 1e-9, "equal weights: {doc}");
}

#[test]
fn weigh_merges_its_weights_into_a_profile_keeping_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let judgments = std::fs::read_to_string("examples/judgments.toml").unwrap();
    std::fs::write(dir.path().join("judgments.toml"), judgments).unwrap();
    let profile = "# Our team's profile.\n[weights]\nlanguages = 1\noperations = 2 # we run nothing ourselves\n\n[team]\nlanguages = [\"go\"] # our services\n\n[policy]\nmin_score = 70\n";
    std::fs::write(dir.path().join("team.toml"), profile).unwrap();
    // Without --merge the profile is left alone.
    let out = super::support::run_in(
        dir.path(),
        &["weigh", "judgments.toml", "--output", "team.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("team.toml")).unwrap(),
        profile
    );
    let out = super::support::run_in(
        dir.path(),
        &[
            "weigh",
            "judgments.toml",
            "--output",
            "team.toml",
            "--merge",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = std::fs::read_to_string(dir.path().join("team.toml")).unwrap();
    for kept in [
        "# Our team's profile.",
        "operations = 2 # we run nothing ourselves",
        "languages = [\"go\"] # our services",
        "[policy]\nmin_score = 70",
    ] {
        assert!(merged.contains(kept), "{kept}: {merged}");
    }
    assert!(!merged.contains("languages = 1\n"), "{merged}");
    assert!(merged.contains("resilience = 0."), "{merged}");
    // It reads back as a profile with the derived weights.
    let out = super::support::run_in(
        dir.path(),
        &["evaluate", "--profile", "team.toml", "--top", "1"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Not TOML: an error, and the file is as it was.
    std::fs::write(dir.path().join("bad.toml"), "[weights\n").unwrap();
    let out = super::support::run_in(
        dir.path(),
        &["weigh", "judgments.toml", "--output", "bad.toml", "--merge"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot merge the weights"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bad.toml")).unwrap(),
        "[weights\n"
    );
}
