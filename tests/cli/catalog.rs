//! The built-in catalog: the platforms people choose between, every claim with its evidence.

use std::process::Command;
use std::sync::Arc;

use platform_eval::catalog::load;
use platform_eval::diag::{Diagnostics, SourceFile};
use platform_eval::requirements::{Level, REQUIREMENTS, Source};

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run platform-eval")
}

#[test]
fn list_shows_the_twenty_platforms() {
    let out = run(&["list", "--format", "json"]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = doc["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for id in [
        "kubernetes",
        "red-hat-openshift",
        "hashicorp-nomad",
        "docker-swarm",
        "docker-compose",
        "docker-nginx-vm",
        "aws-ecs-fargate",
        "aws-elastic-beanstalk",
        "aws-lambda",
        "google-cloud-run",
        "google-app-engine",
        "azure-container-apps",
        "azure-app-service",
        "heroku",
        "fly-io",
        "render",
        "dokku",
        "caprover",
        "knative-serving",
        "kamal",
    ] {
        assert!(ids.contains(&id), "{id} missing from the catalog");
    }
}

#[test]
fn the_catalog_passes_validate_strict() {
    // Uses the real date: a catalog not reviewed for a year fails here, on purpose.
    let out = run(&["validate", "--strict"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_builtin_claim_has_its_evidence() {
    let mut checked = 0;
    for (name, text) in load::builtin_files() {
        let file = Arc::new(SourceFile {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        });
        let mut diags = Diagnostics::default();
        let d = load::parse_source(&file, "x", true, &mut diags)
            .unwrap_or_else(|| panic!("{name}: {}", diags.render(false)));
        let rt = d.runtimes.as_ref().expect("runtimes stated");
        assert!(
            rt.source
                .as_deref()
                .is_some_and(|s| s.starts_with("https://")),
            "{name}: runtimes"
        );
        for (r, req) in REQUIREMENTS.iter().enumerate() {
            for (c, crit) in req.criteria.iter().enumerate() {
                if crit.source != Source::Level {
                    continue;
                }
                let claim = d.claim(r, c);
                let at = format!("{name}: {}.{} ({})", req.id, crit.id, claim.value);
                assert!(claim.span.is_some(), "{at}: not stated");
                if !matches!(claim.value, Level::None | Level::Unknown) {
                    assert!(
                        claim
                            .source
                            .as_deref()
                            .is_some_and(|s| s.starts_with("https://")),
                        "{at}: no https source"
                    );
                }
                if matches!(claim.value, Level::Partial | Level::None | Level::Unknown) {
                    assert!(
                        claim.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
                        "{at}: no note"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 20 * 22, "checked {checked} claims");
}

#[test]
fn the_catalog_page_is_generated_and_current() {
    let out = run(&["list", "--format", "markdown"]);
    assert!(out.status.success());
    let page = std::fs::read_to_string("platforms/README.md").unwrap();
    assert_eq!(
        page,
        String::from_utf8(out.stdout).unwrap(),
        "platforms/README.md is stale: run `cargo run -- list --format markdown > platforms/README.md`"
    );
}
