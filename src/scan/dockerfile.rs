//! Dockerfiles: the stages, the final one's base image and HEALTHCHECK.
//!
//! Read by hand, as BuildKit's parser reads them: parser directives (`# syntax=`, `# escape=`)
//! at the top, comments, line continuations (the escape character at the end of a line;
//! comment and empty lines inside a continuation skipped), heredocs (`RUN <<EOF ... EOF`, their
//! bodies skipped) and case-insensitive instruction names, each instruction and argument with
//! its line and column. No crate: `dockerfile-parser` (0.9) brings a pest grammar and gives
//! byte offsets only; `dockerfile-parser-rs` (3.4) depends on clap and regex, keeps no
//! positions and knows only the `<<EOF` heredoc. What `scan` needs is a few hundred lines.
//!
//! Each `FROM` starts a stage and only the last one runs (or the stages it builds on with
//! `FROM <stage>`). An unknown instruction is an error, as it is to Docker.

use std::collections::HashMap;

use super::images::Image;
use super::model::{Deployment, Finding, Place, Use};
use super::signals;
use super::{Context, Input};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};

/// Every Dockerfile instruction, as Docker's parser knows them.
const INSTRUCTIONS: [&str; 18] = [
    "FROM",
    "RUN",
    "COPY",
    "ADD",
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "ARG",
    "EXPOSE",
    "WORKDIR",
    "USER",
    "HEALTHCHECK",
    "LABEL",
    "VOLUME",
    "SHELL",
    "STOPSIGNAL",
    "ONBUILD",
    "MAINTAINER",
];

