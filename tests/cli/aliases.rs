//! The names people type: every built-in platform answers to its aliases in any case,
//! suggestions prefer whole words, and `list` and shell completions show them.

use super::support::{run, run_in, stdout_ok};

#[test]
fn the_names_people_type_resolve_to_the_platform() {
    for (typed, id) in [
        ("gke", "google-kubernetes-engine"),
        ("GKE", "google-kubernetes-engine"),
        ("eks", "amazon-eks"),
        ("K8S", "kubernetes"),
        ("cloud-run", "google-cloud-run"),
        ("Google-Cloud-Run", "google-cloud-run"),
        ("aks", "azure-kubernetes-service"),
        ("ack", "alibaba-cloud-ack"),
        ("tke", "tencent-cloud-tke"),
        ("cce", "huawei-cloud-cce"),
        ("ecs", "aws-ecs-fargate"),
        ("fargate", "aws-ecs-fargate"),
        ("openshift", "red-hat-openshift"),
        ("nomad", "hashicorp-nomad"),
    ] {
        let out = run(&["check", typed, "--min-score", "0"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{typed}: {text}");
        assert!(text.contains(&format!("({id})")), "{typed}: {text}");
    }
    // The other commands take them too.
    let shown = String::from_utf8(stdout_ok(&["show", "k8s"])).unwrap();
    assert!(shown.starts_with("Kubernetes (kubernetes)"), "{shown}");
    assert!(shown.contains("also k8s, kube"), "{shown}");
    let compared = String::from_utf8(stdout_ok(&["compare", "gke", "EKS"])).unwrap();
    assert!(compared.contains("Amazon EKS"), "{compared}");
    let only = String::from_utf8(stdout_ok(&["evaluate", "--only", "gke,eks"])).unwrap();
    assert!(
        only.contains("Amazon EKS") && !only.contains("GKE Autopilot"),
        "{only}"
    );
    let explained = String::from_utf8(stdout_ok(&["explain", "aks"])).unwrap();
    assert!(explained.starts_with("Azure Kubernetes Service (AKS) (azure-kubernetes-service)"));
}

#[test]
fn suggestions_prefer_whole_words_and_aliases() {
    for (typed, help) in [
        // Every typed word is a word of one id: that one, not `cloud-foundry`.
        (
            "kubernetes-engine",
            "did you mean `google-kubernetes-engine`?",
        ),
        ("cloud-runn", "did you mean `cloud-run` (google-cloud-run)?"),
        ("openshfit", "did you mean `openshift` (red-hat-openshift)?"),
    ] {
        let out = run(&["check", typed]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(help), "{typed}: {err}");
    }
    let err = String::from_utf8_lossy(&run(&["check", "tencent"]).stderr).into_owned();
    assert!(
        err.contains("did you mean one of `tencent-cloud-tke`, `tencent-cloud-tke-serverless`?"),
        "{err}"
    );
}

#[test]
fn built_in_aliases_name_one_platform_each() {
    let doc: serde_json::Value =
        serde_json::from_slice(&stdout_ok(&["list", "--format", "json"])).unwrap();
    let platforms = doc["platforms"].as_array().unwrap();
    let ids: Vec<&str> = platforms
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for p in platforms {
        for alias in p["aliases"]
            .as_str()
            .unwrap()
            .split(", ")
            .filter(|a| !a.is_empty())
        {
            assert!(!ids.contains(&alias), "{alias} is an id");
            assert!(seen.insert(alias.to_owned()), "{alias} twice");
        }
    }
    assert!(seen.len() >= 30, "{seen:?}");
    // Shown by `list` and offered to shell completion.
    let list = String::from_utf8(stdout_ok(&["list", "--format", "markdown"])).unwrap();
    assert!(
        list.contains("| google-kubernetes-engine | gke |"),
        "{list}"
    );
    let bash = String::from_utf8(stdout_ok(&["completions", "bash"])).unwrap();
    for name in ["google-kubernetes-engine", "gke", "k8s"] {
        assert!(bash.contains(name), "{name}");
    }
}

#[test]
fn a_users_alias_that_names_another_platform_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ours.yaml"),
        "id: ours\naliases: [mine, GKE]\nname: Ours\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["validate", "ours.yaml", "--with-builtin"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[duplicate-alias]: the alias `gke` is already an alias of `google-kubernetes-engine`"),
        "{err}"
    );
    assert!(err.contains("ours.yaml:2:17"), "{err}");
    // Alone, it is its own: `check MINE` finds it.
    let out = run_in(
        dir.path(),
        &["check", "MINE", "-p", "ours.yaml", "--min-score", "0"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
