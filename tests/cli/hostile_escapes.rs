//! Hostile input, round 2, escapes: terminal control sequences, Markdown and HTML markup, bidi
//! overrides and zero-width characters that arrive through URLs, waiver reasons, file names
//! and ids. None reaches any output as it is.

use std::path::Path;
use std::process::Output;

use super::support::run_in;

/// ESC, BEL, the bidi override and the zero-width joiner: none may be written as it is.
const RAW: [char; 4] = ['\u{1b}', '\u{7}', '\u{202e}', '\u{200d}'];

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_no_raw(out: &Output, what: &str) {
    let all = text(out);
    for c in RAW {
        assert!(!all.contains(c), "{what}: {c:?} written raw: {all:?}");
    }
}

/// A good descriptor (the test fixture Beta) with `extra` appended to its top level.
fn beta_with(dir: &Path, name: &str, replace: (&str, &str)) {
    let beta = std::fs::read_to_string("tests/fixtures/good/beta.yaml").unwrap();
    assert!(beta.contains(replace.0), "{}", replace.0);
    std::fs::write(dir.join(name), beta.replace(replace.0, replace.1)).unwrap();
}

/// Defects 6 and 7: control characters and markup in `source:` and `homepage:` URLs.
#[test]
fn a_url_with_control_characters_or_markup_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "homepage-escape.yaml",
            "homepage: https://beta.example.com",
            "homepage: \"https://beta.example.com/\\e]0;pwned\\a\"",
            5,
        ),
        (
            "source-markup.yaml",
            "runtimes: [python, node, ruby, java]",
            "runtimes: {supported: [python, node, ruby, java], note: four, source: \"https://x.example.com/a>) | <img src=x onerror=alert(1)> |\\n# Injected heading\\n<script>\"}",
            9,
        ),
        (
            "source-space.yaml",
            "runtimes: [python, node, ruby, java]",
            "runtimes: {supported: [python, node, ruby, java], note: four, source: \"https://x.example.com/a b\"}",
            9,
        ),
        (
            "source-bidi.yaml",
            "runtimes: [python, node, ruby, java]",
            "runtimes: {supported: [python, node, ruby, java], note: four, source: \"https://x.example.com/\u{202e}lmth.exe\"}",
            9,
        ),
    ];
    for (name, from, to, line) in cases {
        beta_with(dir.path(), name, (from, to));
        let out = run_in(dir.path(), &["validate", name]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("error[bad-url]"), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("{name}:{line}:")),
            "{name}: {stderr}"
        );
        assert_no_raw(&out, name);
        // Nothing is rendered from a descriptor that did not load.
        for args in [
            vec!["show", "beta", "-p", name],
            vec!["show", "beta", "-p", name, "--format", "markdown"],
            vec!["show", "beta", "-p", name, "--format", "csv"],
            vec!["evaluate", "-p", name, "--explain", "--format", "markdown"],
            vec!["evaluate", "-p", name, "--explain"],
        ] {
            let out = run_in(dir.path(), &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert!(out.stdout.is_empty(), "{args:?}");
            assert!(
                !String::from_utf8_lossy(&out.stdout).contains("<img"),
                "{args:?}"
            );
            assert_no_raw(&out, name);
        }
    }
}

/// Defect 8: a waiver `reason` with ESC and BEL.
#[test]
fn a_waiver_reason_is_written_without_its_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.toml"),
        "[policy]\nmin_score = 99\n\n[[policy.waive]]\nrequirement = \"languages\"\nreason = \"accepted \\u001b]0;pwned\\u0007 for now\\u202e\"\nexpires = 2099-01-01\n",
    )
    .unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    let good = good.to_str().unwrap();
    for format in ["text", "markdown", "github", "json", "junit", "sarif"] {
        let out = run_in(
            dir.path(),
            &[
                "check",
                "beta",
                "-p",
                good,
                "--profile",
                "p.toml",
                "--min",
                "languages=100",
                "--format",
                format,
            ],
        );
        assert_ne!(out.status.code(), Some(2), "{format}: {}", text(&out));
        assert_no_raw(&out, format);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("warning[control-characters]") && stderr.contains("p.toml:6:10"),
            "{format}: {stderr}"
        );
        // SARIF does not carry waiver reasons.
        assert!(
            format == "sarif" || String::from_utf8_lossy(&out.stdout).contains("0;pwned for now"),
            "{format}: the reason is kept, without its control characters: {}",
            text(&out)
        );
    }
}

/// A requirement Beta does not meet, so that `check` points at its claim.
const HEALTH: &str = "resilience.health_checks=native";

/// Defect 9: a descriptor file name with ESC and BEL (and a line break).
#[test]
fn a_file_name_is_written_with_its_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\u{1b}]0;pwned\u{7}\u{202e}\nx.yaml";
    beta_with(
        dir.path(),
        name,
        ("name: Beta PaaS", "id: evil\nname: Beta PaaS"),
    );
    let escaped = "evil\\u{1b}]0;pwned\\u{7}\\u{202e}\\u{a}x.yaml";
    for args in [
        vec!["show", "evil", "-p", name],
        vec!["show", "evil", "-p", name, "--format", "csv"],
        vec!["list", "-p", name, "--format", "csv"],
        vec!["list", "-p", name, "--format", "json"],
        vec!["check", "evil", "-p", name, "--require", HEALTH],
        vec![
            "check",
            "evil",
            "-p",
            name,
            "--require",
            HEALTH,
            "--format",
            "github",
        ],
        vec![
            "check",
            "evil",
            "-p",
            name,
            "--require",
            HEALTH,
            "--format",
            "sarif",
        ],
        vec!["validate", name, "--strict"],
    ] {
        let out = run_in(dir.path(), &args);
        assert_no_raw(&out, &format!("{args:?}"));
        let all = text(&out);
        // JSON doubles the backslashes; SARIF writes a URI, percent-encoded.
        assert!(
            all.contains(escaped)
                || all.contains(&escaped.replace('\\', "\\\\"))
                || (args.contains(&"sarif") && all.contains("evil/u%7B1b%7D%5D0%3Bpwned")),
            "{args:?} names the file, escaped: {all}"
        );
        if args.contains(&"github") {
            // One annotation per line: the name cannot start a workflow command of its own.
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                stdout
                    .lines()
                    .all(|l| l.starts_with("::") || !l.contains("pwned")),
                "{stdout}"
            );
        }
    }
}

/// Defect 10: a bidi override or zero-width joiner in an id is echoed escaped.
#[test]
fn an_id_with_format_characters_is_echoed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    for (name, id, shown) in [
        ("bidi.yaml", "ab\u{202e}cd", "ab\\u{202e}cd"),
        ("zwj.yaml", "ab\u{200d}cd", "ab\\u{200d}cd"),
    ] {
        beta_with(
            dir.path(),
            name,
            ("name: Beta PaaS", &format!("id: \"{id}\"\nname: Beta PaaS")),
        );
        let out = run_in(dir.path(), &["validate", name]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert_no_raw(&out, name);
        assert!(text(&out).contains(shown), "{}", text(&out));
        let out = run_in(dir.path(), &["show", id]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert_no_raw(&out, name);
        assert!(text(&out).contains(shown), "{}", text(&out));
    }
}
