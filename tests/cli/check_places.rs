//! Places the user controls: a failure on a built-in platform points at the profile line
//! that asked for it; a waived failure is a SARIF suppression; an unused waiver is a GitHub
//! annotation of its own.

use super::support::run_in;

fn workspace(profile: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("team.toml"), profile).unwrap();
    dir
}

const POLICY: &str = "# Our CI policy.\n[policy]\nmin = { observability = 99 }\nrequire = { \"automation.auto_rollback\" = \"native\" }\n";

#[test]
fn a_failure_on_a_built_in_platform_points_at_the_profile_line_that_asked() {
    let dir = workspace(POLICY);
    let out = run_in(dir.path(), &["check", "gke", "--profile", "team.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("--> team.toml:3:9"),
        "min/observability: {text}"
    );
    assert!(text.contains("--> team.toml:4:13"), "require/...: {text}");
    assert!(!text.contains("<built-in>"), "{text}");
    let out = run_in(
        dir.path(),
        &[
            "check",
            "gke",
            "--profile",
            "team.toml",
            "--format",
            "github",
        ],
    );
    let gh = String::from_utf8_lossy(&out.stdout);
    assert!(
        gh.contains("::error file=team.toml,line=3,col=9,title=platform-eval min/observability::"),
        "{gh}"
    );
    let out = run_in(
        dir.path(),
        &[
            "check",
            "gke",
            "--profile",
            "team.toml",
            "--format",
            "sarif",
        ],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris, ["team.toml", "team.toml"]);
}

#[test]
fn waived_results_are_sarif_suppressions_and_unused_waivers_are_annotations() {
    let dir = workspace(
        "[policy]\nmin = { observability = 99 }\n\n[[policy.waive]]\nrequirement = \"observability\"\nreason = \"tracing lands next quarter\"\nexpires = 2099-01-31\n\n[[policy.waive]]\ncriterion = \"resilience.multi_zone\"\nreason = \"nothing asserts this\"\nexpires = 2099-01-31\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "check",
            "gke",
            "--profile",
            "team.toml",
            "--format",
            "sarif",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "waived");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let waived: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "min/observability")
        .collect();
    assert_eq!(waived.len(), 1, "{results:?}");
    let s = &waived[0]["suppressions"][0];
    assert_eq!(s["kind"], "external");
    assert_eq!(
        s["justification"],
        "tracing lands next quarter (waived until 2099-01-31)"
    );
    let out = run_in(
        dir.path(),
        &[
            "check",
            "gke",
            "--profile",
            "team.toml",
            "--format",
            "github",
        ],
    );
    let gh = String::from_utf8_lossy(&out.stdout);
    assert!(
        gh.contains("::warning file=team.toml,line=9,col=1,title=platform-eval unused waiver::the waiver for resilience.multi_zone matches no assertion of this check"),
        "{gh}"
    );
}