// The readers share one signature, called by `scan::read_all`.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub fn read(input: &Input, ctx: &Context, out: &mut Deployment, diags: &mut Diagnostics) {
    let file = &input.file;
    let instructions = match parse(&file.text) {
        Ok(instructions) => instructions,
        Err(e) => {
            diags.push(
                Diagnostic::error("dockerfile-syntax", e.message)
                    .at(file, file.span(e.start, e.end))
                    .with_help(e.help),
            );
            return;
        }
    };
    let place = |line: u32, column: u32| Place {
        file: std::sync::Arc::clone(&input.shown),
        line,
        column,
        template: None,
    };
    let stages = stages(&instructions);
    let Some(last) = stages.last() else {
        return;
    };
    let count = stages.len();
    let base = last.base.as_ref().map_or("", |b| b.text.as_str());
    let from = last.from;
    // The final stage and the stages it builds on, nearest first.
    let mut chain = vec![count - 1];
    let mut in_chain = vec![false; count];
    in_chain[count - 1] = true;
    while let Some(p) = stages[chain[chain.len() - 1]].parent {
        chain.push(p);
        in_chain[p] = true;
    }
    let subject = last
        .name
        .as_deref()
        .map_or_else(|| "final stage".to_owned(), |n| format!("stage {n}"));
    let builds = if count == 1 {
        format!("builds an image from `{base}`, in one stage")
    } else {
        format!("builds an image from `{base}`; {count} stages, the last runs")
    };
    out.findings.push(Finding::new(
        &signals::DOCKERFILE_BUILD,
        Use::Used,
        &subject,
        builds,
        place(from.line, from.col),
    ));
    if let Some(b) = &last.base
        && chain.len() == 1
        && !b.text.contains('$')
        && !b.text.eq_ignore_ascii_case("scratch")
    {
        let image = Image::parse(&b.text);
        let at = place(b.line, b.col);
        let finding = match image.tag_problem() {
            Some(problem) => Finding::new(
                &signals::DOCKERFILE_BASE_TAG,
                Use::Partial,
                &subject,
                format!(
                    "the base image `{}` {problem}: a rebuild may start from another image than the one tested",
                    b.text
                ),
                at,
            )
            .fix(format!(
                "pin the base image to a version (`{}:<version>`), or a digest",
                b.text.strip_suffix(":latest").unwrap_or(&b.text)
            )),
            None => Finding::new(
                &signals::DOCKERFILE_BASE_TAG,
                Use::Used,
                &subject,
                match (image.digest, image.tag) {
                    (Some(_), _) => format!("the base image `{}` is pinned to a digest", b.text),
                    (None, tag) => format!(
                        "the base image `{}` is pinned to tag `{}`",
                        b.text,
                        tag.unwrap_or_default()
                    ),
                },
                at,
            ),
        };
        out.findings.push(finding);
    }
    let check = chain
        .iter()
        .find_map(|&i| stages[i].healthchecks.last().map(|h| (i, *h)));
    match check {
        Some((stage, h)) => {
            let at = place(h.line, h.col);
            let command = health_command(h);
            let finding = if ctx.kubernetes {
                Finding::new(
                    &signals::DOCKERFILE_HEALTHCHECK,
                    Use::Unused,
                    &subject,
                    "Kubernetes ignores HEALTHCHECK: the kubelet runs the pod's probes",
                    at,
                )
                .fix("declare readinessProbe/livenessProbe in the manifest")
                .caveat()
            } else if command.is_none() {
                Finding::new(
                    &signals::DOCKERFILE_HEALTHCHECK,
                    Use::Unused,
                    &subject,
                    "`HEALTHCHECK NONE` turns off the base image's health check: nothing calls the container unhealthy",
                    at,
                )
                .fix("replace `HEALTHCHECK NONE` with `HEALTHCHECK CMD ...` that calls the service")
            } else {
                let whose = if stage == count - 1 {
                    "the final stage".to_owned()
                } else {
                    format!(
                        "stage `{}`, which the final stage builds on,",
                        stages[stage].label()
                    )
                };
                Finding::new(
                    &signals::DOCKERFILE_HEALTHCHECK,
                    Use::Used,
                    &subject,
                    format!(
                        "{whose} declares a HEALTHCHECK (`{}`), which Docker and Compose run",
                        command.unwrap_or_default()
                    ),
                    at,
                )
            };
            out.findings.push(finding);
        }
        None if ctx.script && !ctx.compose && !ctx.kubernetes => {
            out.findings.push(
                Finding::new(
                    &signals::DOCKERFILE_HEALTHCHECK,
                    Use::Unused,
                    &subject,
                    "no HEALTHCHECK: `docker run` has nothing to call the container unhealthy",
                    place(from.line, from.col),
                )
                .fix("add `HEALTHCHECK CMD ...` that calls the service to the final stage, or `--health-cmd` to `docker run`"),
            );
        }
        None => {}
    }
    for (i, stage) in stages.iter().enumerate() {
        if in_chain[i] {
            continue;
        }
        for h in &stage.healthchecks {
            out.findings.push(
                Finding::new(
                    &signals::DOCKERFILE_HEALTHCHECK,
                    Use::Unused,
                    format!("stage {}", stage.label()),
                    format!(
                        "HEALTHCHECK in stage `{}`, which does not run: only the last stage's image runs",
                        stage.label()
                    ),
                    place(h.line, h.col),
                )
                .fix("move the HEALTHCHECK to the final stage")
                .caveat(),
            );
        }
    }
}

