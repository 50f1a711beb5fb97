//! No input under `tests/` makes the binary panic: every fixture, as descriptor and as profile.

use std::path::{Path, PathBuf};
use std::process::Command;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_fixture_makes_the_binary_panic() {
    let mut all = Vec::new();
    files(Path::new("tests"), &mut all);
    all.sort();
    assert!(all.len() > 20, "fixtures are there");
    for path in &all {
        let p = path.to_str().unwrap();
        for args in [
            vec!["validate", p],
            vec!["evaluate", p, "--format", "json"],
            vec!["evaluate", "--profile", p],
        ] {
            let out = Command::new(env!("CARGO_BIN_EXE_platform-eval"))
                .args(&args)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
            let code = out.status.code();
            assert!(
                matches!(code, Some(0 | 2)),
                "{args:?} exited {code:?}: {stderr}"
            );
            if code == Some(2) {
                assert!(stderr.contains("error"), "{args:?}: an exit 2 says why");
            }
        }
    }
}
