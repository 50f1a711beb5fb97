//! Shell scripts that run containers: each `docker run` (`podman run`, `docker container run`)
//! is a container started by hand, with or without a restart policy and a health check.
//!
//! Commands are read as a shell splits them: quotes, backslash escapes and continued lines,
//! comments and heredoc bodies left out, and `;`, `&&`, `||`, `|`, `&`, `(`, `)`, `$(` and
//! backquotes ending a command (so `ID=$(docker run -d redis)` is read). A `docker run --rm`
//! in the foreground is a task (a build or a smoke test), not a service: it gives nothing.

use std::sync::Arc;

use super::model::{Deployment, Finding, Place, Use};
use super::signals;
use super::{Context, Input};
use crate::diag::Diagnostics;

/// Long options of `docker run` and `podman run` that take a value (the next word when not
/// given with `=`).
const LONG_VALUE: &[&str] = &[
    "add-host",
    "annotation",
    "arch",
    "attach",
    "authfile",
    "blkio-weight",
    "blkio-weight-device",
    "cap-add",
    "cap-drop",
    "cgroup-conf",
    "cgroup-parent",
    "cgroupns",
    "cgroups",
    "chrootdirs",
    "cidfile",
    "conmon-pidfile",
    "cpu-period",
    "cpu-quota",
    "cpu-rt-period",
    "cpu-rt-runtime",
    "cpu-shares",
    "cpus",
    "cpuset-cpus",
    "cpuset-mems",
    "creds",
    "decryption-key",
    "detach-keys",
    "device",
    "device-cgroup-rule",
    "device-read-bps",
    "device-read-iops",
    "device-write-bps",
    "device-write-iops",
    "dns",
    "dns-opt",
    "dns-option",
    "dns-search",
    "domainname",
    "entrypoint",
    "env",
    "env-file",
    "expose",
    "gidmap",
    "gpus",
    "group-add",
    "group-entry",
    "health-cmd",
    "health-interval",
    "health-log-destination",
    "health-max-log-count",
    "health-max-log-size",
    "health-on-failure",
    "health-retries",
    "health-start-interval",
    "health-start-period",
    "health-startup-cmd",
    "health-timeout",
    "hostname",
    "hostuser",
    "init-path",
    "ip",
    "ip6",
    "ipc",
    "isolation",
    "kernel-memory",
    "label",
    "label-file",
    "link",
    "link-local-ip",
    "log-driver",
    "log-opt",
    "mac-address",
    "memory",
    "memory-reservation",
    "memory-swap",
    "memory-swappiness",
    "mount",
    "name",
    "net",
    "net-alias",
    "network",
    "network-alias",
    "oom-score-adj",
    "os",
    "pid",
    "pids-limit",
    "platform",
    "pod",
    "publish",
    "pull",
    "restart",
    "runtime",
    "secret",
    "security-opt",
    "shm-size",
    "stop-signal",
    "stop-timeout",
    "storage-opt",
    "sysctl",
    "tmpfs",
    "ulimit",
    "tz",
    "uidmap",
    "umask",
    "unsetenv",
    "user",
    "userns",
    "uts",
    "variant",
    "volume",
    "volume-driver",
    "volumes-from",
    "workdir",
];

/// Short options that take a value: `-a -c -e -h -l -m -p -u -v -w`.
const SHORT_VALUE: &str = "acehlmpuvw";

/// Global options of `docker` and `podman` (before `run`) that take a value.
const GLOBAL_VALUE: [&str; 14] = [
    "-H",
    "--host",
    "-c",
    "--context",
    "--config",
    "-l",
    "--log-level",
    "--connection",
    "--url",
    "--root",
    "--runroot",
    "--storage-driver",
    "--cgroup-manager",
    "--identity",
];