/// Whether a text is a Dockerfile: its first instruction is `FROM` (after `ARG`s), written as
/// `FROM [--flag=...] image [AS name]`: `from flask import Flask` is Python.
pub fn looks_like(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let keyword = words.next().unwrap_or_default();
        if keyword.eq_ignore_ascii_case("ARG") {
            let names = words.all(|w| {
                let name = w.split('=').next().unwrap_or_default();
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            if names {
                continue;
            }
            return false;
        }
        if !keyword.eq_ignore_ascii_case("FROM") {
            return false;
        }
        let rest: Vec<&str> = words.filter(|w| !w.starts_with("--")).collect();
        let image = |w: &str| {
            w.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._/:@${}-".contains(c))
        };
        return match rest.as_slice() {
            [i] => image(i),
            [i, r#as, name] => r#as.eq_ignore_ascii_case("as") && image(i) && image(name),
            _ => false,
        };
    }
    false
}

/// One instruction: its name, where it is, and its arguments with the continuations joined.
#[derive(Debug)]
struct Instruction {
    /// Upper case.
    keyword: String,
    line: u32,
    col: u32,
    /// Byte offset of the keyword in the file.
    start: usize,
    args: String,
    /// Where each physical line's part of `args` starts in the file.
    pieces: Vec<Piece>,
}

#[derive(Debug)]
struct Piece {
    at: usize,
    line: u32,
    col: u32,
}

/// A word of an instruction's arguments, with its place.
#[derive(Debug)]
struct Word {
    text: String,
    line: u32,
    col: u32,
}

impl Instruction {
    /// The words of the arguments (split at white space), each with its line and column.
    fn words(&self) -> Vec<Word> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in self.args.char_indices().chain([(self.args.len(), ' ')]) {
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    let (line, col) = self.place_of(s);
                    words.push(Word {
                        text: self.args[s..i].to_owned(),
                        line,
                        col,
                    });
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        words
    }

    /// The line and column of byte `offset` of the arguments.
    fn place_of(&self, offset: usize) -> (u32, u32) {
        let i = self
            .pieces
            .partition_point(|p| p.at <= offset)
            .saturating_sub(1);
        let Some(piece) = self.pieces.get(i) else {
            return (self.line, self.col);
        };
        let chars = self.args[piece.at..offset].chars().count();
        (
            piece.line,
            piece
                .col
                .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX)),
        )
    }
}

/// What Docker would refuse, at a byte range of the file.
struct SyntaxError {
    message: String,
    help: String,
    start: usize,
    end: usize,
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The instructions of a Dockerfile, or the first thing Docker would refuse.
fn parse(text: &str) -> Result<Vec<Instruction>, SyntaxError> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.strip_suffix('\n').unwrap_or(line);
        lines.push((at, bare.strip_suffix('\r').unwrap_or(bare)));
        at += line.len();
    }
    let mut escape = '\\';
    let mut i = 0;
    // Parser directives: `# name=value` lines before anything else.
    while let Some(&(start, line)) = lines.get(i) {
        let Some((name, value)) = directive(line) else {
            break;
        };
        if name == "escape" {
            escape = match value {
                "\\" => '\\',
                "`" => '`',
                _ => {
                    return Err(SyntaxError {
                        message: format!("`{value}` is not an escape character Docker knows"),
                        help:
                            "write `# escape=\\` (the default) or `# escape=`` (for Windows paths)"
                                .into(),
                        start,
                        end: start + line.len(),
                    });
                }
            };
        }
        i += 1;
    }
    let mut out: Vec<Instruction> = Vec::new();
    while let Some(&(start, line)) = lines.get(i) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            i += 1;
            continue;
        }
        let lead = line.len() - trimmed.len();
        let len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let keyword = &trimmed[..len];
        let col = small(line[..lead].chars().count() + 1);
        let upper = keyword.to_ascii_uppercase();
        if !INSTRUCTIONS.contains(&upper.as_str()) {
            let help = match did_you_mean(&upper, INSTRUCTIONS) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("Dockerfile instructions are {}", INSTRUCTIONS.join(", ")),
            };
            return Err(SyntaxError {
                message: format!("unknown instruction `{keyword}`"),
                help,
                start: start + lead,
                end: start + lead + len,
            });
        }
        let mut instruction = Instruction {
            keyword: upper,
            line: small(i + 1),
            col,
            start: start + lead,
            args: String::new(),
            pieces: Vec::new(),
        };
        let first = lead + len;
        let mut piece = &line[first..];
        let mut piece_line = i + 1;
        let mut piece_col = col.saturating_add(small(keyword.chars().count()));
        loop {
            let kept = piece.trim_end_matches([' ', '\t']);
            let continued = kept.ends_with(escape);
            instruction.pieces.push(Piece {
                at: instruction.args.len(),
                line: small(piece_line),
                col: piece_col,
            });
            if continued {
                instruction
                    .args
                    .push_str(&kept[..kept.len() - escape.len_utf8()]);
            } else {
                instruction.args.push_str(piece);
                break;
            }
            // The next line that is not a comment or empty continues the instruction.
            i += 1;
            while lines.get(i).is_some_and(|(_, l)| {
                let t = l.trim_start();
                t.is_empty() || t.starts_with('#')
            }) {
                i += 1;
            }
            let Some(&(_, next)) = lines.get(i) else {
                break;
            };
            piece = next;
            piece_line = i + 1;
            piece_col = 1;
        }
        i += 1;
        if matches!(instruction.keyword.as_str(), "RUN" | "COPY" | "ADD") {
            for (delimiter, tabs) in heredocs(&instruction.args) {
                loop {
                    let Some(&(_, body)) = lines.get(i) else {
                        return Err(SyntaxError {
                            message: format!(
                                "the heredoc `{delimiter}` of this {} is never closed",
                                instruction.keyword
                            ),
                            help: format!("end it with a line that is `{delimiter}` alone"),
                            start: start + lead,
                            end: start + lead + len,
                        });
                    };
                    i += 1;
                    let body = if tabs {
                        body.trim_start_matches('\t')
                    } else {
                        body
                    };
                    if body == delimiter {
                        break;
                    }
                }
            }
        }
        out.push(instruction);
    }
    match out.iter().find(|i| i.keyword != "ARG") {
        Some(i) if i.keyword == "FROM" => Ok(out),
        Some(i) => Err(SyntaxError {
            message: format!("`{}` comes before the first FROM", i.keyword),
            help: "a Dockerfile starts with FROM (after ARG lines and comments)".into(),
            start: i.start,
            end: i.start + i.keyword.len(),
        }),
        None => Err(SyntaxError {
            message: "the Dockerfile has no FROM instruction".into(),
            help: "a Dockerfile starts with FROM (after ARG lines and comments)".into(),
            start: 0,
            end: 0,
        }),
    }
}

