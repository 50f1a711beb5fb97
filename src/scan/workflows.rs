//! CI workflows (GitHub Actions and GitLab CI): which jobs deploy, with what and on what
//! trigger; which build and push images; whether a Helm release rolls itself back. A
//! workflow that deploys nothing is remembered, and [`finish`] says so once every file is
//! read.

use std::sync::Arc;

use super::documents::{self, entries, get, items, key, place, text};
use super::model::{Deployment, Finding, InputKind, Place, Skipped, Use};
use super::signals;
use super::{Context, Input};
use crate::catalog::yaml::{Node, Value};
use crate::diag::Diagnostics;

/// Levels of GitLab `extends` followed (GitLab's own limit is eleven).
const MAX_EXTENDS: usize = 10;

/// Top-level GitLab CI keys that are not jobs.
const GITLAB_RESERVED: [&str; 12] = [
    "stages",
    "variables",
    "include",
    "default",
    "workflow",
    "image",
    "services",
    "before_script",
    "after_script",
    "cache",
    "types",
    "spec",
];

/// GitHub actions that deploy, by name (without `@ref`).
const DEPLOY_ACTIONS: [&str; 12] = [
    "google-github-actions/deploy-cloudrun",
    "google-github-actions/deploy-appengine",
    "google-github-actions/deploy-cloud-functions",
    "azure/k8s-deploy",
    "azure/webapps-deploy",
    "azure/container-apps-deploy-action",
    "azure/functions-action",
    "aws-actions/amazon-ecs-deploy-task-definition",
    "akhileshns/heroku-deploy",
    "digitalocean/app_action",
    "digitalocean/app_action/deploy",
    "deliverybot/helm",
];

/// Commands that deploy: the tool, then words that follow it in this order (flags between).
const DEPLOY_COMMANDS: [(&str, &[&str]); 33] = [
    ("kubectl", &["apply"]),
    ("kubectl", &["rollout", "restart"]),
    ("kubectl", &["set", "image"]),
    ("kubectl", &["replace"]),
    ("helm", &["upgrade"]),
    ("helm", &["install"]),
    ("helmfile", &["apply"]),
    ("helmfile", &["sync"]),
    ("docker", &["compose", "up"]),
    ("docker-compose", &["up"]),
    ("docker", &["stack", "deploy"]),
    ("docker", &["service", "update"]),
    ("gcloud", &["run", "deploy"]),
    ("gcloud", &["run", "services", "replace"]),
    ("gcloud", &["app", "deploy"]),
    ("flyctl", &["deploy"]),
    ("fly", &["deploy"]),
    ("aws", &["ecs", "update-service"]),
    ("ecs-deploy", &[]),
    ("copilot", &["deploy"]),
    ("nomad", &["job", "run"]),
    ("kamal", &["deploy"]),
    ("argocd", &["app", "sync"]),
    ("terraform", &["apply"]),
    ("tofu", &["apply"]),
    ("git", &["push", "heroku"]),
    ("cf", &["push"]),
    ("az", &["containerapp", "update"]),
    ("az", &["containerapp", "up"]),
    ("az", &["webapp", "deploy"]),
    ("skaffold", &["run"]),
    ("skaffold", &["deploy"]),
    ("railway", &["up"]),
];

/// Commands that build an image.
const BUILD_COMMANDS: [(&str, &[&str]); 11] = [
    ("docker", &["build"]),
    ("docker", &["buildx", "build"]),
    ("docker", &["image", "build"]),
    ("docker", &["compose", "build"]),
    ("docker-compose", &["build"]),
    ("podman", &["build"]),
    ("buildah", &["bud"]),
    ("buildah", &["build"]),
    ("ko", &["build"]),
    ("ko", &["publish"]),
    ("pack", &["build"]),
];

/// Commands that push an image.
const PUSH_COMMANDS: [(&str, &[&str]); 7] = [
    ("docker", &["push"]),
    ("docker", &["compose", "push"]),
    ("docker-compose", &["push"]),
    ("podman", &["push"]),
    ("buildah", &["push"]),
    ("crane", &["push"]),
    ("skopeo", &["copy"]),
];

// The readers share one signature; `Context` is passed by reference to all of them.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub fn read(
    input: &Input,
    kind: InputKind,
    _ctx: &Context,
    out: &mut Deployment,
    diags: &mut Diagnostics,
) {
    let docs = documents::read(&input.file, diags);
    let Some(doc) = docs.first() else {
        return;
    };
    match kind {
        InputKind::GithubActions => github(input, &doc.root, out),
        InputKind::GitlabCi => gitlab(input, &doc.root, out),
        _ => {}
    }
}

/// Findings that need every file read first: no workflow deploys, or there is no workflow.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub fn finish(_ctx: &Context, out: &mut Deployment) {
    let is_build_only =
        |f: &Finding| f.signal == signals::CI_DEPLOY.id && !f.counts && f.state == Use::Unused;
    let deploys = out
        .findings
        .iter()
        .any(|f| f.signal == signals::CI_DEPLOY.id && f.counts);
    if deploys {
        // Beside a workflow that deploys, one that tests is what it should be.
        out.findings.retain(|f| !is_build_only(f));
        return;
    }
    let how = if out.has(InputKind::Kubernetes) {
        "applies the manifests (`kubectl apply`)"
    } else if out.has(InputKind::Compose) {
        "runs `docker compose up -d` on the host"
    } else {
        "starts the new image where it runs"
    };
    let mut build_only: Vec<Place> = out
        .findings
        .iter()
        .filter(|f| is_build_only(f))
        .map(|f| f.at.clone())
        .collect();
    build_only.sort();
    if let Some(first) = build_only.first() {
        let message = if build_only.len() == 1 {
            "1 workflow builds and tests; it deploys nothing".to_owned()
        } else {
            format!(
                "{} workflows build and test; none deploys",
                build_only.len()
            )
        };
        out.findings.push(
            Finding::new(
                &signals::CI_DEPLOY,
                Use::Unused,
                "CI workflows",
                message,
                first.clone(),
            )
            .fix(format!(
                "add a deploy job (on push to the main branch) that {how}"
            )),
        );
        return;
    }
    if out.has(InputKind::GithubActions) || out.has(InputKind::GitlabCi) {
        return;
    }
    // What is deployed, the file that says most about it first.
    let deployed = [
        InputKind::Compose,
        InputKind::Kubernetes,
        InputKind::Script,
        InputKind::Dockerfile,
    ];
    let by_hand = out
        .findings
        .iter()
        .filter(|f| f.signal == signals::DOCKER_RUN.id)
        .map(|f| f.at.clone())
        .min();
    let at = by_hand.or_else(|| {
        // A file something was found in, not a Compose file of bases only (noted by a
        // `compose-file` caveat), else any.
        let said = |path: &Arc<str>| {
            let at = |f: &&Finding| f.at.file == *path;
            out.findings.iter().filter(at).any(|f| f.counts)
                && !out
                    .findings
                    .iter()
                    .filter(at)
                    .any(|f| f.signal == signals::COMPOSE_FILE.id && !f.counts)
        };
        let of_kind = |k: InputKind| out.files.iter().filter(move |f| f.kind == k);
        deployed
            .iter()
            .find_map(|k| {
                of_kind(*k)
                    .filter(|f| said(&f.path))
                    .min_by(|a, b| a.path.cmp(&b.path))
                    .or_else(|| of_kind(*k).min_by(|a, b| a.path.cmp(&b.path)))
            })
            .map(|f| Place {
                file: Arc::clone(&f.path),
                line: 1,
                column: 1,
                template: None,
            })
    });
    if let Some(at) = at {
        out.findings.push(
            Finding::new(
                &signals::CI_DEPLOY,
                Use::Unused,
                "CI workflows",
                "no CI workflow deploys this: it is deployed by hand",
                at,
            )
            .fix(format!(
                "add a CI workflow (e.g. `.github/workflows/deploy.yml`) that, on push to the main branch, {how}"
            )),
        );
    }
}

