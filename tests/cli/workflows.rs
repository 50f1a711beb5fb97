//! The CI examples and the composite action: valid for GitHub's workflow and action schemas
//! (action-validator, installed by `scripts/install-test-tools.sh`), and pinned: no job compiles
//! an unpinned version, and each caches what it builds.

use std::path::Path;
use std::process::Command;

fn validator() -> Option<std::path::PathBuf> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/test-tools/node_modules/.bin/action-validator");
    if local.exists() {
        return Some(local);
    }
    Command::new("action-validator")
        .arg("--help")
        .output()
        .is_ok()
        .then(|| "action-validator".into())
}

#[test]
fn the_action_and_the_github_example_pass_the_workflow_linter() {
    let Some(bin) = validator() else {
        eprintln!(
            "SKIPPED: action-validator is not installed; run scripts/install-test-tools.sh (needs npm)"
        );
        return;
    };
    for file in ["action.yml", "examples/ci/github-actions.yml"] {
        let out = Command::new(&bin)
            .arg(file)
            .output()
            .expect("run action-validator");
        assert!(
            out.status.success(),
            "{file}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The linter does find mistakes: a composite step without its shell.
    let dir = tempfile::tempdir().unwrap();
    let broken = std::fs::read_to_string("action.yml")
        .unwrap()
        .replace("      shell: bash\n", "");
    let path = dir.path().join("action.yml");
    std::fs::write(&path, broken).unwrap();
    let out = Command::new(&bin).arg(&path).output().unwrap();
    assert!(!out.status.success(), "a step with no shell must fail");
}

#[test]
fn every_ci_example_pins_a_version_and_caches_what_it_builds() {
    for file in [
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
        "action.yml",
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        for line in text.lines().filter(|l| l.contains("cargo install")) {
            assert!(
                line.contains("--tag v") || line.contains("--path \"$GITHUB_ACTION_PATH\""),
                "{file}: an unpinned install: {line}"
            );
        }
        assert!(text.contains("cache"), "{file} caches the binary");
    }
    let gh = std::fs::read_to_string("examples/ci/github-actions.yml").unwrap();
    assert!(gh.contains("uses: OWNER/platform-eval@v0.1.0"), "{gh}");
    // The action's inputs are the ones the README documents.
    let action = std::fs::read_to_string("action.yml").unwrap();
    let readme = std::fs::read_to_string("README.md").unwrap();
    for input in ["platform", "profile", "format", "sarif", "junit", "args"] {
        assert!(action.contains(&format!("\n  {input}:\n")), "{input}");
        assert!(
            readme.contains(&format!("| `{input}` |")),
            "README documents `{input}`"
        );
    }
}
