//! How the tool meets editors, shells and validators: the JSON Schema (checked by an
//! independent validator), completions, the man page, and `init`.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_platform-eval"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run platform-eval")
}

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn committed_schemas_match_the_generated_ones() {
    for (args, file) in [
        (&["schema"][..], "schema/platform.schema.json"),
        (&["schema", "--profile"][..], "schema/profile.schema.json"),
    ] {
        let committed = std::fs::read_to_string(file).unwrap();
        assert_eq!(
            stdout(args),
            committed,
            "{file} drifted from the types: run `cargo run -- {} > {file}`",
            args.join(" ")
        );
    }
}

fn validator(file: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// A descriptor as the YAML language server sees it: plain JSON data.
fn yaml_as_json(path: &Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn an_independent_validator_accepts_every_builtin_descriptor() {
    let v = validator("schema/platform.schema.json");
    let mut checked = 0;
    for entry in std::fs::read_dir("platforms").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.starts_with(
                    "# yaml-language-server: $schema=../schema/platform.schema.json\n"
                ),
                "{}: editors find the schema from the first line",
                path.display()
            );
            let doc = yaml_as_json(&path);
            let errors: Vec<String> = v
                .iter_errors(&doc)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 20);
    // ... and the descriptor `init` writes, and the test fixtures the loader accepts.
    for path in [
        "tests/fixtures/good/alpha.yaml",
        "tests/fixtures/good/beta.yaml",
        "tests/fixtures/good/gamma.yml",
    ] {
        assert!(v.is_valid(&yaml_as_json(Path::new(path))), "{path}");
    }
}

#[test]
fn the_validator_rejects_what_the_loader_rejects_for_a_schema_reason() {
    let v = validator("schema/platform.schema.json");
    for name in [
        "unknown-key",
        "misspelt-criterion",
        "bad-level",
        "wrong-type",
        "several-mistakes",
    ] {
        let path = format!("tests/fixtures/bad/{name}.yaml");
        assert!(
            !v.is_valid(&yaml_as_json(Path::new(&path))),
            "{path} passes the schema"
        );
        let out = run(&["validate", &path]);
        assert_eq!(out.status.code(), Some(2), "{path} passes the loader");
    }
    // A hostile fixture refused for its shape, not its syntax.
    let formula = yaml_as_json(Path::new("tests/hostile/formula.yaml"));
    assert!(
        v.is_valid(&formula),
        "valid shape: the loader accepts it too"
    );
}

#[test]
fn the_profile_schema_accepts_presets_and_examples() {
    let v = validator("schema/profile.schema.json");
    for path in [
        "presets/balanced.toml",
        "presets/resilience-first.toml",
        "presets/small-team.toml",
        "examples/ci/platform-eval.toml",
        "tests/fixtures/profiles/team.toml",
        "tests/fixtures/profiles/waivers.toml",
    ] {
        let toml: toml::Value = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut doc = serde_json::to_value(&toml).unwrap();
        // TOML dates are strings in JSON.
        stringify_dates(&mut doc);
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
    let bad: toml::Value = toml::from_str(
        &std::fs::read_to_string("tests/fixtures/profiles/bad-values.toml").unwrap(),
    )
    .unwrap();
    assert!(!v.is_valid(&serde_json::to_value(&bad).unwrap()));
}

fn stringify_dates(v: &mut Value) {
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("$__toml_private_datetime") => {
            *v = m["$__toml_private_datetime"].clone();
        }
        Value::Object(m) => m.values_mut().for_each(stringify_dates),
        Value::Array(a) => a.iter_mut().for_each(stringify_dates),
        _ => {}
    }
}

#[test]
fn completions_load_in_bash_and_generate_for_every_shell() {
    let bin = env!("CARGO_BIN_EXE_platform-eval");
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source <('{bin}' completions bash) && complete -p platform-eval"
        ))
        .output()
        .expect("bash is on every machine this builds on");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("platform-eval"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        assert!(
            stdout(&["completions", shell]).contains("evaluate"),
            "{shell}"
        );
    }
}

#[test]
fn the_man_page_renders() {
    let page = stdout(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH platform-eval"),
        "roff"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("platform-eval.1");
    std::fs::write(&file, &page).unwrap();
    let Ok(out) = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
    else {
        eprintln!(
            "skipped: `man` is not installed (apt-get install man-db); the roff was generated"
        );
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("NAME") && text.contains("evaluate"), "{text}");
}

#[test]
fn init_writes_valid_templates_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let in_dir = |args: &[&str]| super::support::run_in(dir.path(), args);
    assert!(in_dir(&["init", "platform", "my-paas"]).status.success());
    assert!(in_dir(&["init", "profile"]).status.success());
    // The templates pass validation, and the profile is read by default. Strict asks for
    // the facts that decide, which the template lists commented out: only those are missing.
    let out = in_dir(&["validate", "my-paas.yaml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = in_dir(&["validate", "--strict", "my-paas.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let codes: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error["))
        .filter_map(|l| l.split(']').next())
        .collect();
    assert_eq!(codes, ["unset-fact"], "{stderr}");
    let out = in_dir(&["evaluate", "my-paas.yaml", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["profile"]["name"], "platform-eval.toml");
    // A second init refuses, and leaves the (edited) file as it is.
    std::fs::write(dir.path().join("my-paas.yaml"), "name: edited\n").unwrap();
    for args in [
        &["init", "platform", "my-paas"][..],
        &["init", "profile"][..],
    ] {
        let out = in_dir(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("my-paas.yaml")).unwrap(),
        "name: edited\n"
    );
    assert!(
        in_dir(&["init", "platform", "my-paas", "--force"])
            .status
            .success()
    );
    assert!(in_dir(&["init", "platform", "Not An Id"]).status.code() == Some(2));
}

#[test]
fn init_extends_lists_the_bases_levels_and_loads_as_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let in_dir = |args: &[&str]| super::support::run_in(dir.path(), args);
    let out = in_dir(&["init", "platform", "our-cluster", "--extends", "kubernetes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("our-cluster.yaml")).unwrap();
    assert!(text.contains("\nextends: kubernetes\n"), "{text}");
    // Every criterion of the base is listed, commented, with the base's level.
    let base = in_dir(&["show", "kubernetes", "--format", "json"]);
    let base: Value = serde_json::from_slice(&base.stdout).unwrap();
    for (_, criteria) in base["requirements"].as_object().unwrap() {
        for (id, c) in criteria.as_object().unwrap() {
            let line = format!(
                "    # {id}: {}  # in kubernetes",
                c["level"].as_str().unwrap()
            );
            assert!(text.contains(&line), "{line} missing from:\n{text}");
        }
    }
    // As written, it states nothing of its own: it scores exactly as its base.
    let out = in_dir(&["validate", "--strict", "our-cluster.yaml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scores = in_dir(&[
        "evaluate",
        "our-cluster.yaml",
        "--with-builtin",
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_slice(&scores.stdout).unwrap();
    let score = |id: &str| {
        doc["platforms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["score"].as_f64().unwrap())
    };
    assert_eq!(score("our-cluster"), score("kubernetes"));
    // An unknown base is refused with a suggestion, and no file is written.
    let out = in_dir(&["init", "platform", "x", "--extends", "kubernets"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `kubernetes`?"));
    assert!(!dir.path().join("x.yaml").exists());
}
