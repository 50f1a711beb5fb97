//! The README's examples, run against the binary so they cannot drift from it.
//!
//! - ```` ```console ```` blocks (`$ command`, then exactly what it prints, stderr included,
//!   and `? N` for an exit code other than 0) run through trycmd;
//!   `TRYCMD=overwrite cargo test --test cli readme` rewrites them from the binary's output.
//! - ```` ```sh ```` blocks are lists of commands a reader copies: each line runs in bash and
//!   must succeed (exit 0, or 1 for a `check` that fails its gate), never exit 2.
//! - ```` ```shell ```` blocks set a machine up (install, build, fuzz, benchmarks, the network
//!   link check) and are not run here.
//! - A ```` ```yaml ```` or ```` ```toml ```` block that starts with `# examples/FILE` must be that
//!   file or an excerpt of it, its lines in the file's order (trailing comments aside).
//!
//! Every block runs in a fresh folder holding a copy of `examples/`, with the binary on `PATH`,
//! as from the root of a fresh clone; nothing is written into the checkout.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const README: &str = include_str!("../../README.md");
const TODAY: &str = "2026-12-02";

struct Block<'a> {
    lang: &'a str,
    /// The README's line number of the block's first line.
    first_line: usize,
    lines: Vec<&'a str>,
}

/// The README's fenced blocks, with their language and the line they start on.
fn blocks() -> Vec<Block<'static>> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in README.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block {
                    lang: lang.trim(),
                    first_line: i + 2,
                    lines: Vec::new(),
                });
            }
            (Some(_), Some("")) => blocks.push(open.take().expect("an open block")),
            (Some(block), _) => block.lines.push(line),
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md ends inside a fenced block");
    blocks
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A fresh folder laid out as the root of a clone, as far as the examples read it.
fn sandbox(root: &Path) -> PathBuf {
    copy_dir(Path::new("examples"), &root.join("examples"));
    root.to_path_buf()
}

#[test]
fn every_block_has_a_known_language() {
    for block in blocks() {
        assert!(
            ["console", "sh", "shell", "text", "yaml", "toml", "json"].contains(&block.lang),
            "README.md:{}: a fenced block needs one of the known languages, found {:?}",
            block.first_line - 1,
            block.lang
        );
    }
}

#[test]
fn console_examples_print_what_the_readme_shows() {
    let commands = blocks()
        .iter()
        .filter(|b| b.lang == "console")
        .flat_map(|b| b.lines.iter().filter(|l| l.starts_with("$ ")))
        .count();
    assert!(commands >= 8, "only {commands} console examples found");

    let dir = tempfile::tempdir().expect("temporary folder");
    let copy = dir.path().join("README.md");
    fs::copy("README.md", &copy).expect("copy README.md");
    // trycmd runs a case `X.md` in the folder `X.in` beside it.
    sandbox(&dir.path().join("README.in"));
    trycmd::TestCases::new()
        .register_bin(
            "platform-eval",
            Path::new(env!("CARGO_BIN_EXE_platform-eval")),
        )
        .env("NO_COLOR", "1")
        .env("PLATFORM_EVAL_TODAY", TODAY)
        .case(&copy)
        .run();
    if std::env::var_os("TRYCMD").is_some_and(|v| v == "overwrite") {
        fs::copy(&copy, "README.md").expect("write README.md back");
    }
}

/// The README's `sh` commands, one logical line each (a trailing `\` continues it).
fn sh_commands(block: &Block) -> Vec<(usize, String)> {
    let mut commands = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, line) in block.lines.iter().enumerate() {
        let (start, mut text) = pending
            .take()
            .unwrap_or((block.first_line + i, String::new()));
        if let Some(head) = line.trim_end().strip_suffix('\\') {
            text.push_str(head);
            pending = Some((start, text));
        } else {
            text.push_str(line);
            if !text.trim().is_empty() && !text.trim_start().starts_with('#') {
                commands.push((start, text));
            }
        }
    }
    commands
}

#[test]
fn sh_examples_run_as_written() {
    let bin = Path::new(env!("CARGO_BIN_EXE_platform-eval"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().expect("bin folder").to_path_buf()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ),
    )
    .expect("PATH");

    let mut ran = 0;
    let mut failures = Vec::new();
    for block in blocks().iter().filter(|b| b.lang == "sh") {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = sandbox(dir.path());
        for (line, command) in sh_commands(block) {
            let words: Vec<&str> = command.split_whitespace().collect();
            assert!(
                words.first() == Some(&"platform-eval") || command.contains("| platform-eval "),
                "README.md:{line}: a `sh` block holds platform-eval examples only; \
                 put setup commands in a `shell` block: {command}"
            );
            let out = Command::new("bash")
                .args(["-c", &command])
                .current_dir(&root)
                .env("PATH", &path)
                .env("HOME", &root)
                .env("NO_COLOR", "1")
                .env("PLATFORM_EVAL_TODAY", TODAY)
                .stdin(std::process::Stdio::null())
                .output()
                .expect("run bash");
            ran += 1;
            let code = out.status.code();
            let gate = words.get(1) == Some(&"check");
            if !(code == Some(0) || (gate && code == Some(1))) {
                failures.push(format!(
                    "README.md:{line}: `{command}` exited {code:?}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(ran >= 25, "only {ran} sh examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Lines as compared with a file: trailing comments and blank lines aside.
fn content_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| {
            let code = l.find(" #").map_or(l, |at| &l[..at]);
            code.trim_end()
        })
        .filter(|l| !l.is_empty() && !l.trim_start().starts_with('#'))
        .collect()
}

#[test]
fn file_excerpts_match_their_files() {
    let mut checked = 0;
    for block in blocks()
        .iter()
        .filter(|b| ["yaml", "toml"].contains(&b.lang))
    {
        let Some(name) = block
            .lines
            .first()
            .and_then(|l| l.strip_prefix("# "))
            .and_then(|l| l.split_whitespace().next())
            .filter(|name| name.starts_with("examples/"))
        else {
            continue;
        };
        let file = fs::read_to_string(name)
            .unwrap_or_else(|e| panic!("README.md:{}: {name}: {e}", block.first_line));
        let file_lines = content_lines(&file);
        let mut rest = file_lines.iter();
        for wanted in content_lines(&block.lines.join("\n")) {
            assert!(
                rest.any(|l| *l == wanted),
                "README.md:{}: `{wanted}` is not in {name} (in this order)",
                block.first_line
            );
        }
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} excerpts found");
}