// The readers share one signature, called by `scan::read_all`.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub fn read(input: &Input, _ctx: &Context, out: &mut Deployment, _diags: &mut Diagnostics) {
    let place = |w: &Word| Place {
        file: Arc::clone(&input.shown),
        line: w.line,
        column: w.col,
        template: None,
    };
    for command in commands(&input.file.text) {
        let Some((tool, args)) = docker_run(&command) else {
            continue;
        };
        let run = options(args);
        let Some(image) = run.image else {
            continue;
        };
        if run.rm && !run.detach {
            continue;
        }
        let tool_name = tool.text.rsplit('/').next().unwrap_or_default();
        let name = image.text.as_str();
        out.findings.push(
            Finding::new(
                &signals::DOCKER_RUN,
                Use::Unused,
                name,
                format!(
                    "starts `{name}` by hand with `{tool_name} run`: nothing declares what should be running"
                ),
                place(tool),
            )
            .fix("declare the service in a Compose file or a Kubernetes manifest"),
        );
        out.findings.push(Finding::new(
            &signals::DOCKER_RUN_IMAGE,
            Use::Used,
            name,
            format!("`{tool_name} run` runs the container image `{name}`"),
            place(image),
        ));
        let restart = match &run.restart {
            Some((flag, value))
                if value == "always"
                    || value == "unless-stopped"
                    || value.starts_with("on-failure") =>
            {
                Finding::new(
                    &signals::DOCKER_RUN_RESTART,
                    Use::Partial,
                    name,
                    format!(
                        "`{name}` restarts when it exits (`--restart {value}`), not when it is unhealthy"
                    ),
                    place(flag),
                )
                .fix("run it where a failing health check replaces it (a Kubernetes liveness probe, or a Swarm service)")
            }
            Some((flag, value)) => Finding::new(
                &signals::DOCKER_RUN_RESTART,
                Use::Unused,
                name,
                format!(
                    "`{name}` runs with `--restart {value}`: a container that exits stays down"
                ),
                place(flag),
            )
            .fix("add `--restart unless-stopped`, or run it under Compose or Kubernetes"),
            None => Finding::new(
                &signals::DOCKER_RUN_RESTART,
                Use::Unused,
                name,
                format!("`{name}` runs with no restart policy: a container that exits stays down"),
                place(tool),
            )
            .fix("add `--restart unless-stopped`, or run it under Compose or Kubernetes"),
        };
        out.findings.push(restart);
        if let Some(flag) = run.health_cmd {
            out.findings.push(Finding::new(
                &signals::DOCKER_RUN_HEALTH,
                Use::Used,
                name,
                format!("`{name}` has a health check (`--health-cmd`), which Docker runs"),
                place(flag),
            ));
        } else if let Some(flag) = run.no_healthcheck {
            out.findings.push(
                Finding::new(
                    &signals::DOCKER_RUN_HEALTH,
                    Use::Unused,
                    name,
                    format!(
                        "`{name}` runs with `--no-healthcheck`, which turns off the image's HEALTHCHECK"
                    ),
                    place(flag),
                )
                .fix("remove `--no-healthcheck`, or give a `--health-cmd`"),
            );
        }
    }
}

/// Whether a file is a shell script that runs `docker run` or `podman run`: named `.sh` or
/// `.bash`, or with a shebang naming a shell, and with such a command in it.
pub fn looks_like(name: &str, text: &str) -> bool {
    let named = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("sh") || e.eq_ignore_ascii_case("bash"));
    let shebang = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("#!"))
        .is_some_and(|l| {
            let mut words = l.split_whitespace();
            let mut program = words.next().unwrap_or_default();
            if program.rsplit('/').next() == Some("env") {
                program = words.find(|w| !w.starts_with('-')).unwrap_or_default();
            }
            matches!(
                program.rsplit('/').next(),
                Some("sh" | "bash" | "zsh" | "dash" | "ksh" | "ash")
            )
        });
    (named || shebang)
        && (text.contains("docker") || text.contains("podman"))
        && commands(text).iter().any(|c| docker_run(c).is_some())
}

/// A word of a command, unquoted, with the place of its first character.
#[derive(Debug)]
struct Word {
    text: String,
    line: u32,
    col: u32,
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    col: u32,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.text[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else {
            self.col = self.col.saturating_add(1);
        }
        Some(c)
    }

