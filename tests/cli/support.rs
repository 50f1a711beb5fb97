//! Running the binary from the tests: plain output (no colour), from the package root.

use std::process::{Command, Output};

use serde_json::Value;

/// `platform-eval ARGS`, its output whatever the exit code.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run platform-eval")
}

/// `platform-eval ARGS` in `dir`.
pub fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run platform-eval")
}

/// Standard output of a run that must succeed.
pub fn stdout_ok(args: &[&str]) -> Vec<u8> {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The JSON a run that must succeed prints.
pub fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&stdout_ok(args)).expect("JSON")
}
