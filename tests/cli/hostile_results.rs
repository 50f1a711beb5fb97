//! Hostile input, round 2: wrong results that were accepted with exit 0, outputs that ate
//! their inputs, and problems reported out of place or not with the rest of the run.

use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::support::{run, run_in};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn good() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/good")
        .display()
        .to_string()
}

/// Exit 2 with `code` at `place` (`file:line:col`, or a prefix of it).
fn refused_at(out: &Output, code: &str, place: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("error[{code}]")), "{code}: {err}");
    assert!(err.contains(place), "{place}: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Defect 11: weights of 1e308 overflowed into NaN scores, every platform ranked 1, exit 0.
#[test]
fn a_weight_too_large_to_sum_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("huge.toml"),
        "[weights]\nlanguages = 1e308\ncontainers = 1e308\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["evaluate", "--profile", "huge.toml"]);
    refused_at(&out, "bad-value", "huge.toml:2:13");
    let err = stderr(&out);
    assert!(
        err.contains("is 1e308, but must be in [0, 1000000]"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("criteria.toml"),
        "[criteria.resilience]\nhealth_checks = 1e308\nautoscaling = 1e308\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["evaluate", "--profile", "criteria.toml"]);
    refused_at(&out, "bad-value", "criteria.toml:2:17");

    let out = run(&["evaluate", "--weight", "languages=1e308"]);
    refused_at(&out, "bad-flag", "`--weight languages=1e308`");
}

/// Defect 12: a derived criterion in `[require]` excluded every platform, exit 0.
#[test]
fn requiring_a_derived_criterion_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.toml"),
        "[require]\n\"languages.language_coverage\" = \"native\"\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["evaluate", "--profile", "p.toml"]);
    refused_at(&out, "unknown-criterion", "p.toml:2:1");
    assert!(stderr(&out).contains("derived"), "{}", stderr(&out));
    let out = run(&[
        "check",
        "kubernetes",
        "--require",
        "languages.language_coverage=native",
    ]);
    refused_at(&out, "bad-flag", "languages.language_coverage");
}

/// Defect 13: any JSON with a `score` passed as a baseline.
#[test]
fn a_baseline_that_is_not_this_tools_json_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = std::fs::read_to_string("tests/fixtures/baselines/beta-before.json").unwrap();
    assert!(earlier.contains("\"schema_version\": 1"));
    let cases = [
        (
            "later.json",
            earlier.replace("\"schema_version\": 1", "\"schema_version\": 99"),
            "`schema_version` is 99",
        ),
        (
            "foreign.json",
            "{\"platform\": {\"id\": \"beta\", \"score\": -1e308}}\n".to_owned(),
            "not a platform-eval JSON report",
        ),
        (
            "edited.json",
            earlier.replacen("\"score\": ", "\"score\": -1e308, \"was\": ", 1),
            "no `score` between 0 and 100",
        ),
    ];
    for (name, text, says) in cases {
        std::fs::write(dir.path().join(name), text).unwrap();
        let out = run_in(
            dir.path(),
            &[
                "check",
                "beta",
                "-p",
                &good(),
                "--baseline",
                name,
                "--max-drop",
                "5",
            ],
        );
        refused_at(&out, "bad-baseline", name);
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("00000000000"),
            "no 300-digit number"
        );
    }
}

/// Defect 14: `--force` let a report replace one of the run's own inputs.
#[test]
fn an_output_is_never_one_of_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    let beta = std::fs::read_to_string("tests/fixtures/good/beta.yaml").unwrap();
    std::fs::write(d.join("base.yaml"), &beta).unwrap();
    std::fs::write(dir.path().join("p.toml"), "[policy]\nmin_score = 1\n").unwrap();
    for args in [
        vec![
            "evaluate",
            "d/base.yaml",
            "--output",
            "d/base.yaml",
            "--force",
        ],
        vec!["evaluate", "d", "--output", "d/base.yaml", "--force"],
        vec![
            "evaluate",
            "-p",
            "d",
            "--output",
            "./d/../d/base.yaml",
            "--force",
        ],
        vec![
            "check",
            "beta",
            "-p",
            "d",
            "--profile",
            "p.toml",
            "--output",
            "p.toml",
            "--force",
        ],
        vec![
            "show",
            "beta",
            "-p",
            "d/base.yaml",
            "--output",
            "d/base.yaml",
            "--force",
        ],
        vec![
            "compare",
            "beta",
            "beta",
            "-p",
            "d",
            "--output",
            "d/base.yaml",
            "--force",
        ],
    ] {
        let out = run_in(dir.path(), &args);
        refused_at(&out, "output-is-input", "is one of this run's inputs");
        assert_eq!(std::fs::read_to_string(d.join("base.yaml")).unwrap(), beta);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("p.toml")).unwrap(),
            "[policy]\nmin_score = 1\n"
        );
    }
    // A link to an input is the input.
    std::os::unix::fs::symlink("d/base.yaml", dir.path().join("link.yaml")).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "evaluate",
            "d/base.yaml",
            "--output",
            "link.yaml",
            "--force",
        ],
    );
    refused_at(&out, "output-is-input", "link.yaml");
    assert_eq!(std::fs::read_to_string(d.join("base.yaml")).unwrap(), beta);
}