/// A parser directive line: `# syntax=docker/dockerfile:1`, `# escape=``.
fn directive(line: &str) -> Option<(String, &str)> {
    let rest = line.trim().strip_prefix('#')?;
    let (name, value) = rest.split_once('=')?;
    let name = name.trim().to_ascii_lowercase();
    matches!(name.as_str(), "syntax" | "escape" | "check").then(|| (name, value.trim()))
}

/// The heredocs an instruction opens, in order: the delimiter, and whether leading tabs are
/// stripped (`<<-`).
fn heredocs(args: &str) -> Vec<(String, bool)> {
    if args.trim_start().starts_with('[') {
        return Vec::new();
    }
    args.split_whitespace()
        .filter_map(|word| {
            let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
            let rest = rest.strip_prefix("<<")?;
            if rest.starts_with('<') {
                return None;
            }
            let (rest, tabs) = match rest.strip_prefix('-') {
                Some(r) => (r, true),
                None => (rest, false),
            };
            let delimiter = rest.trim_matches(['"', '\'']);
            let delimiter: String = delimiter
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == '.')
                .collect();
            (!delimiter.is_empty()).then_some((delimiter, tabs))
        })
        .collect()
}

/// A stage: its FROM, base image (as written, with its place), name and HEALTHCHECKs.
struct Stage<'a> {
    from: &'a Instruction,
    index: usize,
    base: Option<Word>,
    /// Lower case: stage names are not case-sensitive.
    name: Option<String>,
    /// The earlier stage it builds on (`FROM build`).
    parent: Option<usize>,
    healthchecks: Vec<&'a Instruction>,
}

impl Stage<'_> {
    /// The stage's name, or its number (`docker build --target` takes either).
    fn label(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.index.to_string())
    }
}