/// What a job was seen to do.
#[derive(Default)]
struct Seen {
    /// How it deploys (`` `helm upgrade` ``), with the place of the command.
    deploy: Option<(String, Place)>,
    /// How it builds an image, whether it pushes, and where.
    build: Option<(String, Place)>,
    pushes: bool,
    /// `helm upgrade`: `Some(true)` with `--atomic`, where.
    atomic: Option<(bool, Place)>,
    /// A step that rolls back when the deploy fails.
    rollback: Option<Place>,
    /// Every script of the job, one after another.
    scripts: String,
    /// A step starts a throwaway cluster on the runner (`helm/kind-action`).
    local_cluster: bool,
}

impl Seen {
    fn commands(&mut self, input: &Input, node: &Node, script: &str, on_failure: bool) {
        self.scripts.push_str(script);
        self.scripts.push('\n');
        for (line, tokens) in segments(script) {
            let at = || place_in(input, node, line);
            if self.deploy.is_none()
                && let Some(label) = matches_any(&tokens, &DEPLOY_COMMANDS)
            {
                self.deploy = Some((label, at()));
            }
            if self.build.is_none() {
                if let Some(label) = matches_any(&tokens, &BUILD_COMMANDS) {
                    // `ko build` pushes unless told `--local`.
                    let pushes_by_default = label.starts_with("`ko ");
                    if tokens.iter().any(|t| t == "--push" || t == "--publish")
                        || (pushes_by_default && !tokens.iter().any(|t| t == "--local"))
                    {
                        self.pushes = true;
                    }
                    self.build = Some((label, at()));
                } else if let Some(k) = tokens
                    .iter()
                    .position(|t| t.contains("kaniko") && t.ends_with("executor"))
                {
                    self.build = Some(("kaniko".to_owned(), at()));
                    self.pushes |= !tokens[k..].iter().any(|t| t == "--no-push");
                }
            }
            if matches_any(&tokens, &PUSH_COMMANDS).is_some() {
                self.pushes = true;
            }
            if let Some(i) = find_command(&tokens, "helm", &["upgrade"])
                .or_else(|| find_command(&tokens, "helm", &["install"]))
                && self.atomic.as_ref().is_none_or(|(a, _)| !a)
            {
                let atomic = tokens[i..].iter().any(|t| {
                    t == "--atomic"
                        || t.starts_with("--atomic=true")
                        || t == "--rollback-on-failure"
                        || t.starts_with("--rollback-on-failure=true")
                });
                self.atomic = Some((atomic, at()));
            }
            if on_failure
                && self.rollback.is_none()
                && (find_command(&tokens, "helm", &["rollback"]).is_some()
                    || find_command(&tokens, "kubectl", &["rollout", "undo"]).is_some())
            {
                self.rollback = Some(at());
            }
        }
    }

    /// Forgets a deploy that only reaches the CI runner: `docker compose up` with no remote
    /// host (integration tests), `kubectl apply` or `helm upgrade` into a cluster the job
    /// starts itself (kind, minikube, k3d). `target` says the job has a target of its own: an
    /// environment, a self-hosted runner, GitLab's `deploy` stage.
    fn drop_runner_deploys(&mut self, target: bool) {
        let Some((label, _)) = &self.deploy else {
            return;
        };
        if target {
            return;
        }
        let lower = self.scripts.to_ascii_lowercase();
        let remote = label.contains("over ssh")
            || ["ssh", "docker_host", "--context", "docker context"]
                .iter()
                .any(|m| lower.contains(m))
            || self.scripts.contains(" -H ")
            || self.scripts.contains(" --host ");
        let compose = label.contains("compose up");
        let cluster = self.local_cluster
            || [
                "kind create cluster",
                "minikube start",
                "k3d cluster create",
            ]
            .iter()
            .any(|m| lower.contains(m));
        let in_cluster = label.starts_with("`kubectl") || label.starts_with("`helm");
        if (compose && !remote) || (cluster && in_cluster) {
            self.deploy = None;
            if cluster {
                self.atomic = None;
                self.rollback = None;
            }
        }
    }