/// Defect 15: two outputs naming one file wrote one, then failed.
#[test]
fn outputs_that_clash_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = good();
    let out = run_in(
        dir.path(),
        &[
            "check",
            "beta",
            "-p",
            &good,
            "--min-score",
            "1",
            "--output",
            "r.json",
            "--report",
            "json=r.json",
        ],
    );
    refused_at(&out, "output-clash", "`r.json` is named as two outputs");
    assert!(!dir.path().join("r.json").exists(), "nothing written");
    let out = run_in(
        dir.path(),
        &[
            "check",
            "beta",
            "-p",
            &good,
            "--min-score",
            "1",
            "--report",
            "junit=a.xml",
            "--report",
            "sarif=./a.xml",
        ],
    );
    refused_at(&out, "output-clash", "a.xml");
    assert!(!dir.path().join("a.xml").exists());
}

/// Defect 16: a FIFO given as `--output` became a regular file.
#[test]
fn a_fifo_output_is_written_as_a_stream() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // The reader writes to a file: a pipe back to this test would fill while it waits.
    let copy = dir.path().join("copy.json");
    let mut reader = Command::new("cat")
        .arg(&fifo)
        .stdout(Stdio::from(std::fs::File::create(&copy).unwrap()))
        .spawn()
        .unwrap();
    let out = run(&[
        "evaluate",
        "--format",
        "json",
        "--output",
        fifo.to_str().unwrap(),
        "--force",
    ]);
    let ok = out.status.success();
    if !ok {
        let _ = reader.kill();
    }
    assert!(ok, "{}", stderr(&out));
    let started = Instant::now();
    while reader.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the reader hangs"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&copy).unwrap()).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "still a FIFO"
    );
    // A character device takes a report as a stream too, without --force.
    let out = run(&["evaluate", "--format", "csv", "--output", "/dev/null"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Defect 17: a bad profile hid a bad baseline.
#[test]
fn a_bad_baseline_is_reported_with_the_other_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), "[weights]\nlanguages = \"x\"\n").unwrap();
    std::fs::write(dir.path().join("b.json"), "{ not json\n").unwrap();
    let out = run_in(
        dir.path(),
        &[
            "check",
            "beta",
            "-p",
            &good(),
            "--profile",
            "p.toml",
            "--baseline",
            "b.json",
            "--max-drop",
            "1",
        ],
    );
    refused_at(&out, "bad-baseline", "b.json:1:3");
    refused_at(&out, "wrong-type", "p.toml:2:13");
}

/// Defect 18: a profile that is not UTF-8 got `unreadable` with no position.
#[test]
fn every_input_that_is_not_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), b"[team]\nname = \"caf\xe9\"\n").unwrap();
    std::fs::write(dir.path().join("b.json"), b"{\"tool\": \"\xff\"}\n").unwrap();
    std::fs::write(dir.path().join("w.toml"), b"[pairwise]\n\xfe = 1\n").unwrap();
    let out = run_in(dir.path(), &["evaluate", "--profile", "p.toml"]);
    refused_at(&out, "not-utf8", "p.toml:2:12");
    let out = run_in(
        dir.path(),
        &[
            "check",
            "beta",
            "-p",
            &good(),
            "--min-score",
            "1",
            "--baseline",
            "b.json",
        ],
    );
    refused_at(&out, "not-utf8", "b.json:1:11");
    let out = run_in(dir.path(), &["weigh", "w.toml"]);
    refused_at(&out, "not-utf8", "w.toml:2:1");
}

/// Defect 19: "too inconsistent" named no file, after the weights went to standard output.
#[test]
fn inconsistent_judgments_name_their_file_and_print_no_weights() {
    let out = run(&["weigh", "tests/fixtures/weigh/inconsistent.toml"]);
    refused_at(
        &out,
        "inconsistent-judgments",
        "--> tests/fixtures/weigh/inconsistent.toml",
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Defect 20: problems placed in built-in files the user does not have.
#[test]
fn problems_with_the_built_in_catalog_are_placed_in_the_users_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.yaml"),
        "id: kubernetes\nname: Mine\nextends: kubernetes\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["validate", "mine.yaml", "--with-builtin"]);
    refused_at(&out, "duplicate-id", "mine.yaml:1:5");
    let err = stderr(&out);
    assert!(err.contains("and the built-in catalog"), "{err}");
    assert!(!err.contains("platforms/"), "{err}");

    // A variant's claim inherited from a built-in base: the user's `extends:` line.
    let variant =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/variants/our-cluster.yaml");
    let variant = variant.to_str().unwrap();
    let out = run(&[
        "check",
        "our-cluster",
        "-p",
        variant,
        "--require",
        "containers.image_build=native",
        "--format",
        "sarif",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let loc = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
    assert!(
        uri.ends_with("tests/fixtures/variants/our-cluster.yaml"),
        "{uri}"
    );
    assert_eq!(loc["region"]["startLine"], 5, "the `extends:` line");
    // Places in the built-in catalog are named without a path a user could look for.
    let out = run(&["show", "kubernetes"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("platforms/kubernetes.yaml"), "{text}");
    let out = run(&["show", "our-cluster", "-p", variant]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("inherited from kubernetes (<built-in>/kubernetes.yaml:"),
        "{text}"
    );
}

/// Defect 21: a weight of `-0.0` printed as `languages -0 %`.
#[test]
fn a_negative_zero_weight_is_a_zero() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), "[weights]\nlanguages = -0.0\n").unwrap();
    let out = run_in(
        dir.path(),
        &["evaluate", "--profile", "p.toml", "--format", "markdown"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("languages 0 %"), "{md}");
    assert!(!md.contains("-0 %"), "{md}");
    let out = run(&[
        "evaluate",
        "--weight",
        "languages=-0",
        "--format",
        "markdown",
    ]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("languages -0"));
}
