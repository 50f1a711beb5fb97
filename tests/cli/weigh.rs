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
#[test]
fn on_a_terminal_each_pair_is_asked() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!(
            "skipped: tmux is not installed (apt-get install tmux); the prompts need a terminal"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w.json");
    let session = format!("pe-weigh-{}", std::process::id());
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
    // Each of the ten pairs: one step up from "equally" is "the first matters 2 times as much".
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
        tmux(&["send-keys", "-t", &session, "Up", "Enter"]);
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
    let doc = doc.expect("weigh wrote its answer");
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
    assert_eq!(doc["judgments"][0], "languages/containers = 2");
}
