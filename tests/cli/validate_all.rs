//! `validate` reports every problem of a run at once, each with help in the user's terms.

use super::support::{run, run_in, stdout_ok};

fn validate(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ours.yaml"), text).unwrap();
    let out = run_in(dir.path(), &["validate", "ours.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_repeated_key_and_an_unknown_base_hide_no_other_error() {
    let err = validate(
        "id: ours\nname: Ours\nname: Again\nextends: kubernets\nbogus: 1\nrequirements:\n  autoscaling: native\n",
    );
    for (code, place) in [
        ("duplicate-key", "ours.yaml:3:1"),
        ("unknown-key", "ours.yaml:5:1"),
        ("unknown-requirement", "ours.yaml:7:3"),
        ("unknown-base", "ours.yaml:4:10"),
    ] {
        assert!(err.contains(&format!("error[{code}]")), "{code}: {err}");
        assert!(err.contains(place), "{code} at {place}: {err}");
    }
    assert!(err.contains("did you mean `kubernetes`?"), "{err}");
    assert!(err.contains("error: 4 problems found"), "{err}");
}

#[test]
fn help_in_the_users_terms() {
    // A tab in the indentation.
    let err = validate("name: Ours\nrequirements:\n  resilience:\n\thealth_checks: native\n");
    assert!(err.contains("indent with spaces"), "{err}");
    // A criterion one level too high, in a descriptor and on the command line.
    let err = validate("name: Ours\nrequirements:\n  autoscaling: native\n");
    assert!(
        err.contains("`autoscaling` is a criterion of `resilience`: write it under `resilience:`"),
        "{err}"
    );
    let out = run(&["check", "gke", "--require", "autoscaling=native"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did you mean `resilience.autoscaling`?"),
        "{err}"
    );
    // A long list points at what an installed binary has, and it does list them all.
    let err = validate("name: Ours\nrequirements:\n  languages:\n    runtimes: [cobolx]\n");
    assert!(
        err.contains("(`platform-eval --help` lists them all)"),
        "{err}"
    );
    assert!(!err.contains("README"), "{err}");
    let help = String::from_utf8(stdout_ok(&["--help"])).unwrap();
    assert!(
        help.contains("Language ids") && help.contains("ocaml"),
        "{help}"
    );
}
