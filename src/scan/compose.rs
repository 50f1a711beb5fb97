//! Docker Compose files: each service's image or build, health check, restart policy,
//! replicas, update and logging settings, read through `extends` (in the same file or
//! another) and against the profiles that gate it.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::documents::{self, entries, get, items, key, place, text};
use super::images::{self, Image};
use super::model::{Deployment, Finding, Place, Skipped, Use};
use super::signals;
use super::{Context, Input};
use crate::catalog::yaml::{Node, Value};
use crate::diag::{Diagnostic, Diagnostics, SourceFile};

/// Levels of `extends` followed: Compose itself has no limit, a real file uses two or three.
const MAX_EXTENDS: usize = 8;

/// Top-level keys of the Compose specification.
const TOP_KEYS: [&str; 9] = [
    "version", "name", "services", "networks", "volumes", "configs", "secrets", "include", "models",
];

/// Logging drivers that send logs off the host.
const SHIPPING_DRIVERS: [&str; 9] = [
    "fluentd", "gelf", "syslog", "awslogs", "gcplogs", "loki", "splunk", "journald", "etwlogs",
];

/// Images that are data stores or developer tools: one container of them behind a published
/// port is not a service that wants a load balancer.
const NOT_BALANCED: [&str; 24] = [
    "postgres",
    "postgis",
    "mysql",
    "mariadb",
    "redis",
    "valkey",
    "mongo",
    "memcached",
    "rabbitmq",
    "elasticsearch",
    "opensearch",
    "cassandra",
    "kafka",
    "zookeeper",
    "nats",
    "minio",
    "etcd",
    "clickhouse-server",
    "influxdb",
    "couchdb",
    "neo4j",
    "mailhog",
    "mailpit",
    "adminer",
];

// The readers share one signature; `Context` is passed by reference to all of them.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub fn read(input: &Input, _ctx: &Context, out: &mut Deployment, diags: &mut Diagnostics) {
    let start = out.findings.len();
    let docs = documents::read(&input.file, diags);
    let Some(doc) = docs.first() else {
        return;
    };
    let root = &doc.root;
    for (k, _) in entries(Some(root)) {
        if let Some(name) = text(k)
            && !TOP_KEYS.contains(&name.as_str())
            && !name.starts_with("x-")
        {
            out.skipped.push(Skipped {
                what: format!("compose key `{name}`"),
                at: place(&input.shown, k, None),
            });
        }
    }
    let (Some(services_key), Some(services)) = (key(root, "services"), get(root, "services"))
    else {
        return;
    };
    match &services.value {
        Value::Map(_) => {}
        Value::Null => return,
        other => {
            diags.push(
                Diagnostic::error(
                    "compose-shape",
                    format!("`services` is {}, not a map of services", other.kind()),
                )
                .at(&input.file, services.span)
                .with_help("write `services:` as a map: each service's name, then its settings"),
            );
            return;
        }
    }
    // A file of bases another Compose file extends is read through that file.
    if is_base_file(out, start, input) {
        return;
    }

    let mut sources = vec![Source {
        file: Arc::clone(&input.file),
        shown: Arc::clone(&input.shown),
        dir: input
            .path
            .as_deref()
            .map(|p| p.parent().unwrap_or(Path::new("")).to_path_buf()),
        canonical: input.path.as_deref().and_then(|p| p.canonicalize().ok()),
        services: Some(services.clone()),
    }];
    let mut bases = Vec::new();
    let mut all = Vec::new();
    for (k, v) in entries(Some(services)) {
        let Some(name) = text(k) else { continue };
        if !matches!(v.value, Value::Map(_)) {
            diags.push(
                Diagnostic::error(
                    "compose-shape",
                    format!(
                        "service `{name}` is {}, not a map of settings",
                        v.value.kind()
                    ),
                )
                .at(&input.file, v.span)
                .with_help(
                    "give the service its settings as a map (`image:`, `build:`, `ports:`...)",
                ),
            );
            continue;
        }
        let mut chain = vec![(0, name.clone())];
        let entries = resolve(&mut sources, 0, &name, &mut chain, &mut bases, diags);
        all.push(Service {
            name,
            key: k.clone(),
            file: Arc::clone(&input.shown),
            entries,
        });
    }

    let file_name = input.shown.rsplit('/').next().unwrap_or(&input.shown);
    let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
    out.findings.push(Finding::new(
        &signals::COMPOSE_FILE,
        Use::Used,
        format!("file {file_name}"),
        format!(
            "`{file_name}` declares {}",
            count(names.len(), "service", "services")
        ),
        place(&input.shown, services_key, None),
    ));
    if all.len() > 1 {
        let list = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.findings.push(Finding::new(
            &signals::COMPOSE_SERVICES,
            Use::Used,
            format!("file {file_name}"),
            format!("{} services run together: {list}", all.len()),
            place(&input.shown, services_key, None),
        ));
        out.findings.push(Finding::new(
            &signals::COMPOSE_DNS,
            Use::Used,
            format!("file {file_name}"),
            format!(
                "the {} services reach each other by name on the Compose network",
                all.len()
            ),
            place(&input.shown, services_key, None),
        ));
    }

    let one_shot = one_shot_services(&all);
    let health: Vec<(&str, Health)> = all
        .iter()
        .map(|s| (s.name.as_str(), s.health(&one_shot)))
        .collect();
    for service in &all {
        service_findings(service, &one_shot, &health, out);
    }

    mark_bases(bases, out, start);
}

/// One file `extends` reads from: the scanned file itself (index 0) or another one.
struct Source {
    file: Arc<SourceFile>,
    shown: Arc<str>,
    /// The folder its relative `extends.file` paths start from; `None` for standard input.
    dir: Option<PathBuf>,
    canonical: Option<PathBuf>,
    services: Option<Node>,
}

/// One setting of a service, its own or its base's.
struct Entry {
    name: String,
    key: Node,
    value: Node,
    /// The file it is written in.
    file: Arc<str>,
    /// The base service it comes from through `extends`.
    from: Option<String>,
}

impl Entry {
    fn key_at(&self) -> Place {
        place(&self.file, &self.key, None)
    }

    fn at(&self, node: &Node) -> Place {
        place(&self.file, node, None)
    }

    /// ` (from `base` through `extends`)`, or nothing for the service's own settings.
    fn note(&self) -> String {
        self.from
            .as_ref()
            .map(|b| format!(" (from `{b}` through `extends`)"))
            .unwrap_or_default()
    }
}

/// A service with its settings after `extends`.
struct Service {
    name: String,
    key: Node,
    file: Arc<str>,
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Health {
    Checked,
    Disabled,
    /// No `healthcheck:` and an image built here: the Dockerfile's HEALTHCHECK, if any.
    FromBuild,
    Missing,
    OneShot,
}

impl Service {
    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    fn value(&self, name: &str) -> Option<&Node> {
        self.entry(name).map(|e| &e.value)
    }

    fn at(&self) -> Place {
        place(&self.file, &self.key, None)
    }

    fn subject(&self) -> String {
        format!("service {}", self.name)
    }