    /// Findings of one job: what it builds, and the Helm rollback.
    fn findings(&self, job: &str, subject: &str, out: &mut Deployment) {
        if let Some((how, at)) = &self.build {
            let message = if self.pushes {
                format!("job `{job}` builds and pushes an image with {how}")
            } else {
                format!("job `{job}` builds an image with {how}; it does not push it")
            };
            out.findings.push(Finding::new(
                &signals::CI_IMAGE,
                Use::Used,
                subject,
                message,
                at.clone(),
            ));
        }
        if let Some(at) = &self.rollback {
            out.findings.push(Finding::new(
                &signals::CI_ATOMIC,
                Use::Used,
                subject,
                format!("job `{job}` rolls the release back when the deploy fails"),
                at.clone(),
            ));
        } else if let Some((atomic, at)) = &self.atomic {
            out.findings.push(if *atomic {
                Finding::new(
                    &signals::CI_ATOMIC,
                    Use::Used,
                    subject,
                    format!("job `{job}` runs `helm upgrade --atomic`: a failed release is rolled back"),
                    at.clone(),
                )
            } else {
                Finding::new(
                    &signals::CI_ATOMIC,
                    Use::Unused,
                    subject,
                    format!("job `{job}` runs `helm upgrade` without `--atomic`: a failed release stays"),
                    at.clone(),
                )
                .fix(format!("add `--atomic` to `helm upgrade` in job `{job}`, so that a failed release is rolled back"))
            });
        }
    }
}

/// The place of line `line` of the text of `node` (a `run:` block), or of `node`.
fn place_in(input: &Input, node: &Node, line: usize) -> Place {
    let whole = place(&input.shown, node, None);
    let Some(s) = text(node) else { return whole };
    let Some(wanted) = s.lines().nth(line).map(str::trim).filter(|l| !l.is_empty()) else {
        return whole;
    };
    let file = &input.file.text;
    let start = (node.span.offset as usize).min(file.len());
    let end = if node.span.len > 0 {
        (start + node.span.len as usize).min(file.len())
    } else {
        file.len()
    };
    let Some(window) = file.get(start..end) else {
        return whole;
    };
    match window.find(wanted) {
        Some(i) => {
            let span = input.file.span(start + i, start + i);
            Place {
                file: Arc::clone(&input.shown),
                line: span.line,
                column: span.column,
                template: None,
            }
        }
        None => whole,
    }
}

/// The commands of a script, each with the line it starts on: lines joined at a trailing
/// `\`, split at `&&`, `||`, `;` and `|`, in words without their quotes.
fn segments(script: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut joined = String::new();
    let mut first = None;
    for (i, line) in script.lines().enumerate() {
        let trimmed = line.trim();
        if first.is_none() {
            if trimmed.starts_with('#') || trimmed.starts_with("echo ") {
                continue;
            }
            first = Some(i);
        }
        if let Some(cont) = trimmed.strip_suffix('\\') {
            joined.push_str(cont);
            joined.push(' ');
            continue;
        }
        joined.push_str(trimmed);
        let start = first.take().unwrap_or(i);
        for part in joined.split(['&', '|', ';']) {
            let words: Vec<String> = part
                .split_whitespace()
                .map(|w| {
                    w.trim_matches(|c| matches!(c, '"' | '\'' | '(' | ')' | '`'))
                        .to_ascii_lowercase()
                })
                .filter(|w| !w.is_empty())
                .collect();
            if !words.is_empty() {
                out.push((start, words));
            }
        }
        joined.clear();
    }
    out
}

/// Where `tool` is followed by `subs` in order, or `None`.
fn find_command(tokens: &[String], tool: &str, subs: &[&str]) -> Option<usize> {
    tokens.iter().enumerate().find_map(|(i, t)| {
        let is_tool = t == tool || t.rsplit('/').next() == Some(tool);
        if !is_tool {
            return None;
        }
        let mut rest = tokens[i + 1..].iter();
        subs.iter().all(|s| rest.any(|t| t == s)).then_some(i)
    })
}

/// The first of `commands` in `tokens`, as `` `tool sub` ``.
fn matches_any(tokens: &[String], commands: &[(&str, &[&str])]) -> Option<String> {
    commands.iter().find_map(|(tool, subs)| {
        find_command(tokens, tool, subs).map(|_| {
            if subs.is_empty() {
                format!("`{tool}`")
            } else {
                format!("`{tool} {}`", subs.join(" "))
            }
        })
    })
}

/// The file's name without its folders.
fn base_name(shown: &str) -> &str {
    shown.rsplit('/').next().unwrap_or(shown)
}

/// Notes a workflow that deploys nothing, for [`finish`].
fn build_only(input: &Input, jobs: &[String], at: Place, out: &mut Deployment) {
    let name = base_name(&input.shown);
    let list = jobs
        .iter()
        .map(|j| format!("`{j}`"))
        .collect::<Vec<_>>()
        .join(", ");
    out.findings.push(
        Finding::new(
            &signals::CI_DEPLOY,
            Use::Unused,
            format!("workflow {name}"),
            format!("workflow `{name}` builds and tests (jobs {list}); it deploys nothing"),
            at,
        )
        .caveat(),
    );
}

/// The deploy finding of one job.
fn deploy_finding(
    job: &str,
    subject: &str,
    how: &str,
    trigger: &Trigger,
    at: Place,
    out: &mut Deployment,
) {
    let f = match trigger {
        Trigger::Automatic(when) => Finding::new(
            &signals::CI_DEPLOY,
            Use::Used,
            subject,
            format!("job `{job}` deploys {how} {when}"),
            at,
        ),
        Trigger::Manual => Finding::new(
            &signals::CI_DEPLOY,
            Use::Partial,
            subject,
            format!("job `{job}` deploys {how} only when run by hand"),
            at,
        )
        .fix(format!(
            "run job `{job}` on every push to the main branch, not only by hand"
        )),
        Trigger::Never => Finding::new(
            &signals::CI_DEPLOY,
            Use::Partial,
            subject,
            format!("job `{job}` deploys {how}, but its workflow has no trigger (`on:`)"),
            at,
        )
        .fix(format!(
            "give the workflow of job `{job}` an `on: push` trigger for the main branch"
        )),
    };
    out.findings.push(f);
}

enum Trigger {
    /// `on every push to `main``.
    Automatic(String),
    Manual,
    Never,
}

