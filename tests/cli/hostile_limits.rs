//! Hostile input, round 2, bounds: long `extends:` chains and cycles, files with tens of
//! thousands of errors, inputs of any size. Each ends with an answer or located errors, in
//! bounded output, never a crash.

use std::fmt::Write as _;
use std::path::Path;

use super::support::{run, run_in};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `n` descriptors `p00000.yaml` … each extending the next; the last extends `last` (or
/// nothing).
fn write_chain(dir: &Path, n: usize, last: Option<&str>) {
    for i in 0..n {
        let base = if i + 1 < n {
            Some(format!("p{:05}", i + 1))
        } else {
            last.map(str::to_owned)
        };
        let extends = base.map_or_else(String::new, |b| format!("extends: {b}\n"));
        std::fs::write(
            dir.join(format!("p{i:05}.yaml")),
            format!("name: P{i}\n{extends}"),
        )
        .unwrap();
    }
}

/// Defect 1: 7,000 links overflowed the stack (exit 134).
#[test]
fn a_chain_of_ten_thousand_extends_files_loads() {
    let dir = tempfile::tempdir().unwrap();
    write_chain(dir.path(), 10_000, Some("kubernetes"));
    let out = run_in(dir.path(), &["list", "-p", ".", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = String::from_utf8_lossy(&out.stdout);
    assert_eq!(csv.lines().count(), 10_001, "a header and every platform");
}

/// Defect 2: a 5,000-file cycle wrote 276 MB of errors.
#[test]
fn a_long_extends_cycle_is_one_short_error() {
    let dir = tempfile::tempdir().unwrap();
    write_chain(dir.path(), 5_000, Some("p00000"));
    let out = run_in(dir.path(), &["validate", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.matches("error[extends-cycle]").count(), 1, "{err}");
    assert!(err.len() < 4_000, "{} bytes of errors", err.len());
    assert!(err.contains("… 4994 more …"), "{err}");
}

/// Defect 3: every one of 60,000 errors was rendered against the whole file.
#[test]
fn tens_of_thousands_of_errors_in_one_file_are_counted_past_the_first_ten() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..60_000).map(|i| format!("l{i:05}")).collect();
    std::fs::write(
        dir.path().join("big.yaml"),
        format!(
            "name: Big\nrequirements:\n  languages:\n    runtimes:\n      supported: [{}]\n",
            names.join(", ")
        ),
    )
    .unwrap();
    let out = run_in(dir.path(), &["validate", "big.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.matches("error[unknown-language]: unknown").count(), 10);
    assert!(
        err.contains("error[unknown-language]: and 59,990 more of the same in `big.yaml`"),
        "{err}"
    );
    assert!(err.contains("error: 60000 problems found"), "{err}");

    std::fs::write(
        dir.path().join("langs.toml"),
        format!(
            "[team]\nlanguages = [{}]\n",
            names[..20_000]
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
    .unwrap();
    let out = run_in(dir.path(), &["evaluate", "--profile", "langs.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("and 19,990 more of the same in `langs.toml`"),
        "{}",
        stderr(&out)
    );

    // 40,000 lines: 60,000 would pass the size limit of a pairwise file (1 MiB).
    let mut pairwise = String::new();
    for i in 0..40_000 {
        let _ = writeln!(pairwise, "\"a{i}/languages\" = 3");
    }
    std::fs::write(
        dir.path().join("pairwise.toml"),
        format!("[pairwise]\n{pairwise}"),
    )
    .unwrap();
    let out = run_in(dir.path(), &["weigh", "pairwise.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("and 39,990 more of the same in `pairwise.toml`"),
        "{err}"
    );
    assert!(err.len() < 20_000, "{} bytes of errors", err.len());
}

/// Defect 4: profiles, baselines and pairwise files were read whole, whatever their size.
#[test]
fn every_input_kind_has_a_size_limit() {
    for (args, what) in [
        (
            vec![
                "check",
                "beta",
                "-p",
                "tests/fixtures/good",
                "--min-score",
                "10",
                "--baseline",
                "/dev/zero",
            ],
            "baseline",
        ),
        (vec!["evaluate", "--profile", "/dev/zero"], "profile"),
        (vec!["weigh", "/dev/zero"], "pairwise file"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "error[file-too-large]: `/dev/zero` is larger than a {what} may be"
            )),
            "{args:?}: {err}"
        );
    }
    // A regular file over the limit is refused from its size, unread.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("baseline.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let out = run(&[
        "check",
        "beta",
        "-p",
        "tests/fixtures/good",
        "--min-score",
        "10",
        "--baseline",
        big.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("(104857600 bytes): the limit is 67108864 bytes"),
        "{}",
        stderr(&out)
    );
}