fn stages(instructions: &[Instruction]) -> Vec<Stage<'_>> {
    let mut stages: Vec<Stage> = Vec::new();
    let mut named: HashMap<String, usize> = HashMap::new();
    for i in instructions {
        match i.keyword.as_str() {
            "FROM" => {
                let mut words = i.words().into_iter().filter(|w| !w.text.starts_with("--"));
                let base = words.next();
                let name = match (words.next(), words.next()) {
                    (Some(a), Some(n)) if a.text.eq_ignore_ascii_case("as") => {
                        Some(n.text.to_ascii_lowercase())
                    }
                    _ => None,
                };
                let parent = base
                    .as_ref()
                    .and_then(|b| named.get(&b.text.to_ascii_lowercase()).copied());
                let index = stages.len();
                if let Some(n) = &name {
                    named.insert(n.clone(), index);
                }
                stages.push(Stage {
                    from: i,
                    index,
                    base,
                    name,
                    parent,
                    healthchecks: Vec::new(),
                });
            }
            "HEALTHCHECK" => {
                if let Some(stage) = stages.last_mut() {
                    stage.healthchecks.push(i);
                }
            }
            _ => {}
        }
    }
    stages
}

/// The command of a HEALTHCHECK (shortened), or `None` for `HEALTHCHECK NONE`.
fn health_command(h: &Instruction) -> Option<String> {
    let words = h.words();
    let mut rest = words.iter().skip_while(|w| w.text.starts_with("--"));
    let first = rest.next()?;
    if first.text.eq_ignore_ascii_case("NONE") {
        return None;
    }
    let command: Vec<&str> = rest.map(|w| w.text.as_str()).collect();
    let command = command.join(" ");
    Some(if command.chars().count() > 60 {
        let cut: String = command.chars().take(57).collect();
        format!("{cut}...")
    } else {
        command
    })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::scan::scan;

    fn run(texts: &[(&str, &str)]) -> (Deployment, Diagnostics) {
        crate::scan::testing::texts(texts)
    }

    /// (signal, state, counts, `line:column`) of this reader's findings.
    fn seen(d: &Deployment) -> Vec<(&'static str, Use, bool, String)> {
        crate::scan::testing::seen(d, "dockerfile-")
    }

    fn one<'a>(d: &'a Deployment, signal: &str) -> &'a Finding {
        crate::scan::testing::one(d, signal, "")
    }

    #[test]
    fn looks_like_a_dockerfile_and_not_like_python() {
        assert!(looks_like(
            "# syntax=docker/dockerfile:1\n\nFROM python:3.12\n"
        ));
        assert!(looks_like(
            "ARG BASE=python:3.12\nARG X\nfrom ${BASE} as build\nRUN x\n"
        ));
        assert!(looks_like(
            "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
        ));
        assert!(!looks_like(
            "from flask import Flask\napp = Flask(__name__)\n"
        ));
        assert!(!looks_like("from . import views\n"));
        assert!(!looks_like("#!/bin/sh\ndocker run -d app\n"));
        assert!(!looks_like("services:\n  web:\n    image: nginx\n"));
        assert!(!looks_like("RUN echo\nFROM x\n"));
        assert!(!looks_like(""));
    }

    #[test]
    fn dockerfile_build_names_the_base_and_the_stages() {
        let (d, diags) = run(&[(
            "Dockerfile",
            "FROM golang:1.22 AS build\nRUN go build\n\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /out /\n",
        )]);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        let f = one(&d, "dockerfile-build");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Used, 4, 1));
        assert_eq!(
            f.message,
            "builds an image from `gcr.io/distroless/static:nonroot`; 2 stages, the last runs"
        );
        let f = one(&d, "dockerfile-base-tag");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Used, 4, 6));
    }

    #[test]
    fn dockerfile_base_tag_latest_or_none_is_partial() {
        let (d, _) = run(&[(
            "Dockerfile",
            "# syntax=docker/dockerfile:1\n  from   node:latest\n",
        )]);
        let f = one(&d, "dockerfile-base-tag");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Partial, 2, 10));
        assert_eq!(
            f.message,
            "the base image `node:latest` is tagged `latest`: a rebuild may start from another image than the one tested"
        );
        assert_eq!(
            f.fix.as_deref(),
            Some("pin the base image to a version (`node:<version>`), or a digest")
        );
        let (d, _) = run(&[("Dockerfile", "FROM --platform=linux/amd64 python\n")]);
        let f = one(&d, "dockerfile-base-tag");
        assert_eq!((f.state, f.at.line, f.at.column), (Use::Partial, 1, 29));
        assert!(
            f.message.contains("has no tag, so it is `latest`"),
            "{}",
            f.message
        );
    }

    #[test]
    fn dockerfile_base_tag_skips_stages_and_variables() {
        let (d, _) = run(&[(
            "Dockerfile",
            "ARG BASE=python\nFROM ${BASE} AS base\nFROM base AS final\n",
        )]);
        assert_eq!(
            seen(&d),
            [("dockerfile-build", Use::Used, true, "3:1".into())]
        );
    }

    #[test]
    fn dockerfile_healthcheck_in_the_final_stage_is_used() {
        let (d, _) = run(&[(
            "Dockerfile",
            "FROM python:3.12\nHEALTHCHECK --interval=10s \\\n  CMD curl -f http://localhost:5000/ || exit 1\n",
        )]);
        let f = one(&d, "dockerfile-healthcheck");
        assert_eq!(
            (f.state, f.counts, f.at.line, f.at.column),
            (Use::Used, true, 2, 1)
        );
        assert_eq!(
            f.message,
            "the final stage declares a HEALTHCHECK (`curl -f http://localhost:5000/ || exit 1`), which Docker and Compose run"
        );
    }

    #[test]
    fn dockerfile_healthcheck_under_kubernetes_is_a_caveat() {
        let (d, _) = run(&[
            ("Dockerfile", "FROM python:3.12\nHEALTHCHECK CMD true\n"),
            (
                "deploy.yaml",
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - port: 80\n",
            ),
        ]);
        let f = one(&d, "dockerfile-healthcheck");
        assert_eq!(
            (f.state, f.counts, f.at.line, f.at.column),
            (Use::Unused, false, 2, 1)
        );
        assert_eq!(
            f.message,
            "Kubernetes ignores HEALTHCHECK: the kubelet runs the pod's probes"
        );
        assert_eq!(
            f.fix.as_deref(),
            Some("declare readinessProbe/livenessProbe in the manifest")
        );
    }

    #[test]
    fn dockerfile_healthcheck_none_is_unused() {
        let (d, _) = run(&[("Dockerfile", "FROM nginx:1.27\nhealthcheck none\n")]);
        let f = one(&d, "dockerfile-healthcheck");
        assert_eq!(
            (f.state, f.counts, f.at.line, f.at.column),
            (Use::Unused, true, 2, 1)
        );
    }

    #[test]
    fn dockerfile_healthcheck_missing_matters_only_for_docker_run() {
        let text = "FROM python:3.12\nCMD [\"app\"]\n";
        let (d, _) = run(&[
            ("Dockerfile", text),
            ("run.sh", "docker run -d --restart always app\n"),
        ]);
        let f = one(&d, "dockerfile-healthcheck");
        assert_eq!(
            (f.state, f.counts, f.at.line, f.at.column),
            (Use::Unused, true, 1, 1)
        );
        assert_eq!(
            f.message,
            "no HEALTHCHECK: `docker run` has nothing to call the container unhealthy"
        );
        assert!(f.fix.is_some());
        let (d, _) = run(&[("Dockerfile", text)]);
        assert!(
            d.findings
                .iter()
                .all(|f| f.signal != "dockerfile-healthcheck")
        );
        let (d, _) = run(&[
            ("Dockerfile", text),
            ("run.sh", "docker run -d app\n"),
            ("compose.yaml", "services:\n  app:\n    build: .\n"),
        ]);
        assert!(
            d.findings
                .iter()
                .all(|f| f.signal != "dockerfile-healthcheck")
        );
    }

    #[test]
    fn dockerfile_healthcheck_in_an_earlier_stage_is_a_caveat() {
        let (d, _) = run(&[(
            "Dockerfile",
            "FROM golang:1.22 AS build\nHEALTHCHECK CMD wget -qO- localhost\nFROM alpine:3.20\n",
        )]);
        let f = one(&d, "dockerfile-healthcheck");
        assert_eq!(
            (f.state, f.counts, f.at.line, f.at.column),
            (Use::Unused, false, 2, 1)
        );
        assert_eq!(
            f.message,
            "HEALTHCHECK in stage `build`, which does not run: only the last stage's image runs"
        );
    }

    #[test]
    fn dockerfile_healthcheck_of_a_stage_the_final_one_builds_on_counts() {
        let (d, _) = run(&[(
            "Dockerfile",
            "FROM python:3.12 AS base\nHEALTHCHECK CMD true\nFROM base AS app\nCOPY . .\n",
        )]);
        let f = one(&d, "dockerfile-healthcheck");
        assert_eq!(
            (f.state, f.counts, f.at.line, f.at.column),
            (Use::Used, true, 2, 1)
        );
    }

    #[test]
    fn continuations_comments_and_heredocs_are_read_as_docker_does() {
        let text = "FROM alpine:3.20\nRUN <<EOF\nFRO not an instruction\nEOF\nRUN apk add \\\n# a comment inside\n\n    curl\nCOPY <<-A <<B /x\n\tone\n\tA\ntwo\nB\nHEALTHCHECK CMD true\n";
        let instructions = parse(text).unwrap_or_else(|e| panic!("{}", e.message));
        let got: Vec<(&str, u32, &str)> = instructions
            .iter()
            .map(|i| (i.keyword.as_str(), i.line, i.args.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("FROM", 1, " alpine:3.20"),
                ("RUN", 2, " <<EOF"),
                ("RUN", 5, " apk add     curl"),
                ("COPY", 9, " <<-A <<B /x"),
                ("HEALTHCHECK", 14, " CMD true"),
            ]
        );
        let words: Vec<(String, u32, u32)> = instructions[2]
            .words()
            .into_iter()
            .map(|w| (w.text, w.line, w.col))
            .collect();
        assert_eq!(
            words,
            [
                ("apk".into(), 5, 5),
                ("add".into(), 5, 9),
                ("curl".into(), 8, 5)
            ]
        );
    }

    #[test]
    fn the_escape_directive_makes_the_backtick_continue_lines() {
        let text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo done\n";
        let instructions = parse(text).unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!(instructions.len(), 2);
        assert_eq!(
            instructions[1].args,
            " dir c:\\ \n    && echo done".replace('\n', "")
        );
    }

    #[test]
    fn a_long_chain_of_stages_is_read_in_linear_time() {
        let mut text = String::from("FROM alpine:3.20 AS s0\nHEALTHCHECK CMD true\n");
        for i in 1..50_000 {
            let _ = writeln!(text, "FROM s{} AS s{i}", i - 1);
        }
        let started = std::time::Instant::now();
        let (d, diags) = run(&[("Dockerfile", &text)]);
        assert!(diags.is_empty());
        let f = one(&d, "dockerfile-healthcheck");
        assert_eq!((f.state, f.at.line), (Use::Used, 2));
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn random_text_never_panics() {
        const PIECES: [&str; 16] = [
            "FROM ",
            "RUN ",
            "HEALTHCHECK ",
            "<<EOF",
            "EOF",
            "\\",
            "`",
            "# escape=`",
            "\n",
            " AS ",
            "a",
            "#",
            "\"",
            "\r\n",
            "é",
            "--x=1 ",
        ];
        for text in crate::scan::testing::random_texts(&PIECES, 0x2545_f491_4f6c_dd1d_u64) {
            let _ = looks_like(&text);
            let mut diags = Diagnostics::default();
            let input = Input {
                file: std::sync::Arc::new(crate::diag::SourceFile::new("Dockerfile".into(), text)),
                shown: std::sync::Arc::from("Dockerfile"),
                path: None,
            };
            let mut out = Deployment::default();
            let ctx = Context {
                script: true,
                ..Context::default()
            };
            read(&input, &ctx, &mut out, &mut diags);
        }
    }

    #[test]
    fn an_unknown_instruction_is_an_error_with_a_suggestion() {
        let (d, diags) = run(&[("Dockerfile", "FROM python:3.12\n  RUNN pip install x\n")]);
        assert_eq!(
            diags.codes(),
            [("dockerfile-syntax", "Dockerfile:2:3".into())]
        );
        let e = diags.iter().next().unwrap();
        assert_eq!(e.message, "unknown instruction `RUNN`");
        assert_eq!(e.help.as_deref(), Some("did you mean `RUN`?"));
        assert!(seen(&d).is_empty());
    }

    #[test]
    fn an_instruction_before_from_and_an_open_heredoc_are_errors() {
        let (_, diags) = run(&[("Dockerfile", "ARG X\nRUN echo\nFROM alpine\n")]);
        assert_eq!(
            diags.codes(),
            [("dockerfile-syntax", "Dockerfile:2:1".into())]
        );
        let (_, diags) = run(&[("Dockerfile", "FROM alpine\nRUN <<EOF\necho\n")]);
        assert_eq!(
            diags.codes(),
            [("dockerfile-syntax", "Dockerfile:2:1".into())]
        );
        let (_, diags) = run(&[("Dockerfile", "# only a comment\n")]);
        assert_eq!(
            diags.codes(),
            [("dockerfile-syntax", "Dockerfile:1:1".into())]
        );
    }

    #[test]
    fn the_hostile_dockerfile_is_an_error_at_its_unknown_instruction() {
        let mut diags = Diagnostics::default();
        let d = scan(
            &["tests/fixtures/scan/hostile/Dockerfile".into()],
            &mut diags,
        );
        assert_eq!(
            diags.codes(),
            [(
                "dockerfile-syntax",
                "tests/fixtures/scan/hostile/Dockerfile:7:1".into()
            )]
        );
        assert_eq!(
            diags.iter().next().unwrap().help.as_deref(),
            Some("did you mean `FROM`?")
        );
        assert!(seen(&d).is_empty());
    }

    #[test]
    fn the_fixture_dockerfiles() {
        let mut diags = Diagnostics::default();
        let d = scan(&["tests/fixtures/scan/dockerfile".into()], &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        let mut got: Vec<(String, &str, Use, bool)> = d
            .findings
            .iter()
            .filter(|f| f.signal.starts_with("dockerfile-"))
            .map(|f| {
                let file = f.at.file.rsplit('/').next().unwrap_or_default();
                (
                    format!("{file}:{}:{}", f.at.line, f.at.column),
                    f.signal,
                    f.state,
                    f.counts,
                )
            })
            .collect();
        got.sort();
        let want: Vec<(String, &str, Use, bool)> = [
            ("Containerfile.api:1:1", "dockerfile-build", Use::Used, true),
            (
                "Containerfile.api:1:6",
                "dockerfile-base-tag",
                Use::Used,
                true,
            ),
            ("Dockerfile:16:1", "dockerfile-healthcheck", Use::Used, true),
            ("Dockerfile:2:1", "dockerfile-build", Use::Used, true),
            ("Dockerfile:2:6", "dockerfile-base-tag", Use::Partial, true),
            (
                "multi-stage.Dockerfile:13:1",
                "dockerfile-healthcheck",
                Use::Unused,
                false,
            ),
            (
                "multi-stage.Dockerfile:15:1",
                "dockerfile-build",
                Use::Used,
                true,
            ),
            (
                "multi-stage.Dockerfile:15:6",
                "dockerfile-base-tag",
                Use::Used,
                true,
            ),
        ]
        .iter()
        .map(|w| (w.0.to_owned(), w.1, w.2, w.3))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_seed_stack_dockerfile_has_no_healthcheck_for_its_docker_run() {
        let mut diags = Diagnostics::default();
        let d = scan(&["examples/seed-stack".into()], &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        assert_eq!(
            seen(&d),
            [
                ("dockerfile-build", Use::Used, true, "1:1".into()),
                ("dockerfile-base-tag", Use::Used, true, "1:6".into()),
                ("dockerfile-healthcheck", Use::Unused, true, "1:1".into()),
            ]
        );
    }
}