fn quoted_list(nodes: &[Node]) -> String {
    nodes
        .iter()
        .filter_map(text)
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A GitHub workflow's triggers.
fn github_trigger(root: &Node) -> Trigger {
    // `on` is the string `on` in YAML 1.2 and `true` in YAML 1.1.
    let on = entries(Some(root))
        .iter()
        .find(|(k, _)| {
            matches!(&k.value, Value::Str(s) if s == "on") || matches!(k.value, Value::Bool(true))
        })
        .map(|(_, v)| v);
    let Some(on) = on else {
        return Trigger::Never;
    };
    let events: Vec<(String, Option<&Node>)> = match &on.value {
        Value::Map(map) => map
            .iter()
            .filter_map(|(k, v)| Some((text(k)?, Some(v))))
            .collect(),
        Value::Seq(list) => list.iter().filter_map(|e| Some((text(e)?, None))).collect(),
        _ => text(on).map(|e| (e, None)).into_iter().collect(),
    };
    let mut when = Vec::new();
    let mut manual = false;
    for (event, config) in &events {
        let part = match event.as_str() {
            "push" => {
                let branches = items(config.and_then(|c| get(c, "branches")));
                let tags = items(config.and_then(|c| get(c, "tags")));
                match (branches.is_empty(), tags.is_empty()) {
                    (true, true) => "on every push".to_owned(),
                    (false, true) => format!("on every push to {}", quoted_list(branches)),
                    (true, false) => format!("on tags {}", quoted_list(tags)),
                    (false, false) => format!(
                        "on every push to {} and on tags {}",
                        quoted_list(branches),
                        quoted_list(tags)
                    ),
                }
            }
            "pull_request" | "pull_request_target" => "on every pull request".to_owned(),
            "release" => "when a release is published".to_owned(),
            "schedule" => "on a schedule".to_owned(),
            "workflow_run" => {
                let after = items(config.and_then(|c| get(c, "workflows")));
                if after.is_empty() {
                    "after another workflow runs".to_owned()
                } else {
                    format!("after workflow {} runs", quoted_list(after))
                }
            }
            "workflow_call" => "when another workflow calls it".to_owned(),
            "workflow_dispatch" => {
                manual = true;
                continue;
            }
            other => format!("on `{other}`"),
        };
        when.push(part);
    }
    if when.is_empty() {
        if manual {
            Trigger::Manual
        } else {
            Trigger::Never
        }
    } else {
        Trigger::Automatic(when.join(" and "))
    }
}

fn github(input: &Input, root: &Node, out: &mut Deployment) {
    let (Some(jobs_key), Some(jobs)) = (key(root, "jobs"), get(root, "jobs")) else {
        return;
    };
    let trigger = github_trigger(root);
    let mut names = Vec::new();
    let mut deploying = 0;
    for (k, job) in entries(Some(jobs)) {
        let Some(name) = text(k) else { continue };
        let subject = format!("job {name}");
        let mut seen = Seen::default();
        let mut how: Option<String> = None;
        // A job that calls a reusable workflow named for deploying.
        if let Some(uses) = get(job, "uses").and_then(text)
            && uses.to_ascii_lowercase().contains("deploy")
        {
            how = Some(format!("through the reusable workflow `{uses}`"));
        }
        for step in items(get(job, "steps")) {
            let on_failure = get(step, "if")
                .and_then(text)
                .is_some_and(|c| c.contains("failure()"));
            if let Some(run) = get(step, "run")
                && let Some(script) = text(run)
            {
                seen.commands(input, run, &script, on_failure);
            }
            let Some(uses_node) = get(step, "uses") else {
                continue;
            };
            let Some(uses) = text(uses_node) else {
                continue;
            };
            let action = uses.split('@').next().unwrap_or(&uses).to_ascii_lowercase();
            let with = get(step, "with");
            let at = place(&input.shown, uses_node, None);
            match action.as_str() {
                "docker/build-push-action" | "docker/bake-action" => {
                    if seen.build.is_none() {
                        seen.build = Some((format!("`{action}`"), at));
                    }
                    let push = with.and_then(|w| get(w, "push"));
                    if push.is_some_and(|p| {
                        matches!(p.value, Value::Bool(true))
                            || text(p).is_some_and(|t| t == "true" || t.contains("${{"))
                    }) {
                        seen.pushes = true;
                    }
                }
                "redhat-actions/buildah-build" if seen.build.is_none() => {
                    seen.build = Some((format!("`{action}`"), at));
                }
                "redhat-actions/push-to-registry" => seen.pushes = true,
                "helm/kind-action"
                | "engineerd/setup-kind"
                | "medyagh/setup-minikube"
                | "nolar/setup-k3d-k3s"
                | "azure/setup-kind" => seen.local_cluster = true,
                "appleboy/ssh-action" => {
                    let script = with.and_then(|w| get(w, "script"));
                    if let Some(node) = script
                        && let Some(body) = text(node)
                    {
                        let mut inner = Seen::default();
                        inner.commands(input, node, &body, on_failure);
                        if let Some((label, place)) = inner.deploy.take() {
                            seen.deploy.get_or_insert((
                                format!("{label} over ssh (`appleboy/ssh-action`)"),
                                place,
                            ));
                        } else if ["docker", "kubectl", "podman", "compose"]
                            .iter()
                            .any(|w| body.contains(w))
                        {
                            seen.deploy.get_or_insert((
                                "a script over ssh (`appleboy/ssh-action`)".to_owned(),
                                at,
                            ));
                        }
                        if inner.atomic.is_some() && seen.atomic.is_none() {
                            seen.atomic = inner.atomic;
                        }
                    }
                }
                "superfly/flyctl-actions"
                    if with
                        .and_then(|w| get(w, "args"))
                        .and_then(text)
                        .is_some_and(|a| a.split_whitespace().any(|w| w == "deploy")) =>
                {
                    seen.deploy
                        .get_or_insert(("`flyctl deploy`".to_owned(), at));
                }
                a if DEPLOY_ACTIONS.contains(&a) => {
                    seen.deploy.get_or_insert((format!("`{a}`"), at));
                }
                _ => {}
            }
        }
        let environment = get(job, "environment").and_then(|e| match &e.value {
            Value::Map(_) => get(e, "name").and_then(text),
            _ => text(e),
        });
        let runs_on = get(job, "runs-on");
        let self_hosted = runs_on
            .and_then(text)
            .is_some_and(|r| r.contains("self-hosted"))
            || items(runs_on)
                .iter()
                .any(|r| text(r).is_some_and(|r| r.contains("self-hosted")));
        seen.drop_runner_deploys(environment.is_some() || self_hosted);
        if let Some((label, _)) = &seen.deploy {
            how = Some(format!("with {label}"));
        }
        if let Some(env) = &environment {
            how = Some(match how {
                Some(h) => format!("{h} to environment `{env}`"),
                None => format!("to environment `{env}`"),
            });
        }
        seen.findings(&name, &subject, out);
        names.push(name.clone());
        let Some(how) = how else { continue };
        deploying += 1;
        // `if: github.event_name == 'workflow_dispatch'` makes a job a manual one.
        let by_hand = get(job, "if").and_then(text).is_some_and(|c| {
            c.contains("workflow_dispatch") && c.contains("==") && !c.contains("||")
        });
        let job_trigger = if by_hand { &Trigger::Manual } else { &trigger };
        deploy_finding(
            &name,
            &subject,
            &how,
            job_trigger,
            place(&input.shown, k, None),
            out,
        );
    }
    if deploying == 0 && !names.is_empty() {
        build_only(input, &names, place(&input.shown, jobs_key, None), out);
    }
}

/// A GitLab job's settings after `extends`: its own, then its bases' (the last base first).
fn gitlab_job<'a>(
    root: &'a Node,
    name: &str,
    depth: usize,
    chain: &mut Vec<String>,
    missing: &mut Vec<(String, &'a Node)>,
) -> Vec<(&'a str, &'a Node)> {
    let Some(job) = get(root, name) else {
        return Vec::new();
    };
    let mut out: Vec<(&str, &Node)> = entries(Some(job))
        .iter()
        .filter_map(|(k, v)| match &k.value {
            Value::Str(s) if s != "extends" => Some((s.as_str(), v)),
            _ => None,
        })
        .collect();
    let Some(extends) = get(job, "extends") else {
        return out;
    };
    let bases: Vec<&Node> = match &extends.value {
        Value::Seq(list) => list.iter().collect(),
        _ => vec![extends],
    };
    for base_node in bases.into_iter().rev() {
        let Some(base) = text(base_node) else {
            continue;
        };
        if get(root, &base).is_none() {
            missing.push((base, base_node));
            continue;
        }
        if chain.contains(&base) || depth >= MAX_EXTENDS {
            continue;
        }
        chain.push(base.clone());
        let inherited = gitlab_job(root, &base, depth + 1, chain, missing);
        chain.pop();
        for (k, v) in inherited {
            if !out.iter().any(|(o, _)| *o == k) {
                out.push((k, v));
            }
        }
    }
    out
}

/// A GitLab job's trigger, from `when:` and `rules:` (or `only:`).
fn gitlab_trigger(job: &[(&str, &Node)]) -> Trigger {
    let setting = |k: &str| job.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
    if setting("when").and_then(text).as_deref() == Some("manual") {
        return Trigger::Manual;
    }
    let rules = items(setting("rules"));
    let live: Vec<&Node> = rules
        .iter()
        .filter(|r| get(r, "when").and_then(text).as_deref() != Some("never"))
        .collect();
    if !rules.is_empty()
        && live
            .iter()
            .all(|r| get(r, "when").and_then(text).as_deref() == Some("manual"))
    {
        return Trigger::Manual;
    }
    let conditions: Vec<String> = live
        .iter()
        .filter(|r| get(r, "when").and_then(text).as_deref() != Some("manual"))
        .filter_map(|r| get(r, "if").and_then(text))
        .collect();
    let only: Vec<String> = match setting("only") {
        Some(o) if matches!(o.value, Value::Map(_)) => {
            items(get(o, "refs")).iter().filter_map(text).collect()
        }
        Some(o) => match &o.value {
            Value::Seq(list) => list.iter().filter_map(text).collect(),
            _ => text(o).into_iter().collect(),
        },
        None => Vec::new(),
    };
    let when = if conditions.iter().any(|c| {
        c.contains("CI_DEFAULT_BRANCH") || c.contains("\"main\"") || c.contains("\"master\"")
    }) {
        "on every push to the default branch".to_owned()
    } else if conditions.iter().any(|c| c.contains("CI_COMMIT_TAG")) {
        "on tags".to_owned()
    } else if conditions.iter().any(|c| c.contains("schedule")) {
        "on a schedule".to_owned()
    } else if !conditions.is_empty() {
        "when its rules match".to_owned()
    } else if only.iter().any(|o| o == "tags") {
        "on tags".to_owned()
    } else if !only.is_empty() {
        format!(
            "on every push to {}",
            only.iter()
                .map(|o| format!("`{o}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        "on every pipeline".to_owned()
    };
    Trigger::Automatic(when)
}

fn gitlab(input: &Input, root: &Node, out: &mut Deployment) {
    if let Some(include) = get(root, "include") {
        let list: Vec<&Node> = match &include.value {
            Value::Seq(l) => l.iter().collect(),
            _ => vec![include],
        };
        for entry in list {
            let what = match &entry.value {
                Value::Map(_) => [
                    "local",
                    "file",
                    "template",
                    "remote",
                    "project",
                    "component",
                ]
                .iter()
                .find_map(|k| get(entry, k).and_then(text)),
                _ => text(entry),
            }
            .unwrap_or_else(|| "entry".to_owned());
            out.skipped.push(Skipped {
                what: format!("GitLab include `{what}` not read"),
                at: place(&input.shown, entry, None),
            });
        }
    }
    let mut names = Vec::new();
    let mut first_job: Option<Place> = None;
    let mut deploying = 0;
    let mut missing = Vec::new();
    for (k, v) in entries(Some(root)) {
        let Some(name) = text(k) else { continue };
        if name.starts_with('.')
            || GITLAB_RESERVED.contains(&name.as_str())
            || !matches!(v.value, Value::Map(_))
        {
            continue;
        }
        let job = gitlab_job(root, &name, 0, &mut vec![name.clone()], &mut missing);
        let setting = |key: &str| job.iter().find(|(n, _)| *n == key).map(|(_, v)| *v);
        if setting("script").is_none() && setting("trigger").is_none() {
            // `pages:` and others that are settings, not jobs.
            continue;
        }
        first_job.get_or_insert_with(|| place(&input.shown, k, None));
        let subject = format!("job {name}");
        let mut seen = Seen::default();
        if let Some(script) = setting("script") {
            let lines: Vec<&Node> = match &script.value {
                Value::Seq(l) => l.iter().collect(),
                _ => vec![script],
            };
            for line in lines {
                if let Some(body) = text(line) {
                    seen.commands(input, line, &body, false);
                }
            }
        }
        let environment = setting("environment").and_then(|e| match &e.value {
            Value::Map(_) => {
                let action = get(e, "action").and_then(text);
                if action.is_some_and(|a| a != "start") {
                    None
                } else {
                    get(e, "name").and_then(text)
                }
            }
            _ => text(e),
        });
        let stage = setting("stage").and_then(text);
        seen.drop_runner_deploys(environment.is_some() || stage.as_deref() == Some("deploy"));
        let mut how = seen
            .deploy
            .as_ref()
            .map(|(label, _)| format!("with {label}"));
        if let Some(env) = &environment {
            how = Some(match how {
                Some(h) => format!("{h} to environment `{env}`"),
                None => format!("to environment `{env}`"),
            });
        }
        seen.findings(&name, &subject, out);
        names.push(name.clone());
        let Some(how) = how else { continue };
        deploying += 1;
        deploy_finding(
            &name,
            &subject,
            &how,
            &gitlab_trigger(&job),
            place(&input.shown, k, None),
            out,
        );
    }
    missing.sort_by_key(|(_, n)| (n.span.line, n.span.column));
    missing.dedup_by_key(|(_, n)| (n.span.line, n.span.column));
    for (base, node) in missing {
        out.skipped.push(Skipped {
            what: format!("GitLab `extends: {base}` not in this file"),
            at: place(&input.shown, node, None),
        });
    }
    if deploying == 0
        && let Some(at) = first_job
    {
        build_only(input, &names, at, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Deployment, Finding, Use, scan, scan_texts};
    use super::{DEPLOY_COMMANDS, matches_any, segments};
    use crate::diag::Diagnostics;

    fn read(texts: &[(&str, &str)]) -> Deployment {
        let mut diags = Diagnostics::default();
        let d = scan_texts(texts, &mut diags);
        assert!(diags.is_empty(), "{}", diags.render(false));
        d
    }

    fn of<'a>(d: &'a Deployment, signal: &str) -> Vec<&'a Finding> {
        d.findings.iter().filter(|f| f.signal == signal).collect()
    }

    fn one<'a>(d: &'a Deployment, signal: &str, subject: &str) -> &'a Finding {
        let found: Vec<_> = of(d, signal)
            .into_iter()
            .filter(|f| f.subject == subject)
            .collect();
        assert_eq!(found.len(), 1, "{signal} {subject}: {:#?}", d.findings);
        found[0]
    }

    fn at(f: &Finding) -> String {
        format!("{}:{}:{}", f.at.file, f.at.line, f.at.column)
    }

    const HELM: &str = "name: deploy
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: cargo test
  deploy:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Deploy
        run: |
          helm repo update
          helm upgrade --install shop ./chart \\
            --namespace prod --atomic --wait
";

    #[test]
    fn a_job_that_deploys_on_every_push_is_used_at_the_jobs_name() {
        let d = read(&[(".github/workflows/deploy.yml", HELM)]);
        let deploy = one(&d, "ci-deploy", "job deploy");
        assert_eq!((deploy.state, deploy.counts), (Use::Used, true));
        assert_eq!(at(deploy), ".github/workflows/deploy.yml:10:3");
        assert_eq!(
            deploy.message,
            "job `deploy` deploys with `helm upgrade` on every push to `main`"
        );
        assert_eq!(
            of(&d, "ci-deploy").len(),
            1,
            "the test job is no gap beside a deploy"
        );
    }

    #[test]
    fn helm_upgrade_with_atomic_rolls_back_and_without_it_does_not() {
        let d = read(&[(".github/workflows/deploy.yml", HELM)]);
        let atomic = one(&d, "ci-atomic", "job deploy");
        assert_eq!(
            (atomic.state, at(atomic).as_str()),
            (Use::Used, ".github/workflows/deploy.yml:18:11")
        );
        let plain = HELM.replace(" --atomic", "");
        let d = read(&[(".github/workflows/deploy.yml", &plain)]);
        let gap = one(&d, "ci-atomic", "job deploy");
        assert_eq!(
            (gap.state, at(gap).as_str()),
            (Use::Unused, ".github/workflows/deploy.yml:18:11")
        );
        assert!(gap.fix.as_deref().unwrap().starts_with("add `--atomic`"));
        // A rollback step run when the deploy fails also rolls back.
        let with_undo = format!("{plain}      - if: failure()\n        run: helm rollback shop\n");
        let d = read(&[(".github/workflows/deploy.yml", &with_undo)]);
        let undo = one(&d, "ci-atomic", "job deploy");
        assert_eq!(
            (undo.state, at(undo).as_str()),
            (Use::Used, ".github/workflows/deploy.yml:21:14")
        );
    }

    #[test]
    fn on_read_as_true_or_as_a_string_gives_the_same_trigger() {
        let body =
            "jobs:\n  ship:\n    runs-on: x\n    steps:\n      - run: kubectl apply -f k8s/\n";
        let bare = format!("on:\n  push:\n    tags: [\"v*\"]\n{body}");
        let quoted = format!("\"on\":\n  push:\n    tags: [\"v*\"]\n{body}");
        let d = read(&[
            (".github/workflows/a.yml", &bare),
            (".github/workflows/b.yml", &quoted),
        ]);
        let found = of(&d, "ci-deploy");
        assert_eq!(found.len(), 2);
        for f in found {
            assert_eq!(f.state, Use::Used);
            assert_eq!(
                f.message,
                "job `ship` deploys with `kubectl apply` on tags `v*`"
            );
            assert_eq!((f.at.line, f.at.column), (5, 3));
        }
    }

    #[test]
    fn a_deploy_run_only_by_hand_is_partial() {
        let text = "on: workflow_dispatch\njobs:\n  release:\n    runs-on: x\n    steps:\n      - run: docker stack deploy -c stack.yml shop\n";
        let d = read(&[(".github/workflows/release.yml", text)]);
        let f = one(&d, "ci-deploy", "job release");
        assert_eq!(
            (f.state, at(f).as_str()),
            (Use::Partial, ".github/workflows/release.yml:3:3")
        );
        assert_eq!(
            f.message,
            "job `release` deploys with `docker stack deploy` only when run by hand"
        );
        assert!(f.fix.is_some());
        // A push trigger beside it makes it automatic; a job limited to manual runs is not.
        let both = "on: [push, workflow_dispatch]\njobs:\n  release:\n    if: github.event_name == 'workflow_dispatch'\n    runs-on: x\n    steps:\n      - run: fly deploy\n  auto:\n    runs-on: x\n    steps:\n      - run: fly deploy\n";
        let d = read(&[(".github/workflows/release.yml", both)]);
        assert_eq!(one(&d, "ci-deploy", "job release").state, Use::Partial);
        assert_eq!(one(&d, "ci-deploy", "job auto").state, Use::Used);
    }

    #[test]
    fn an_environment_or_a_deploy_action_makes_a_job_a_deploy() {
        let text = "on:\n  release:\n    types: [published]\njobs:\n  prod:\n    runs-on: x\n    environment:\n      name: production\n    steps:\n      - run: ./release.sh\n  aks:\n    runs-on: x\n    steps:\n      - uses: Azure/k8s-deploy@v5\n        with:\n          manifests: k8s/\n";
        let d = read(&[(".github/workflows/cd.yml", text)]);
        let prod = one(&d, "ci-deploy", "job prod");
        assert_eq!(
            prod.message,
            "job `prod` deploys to environment `production` when a release is published"
        );
        let aks = one(&d, "ci-deploy", "job aks");
        assert_eq!((aks.state, aks.at.line, aks.at.column), (Use::Used, 11, 3));
        assert!(
            aks.message.contains("`azure/k8s-deploy`"),
            "{}",
            aks.message
        );
    }

    #[test]
    fn an_ssh_action_deploys_when_its_script_starts_containers() {
        let text = "on:\n  push:\n    branches: [main]\njobs:\n  ssh:\n    runs-on: x\n    steps:\n      - uses: appleboy/ssh-action@v1\n        with:\n          script: |\n            cd /srv/app\n            docker compose up -d\n  notify:\n    runs-on: x\n    steps:\n      - uses: appleboy/ssh-action@v1\n        with:\n          script: uptime\n";
        let d = read(&[(".github/workflows/cd.yml", text)]);
        let f = one(&d, "ci-deploy", "job ssh");
        assert_eq!(
            f.message,
            "job `ssh` deploys with `docker compose up` over ssh (`appleboy/ssh-action`) on every push to `main`"
        );
        assert!(
            of(&d, "ci-deploy")
                .iter()
                .all(|f| f.subject != "job notify")
        );
    }

    #[test]
    fn a_job_that_builds_an_image_says_whether_it_pushes_it() {
        let text = "on: push\njobs:\n  image:\n    runs-on: x\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n  check:\n    runs-on: x\n    steps:\n      - run: docker build -t app .\n";
        let d = read(&[(".github/workflows/ci.yml", text)]);
        let pushed = one(&d, "ci-image-build", "job image");
        assert_eq!(
            (pushed.state, pushed.at.line, pushed.at.column),
            (Use::Used, 6, 15)
        );
        assert_eq!(
            pushed.message,
            "job `image` builds and pushes an image with `docker/build-push-action`"
        );
        let local = one(&d, "ci-image-build", "job check");
        assert_eq!(
            (local.state, local.at.line, local.at.column),
            (Use::Used, 12, 14)
        );
        assert_eq!(
            local.message,
            "job `check` builds an image with `docker build`; it does not push it"
        );
    }

    #[test]
    fn workflows_that_only_build_and_test_are_one_gap_with_each_as_a_caveat() {
        let ci = "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - run: cargo test\n";
        let lint = "name: lint\non: pull_request\njobs:\n  lint:\n    runs-on: x\n    steps:\n      - run: cargo clippy\n";
        let d = read(&[
            (".github/workflows/ci.yml", ci),
            (".github/workflows/lint.yml", lint),
        ]);
        let found = of(&d, "ci-deploy");
        let counted: Vec<_> = found.iter().filter(|f| f.counts).collect();
        assert_eq!(counted.len(), 1, "{found:#?}");
        assert_eq!(counted[0].state, Use::Unused);
        assert_eq!(
            counted[0].message,
            "2 workflows build and test; none deploys"
        );
        assert_eq!(at(counted[0]), ".github/workflows/ci.yml:2:1");
        assert!(
            counted[0]
                .fix
                .as_deref()
                .unwrap()
                .starts_with("add a deploy job")
        );
        let caveats: Vec<_> = found.iter().filter(|f| !f.counts).map(|f| at(f)).collect();
        assert_eq!(
            caveats,
            [
                ".github/workflows/ci.yml:2:1",
                ".github/workflows/lint.yml:3:1"
            ]
        );
        let crit = d
            .criteria()
            .into_iter()
            .find(|c| c.path == "automation.ci_integration")
            .unwrap();
        assert_eq!(crit.state, Use::Unused);
    }

    #[test]
    fn with_no_workflow_the_deployment_is_deployed_by_hand() {
        let d = read(&[("compose.yaml", "services:\n  a:\n    image: acme/a:1\n")]);
        let f = one(&d, "ci-deploy", "CI workflows");
        assert_eq!((f.state, at(f).as_str()), (Use::Unused, "compose.yaml:1:1"));
        assert_eq!(
            f.message,
            "no CI workflow deploys this: it is deployed by hand"
        );
        assert!(f.fix.as_deref().unwrap().contains("`docker compose up -d`"));
        // Nothing deployable read: nothing to say.
        let d = read(&[]);
        assert!(of(&d, "ci-deploy").is_empty());
    }

    #[test]
    fn deployed_by_hand_points_at_the_docker_run_or_the_compose_file_that_runs() {
        let mut diags = Diagnostics::default();
        let d = scan(&["examples/seed-stack".into()], &mut diags);
        let f = one(&d, "ci-deploy", "CI workflows");
        assert_eq!((f.state, f.counts), (Use::Unused, true));
        let run = of(&d, "docker-run");
        assert!(!run.is_empty(), "the script reader finds the `docker run`");
        assert_eq!(f.at, run[0].at);
        // Of the fixture's two Compose files, `common.yaml` only holds a base.
        let d = scan(&["tests/fixtures/scan/compose".into()], &mut diags);
        let f = one(&d, "ci-deploy", "CI workflows");
        assert_eq!(at(f), "tests/fixtures/scan/compose/compose.yaml:1:1");
    }

    #[test]
    fn a_deploy_that_only_reaches_the_ci_runner_is_a_test_not_a_deploy() {
        let text = "on: push
jobs:
  integration:
    runs-on: ubuntu-latest
    steps:
      - run: docker compose up -d --wait
      - run: pytest
  e2e:
    runs-on: ubuntu-latest
    steps:
      - uses: helm/kind-action@v1
      - run: helm upgrade --install app ./chart
  host:
    runs-on: [self-hosted, prod]
    steps:
      - run: docker compose up -d
  remote:
    runs-on: ubuntu-latest
    steps:
      - run: DOCKER_HOST=ssh://deploy@app.example.com docker compose up -d
";
        let d = read(&[(".github/workflows/ci.yml", text)]);
        let subjects: Vec<_> = of(&d, "ci-deploy")
            .iter()
            .map(|f| (f.subject.as_str(), f.state, f.at.line))
            .collect();
        assert_eq!(
            subjects,
            [("job host", Use::Used, 13), ("job remote", Use::Used, 17)]
        );
        assert!(
            of(&d, "ci-atomic").is_empty(),
            "a kind cluster is thrown away"
        );
    }

    const GITLAB: &str = "stages: [build, deploy]
include:
  - template: Security/SAST.gitlab-ci.yml
variables:
  APP: shop
.deploy:
  stage: deploy
  image: alpine/helm:3.15
  script:
    - helm upgrade --install $APP ./chart --atomic
build:
  stage: build
  script:
    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA .
    - docker push $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA
deploy-staging:
  extends: .deploy
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
deploy-prod:
  extends: [.deploy]
  environment: production
  rules:
    - if: $CI_COMMIT_TAG
      when: manual
    - when: never
";

    #[test]
    fn gitlab_jobs_take_their_hidden_bases_and_deploy_automatically_or_by_hand() {
        let d = read(&[(".gitlab-ci.yml", GITLAB)]);
        let staging = one(&d, "ci-deploy", "job deploy-staging");
        assert_eq!(
            (staging.state, at(staging).as_str()),
            (Use::Used, ".gitlab-ci.yml:16:1")
        );
        assert_eq!(
            staging.message,
            "job `deploy-staging` deploys with `helm upgrade` on every push to the default branch"
        );
        let prod = one(&d, "ci-deploy", "job deploy-prod");
        assert_eq!(
            (prod.state, at(prod).as_str()),
            (Use::Partial, ".gitlab-ci.yml:20:1")
        );
        assert_eq!(
            prod.message,
            "job `deploy-prod` deploys with `helm upgrade` to environment `production` only when run by hand"
        );
        // The hidden job and the settings are no jobs.
        assert_eq!(of(&d, "ci-deploy").len(), 2);
        let atomic = one(&d, "ci-atomic", "job deploy-staging");
        assert_eq!(
            (atomic.state, at(atomic).as_str()),
            (Use::Used, ".gitlab-ci.yml:10:7")
        );
        let image = one(&d, "ci-image-build", "job build");
        assert_eq!(
            image.message,
            "job `build` builds and pushes an image with `docker build`"
        );
        assert_eq!(at(image), ".gitlab-ci.yml:14:7");
        let skipped: Vec<_> = d
            .skipped
            .iter()
            .map(|s| (s.what.as_str(), s.at.line, s.at.column))
            .collect();
        assert_eq!(
            skipped,
            [(
                "GitLab include `Security/SAST.gitlab-ci.yml` not read",
                3,
                5
            )]
        );
    }

    #[test]
    fn gitlab_extends_cycles_end_and_missing_bases_are_listed() {
        let text = "stages: [test]\n.a:\n  extends: .b\n  script: [make test]\n.b:\n  extends: .a\njob:\n  extends: [.a, .template]\n";
        let d = read(&[(".gitlab-ci.yml", text)]);
        let caveat = one(&d, "ci-deploy", "workflow .gitlab-ci.yml");
        assert_eq!(
            (caveat.counts, caveat.at.line, caveat.at.column),
            (false, 7, 1)
        );
        let skipped: Vec<_> = d
            .skipped
            .iter()
            .map(|s| (s.what.as_str(), s.at.line))
            .collect();
        assert_eq!(
            skipped,
            [("GitLab `extends: .template` not in this file", 8)]
        );
    }

    #[test]
    fn deploy_commands_are_found_among_flags_pipes_and_continued_lines() {
        let found = |script: &str| {
            segments(script)
                .iter()
                .find_map(|(line, t)| matches_any(t, &DEPLOY_COMMANDS).map(|m| (*line, m)))
        };
        assert_eq!(
            found("kubectl -n prod apply -f k8s/"),
            Some((0, "`kubectl apply`".into()))
        );
        assert_eq!(
            found("kustomize build overlays/prod | kubectl apply -f -"),
            Some((0, "`kubectl apply`".into()))
        );
        assert_eq!(
            found("cd /srv\nsudo docker compose -f prod.yml \\\n  up -d"),
            Some((1, "`docker compose up`".into()))
        );
        assert_eq!(
            found("ssh host 'cd app && docker-compose up -d'"),
            Some((0, "`docker-compose up`".into()))
        );
        assert_eq!(
            found("gcloud run deploy api --image x"),
            Some((0, "`gcloud run deploy`".into()))
        );
        assert_eq!(
            found("git push heroku main"),
            Some((0, "`git push heroku`".into()))
        );
        assert_eq!(found("echo kubectl apply -f x\n# helm upgrade"), None);
        assert_eq!(
            found("docker compose pull\nkubectl get pods\nhelm lint ./chart"),
            None
        );
    }

    #[test]
    fn the_improved_seed_stack_builds_pushes_and_deploys_on_every_push() {
        let mut diags = Diagnostics::default();
        let d = scan(&["examples/seed-stack-improved".into()], &mut diags);
        let file = "examples/seed-stack-improved/.github/workflows/deploy.yml";
        let deploy = one(&d, "ci-deploy", "job deploy");
        assert_eq!(
            (deploy.state, at(deploy)),
            (Use::Used, format!("{file}:38:3"))
        );
        assert!(
            deploy.message.contains("`docker compose up` over ssh"),
            "{}",
            deploy.message
        );
        let image = one(&d, "ci-image-build", "job build");
        assert_eq!(
            (image.state, at(image)),
            (Use::Used, format!("{file}:30:15"))
        );
        assert!(image.message.contains("builds and pushes"));
        assert_eq!(of(&d, "ci-deploy").len(), 1);
    }
}
