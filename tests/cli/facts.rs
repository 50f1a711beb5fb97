//! Facts that decide (provider, api, lifecycle, regions, operations, idle cost, limits): read
//! from descriptors, inherited by variants, and written out by `show` and `evaluate`.

use super::support::run_in;

const DESCRIPTOR: &str = "id: ours\nname: Ours\nextends: kubernetes\nprovider: {value: alibaba, note: Alibaba Cloud runs our clusters., source: https://www.alibabacloud.com/help/en/ack}\nregions:\n  cn-mainland: {level: native, note: Beijing and Shanghai., source: https://www.alibabacloud.com/help/en/ack/regions}\noperations: managed-control-plane\nlimits: {vcpu: 16, persistent_disk: native, note: Per pod., source: https://www.alibabacloud.com/help/en/ack/limits}\n";

#[test]
fn facts_are_shown_and_written_to_json_with_their_evidence() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ours.yaml"), DESCRIPTOR).unwrap();
    let out = run_in(dir.path(), &["show", "ours", "-p", "ours.yaml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "  provider              alibaba",
        "  regions               cn-mainland native",
        "  operations            managed-control-plane",
        "  limits                16 vCPU · persistent disk native",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    let out = run_in(
        dir.path(),
        &["evaluate", "-p", "ours.yaml", "--format", "json"],
    );
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let facts = &doc["platforms"][0]["facts"];
    assert_eq!(facts["provider"]["value"], "alibaba");
    assert_eq!(
        facts["provider"]["source"],
        "https://www.alibabacloud.com/help/en/ack"
    );
    assert_eq!(facts["regions"]["cn-mainland"]["level"], "native");
    assert_eq!(facts["operations"]["value"], "managed-control-plane");
    assert_eq!(facts["limits"]["vcpu"], 16.0);
    assert_eq!(facts["limits"]["memory_gib"], serde_json::Value::Null);
    assert_eq!(
        facts["api"],
        serde_json::Value::Null,
        "not stated, not guessed"
    );
    let out = run_in(
        dir.path(),
        &["show", "ours", "-p", "ours.yaml", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["facts"]["provider"]["inherited_from"],
        serde_json::Value::Null
    );
}

#[test]
fn a_misspelt_fact_stops_the_run_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ours.yaml"),
        DESCRIPTOR.replace(
            "operations: managed-control-plane",
            "operations: managed-control",
        ),
    )
    .unwrap();
    let out = run_in(dir.path(), &["evaluate", "-p", "ours.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[bad-value]: `managed-control` is not a valid operations"),
        "{err}"
    );
    assert!(err.contains("ours.yaml:7:13"), "{err}");
    assert!(
        err.contains("did you mean `managed-control-plane`?"),
        "{err}"
    );
}