    fn profiles(&self) -> Vec<String> {
        match self.value("profiles") {
            Some(n) => match &n.value {
                Value::Seq(list) => list.iter().filter_map(text).collect(),
                _ => text(n).into_iter().collect(),
            },
            None => Vec::new(),
        }
    }

    fn built(&self) -> bool {
        self.value("build").is_some()
    }

    fn health(&self, one_shot: &HashSet<String>) -> Health {
        if one_shot.contains(&self.name) {
            return Health::OneShot;
        }
        match self.value("healthcheck") {
            Some(h) if disabled(h).is_some() => Health::Disabled,
            Some(h) if get(h, "test").is_some() => Health::Checked,
            _ if self.built() => Health::FromBuild,
            _ => Health::Missing,
        }
    }

    /// The first port the container listens on, for the example in a fix.
    fn container_port(&self) -> Option<String> {
        let from_ports = items(self.value("ports"))
            .iter()
            .find_map(|p| match &p.value {
                Value::Map(_) => get(p, "target").and_then(text),
                _ => text(p).map(|s| {
                    let s = s.split('/').next().unwrap_or(&s).to_owned();
                    s.rsplit(':').next().unwrap_or(&s).to_owned()
                }),
            });
        from_ports
            .or_else(|| items(self.value("expose")).first().and_then(text))
            .map(|p| p.split(['-', '/']).next().unwrap_or(&p).to_owned())
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    }