    /// The rest of the line, its line end consumed.
    fn line(&mut self) -> &str {
        let start = self.pos;
        while self.peek().is_some_and(|c| c != '\n') {
            self.bump();
        }
        let end = self.pos;
        self.bump();
        let line = &self.text[start..end];
        line.strip_suffix('\r').unwrap_or(line)
    }
}

/// The simple commands of a script, each a list of words.
fn commands(text: &str) -> Vec<Vec<Word>> {
    struct State {
        commands: Vec<Vec<Word>>,
        command: Vec<Word>,
        word: Option<Word>,
        /// After `<<`: the next word is a heredoc's delimiter (with `<<-`, tabs are stripped).
        delimiter: Option<bool>,
        heredocs: Vec<(String, bool)>,
    }
    impl State {
        fn push(&mut self, c: char, line: u32, col: u32) {
            self.word
                .get_or_insert_with(|| Word {
                    text: String::new(),
                    line,
                    col,
                })
                .text
                .push(c);
        }
        fn end_word(&mut self) {
            if let Some(word) = self.word.take() {
                match self.delimiter.take() {
                    Some(tabs) => self.heredocs.push((word.text, tabs)),
                    None => self.command.push(word),
                }
            }
        }
        fn end_command(&mut self) {
            self.end_word();
            if !self.command.is_empty() {
                self.commands.push(std::mem::take(&mut self.command));
            }
        }
    }
    let mut s = State {
        commands: Vec::new(),
        command: Vec::new(),
        word: None,
        delimiter: None,
        heredocs: Vec::new(),
    };
    let mut cur = Cursor {
        text,
        pos: 0,
        line: 1,
        col: 1,
    };
    while let Some(c) = cur.peek() {
        let (line, col) = (cur.line, cur.col);
        match c {
            '\\' => {
                cur.bump();
                // A line continued with `\` before a CRLF line end.
                if cur.peek() == Some('\r') && cur.peek_at(1) == Some('\n') {
                    cur.bump();
                }
                match cur.bump() {
                    Some('\n') | None => {}
                    Some(n) => s.push(n, line, col),
                }
            }
            '\'' => {
                cur.bump();
                s.word.get_or_insert_with(|| Word {
                    text: String::new(),
                    line,
                    col,
                });
                while let Some(q) = cur.bump() {
                    if q == '\'' {
                        break;
                    }
                    s.push(q, line, col);
                }
            }
            '"' => {
                cur.bump();
                s.word.get_or_insert_with(|| Word {
                    text: String::new(),
                    line,
                    col,
                });
                while let Some(q) = cur.bump() {
                    match q {
                        '"' => break,
                        '\\' => {
                            if cur.peek() == Some('\r') && cur.peek_at(1) == Some('\n') {
                                cur.bump();
                            }
                            match cur.bump() {
                                Some('\n') | None => {}
                                Some(n @ ('$' | '`' | '"' | '\\')) => s.push(n, line, col),
                                Some(n) => {
                                    s.push('\\', line, col);
                                    s.push(n, line, col);
                                }
                            }
                        }
                        q => s.push(q, line, col),
                    }
                }
            }
            '#' if s.word.is_none() => {
                while cur.peek().is_some_and(|c| c != '\n') {
                    cur.bump();
                }
            }
            ' ' | '\t' | '\r' => {
                cur.bump();
                s.end_word();
            }
            '\n' => {
                cur.bump();
                s.end_command();
                for (delimiter, tabs) in std::mem::take(&mut s.heredocs) {
                    while cur.peek().is_some() {
                        let body = cur.line();
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
            ';' | '&' | '|' | '(' | ')' | '`' => {
                cur.bump();
                s.end_command();
            }
            '$' if cur.peek_at(1) == Some('(') => {
                cur.bump();
                cur.bump();
                s.end_command();
            }
            '<' if cur.peek_at(1) == Some('<') && cur.peek_at(2) != Some('<') => {
                cur.bump();
                cur.bump();
                s.end_word();
                let tabs = cur.peek() == Some('-');
                if tabs {
                    cur.bump();
                }
                while matches!(cur.peek(), Some(' ' | '\t')) {
                    cur.bump();
                }
                s.delimiter = Some(tabs);
            }
            c => {
                cur.bump();
                s.push(c, line, col);
            }
        }
    }
    s.end_command();
    s.commands
}

/// The `docker`/`podman` word and the arguments after `run` of a command that runs a
/// container: `sudo docker run ...`, `podman container run ...`, `X=1 docker --context c run`.
fn docker_run(words: &[Word]) -> Option<(&Word, &[Word])> {
    let mut i = 0;
    loop {
        let w = words.get(i)?.text.as_str();
        let prefix = matches!(
            w,
            "sudo"
                | "doas"
                | "exec"
                | "nohup"
                | "time"
                | "command"
                | "env"
                | "then"
                | "do"
                | "else"
                | "elif"
                | "if"
                | "while"
                | "until"
                | "!"
                | "{"
                | "}"
        );
        if !prefix && !assignment(w) {
            break;
        }
        i += 1;
        if matches!(w, "sudo" | "doas" | "env" | "time" | "command" | "nohup") {
            while let Some(flag) = words.get(i).map(|f| f.text.as_str()) {
                if !(flag.starts_with('-') || (w == "env" && assignment(flag))) {
                    break;
                }
                i += 1;
                if w == "sudo" && matches!(flag, "-u" | "-g" | "-C" | "-D" | "-h" | "-p" | "-U") {
                    i += 1;
                }
            }
        }
    }
    let tool = words.get(i)?;
    if !matches!(tool.text.rsplit('/').next(), Some("docker" | "podman")) {
        return None;
    }
    i += 1;
    while let Some(option) = words.get(i).map(|w| w.text.as_str()) {
        if !option.starts_with('-') {
            break;
        }
        i += 1;
        if !option.contains('=') && GLOBAL_VALUE.contains(&option) {
            i += 1;
        }
    }
    if words.get(i)?.text == "container" {
        i += 1;
    }
    if words.get(i)?.text != "run" {
        return None;
    }
    Some((tool, &words[i + 1..]))
}

/// `NAME=value`, a variable set for one command.
fn assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// What `docker run`'s options say.
#[derive(Default)]
struct Run<'a> {
    image: Option<&'a Word>,
    restart: Option<(&'a Word, String)>,
    health_cmd: Option<&'a Word>,
    no_healthcheck: Option<&'a Word>,
    detach: bool,
    rm: bool,
}

fn options(args: &[Word]) -> Run<'_> {
    let mut run = Run::default();
    let mut i = 0;
    while let Some(w) = args.get(i) {
        let t = w.text.as_str();
        i += 1;
        if t == "--" {
            run.image = args.get(i);
            break;
        }
        if let Some(long) = t.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (long, None),
            };
            let value = if inline.is_some() {
                inline
            } else if LONG_VALUE.contains(&name) {
                i += 1;
                args.get(i - 1).map(|a| a.text.clone())
            } else {
                None
            };
            let on = value.as_deref() != Some("false");
            match name {
                "restart" => run.restart = Some((w, value.unwrap_or_default())),
                "health-cmd" => run.health_cmd = Some(w),
                "no-healthcheck" if on => run.no_healthcheck = Some(w),
                "detach" => run.detach = on,
                "rm" => run.rm = on,
                _ => {}
            }
        } else if t.len() > 1 && t.starts_with('-') {
            let cluster = &t[1..];
            for (k, c) in cluster.char_indices() {
                if SHORT_VALUE.contains(c) {
                    if cluster[k + c.len_utf8()..].is_empty() {
                        i += 1;
                    }
                    break;
                }
                if c == 'd' {
                    run.detach = true;
                }
            }
        } else {
            run.image = Some(w);
            break;
        }
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{scan, scan_texts};

    fn run(text: &str) -> Deployment {
        let mut diags = Diagnostics::default();
        let d = scan_texts(&[("run.sh", text)], &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        d
    }

    /// This reader's findings (other readers add theirs to the same scan).
    fn mine(d: &Deployment) -> Vec<&Finding> {
        d.findings
            .iter()
            .filter(|f| f.signal.starts_with("docker-run") && f.signal != "docker-run-image")
            .collect()
    }

    /// (signal, state, subject, `line:column`) of this reader's findings, in the scan's order.
    fn seen(d: &Deployment) -> Vec<(&'static str, Use, String, String)> {
        // The image each run gives is its own test's business.
        d.findings
            .iter()
            .filter(|f| f.signal.starts_with("docker-run") && f.signal != "docker-run-image")
            .map(|f| {
                (
                    f.signal,
                    f.state,
                    f.subject.clone(),
                    format!("{}:{}", f.at.line, f.at.column),
                )
            })
            .collect()
    }

    #[test]
    fn looks_like_a_script_that_runs_containers() {
        assert!(looks_like("run.sh", "docker run -d app\n"));
        assert!(looks_like(
            "deploy",
            "#!/usr/bin/env bash\nID=$(docker container run -d app)\n"
        ));
        assert!(looks_like("start", "#!/bin/sh -e\npodman run app\n"));
        assert!(!looks_like(
            "run.sh",
            "docker build -t app .\n# docker run app\n"
        ));
        assert!(!looks_like("run.sh", "docker compose run web\n"));
        assert!(!looks_like("notes.txt", "docker run app\n"));
        assert!(!looks_like(
            "run.py",
            "#!/usr/bin/env python3\nos.system('docker run app')\n"
        ));
        assert!(!looks_like("run.sh", "cat <<EOF\ndocker run app\nEOF\n"));
    }

    #[test]
    fn docker_run_without_restart_is_unused_twice() {
        let d = run(
            "#!/usr/bin/env bash\nset -euo pipefail\ndocker build -t seed-app .\ndocker run -d -p 5000:5000 seed-app\n",
        );
        assert_eq!(
            seen(&d),
            [
                ("docker-run", Use::Unused, "seed-app".into(), "4:1".into()),
                (
                    "docker-run-restart",
                    Use::Unused,
                    "seed-app".into(),
                    "4:1".into()
                ),
            ]
        );
        assert_eq!(
            mine(&d)[0].message,
            "starts `seed-app` by hand with `docker run`: nothing declares what should be running"
        );
        assert_eq!(
            mine(&d)[0].fix.as_deref(),
            Some("declare the service in a Compose file or a Kubernetes manifest")
        );
        assert_eq!(
            mine(&d)[1].fix.as_deref(),
            Some("add `--restart unless-stopped`, or run it under Compose or Kubernetes")
        );
    }

    #[test]
    fn docker_run_restart_policies_are_partial_at_the_flag() {
        let d = run(
            "sudo docker run \\\n  --name web \\\n  --restart unless-stopped \\\n  -p 80:80 \\\n  nginx:1.27\n",
        );
        assert_eq!(
            seen(&d),
            [
                ("docker-run", Use::Unused, "nginx:1.27".into(), "1:6".into()),
                (
                    "docker-run-restart",
                    Use::Partial,
                    "nginx:1.27".into(),
                    "3:3".into()
                ),
            ]
        );
        assert_eq!(
            mine(&d)[1].message,
            "`nginx:1.27` restarts when it exits (`--restart unless-stopped`), not when it is unhealthy"
        );
        let d = run("docker run -dp5000:5000 --restart=on-failure:3 api\n");
        assert_eq!(
            seen(&d)[1],
            (
                "docker-run-restart",
                Use::Partial,
                "api".into(),
                "1:25".into()
            )
        );
        let d = run("docker run -d --restart no api\n");
        assert_eq!(
            seen(&d)[1],
            (
                "docker-run-restart",
                Use::Unused,
                "api".into(),
                "1:15".into()
            )
        );
    }

    #[test]
    fn docker_run_health_flags() {
        let health = |d: &Deployment| -> Vec<_> {
            seen(d)
                .into_iter()
                .filter(|s| s.0 == "docker-run-health")
                .collect()
        };
        let d = run("docker run -d --restart always --health-cmd 'curl -f localhost' api:1\n");
        assert_eq!(
            health(&d),
            [(
                "docker-run-health",
                Use::Used,
                "api:1".into(),
                "1:32".into()
            )]
        );
        let d = run("docker run -d --no-healthcheck api:1\n");
        assert_eq!(
            health(&d),
            [(
                "docker-run-health",
                Use::Unused,
                "api:1".into(),
                "1:15".into()
            )]
        );
        let d = run("docker run -d api:1\n");
        assert!(d.findings.iter().all(|f| f.signal != "docker-run-health"));
    }

    #[test]
    fn flags_with_values_are_not_taken_for_the_image() {
        let d = run(
            "podman --log-level debug container run -dit -e A=1 -v /a:/b --network=host --env-file .env -w /app \"ghcr.io/acme/api:1\" serve --port 1\n",
        );
        assert_eq!(mine(&d)[0].subject, "ghcr.io/acme/api:1");
        assert_eq!(
            mine(&d)[0].message,
            "starts `ghcr.io/acme/api:1` by hand with `podman run`: nothing declares what should be running"
        );
    }

    #[test]
    fn comments_heredocs_and_one_off_tasks_are_not_services() {
        let d = run(
            "# docker run not-this\ncat <<-'EOF'\n\tdocker run nope\n\tEOF\necho ok # docker run nor-this\ndocker run --rm -v \"$PWD\":/src golang:1.22 go build\nID=$(docker run -d redis:7); echo \"$ID\"\n",
        );
        assert_eq!(
            seen(&d),
            [
                ("docker-run", Use::Unused, "redis:7".into(), "7:6".into()),
                (
                    "docker-run-restart",
                    Use::Unused,
                    "redis:7".into(),
                    "7:6".into()
                ),
            ]
        );
    }

    #[test]
    fn crlf_line_ends_continue_commands() {
        let d = run("docker run -d \\\r\n  --restart=always \\\r\n  api:2\r\n");
        assert_eq!(
            seen(&d),
            [
                ("docker-run", Use::Unused, "api:2".into(), "1:1".into()),
                (
                    "docker-run-restart",
                    Use::Partial,
                    "api:2".into(),
                    "2:3".into()
                ),
            ]
        );
    }

    #[test]
    fn random_text_never_panics() {
        const PIECES: [&str; 16] = [
            "docker ",
            "run ",
            "-d",
            "--restart",
            "=",
            "'",
            "\"",
            "\\",
            "<<",
            "EOF",
            "\n",
            "$(",
            "#",
            " ",
            "é",
            "-p",
        ];
        for text in crate::scan::testing::random_texts(&PIECES, 0xd1b5_4a32_d192_ed03_u64) {
            let _ = looks_like("x.sh", &text);
            let mut diags = Diagnostics::default();
            let input = Input {
                file: Arc::new(crate::diag::SourceFile::new("x.sh".into(), text)),
                shown: Arc::from("x.sh"),
                path: None,
            };
            let mut out = Deployment::default();
            read(&input, &Context::default(), &mut out, &mut diags);
        }
    }

    #[test]
    fn the_seed_stack_script_runs_one_container_by_hand() {
        let mut diags = Diagnostics::default();
        let d = scan(&["examples/seed-stack/run.sh".into()], &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        assert_eq!(
            seen(&d),
            [
                ("docker-run", Use::Unused, "seed-app".into(), "8:1".into()),
                (
                    "docker-run-restart",
                    Use::Unused,
                    "seed-app".into(),
                    "8:1".into()
                ),
            ]
        );
    }

    #[test]
    fn a_docker_run_line_runs_its_image() {
        let text = "#!/bin/sh\ndocker run -d -p 5000:5000 \\\n  seed-app\n";
        let mut diags = crate::diag::Diagnostics::default();
        let d = crate::scan::scan_texts(&[("run.sh", text)], &mut diags);
        let f: Vec<_> = d
            .findings
            .iter()
            .filter(|f| f.signal == "docker-run-image")
            .collect();
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].state, f[0].criterion, f[0].at.line, f[0].at.column),
            (Use::Used, "containers.oci_images", 3, 3)
        );
    }
}