    /// The replicas Compose starts: `deploy.replicas`, else `scale`, else one.
    fn replicas(&self) -> (i128, Option<(&Entry, &Node)>) {
        if let Some(e) = self.entry("deploy")
            && let Some(n) = get(&e.value, "replicas")
            && let Some(r) = documents::int(n)
        {
            return (r, Some((e, n)));
        }
        if let Some(e) = self.entry("scale")
            && let Some(r) = documents::int(&e.value)
        {
            return (r, Some((e, &e.value)));
        }
        (1, None)
    }
}

/// The node that turns a health check off: `disable: true` or `test: ["NONE"]`.
fn disabled(h: &Node) -> Option<&Node> {
    if let Some(d) = get(h, "disable")
        && matches!(d.value, Value::Bool(true))
    {
        return key(h, "disable");
    }
    let test = get(h, "test")?;
    let first = match &test.value {
        Value::Seq(list) => list.first().and_then(text),
        _ => text(test),
    };
    (first.as_deref() == Some("NONE"))
        .then(|| key(h, "test"))
        .flatten()
}

/// The settings of service `name` of `sources[src]`, its base's added under its own.
fn resolve(
    sources: &mut Vec<Source>,
    src: usize,
    name: &str,
    chain: &mut Vec<(usize, String)>,
    bases: &mut Vec<BaseUse>,
    diags: &mut Diagnostics,
) -> Vec<Entry> {
    let source = &sources[src];
    let Some(node) = source.services.as_ref().and_then(|s| get(s, name)).cloned() else {
        return Vec::new();
    };
    let (file, shown, dir) = (
        Arc::clone(&source.file),
        Arc::clone(&source.shown),
        source.dir.clone(),
    );
    let mut out: Vec<Entry> = entries(Some(&node))
        .iter()
        .filter_map(|(k, v)| {
            let name = text(k)?;
            (name != "extends").then(|| Entry {
                name,
                key: k.clone(),
                value: v.clone(),
                file: Arc::clone(&shown),
                from: None,
            })
        })
        .collect();
    let Some(extends) = get(&node, "extends") else {
        return out;
    };
    let (base, file_node) = match &extends.value {
        Value::Map(_) => (get(extends, "service").and_then(text), get(extends, "file")),
        _ => (text(extends), None),
    };
    let Some(base) = base else {
        diags.push(
            Diagnostic::warning(
                "extends-not-found",
                format!("service `{name}` extends no named service"),
            )
            .at(&file, extends.span)
            .with_help("name the base service: `extends: {service: base}`"),
        );
        return out;
    };
    let mut target = src;
    if let Some((f, rel)) = file_node.and_then(|f| text(f).map(|t| (f, t))) {
        let Some(i) = load(sources, dir.as_deref(), &rel) else {
            diags.push(
                Diagnostic::warning(
                    "extends-not-found",
                    format!("service `{name}` extends `{base}` of `{rel}`, which is not found"),
                )
                .at(&file, f.span)
                .with_help(if dir.is_some() {
                    "check the path: it is relative to this Compose file's folder"
                } else {
                    "scan the Compose file from its folder, so that the file it extends can be read"
                }),
            );
            return out;
        };
        target = i;
    }
    if chain.iter().any(|(s, n)| *s == target && *n == base) {
        diags.push(
            Diagnostic::warning(
                "extends-cycle",
                format!("service `{name}` extends `{base}`, which extends it back"),
            )
            .at(&file, extends.span)
            .with_help("break the cycle: a base service must not extend the services built on it"),
        );
        return out;
    }
    if chain.len() > MAX_EXTENDS {
        diags.push(
            Diagnostic::warning(
                "extends-too-deep",
                format!("service `{name}` extends more than {MAX_EXTENDS} levels deep; the rest is not read"),
            )
            .at(&file, extends.span)
            .with_help("flatten the chain of `extends`"),
        );
        return out;
    }
    let target_services = sources[target].services.as_ref();
    let Some(base_key) = target_services.and_then(|s| key(s, &base)).cloned() else {
        diags.push(
            Diagnostic::warning(
                "extends-not-found",
                format!(
                    "service `{name}` extends `{base}`, which `{}` does not declare",
                    sources[target].shown
                ),
            )
            .at(&file, extends.span)
            .with_help("name a service of that file"),
        );
        return out;
    };
    chain.push((target, base.clone()));
    let inherited = resolve(sources, target, &base, chain, bases, diags);
    chain.pop();
    for mut e in inherited {
        // Compose does not carry `depends_on` over `extends`.
        if e.name == "depends_on" || out.iter().any(|o| o.name == e.name) {
            continue;
        }
        e.from.get_or_insert_with(|| base.clone());
        out.push(e);
    }
    if target != src {
        bases.push(BaseUse {
            canonical: sources[target].canonical.clone(),
            shown: Arc::clone(&sources[target].shown),
            base,
            by: name.to_owned(),
            at: place(&sources[target].shown, &base_key, None),
        });
    }
    out
}

/// The index of the Compose file at `rel` (from `dir`), read once.
fn load(sources: &mut Vec<Source>, dir: Option<&Path>, rel: &str) -> Option<usize> {
    let path = clean(&dir?.join(rel));
    if !path.is_file() {
        return None;
    }
    let canonical = path.canonicalize().ok();
    if let Some(i) = sources
        .iter()
        .position(|s| s.canonical.is_some() && s.canonical == canonical)
    {
        return Some(i);
    }
    // Problems of the base file are its own: it is read for its services, quietly, and
    // reported when it is scanned itself.
    let mut quiet = Diagnostics::default();
    let file = crate::input::read(&path, super::INPUT, &mut quiet)?;
    let docs = documents::read(&file, &mut quiet);
    let services = docs
        .first()
        .and_then(|d| get(&d.root, "services"))
        .filter(|s| matches!(s.value, Value::Map(_)))
        .cloned();
    sources.push(Source {
        shown: Arc::from(file.name.as_str()),
        file,
        dir: path.parent().map(Path::to_path_buf),
        canonical,
        services,
    });
    Some(sources.len() - 1)
}

/// `a/./b/../c` as `a/c`.
fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if out
                    .components()
                    .next_back()
                    .is_some_and(|l| matches!(l, Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A service of another file that a service of this one extends.
struct BaseUse {
    canonical: Option<PathBuf>,
    shown: Arc<str>,
    base: String,
    by: String,
    at: Place,
}

impl BaseUse {
    /// Whether a finding's file is this base's file.
    fn is_file(&self, file: &str) -> bool {
        *file == *self.shown
            || (self.canonical.is_some() && Path::new(file).canonicalize().ok() == self.canonical)
    }

    /// Whether Compose runs this file itself (`compose.yaml`, `docker-compose.yml`), rather
    /// than it holding bases only.
    fn runs(&self) -> bool {
        let name = self.shown.rsplit('/').next().unwrap_or(&self.shown);
        name.starts_with("compose.") || name.starts_with("docker-compose")
    }
}

/// Notes each base another file's service extends. A file of bases only, read on its own
/// before this one (and not yet noted), has what that reading said dropped: its services
/// run through the services that extend them.
fn mark_bases(bases: Vec<BaseUse>, out: &mut Deployment, start: usize) {
    let noted = |b: &BaseUse, findings: &[Finding]| {
        findings
            .iter()
            .any(|f| f.signal == signals::COMPOSE_FILE.id && !f.counts && b.is_file(&f.at.file))
    };
    let dropped: Vec<&BaseUse> = bases
        .iter()
        .filter(|b| !b.runs() && !noted(b, &out.findings[..start]))
        .collect();
    if !dropped.is_empty() {
        let mut i = 0;
        out.findings.retain(|f| {
            i += 1;
            i > start || !dropped.iter().any(|b| b.is_file(&f.at.file))
        });
    }
    for b in bases {
        out.findings.push(
            Finding::new(
                &signals::COMPOSE_FILE,
                Use::Used,
                format!("service {}", b.base),
                format!(
                    "service `{}` is the base that service `{}` extends; it is read through `{}`",
                    b.base, b.by, b.by
                ),
                b.at,
            )
            .caveat(),
        );
    }
}

/// Whether this file holds only bases another file read earlier extends.
fn is_base_file(out: &Deployment, start: usize, input: &Input) -> bool {
    let name = input.shown.rsplit('/').next().unwrap_or(&input.shown);
    if name.starts_with("compose.") || name.starts_with("docker-compose") {
        return false;
    }
    let canonical = input.path.as_deref().and_then(|p| p.canonicalize().ok());
    out.findings[..start].iter().any(|f| {
        f.signal == signals::COMPOSE_FILE.id
            && !f.counts
            && (f.at.file == input.shown
                || (canonical.is_some() && Path::new(&*f.at.file).canonicalize().ok() == canonical))
    })
}

/// Services that run once and exit: another waits for them to complete, or they are told
/// not to restart and given a command to run.
fn one_shot_services(all: &[Service]) -> HashSet<String> {
    let mut out = HashSet::new();
    for s in all {
        for (dep, cond) in entries(s.value("depends_on")) {
            if get(cond, "condition").and_then(text).as_deref()
                == Some("service_completed_successfully")
                && let Some(d) = text(dep)
            {
                out.insert(d);
            }
        }
        let policy = s
            .value("deploy")
            .and_then(|d| documents::at(d, &["restart_policy", "condition"]))
            .and_then(text);
        let no_restart = s.value("restart").is_some_and(is_no);
        if policy.as_deref() == Some("none")
            || (no_restart && (s.value("command").is_some() || s.value("entrypoint").is_some()))
        {
            out.insert(s.name.clone());
        }
    }
    out
}

/// `restart: "no"` (or `no` read as a boolean).
fn is_no(n: &Node) -> bool {
    matches!(&n.value, Value::Bool(false)) || text(n).as_deref() == Some("no")
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What one service's settings say.
fn service_findings(
    s: &Service,
    one_shot: &HashSet<String>,
    health: &[(&str, Health)],
    out: &mut Deployment,
) {
    let profiles = s.profiles();
    let gate = (!profiles.is_empty()).then(|| {
        let flags = profiles
            .iter()
            .map(|p| format!("`--profile {p}`"))
            .collect::<Vec<_>>()
            .join(" or ");
        format!("it runs only with {flags}")
    });
    // A profiled service's gaps are context; what it adds (a component, `runs-*`, said
    // partial with the profile by `image_findings`) counts.
    let mut push = |f: Finding| {
        let f = match &gate {
            Some(g) if f.state != Use::Used && !f.signal.starts_with("runs-") => {
                let message = format!("{}; {g}", f.message);
                Finding { message, ..f }.caveat()
            }
            _ => f,
        };
        out.findings.push(f);
    };
    let name = &s.name;

    image_findings(s, gate.as_deref(), &mut push);

    if let Some(e) = s.entry("environment") {
        let vars: Vec<(String, &Node)> = match &e.value.value {
            Value::Map(map) => map
                .iter()
                .filter_map(|(k, _)| Some((text(k)?, k)))
                .collect(),
            Value::Seq(list) => list
                .iter()
                .filter_map(|i| {
                    let t = text(i)?;
                    Some((t.split('=').next().unwrap_or(&t).trim().to_owned(), i))
                })
                .collect(),
            _ => Vec::new(),
        };
        if let Some((var, node)) = vars.iter().find(|(v, _)| images::is_otel_variable(v)) {
            push(Finding::new(
                &signals::OTEL_ENV,
                Use::Used,
                s.subject(),
                format!(
                    "service `{name}` sets `{var}`: it exports traces over OpenTelemetry{}",
                    e.note()
                ),
                e.at(node),
            ));
        }
    }

    let one_shot_here = one_shot.contains(name);
    if !one_shot_here {
        health_findings(s, &mut push);
        restart_findings(s, &mut push);
    }
    if let Some(e) = s.entry("depends_on") {
        for (dep, cond) in entries(Some(&e.value)) {
            let (Some(dep), Some(c)) = (text(dep), get(cond, "condition")) else {
                continue;
            };
            if text(c).as_deref() != Some("service_healthy") {
                continue;
            }
            let state = health.iter().find(|(n, _)| *n == dep).map(|(_, h)| *h);
            let why = match state {
                Some(Health::Missing | Health::OneShot) => "has no healthcheck",
                Some(Health::Disabled) => "turns its healthcheck off",
                Some(Health::FromBuild) => {
                    "has no `healthcheck:` of its own (the HEALTHCHECK of the image it builds, if any, applies)"
                }
                _ => continue,
            };
            push(
                Finding::new(
                    &signals::COMPOSE_HEALTHCHECK,
                    Use::Unused,
                    s.subject(),
                    format!(
                        "service `{name}` waits for `{dep}` to be healthy, but `{dep}` {why}: `docker compose up` stops with an error"
                    ),
                    e.at(c),
                )
                .fix(format!("add a `healthcheck:` to service `{dep}`"))
                .caveat(),
            );
        }
    }

    replica_findings(s, &mut push);

    if let Some(e) = s.entry("deploy")
        && let Some(k) = key(&e.value, "update_config")
    {
        push(
            Finding::new(
                &signals::COMPOSE_UPDATE,
                Use::Partial,
                s.subject(),
                format!(
                    "service `{name}` sets `deploy.update_config`, which only `docker stack deploy` (Swarm) honours; `docker compose up` stops and recreates the container{}",
                    e.note()
                ),
                e.at(k),
            )
            .fix("deploy the stack with `docker stack deploy` (Swarm) for rolling updates"),
        );
    }

    if let Some(e) = s.entry("logging")
        && let Some(d) = get(&e.value, "driver")
        && let Some(driver) = text(d)
    {
        let f = if matches!(driver.as_str(), "json-file" | "local") {
            Finding::new(
                &signals::COMPOSE_LOGGING,
                Use::Partial,
                s.subject(),
                format!("service `{name}` logs with `{driver}`: kept on the host{}", e.note()),
                e.at(d),
            )
            .fix(format!("send service `{name}`'s logs off the host (`logging.driver: fluentd`, `gelf`, `syslog`, `awslogs`) or run a log shipper"))
        } else if driver == "none" {
            Finding::new(
                &signals::COMPOSE_LOGGING,
                Use::Unused,
                s.subject(),
                format!("service `{name}` discards its logs (`driver: none`){}", e.note()),
                e.at(d),
            )
            .fix(format!("give service `{name}` a logging driver that ships its logs (`fluentd`, `gelf`, `syslog`)"))
        } else if SHIPPING_DRIVERS.contains(&driver.as_str()) {
            Finding::new(
                &signals::COMPOSE_LOGGING,
                Use::Used,
                s.subject(),
                format!(
                    "service `{name}` sends its logs off the host with `{driver}`{}",
                    e.note()
                ),
                e.at(d),
            )
        } else {
            return;
        };
        push(f);
    }
}

fn image_findings(s: &Service, gate: Option<&str>, push: &mut impl FnMut(Finding)) {
    let name = &s.name;
    let build = s.entry("build");
    let image = s.entry("image").and_then(|e| Some((e, text(&e.value)?)));
    if let Some(b) = build {
        let context = match &b.value.value {
            Value::Map(_) => get(&b.value, "context").and_then(text),
            _ => text(&b.value),
        }
        .unwrap_or_else(|| ".".to_owned());
        push(Finding::new(
            &signals::COMPOSE_BUILD,
            Use::Used,
            s.subject(),
            format!("service `{name}` is built from `{context}`{}", b.note()),
            b.key_at(),
        ));
        let named = image
            .as_ref()
            .map(|(_, i)| format!(" as `{i}`"))
            .unwrap_or_default();
        push(Finding::new(
            &signals::COMPOSE_IMAGE,
            Use::Used,
            s.subject(),
            format!("service `{name}` runs an image built from `{context}`{named}"),
            b.key_at(),
        ));
    } else if let Some((e, reference)) = &image {
        push(Finding::new(
            &signals::COMPOSE_IMAGE,
            Use::Used,
            s.subject(),
            format!("service `{name}` runs image `{reference}`{}", e.note()),
            e.at(&e.value),
        ));
        let resolved = with_defaults(reference);
        let parsed = Image::parse(&resolved);
        let f = match parsed.tag_problem() {
            Some(problem) => Finding::new(
                &signals::COMPOSE_IMAGE_TAG,
                Use::Partial,
                s.subject(),
                format!(
                    "image `{reference}` of service `{name}` {problem}{}",
                    e.note()
                ),
                e.at(&e.value),
            )
            .fix(format!(
                "pin service `{name}`'s image to a version tag or a digest"
            )),
            None if parsed.tag.is_some_and(|t| t.contains('$')) => Finding::new(
                &signals::COMPOSE_IMAGE_TAG,
                Use::Used,
                s.subject(),
                format!("service `{name}` takes its image tag from a variable (`{reference}`)"),
                e.at(&e.value),
            ),
            None => Finding::new(
                &signals::COMPOSE_IMAGE_TAG,
                Use::Used,
                s.subject(),
                format!("image `{reference}` of service `{name}` is pinned"),
                e.at(&e.value),
            ),
        };
        push(f);
    }
    if let Some((e, reference)) = &image
        && let Some((signal, words)) = images::component(&with_defaults(reference))
    {
        let (state, note) = match gate {
            Some(g) => (Use::Partial, format!("; {g}")),
            None => (Use::Used, String::new()),
        };
        push(Finding::new(
            signal,
            state,
            s.subject(),
            format!("service `{name}` runs {words} (`{reference}`){note}"),
            e.at(&e.value),
        ));
    }
}

/// `${VAR:-default}` and `${VAR-default}` as their defaults; other variables kept.
fn with_defaults(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let inner = &after[..end];
        match inner.split_once(":-").or_else(|| inner.split_once('-')) {
            Some((_, default)) => out.push_str(default),
            None => out.push_str(&rest[i..i + 3 + end]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn health_findings(s: &Service, push: &mut impl FnMut(Finding)) {
    let name = &s.name;
    let port = s.container_port().unwrap_or_else(|| "8000".to_owned());
    let example = format!(
        "add a `healthcheck:` to service `{name}` (e.g. `test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:{port}/health\"]`)"
    );
    match s.entry("healthcheck") {
        Some(e) if disabled(&e.value).is_some() => {
            let node = disabled(&e.value).unwrap_or(&e.value);
            push(
                Finding::new(
                    &signals::COMPOSE_HEALTHCHECK,
                    Use::Unused,
                    s.subject(),
                    format!(
                        "service `{name}` turns its health check off, the image's own too{}",
                        e.note()
                    ),
                    e.at(node),
                )
                .fix(format!(
                    "give service `{name}` a healthcheck `test:` instead of turning it off"
                )),
            );
        }
        Some(e) if get(&e.value, "test").is_some() => {
            let test = get(&e.value, "test").map(test_words).unwrap_or_default();
            push(Finding::new(
                &signals::COMPOSE_HEALTHCHECK,
                Use::Used,
                s.subject(),
                format!("service `{name}` checks its health with `{test}`{}", e.note()),
                e.key_at(),
            ));
        }
        Some(e) => {
            let mut f = Finding::new(
                &signals::COMPOSE_HEALTHCHECK,
                Use::Partial,
                s.subject(),
                format!(
                    "service `{name}` sets health check timings but no `test:`: only the image's own HEALTHCHECK, if any, runs{}",
                    e.note()
                ),
                e.key_at(),
            )
            .fix(format!("give service `{name}`'s `healthcheck:` a `test:`"));
            if s.built() {
                f = f.caveat();
            }
            push(f);
        }
        None if s.built() => push(
            Finding::new(
                &signals::COMPOSE_HEALTHCHECK,
                Use::Unused,
                s.subject(),
                format!(
                    "service `{name}` has no `healthcheck:`; the HEALTHCHECK of the image it builds, if any, applies"
                ),
                s.at(),
            )
            .fix(example)
            .caveat(),
        ),
        None => push(
            Finding::new(
                &signals::COMPOSE_HEALTHCHECK,
                Use::Unused,
                s.subject(),
                format!("service `{name}` has no `healthcheck:`"),
                s.at(),
            )
            .fix(example),
        ),
    }
}

/// A health check's command as one line: `curl -f http://localhost/health`.
fn test_words(test: &Node) -> String {
    let words = match &test.value {
        Value::Seq(list) => {
            let words: Vec<String> = list.iter().filter_map(text).collect();
            let skip = usize::from(matches!(
                words.first().map(String::as_str),
                Some("CMD" | "CMD-SHELL")
            ));
            words[skip..].join(" ")
        }
        _ => text(test).unwrap_or_default(),
    };
    if words.chars().count() > 60 {
        let cut: String = words.chars().take(57).collect();
        format!("{cut}...")
    } else {
        words
    }
}

fn restart_findings(s: &Service, push: &mut impl FnMut(Finding)) {
    let name = &s.name;
    let unhealthy =
        "not when unhealthy (Docker does not restart an unhealthy container outside Swarm)";
    let fix = format!("add `restart: unless-stopped` to service `{name}`");
    if let Some(e) = s.entry("restart") {
        if is_no(&e.value) {
            push(
                Finding::new(
                    &signals::COMPOSE_RESTART,
                    Use::Unused,
                    s.subject(),
                    format!(
                        "service `{name}` is not restarted when it exits (`restart: \"no\"`){}",
                        e.note()
                    ),
                    e.at(&e.value),
                )
                .fix(fix),
            );
        } else {
            let policy = text(&e.value).unwrap_or_default();
            push(Finding::new(
                &signals::COMPOSE_RESTART,
                Use::Partial,
                s.subject(),
                format!(
                    "service `{name}` restarts on exit (`restart: {policy}`), {unhealthy}{}",
                    e.note()
                ),
                e.at(&e.value),
            ));
        }
        return;
    }
    if let Some(e) = s.entry("deploy")
        && let Some(k) = key(&e.value, "restart_policy")
    {
        let condition = documents::at(&e.value, &["restart_policy", "condition"])
            .and_then(text)
            .unwrap_or_else(|| "any".to_owned());
        push(Finding::new(
            &signals::COMPOSE_RESTART,
            Use::Partial,
            s.subject(),
            format!(
                "service `{name}` restarts on exit (`restart_policy` `{condition}`), {unhealthy}{}",
                e.note()
            ),
            e.at(k),
        ));
        return;
    }
    push(
        Finding::new(
            &signals::COMPOSE_RESTART,
            Use::Unused,
            s.subject(),
            format!("service `{name}` has no `restart:`: it stays down when it exits"),
            s.at(),
        )
        .fix(fix),
    );
}

fn replica_findings(s: &Service, push: &mut impl FnMut(Finding)) {
    let name = &s.name;
    let (replicas, set) = s.replicas();
    if replicas >= 2 {
        let (e, n) = set.expect("more than one replica is set");
        push(Finding::new(
            &signals::COMPOSE_REPLICAS,
            Use::Used,
            s.subject(),
            format!("service `{name}` runs {replicas} replicas{}", e.note()),
            e.at(n),
        ));
        return;
    }
    if replicas != 1 {
        return;
    }
    let Some(ports) = s
        .entry("ports")
        .filter(|e| !items(Some(&e.value)).is_empty())
    else {
        return;
    };
    let host_port = items(Some(&ports.value))
        .first()
        .and_then(|p| match &p.value {
            Value::Map(_) => get(p, "published")
                .or_else(|| get(p, "target"))
                .and_then(text),
            _ => text(p).map(|t| {
                let parts: Vec<&str> = t.split(':').collect();
                let host = match parts.as_slice() {
                    [_, host, _] | [host, _] => host,
                    _ => parts.last().copied().unwrap_or(""),
                };
                host.split('/').next().unwrap_or(host).to_owned()
            }),
        })
        .unwrap_or_default();
    let image = s
        .value("image")
        .and_then(text)
        .map(|i| with_defaults(&i))
        .unwrap_or_default();
    let component = if image.is_empty() {
        None
    } else {
        images::component(&image)
    };
    let image_name = Image::parse(&image).name().to_ascii_lowercase();
    if NOT_BALANCED.contains(&image_name.as_str()) {
        return;
    }
    let (replicas_at, note) = match set {
        Some((e, n)) => (e.at(n), e.note()),
        None => (ports.key_at(), ports.note()),
    };
    match component {
        Some((signal, _)) if signal.id == signals::RUNS_PROXY.id => push(
            Finding::new(
                &signals::COMPOSE_REPLICAS,
                Use::Partial,
                s.subject(),
                format!(
                    "service `{name}` is one proxy container in front of the others, behind port {host_port}: the proxy itself has no failover{note}"
                ),
                replicas_at,
            )
            .caveat(),
        ),
        // Dashboards and collectors publish a port for people, not for traffic.
        Some(_) => {}
        None => push(
            Finding::new(
                &signals::COMPOSE_REPLICAS,
                Use::Partial,
                s.subject(),
                format!(
                    "service `{name}` is one container behind port {host_port}: nothing to fail over to{note}"
                ),
                replicas_at,
            )
            .fix(format!(
                "run two or more replicas of service `{name}` (`deploy.replicas: 2`) behind a proxy"
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Deployment, Finding, Use, scan, scan_texts};
    use crate::diag::Diagnostics;

    fn read(text: &str) -> (Deployment, Diagnostics) {
        let mut diags = Diagnostics::default();
        let d = scan_texts(&[("compose.yaml", text)], &mut diags);
        (d, diags)
    }

    /// The findings of `signal` about `subject`.
    fn of<'a>(d: &'a Deployment, signal: &str, subject: &str) -> Vec<&'a Finding> {
        d.findings
            .iter()
            .filter(|f| f.signal == signal && f.subject == subject)
            .collect()
    }

    /// The one finding of `signal` about `subject`.
    fn one<'a>(d: &'a Deployment, signal: &str, subject: &str) -> &'a Finding {
        let found = of(d, signal, subject);
        assert_eq!(found.len(), 1, "{signal} {subject}: {found:#?}");
        found[0]
    }

    fn at(f: &Finding) -> String {
        format!("{}:{}", f.at.line, f.at.column)
    }

    #[test]
    fn the_file_declares_services_that_run_together_and_reach_each_other_by_name() {
        let (d, diags) =
            read("services:\n  web:\n    image: acme/web:1.0\n  db:\n    image: postgres:16\n");
        assert!(diags.is_empty(), "{}", diags.render(false));
        let file = one(&d, "compose-file", "file compose.yaml");
        assert_eq!((file.state, at(file).as_str()), (Use::Used, "1:1"));
        assert_eq!(file.message, "`compose.yaml` declares 2 services");
        let services = one(&d, "compose-services", "file compose.yaml");
        assert_eq!((services.state, at(services).as_str()), (Use::Used, "1:1"));
        let dns = one(&d, "compose-dns", "file compose.yaml");
        assert_eq!((dns.state, at(dns).as_str()), (Use::Used, "1:1"));

        let (d, _) = read("name: one\nservices:\n  web:\n    image: acme/web:1.0\n");
        assert_eq!(at(one(&d, "compose-file", "file compose.yaml")), "2:1");
        assert!(of(&d, "compose-services", "file compose.yaml").is_empty());
        assert!(of(&d, "compose-dns", "file compose.yaml").is_empty());
    }

    #[test]
    fn an_image_is_used_and_its_tag_is_pinned_or_latest() {
        let (d, _) = read(
            "services:\n  a:\n    image: acme/a:1.4\n  b:\n    image: acme/b\n  c:\n    image: acme/c:latest\n  d:\n    image: acme/d:${TAG:-latest}\n  e:\n    image: acme/e:${TAG}\n",
        );
        let image = one(&d, "compose-image", "service a");
        assert_eq!((image.state, at(image).as_str()), (Use::Used, "3:12"));
        let tag = |s: &str| one(&d, "compose-image-tag", s);
        assert_eq!(
            (tag("service a").state, at(tag("service a")).as_str()),
            (Use::Used, "3:12")
        );
        let b = tag("service b");
        assert_eq!((b.state, at(b).as_str()), (Use::Partial, "5:12"));
        assert_eq!(
            b.message,
            "image `acme/b` of service `b` has no tag, so it is `latest`"
        );
        assert_eq!(
            b.fix.as_deref(),
            Some("pin service `b`'s image to a version tag or a digest")
        );
        assert_eq!(tag("service c").state, Use::Partial);
        assert_eq!(
            tag("service d").state,
            Use::Partial,
            "the default is `latest`"
        );
        assert_eq!(tag("service e").state, Use::Used, "set at deploy time");
    }

    #[test]
    fn a_build_section_builds_the_image_the_service_runs_and_its_tag_is_not_judged() {
        let (d, _) =
            read("services:\n  web:\n    build:\n      context: ./app\n    image: acme/web\n");
        let build = one(&d, "compose-build", "service web");
        assert_eq!((build.state, at(build).as_str()), (Use::Used, "3:5"));
        assert_eq!(build.message, "service `web` is built from `./app`");
        let image = one(&d, "compose-image", "service web");
        assert_eq!((image.state, at(image).as_str()), (Use::Used, "3:5"));
        assert_eq!(
            image.message,
            "service `web` runs an image built from `./app` as `acme/web`"
        );
        assert!(of(&d, "compose-image-tag", "service web").is_empty());
    }

    #[test]
    fn a_monitoring_component_the_file_runs_is_used() {
        let (d, _) = read(
            "services:\n  prometheus:\n    image: prom/prometheus:v2.53.0\n  exporter:\n    image: prom/node-exporter:v1.8.0\n",
        );
        let p = one(&d, "runs-prometheus", "service prometheus");
        assert_eq!(
            (p.state, p.counts, at(p).as_str()),
            (Use::Used, true, "3:12")
        );
        assert!(of(&d, "runs-prometheus", "service exporter").is_empty());
    }

    #[test]
    fn otel_variables_are_read_from_a_map_or_a_list_environment() {
        let (d, _) = read(
            "services:\n  a:\n    image: acme/a:1\n    environment:\n      LOG: info\n      OTEL_EXPORTER_OTLP_ENDPOINT: http://collector:4317\n  b:\n    image: acme/b:1\n    environment:\n      - LOG=info\n      - OTEL_TRACES_EXPORTER=otlp\n  c:\n    image: acme/c:1\n    environment:\n      OTEL_SERVICE_NAME: c\n",
        );
        let a = one(&d, "otel-env", "service a");
        assert_eq!((a.state, at(a).as_str()), (Use::Used, "6:7"));
        let b = one(&d, "otel-env", "service b");
        assert_eq!((b.state, at(b).as_str()), (Use::Used, "11:9"));
        assert!(
            of(&d, "otel-env", "service c").is_empty(),
            "a name is not an exporter"
        );
    }

    #[test]
    fn a_healthcheck_with_a_test_is_used() {
        let (d, _) = read(
            "services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready\"]\n",
        );
        let h = one(&d, "compose-healthcheck", "service db");
        assert_eq!(
            (h.state, h.counts, at(h).as_str()),
            (Use::Used, true, "4:5")
        );
        assert_eq!(
            h.message,
            "service `db` checks its health with `pg_isready`"
        );
    }

    #[test]
    fn a_disabled_healthcheck_is_unused_where_it_is_turned_off() {
        let (d, _) = read(
            "services:\n  a:\n    image: acme/a:1\n    healthcheck:\n      disable: true\n  b:\n    image: acme/b:1\n    healthcheck:\n      test: [\"NONE\"]\n",
        );
        let a = one(&d, "compose-healthcheck", "service a");
        assert_eq!(
            (a.state, a.counts, at(a).as_str()),
            (Use::Unused, true, "5:7")
        );
        assert!(a.fix.is_some());
        let b = one(&d, "compose-healthcheck", "service b");
        assert_eq!((b.state, at(b).as_str()), (Use::Unused, "9:7"));
    }

    #[test]
    fn a_missing_healthcheck_is_unused_with_an_example_on_the_services_port() {
        let (d, _) = read(
            "services:\n  worker:\n    image: acme/worker:1\n  api:\n    image: acme/api:1\n    ports: [\"80:3000\"]\n",
        );
        let w = one(&d, "compose-healthcheck", "service worker");
        assert_eq!(
            (w.state, w.counts, at(w).as_str()),
            (Use::Unused, true, "2:3")
        );
        assert_eq!(w.message, "service `worker` has no `healthcheck:`");
        assert_eq!(
            w.fix.as_deref(),
            Some(
                "add a `healthcheck:` to service `worker` (e.g. `test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8000/health\"]`)"
            )
        );
        let api = one(&d, "compose-healthcheck", "service api");
        assert!(
            api.fix
                .as_deref()
                .unwrap()
                .contains("http://localhost:3000/health")
        );
    }

    #[test]
    fn a_built_service_without_healthcheck_is_a_caveat_the_dockerfile_may_answer() {
        let (d, _) = read("services:\n  web:\n    build: .\n");
        let h = one(&d, "compose-healthcheck", "service web");
        assert_eq!(
            (h.state, h.counts, at(h).as_str()),
            (Use::Unused, false, "2:3")
        );
        assert!(
            h.message
                .contains("the HEALTHCHECK of the image it builds, if any, applies")
        );
        let crit = d
            .criteria()
            .into_iter()
            .find(|c| c.path == "resilience.health_checks")
            .unwrap();
        assert_eq!(crit.state, Use::Unknown, "a caveat does not count");
    }

    #[test]
    fn a_one_shot_service_needs_no_healthcheck_or_restart() {
        let (d, _) = read(
            "services:\n  migrate:\n    image: acme/api:1\n    command: [\"alembic\", \"upgrade\", \"head\"]\n    restart: \"no\"\n  seed:\n    image: acme/seed:1\n  api:\n    image: acme/api:1\n    restart: always\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n    depends_on:\n      seed:\n        condition: service_completed_successfully\n",
        );
        for s in ["service migrate", "service seed"] {
            assert!(of(&d, "compose-healthcheck", s).is_empty(), "{s}");
            assert!(of(&d, "compose-restart", s).is_empty(), "{s}");
        }
        assert_eq!(
            one(&d, "compose-healthcheck", "service api").state,
            Use::Used
        );
    }

    #[test]
    fn a_restart_policy_restarts_on_exit_but_not_when_unhealthy() {
        let (d, _) = read(
            "services:\n  a:\n    image: acme/a:1\n    restart: unless-stopped\n  b:\n    image: acme/b:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n",
        );
        let a = one(&d, "compose-restart", "service a");
        assert_eq!((a.state, at(a).as_str()), (Use::Partial, "4:14"));
        assert_eq!(
            a.message,
            "service `a` restarts on exit (`restart: unless-stopped`), not when unhealthy (Docker does not restart an unhealthy container outside Swarm)"
        );
        let b = one(&d, "compose-restart", "service b");
        assert_eq!((b.state, at(b).as_str()), (Use::Partial, "8:7"));
    }

    #[test]
    fn no_restart_policy_is_unused_with_a_fix() {
        let (d, _) = read(
            "services:\n  a:\n    image: acme/a:1\n  b:\n    image: acme/b:1\n    restart: \"no\"\n  c:\n    image: acme/c:1\n    restart: no\n",
        );
        let a = one(&d, "compose-restart", "service a");
        assert_eq!((a.state, at(a).as_str()), (Use::Unused, "2:3"));
        assert_eq!(
            a.fix.as_deref(),
            Some("add `restart: unless-stopped` to service `a`")
        );
        let b = one(&d, "compose-restart", "service b");
        assert_eq!((b.state, at(b).as_str()), (Use::Unused, "6:14"));
        let c = one(&d, "compose-restart", "service c");
        assert_eq!(
            (c.state, at(c).as_str()),
            (Use::Unused, "9:14"),
            "`no` read as false"
        );
    }

    #[test]
    fn replicas_behind_a_published_port() {
        let (d, _) = read(
            "services:\n  api:\n    image: acme/api:1\n    deploy:\n      replicas: 3\n  web:\n    image: acme/web:1\n    ports:\n      - \"127.0.0.1:8080:80\"\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n  proxy:\n    image: traefik:v3.1\n    ports: [\"443:443\"]\n  grafana:\n    image: grafana/grafana:11.1.0\n    ports: [\"3000:3000\"]\n",
        );
        let api = one(&d, "compose-replicas", "service api");
        assert_eq!((api.state, at(api).as_str()), (Use::Used, "5:17"));
        let web = one(&d, "compose-replicas", "service web");
        assert_eq!(
            (web.state, web.counts, at(web).as_str()),
            (Use::Partial, true, "8:5")
        );
        assert_eq!(
            web.message,
            "service `web` is one container behind port 8080: nothing to fail over to"
        );
        assert!(of(&d, "compose-replicas", "service db").is_empty());
        assert!(of(&d, "compose-replicas", "service grafana").is_empty());
        let proxy = one(&d, "compose-replicas", "service proxy");
        assert_eq!((proxy.state, proxy.counts), (Use::Partial, false));
    }

    #[test]
    fn update_config_is_partial_for_it_takes_swarm() {
        let (d, _) = read(
            "services:\n  api:\n    image: acme/api:1\n    deploy:\n      update_config:\n        order: start-first\n",
        );
        let u = one(&d, "compose-update-config", "service api");
        assert_eq!((u.state, at(u).as_str()), (Use::Partial, "5:7"));
        assert!(u.message.contains("`docker stack deploy` (Swarm)"));
    }

    #[test]
    fn logs_kept_on_the_host_are_partial_and_shipped_ones_used() {
        let (d, _) = read(
            "services:\n  a:\n    image: acme/a:1\n    logging:\n      driver: json-file\n  b:\n    image: acme/b:1\n    logging:\n      driver: fluentd\n  c:\n    image: acme/c:1\n    logging:\n      driver: none\n",
        );
        let a = one(&d, "compose-logging", "service a");
        assert_eq!((a.state, at(a).as_str()), (Use::Partial, "5:15"));
        assert_eq!(
            a.message,
            "service `a` logs with `json-file`: kept on the host"
        );
        let b = one(&d, "compose-logging", "service b");
        assert_eq!((b.state, at(b).as_str()), (Use::Used, "9:15"));
        assert_eq!(one(&d, "compose-logging", "service c").state, Use::Unused);
    }

    #[test]
    fn waiting_for_a_dependency_with_no_healthcheck_is_a_caveat() {
        let (d, _) = read(
            "services:\n  web:\n    image: acme/web:1\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n",
        );
        let hc = of(&d, "compose-healthcheck", "service web");
        assert_eq!(hc.len(), 2);
        let caveat = hc.iter().find(|f| !f.counts).unwrap();
        assert_eq!((caveat.state, at(caveat).as_str()), (Use::Unused, "8:20"));
        assert!(caveat.message.starts_with(
            "service `web` waits for `db` to be healthy, but `db` has no healthcheck"
        ));
    }

    #[test]
    fn a_profiled_services_gaps_are_caveats_and_what_it_adds_is_partial() {
        let (d, _) = read(
            "services:\n  api:\n    image: acme/api:1\n    restart: always\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n  prometheus:\n    image: prom/prometheus:v2.53.0\n    profiles: [monitoring]\n",
        );
        let h = one(&d, "compose-healthcheck", "service prometheus");
        assert_eq!(
            (h.state, h.counts, at(h).as_str()),
            (Use::Unused, false, "7:3")
        );
        assert_eq!(
            h.message,
            "service `prometheus` has no `healthcheck:`; it runs only with `--profile monitoring`"
        );
        let r = one(&d, "compose-restart", "service prometheus");
        assert_eq!((r.state, r.counts), (Use::Unused, false));
        let p = one(&d, "runs-prometheus", "service prometheus");
        assert_eq!(
            (p.state, p.counts, at(p).as_str()),
            (Use::Partial, true, "8:12")
        );
        assert!(
            p.message
                .ends_with("; it runs only with `--profile monitoring`")
        );
        let crit = |path: &str| {
            d.criteria()
                .into_iter()
                .find(|c| c.path == path)
                .unwrap()
                .state
        };
        assert_eq!(crit("resilience.health_checks"), Use::Used);
        assert_eq!(crit("observability.metrics"), Use::Partial);
    }

    #[test]
    fn a_service_takes_the_settings_of_the_service_it_extends_in_the_same_file() {
        let (d, diags) = read(
            "services:\n  base:\n    image: acme/api:1\n    restart: always\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n  api:\n    extends: base\n    restart: \"no\"\n  other:\n    extends:\n      service: base\n    healthcheck:\n      disable: true\n",
        );
        assert!(diags.is_empty(), "{}", diags.render(false));
        let h = one(&d, "compose-healthcheck", "service api");
        assert_eq!((h.state, at(h).as_str()), (Use::Used, "5:5"));
        assert!(
            h.message.ends_with("(from `base` through `extends`)"),
            "{}",
            h.message
        );
        let r = one(&d, "compose-restart", "service api");
        assert_eq!(
            (r.state, at(r).as_str()),
            (Use::Unused, "9:14"),
            "its own setting wins"
        );
        assert_eq!(
            one(&d, "compose-healthcheck", "service other").state,
            Use::Unused
        );
        assert_eq!(at(one(&d, "compose-restart", "service other")), "4:14");
    }

    #[test]
    fn extends_cycles_and_missing_bases_are_located_warnings() {
        let (d, diags) = read(
            "services:\n  a:\n    image: acme/a:1\n    extends: b\n  b:\n    extends: a\n  c:\n    extends:\n      service: nowhere\n  d:\n    extends:\n      file: common.yaml\n      service: base\n",
        );
        let codes: Vec<_> = diags
            .iter()
            .map(|x| (x.code, x.location().unwrap()))
            .collect();
        assert_eq!(
            codes,
            [
                ("extends-cycle", "compose.yaml:6:14".to_owned()),
                ("extends-cycle", "compose.yaml:4:14".to_owned()),
                ("extends-not-found", "compose.yaml:9:7".to_owned()),
                ("extends-not-found", "compose.yaml:12:13".to_owned()),
            ]
        );
        assert!(
            diags
                .iter()
                .all(|x| x.severity == crate::diag::Severity::Warning)
        );
        // Each service of the cycle still has its own settings and its base's.
        assert_eq!(one(&d, "compose-image", "service b").state, Use::Used);
    }

    #[test]
    fn a_base_in_another_file_is_read_and_that_file_is_not_counted_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("common.yaml"),
            "services:\n  base:\n    image: acme/worker\n    healthcheck:\n      disable: true\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("compose.yaml"),
            "services:\n  worker:\n    extends:\n      file: ./common.yaml\n      service: base\n    restart: always\n",
        )
        .unwrap();
        // A second file extends the same base: what the first one inherited stays.
        std::fs::write(
            dir.path().join("docker-compose.yml"),
            "services:\n  cron:\n    extends:\n      file: common.yaml\n      service: base\n",
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let d = scan(&[dir.path().display().to_string()], &mut diags);
        assert!(diags.is_empty(), "{}", diags.render(false));
        let cron = one(&d, "compose-healthcheck", "service cron");
        assert_eq!(
            (cron.state, cron.counts, at(cron).as_str()),
            (Use::Unused, true, "5:7")
        );
        let common = format!("{}/common.yaml", dir.path().display());
        let h = one(&d, "compose-healthcheck", "service worker");
        assert_eq!(
            (h.state, h.counts, at(h).as_str()),
            (Use::Unused, true, "5:7")
        );
        assert_eq!(&*h.at.file, common);
        let tag = one(&d, "compose-image-tag", "service worker");
        assert_eq!((tag.state, at(tag).as_str()), (Use::Partial, "3:12"));
        // `base` itself is read through `worker`, noted once.
        let base: Vec<_> = d
            .findings
            .iter()
            .filter(|f| f.subject == "service base")
            .collect();
        assert_eq!(
            base.len(),
            2,
            "one note for each service that extends it: {base:#?}"
        );
        for f in base {
            assert_eq!(
                (f.signal, f.counts, at(f).as_str()),
                ("compose-file", false, "2:3")
            );
        }
        assert!(d.findings.iter().all(|f| f.subject != "file common.yaml"));
    }

    #[test]
    fn unknown_top_level_keys_are_listed_not_errors() {
        let (d, diags) = read(
            "version: \"3.8\"\nx-common: &c {}\nservices:\n  a:\n    image: acme/a:1\n    anything: 1\nfoo: 1\n",
        );
        assert!(diags.is_empty());
        let skipped: Vec<_> = d
            .skipped
            .iter()
            .map(|s| (s.what.as_str(), s.at.line, s.at.column))
            .collect();
        assert_eq!(skipped, [("compose key `foo`", 7, 1)]);
    }

    #[test]
    fn services_that_are_not_a_map_are_a_located_error() {
        let (d, diags) = read("services:\n  - web\n");
        let e = diags.iter().next().unwrap();
        assert_eq!(
            (e.code, e.location().unwrap().as_str()),
            ("compose-shape", "compose.yaml:2:3")
        );
        assert!(e.help.is_some());
        assert!(d.findings.iter().all(|f| !f.signal.starts_with("compose-")));
        let (_, diags) = read("services:\n  web: nginx\n");
        assert_eq!(diags.iter().next().unwrap().code, "compose-shape");
    }

    #[test]
    fn the_fixture_reads_through_extends_profiles_and_merge_keys() {
        let mut diags = Diagnostics::default();
        let d = scan(&["tests/fixtures/scan/compose".into()], &mut diags);
        assert!(diags.is_empty(), "{}", diags.render(false));
        let compose = "tests/fixtures/scan/compose/compose.yaml";
        let common = "tests/fixtures/scan/compose/common.yaml";
        let place = |f: &Finding| format!("{}:{}:{}", f.at.file, f.at.line, f.at.column);
        // `worker` extends `base` of common.yaml, whose healthcheck is turned off.
        let w = one(&d, "compose-healthcheck", "service worker");
        assert_eq!(
            (w.state, w.counts, place(w)),
            (Use::Unused, true, format!("{common}:8:7"))
        );
        assert_eq!(
            one(&d, "compose-restart", "service worker").state,
            Use::Partial
        );
        assert_eq!(
            place(one(&d, "compose-image-tag", "service worker")),
            format!("{common}:3:12")
        );
        // OTEL variables come in through a YAML merge key.
        assert_eq!(one(&d, "otel-env", "service worker").state, Use::Used);
        assert_eq!(one(&d, "compose-replicas", "service web").state, Use::Used);
        assert_eq!(
            one(&d, "compose-update-config", "service web").state,
            Use::Partial
        );
        assert_eq!(
            one(&d, "compose-logging", "service web").state,
            Use::Partial
        );
        assert_eq!(
            place(one(&d, "compose-healthcheck", "service db")),
            format!("{compose}:63:5")
        );
        let prom = one(&d, "runs-prometheus", "service prometheus");
        assert_eq!((prom.state, prom.counts), (Use::Partial, true));
        assert!(
            of(&d, "compose-healthcheck", "service grafana")
                .iter()
                .all(|f| !f.counts)
        );
        assert_eq!(
            one(&d, "runs-tracing-backend", "service jaeger").state,
            Use::Used
        );
        assert!(
            d.findings
                .iter()
                .filter(|f| f.subject == "service base")
                .all(|f| !f.counts)
        );
        assert_eq!(
            one(&d, "compose-file", "file compose.yaml").message,
            "`compose.yaml` declares 6 services"
        );
    }

    #[test]
    fn the_improved_seed_stack_checks_health_and_restarts_every_service() {
        let mut diags = Diagnostics::default();
        let d = scan(
            &["examples/seed-stack-improved/compose.yaml".into()],
            &mut diags,
        );
        assert!(diags.is_empty(), "{}", diags.render(false));
        for s in ["service app1", "service app2", "service nginx"] {
            assert_eq!(one(&d, "compose-healthcheck", s).state, Use::Used, "{s}");
            assert_eq!(one(&d, "compose-restart", s).state, Use::Partial, "{s}");
        }
        let proxy = one(&d, "compose-replicas", "service nginx");
        assert!(!proxy.counts);
        assert_eq!(
            one(&d, "compose-services", "file compose.yaml").state,
            Use::Used
        );
    }
}
