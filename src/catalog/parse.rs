//! Builds a [`Descriptor`] from a YAML tree, with every problem collected and located.

use std::sync::Arc;

use super::descriptor::{Claim, Descriptor, Evidence, Hosting, Kind, Runtimes, Scope};
use super::yaml::{Node, Value};
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span, suggest};
use crate::requirements::{self, Basis, Level, REQUIREMENTS, Source};

/// Longest name, summary or note, in characters.
pub const MAX_TEXT: usize = 4_000;

const TOP_KEYS: [&str; 11] = [
    "id",
    "extends",
    "aliases",
    "name",
    "summary",
    "kind",
    "hosting",
    "homepage",
    "reviewed",
    "requirements",
    "version",
];

/// Builds a descriptor from a parsed document, reporting every problem into `diags`.
/// Returns `None` when there was at least one error.
pub fn from_node(
    root: &Node,
    file: &Arc<SourceFile>,
    default_id: &str,
    builtin: bool,
    diags: &mut Diagnostics,
) -> Option<Descriptor> {
    let mut cx = Checker {
        file,
        diags,
        errors: 0,
    };
    if root.value == Value::Null {
        let stdin = file.name == "<stdin>";
        cx.diags.push(
            Diagnostic::error(
                "empty-descriptor",
                if stdin { "standard input holds no descriptor" } else { "the file holds no descriptor" },
            )
            .in_file(file)
            .with_help(if stdin {
                "pipe a descriptor in, e.g. `cat my-platform.yaml | platform-eval evaluate -` (`platform-eval init platform NAME` writes a template)"
            } else {
                "write a descriptor here (`platform-eval init platform NAME` gives a template), or remove the file"
            }),
        );
        return None;
    }
    let entries = cx.map(root, "the descriptor")?;

    let mut d = Descriptor::stating_nothing(file, builtin);
    let mut id = None;
    let mut name_seen = false;
    for (key, value) in entries {
        let Some(k) = cx.key(key) else { continue };
        match k {
            "id" => {
                if let Some(s) = cx.string(value, "`id`") {
                    if valid_id(s) {
                        id = Some(s.to_owned());
                        d.id_span = Some(value.span);
                    } else {
                        cx.error(
                            "bad-id",
                            format!("`{s}` is not a valid platform id"),
                            value.span,
                            Some("an id is lower-case letters, digits and dashes, starting with a letter or digit (e.g. `google-cloud-run`)".into()),
                        );
                    }
                }
            }
            "extends" => {
                if let Some(s) = cx.string(value, "`extends`") {
                    if valid_id(s) {
                        d.extends = Some(Evidence {
                            span: Some(value.span),
                            ..Evidence::bare(s.to_owned())
                        });
                    } else {
                        cx.error(
                            "bad-id",
                            format!("`extends: {s}` does not name a platform id"),
                            value.span,
                            Some("name the base by its id, e.g. `extends: kubernetes` (`platform-eval list` shows the ids)".into()),
                        );
                    }
                }
            }
            "version" => {
                if value.value != Value::Int(1) {
                    cx.error(
                        "bad-version",
                        "unsupported descriptor format version",
                        value.span,
                        Some("this version of platform-eval reads format version 1".into()),
                    );
                }
            }
            "name" => {
                name_seen = true;
                if let Some(s) = cx.nonempty_string(value, "`name`") {
                    d.name = cx.printable(s, value);
                }
            }
            "summary" => {
                d.summary = cx
                    .nonempty_string(value, "`summary`")
                    .map(|s| cx.printable(s, value));
            }
            "kind" => d.kind = cx.choice(value, "kind", &Kind::ALL, Kind::as_str),
            "hosting" => d.hosting = cx.choice(value, "hosting", &Hosting::ALL, Hosting::as_str),
            "homepage" => {
                d.homepage = cx.url(value, "`homepage`");
                d.homepage_span = Some(value.span);
            }
            "reviewed" => d.reviewed = cx.date(value, "reviewed"),
            "aliases" => d.aliases = cx.aliases(value),
            "requirements" => cx.requirements(value, &mut d),
            fact if super::facts::KEYS.contains(&fact) => cx.fact(fact, value, &mut d.facts),
            other => {
                let allowed: Vec<&str> = TOP_KEYS
                    .iter()
                    .chain(&super::facts::KEYS)
                    .copied()
                    .collect();
                cx.unknown_key(key, other, &allowed, "at the top level");
            }
        }
    }
    if !name_seen {
        cx.missing(
            root,
            "name",
            "a descriptor needs a display name, e.g. `name: Google Cloud Run`",
        );
    }
    match id {
        Some(id) => d.id = id,
        None if valid_id(default_id) => default_id.clone_into(&mut d.id),
        None => cx.diags.push(
            Diagnostic::error(
                "bad-id",
                format!("no `id`, and the file name `{default_id}` is not a valid platform id"),
            )
            .in_file(file)
            .with_help(
                "add `id: my-platform` (lower-case letters, digits and dashes), or rename the file",
            ),
        ),
    }
    d.derive_fact_claims();
    let ok = cx.errors == 0 && valid_id(&d.id);
    ok.then_some(d)
}

/// The `id` a document writes at its top level, when it is a valid one (read even from a
/// descriptor that has other errors).
pub fn written_id(root: &Node) -> Option<String> {
    written(root, "id").map(|(id, _)| id)
}

/// The id a top-level `key` (`id`, `extends`) writes, with its place.
pub fn written(root: &Node, key: &str) -> Option<(String, Span)> {
    let Value::Map(entries) = &root.value else {
        return None;
    };
    entries
        .iter()
        .find_map(|(k, v)| match (&k.value, &v.value) {
            (Value::Str(k), Value::Str(id)) if k == key && valid_id(id) => {
                Some((id.clone(), v.span))
            }
            _ => None,
        })
}

pub fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(super) struct Checker<'a> {
    file: &'a Arc<SourceFile>,
    diags: &'a mut Diagnostics,
    errors: usize,
}

impl Checker<'_> {
    pub(super) fn error(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        span: Span,
        help: Option<String>,
    ) {
        self.errors += 1;
        self.diags.push(
            Diagnostic::error(code, message)
                .at(self.file, span)
                .help_opt(help),
        );
    }

    pub(super) fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let help = match node.value {
            // `yes`, `no`, `on`, `true`: YAML reads them as booleans.
            Value::Bool(_) if expected.starts_with("a level") => Some(
                "write one of the levels: native, addon, partial, none or unknown (YAML reads yes/no/true/false as a boolean)".to_owned(),
            ),
            Value::Seq(_) | Value::Map(_) => Some(format!("write {expected} here")),
            _ if expected.starts_with("a string") => {
                Some("quote the value to make it text".to_owned())
            }
            _ => None,
        };
        self.error(
            "wrong-type",
            format!("{what} must be {expected}, found {}", node.value.kind()),
            node.span,
            help,
        );
    }

    pub(super) fn missing(&mut self, node: &Node, key: &str, help: &str) {
        self.error(
            "missing-key",
            format!("missing `{key}`"),
            node.span,
            Some(help.into()),
        );
    }

    fn map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [(Node, Node)]> {
        if let Value::Map(entries) = &node.value {
            Some(entries)
        } else {
            self.wrong_type(node, what, "a map");
            None
        }
    }

    pub(super) fn key<'n>(&mut self, key: &'n Node) -> Option<&'n str> {
        if let Value::Str(s) = &key.value {
            Some(s)
        } else {
            self.wrong_type(key, "a key", "a name");
            None
        }
    }

    pub(super) fn string<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n str> {
        if let Value::Str(s) = &node.value {
            Some(s)
        } else {
            self.wrong_type(node, what, "a string");
            None
        }
    }

    /// Text as it will be shown: control characters (terminal escape sequences among them)
    /// are removed, with a warning, so that no descriptor can drive a reader's terminal.
    /// Over-long text is an error.
    fn printable(&mut self, s: &str, node: &Node) -> String {
        if s.chars().count() > MAX_TEXT {
            self.error(
                "too-long",
                format!(
                    "text of {} characters, more than the {MAX_TEXT} a descriptor field may hold",
                    s.chars().count()
                ),
                node.span,
                Some(
                    "keep names, summaries and notes short; link to the documentation for detail"
                        .into(),
                ),
            );
        }
        let Some(clean) = crate::diag::without_hidden(s) else {
            return s.to_owned();
        };
        self.diags.push(
            Diagnostic::warning("control-characters", "control or format characters removed from the text")
                .at(self.file, node.span)
                .with_help("terminal escape sequences, other control characters and invisible format characters (bidi overrides, zero-width joiners) are never shown; remove them"),
        );
        clean
    }

    fn nonempty_string<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n str> {
        let s = self.string(node, what)?;
        if s.trim().is_empty() {
            self.error(
                "empty-value",
                format!("{what} is empty"),
                node.span,
                Some("write some text, or leave the key out".into()),
            );
            return None;
        }
        Some(s)
    }

    pub(super) fn unknown_key(&mut self, key: &Node, name: &str, allowed: &[&str], place: &str) {
        self.error(
            "unknown-key",
            format!("unknown key `{name}` {place}"),
            key.span,
            // Every key a map may hold: a descriptor's keys are few enough to list.
            Some(crate::diag::suggest_listing(name, allowed, usize::MAX)),
        );
    }

    pub(super) fn choice<T: Copy>(
        &mut self,
        node: &Node,
        what: &str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Option<T> {
        let s = self.string(node, &format!("`{what}`"))?;
        let found = all.iter().copied().find(|v| name(*v) == s);
        if found.is_none() {
            let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            self.error(
                "bad-value",
                format!("`{s}` is not a valid {what}"),
                node.span,
                Some(suggest(s, &names)),
            );
        }
        found
    }

    fn url(&mut self, node: &Node, what: &str) -> Option<String> {
        let s = self.string(node, what)?;
        let ok = url::Url::parse(s)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if ok {
            // The URL parser would quietly drop or encode these; written as they are, they would
            // reach terminals and Markdown raw.
            if let Some(bad) = s.chars().find(|c| !is_url_char(*c)) {
                self.error(
                    "bad-url",
                    format!(
                        "{what} holds {}, which a URL may not hold as it is",
                        url_char_name(bad)
                    ),
                    node.span,
                    Some("write the address as the browser's address bar shows it, with spaces and `<>\"` percent-encoded (`%20`)".into()),
                );
                return None;
            }
            Some(s.to_owned())
        } else {
            self.error(
                "bad-url",
                format!(
                    "{what} `{}` is not an http(s) URL",
                    crate::diag::one_line(s)
                ),
                node.span,
                Some("give the full address of the documentation page, e.g. `https://kubernetes.io/docs/...`".into()),
            );
            None
        }
    }

    pub(super) fn date(&mut self, node: &Node, what: &str) -> Option<Evidence<jiff::civil::Date>> {
        // YAML may read an unquoted date as a string; both spellings are `YYYY-MM-DD`.
        let parsed = match &node.value {
            Value::Str(s) => s
                .parse::<jiff::civil::Date>()
                .ok()
                .filter(|_| s.len() == 10),
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                "bad-date",
                format!("`{what}` must be a date written as YYYY-MM-DD"),
                node.span,
                Some(format!(
                    "e.g. `{}: 2026-10-01`",
                    what.rsplit('.').next().unwrap_or(what)
                )),
            );
        }
        parsed.map(|value| Evidence {
            span: Some(node.span),
            ..Evidence::bare(value)
        })
    }

    fn requirements(&mut self, node: &Node, d: &mut Descriptor) {
        // An empty section (every line commented out) states nothing; it is not a type error.
        if node.value == Value::Null {
            return;
        }
        let Some(entries) = self.map(node, "`requirements`") else {
            return;
        };
        let ids: Vec<&str> = REQUIREMENTS[..requirements::CORE]
            .iter()
            .map(|r| r.id)
            .collect();
        for (key, value) in entries {
            let Some(k) = self.key(key) else { continue };
            let Some(r) = requirements::requirement_index(k) else {
                // A criterion written one level too high: name its requirement.
                let owner = REQUIREMENTS[..requirements::CORE]
                    .iter()
                    .find(|req| req.criterion_index(k).is_some());
                let help = owner.map_or_else(
                    || suggest(k, &ids),
                    |req| {
                        format!(
                            "`{k}` is a criterion of `{}`: write it under `{}:`",
                            req.id, req.id
                        )
                    },
                );
                self.error(
                    "unknown-requirement",
                    format!("unknown requirement `{k}`"),
                    key.span,
                    Some(help),
                );
                continue;
            };
            if requirements::is_optional(r) {
                self.error(
                    "fact-requirement",
                    format!("`{k}` is scored from the fact `{k}:`, not claimed under `requirements`"),
                    key.span,
                    Some(format!("state it at the top level, e.g. `{k}: {{value: ..., note: ..., source: ...}}` (see `platform-eval init platform`)")),
                );
                continue;
            }
            d.requirement_spans[r] = Some(key.span);
            self.requirement(r, value, d);
        }
    }

    fn requirement(&mut self, r: usize, node: &Node, d: &mut Descriptor) {
        let req = &REQUIREMENTS[r];
        if node.value == Value::Null {
            return; // stated as a section, with nothing in it: every criterion unknown
        }
        let Some(entries) = self.map(node, &format!("requirement `{}`", req.id)) else {
            return;
        };
        // The keys a descriptor may write here: stated criteria, and `runtimes` for languages.
        let mut allowed: Vec<&str> = req
            .criteria
            .iter()
            .filter(|c| c.source == Source::Level)
            .map(|c| c.id)
            .collect();
        let has_coverage = req
            .criteria
            .iter()
            .any(|c| c.source == Source::LanguageCoverage);
        if has_coverage {
            allowed.insert(0, "runtimes");
        }
        for (key, value) in entries {
            let Some(k) = self.key(key) else { continue };
            if has_coverage && k == "runtimes" {
                d.runtimes = self.runtimes(value);
                continue;
            }
            match req.criterion_index(k) {
                Some(c) if req.criteria[c].source == Source::Level => {
                    if let Some(claim) = self.claim(value, req.id, k) {
                        d.claims[r][c] = claim;
                    }
                }
                Some(_) => self.error(
                    "derived-criterion",
                    format!("`{k}` is computed, not written"),
                    key.span,
                    Some("list the supported languages under `runtimes`; coverage is derived from them and the team's languages".into()),
                ),
                None => self.error(
                    "unknown-criterion",
                    format!("unknown criterion `{k}` in `{}`", req.id),
                    key.span,
                    Some(suggest(k, &allowed)),
                ),
            }
        }
    }

    /// A level, or `{level, note, source, basis, languages, other_languages}`.
    fn claim(&mut self, node: &Node, req: &str, crit: &str) -> Option<Claim> {
        let what = format!("`{req}.{crit}`");
        match &node.value {
            Value::Str(_) => self.level(node).map(|level| Evidence {
                span: Some(node.span),
                ..Evidence::bare(level)
            }),
            Value::Map(entries) => {
                let mut level = None;
                let mut basis = None;
                let mut languages: Option<(Vec<&'static str>, Span)> = None;
                let mut others: Option<(Level, Span)> = None;
                let (note, source, source_span) = self.evidence_fields(
                    entries,
                    &["level", "basis", "languages", "other_languages"],
                    &what,
                    |cx, key, v| match key {
                        "level" => level = cx.level(v).map(|l| (l, v.span)),
                        "basis" => basis = cx.basis(v),
                        "languages" => languages = cx.language_list(v).map(|l| (l, v.span)),
                        _ => others = cx.level(v).map(|l| (l, v.span)),
                    },
                );
                let scope = match (languages, others) {
                    (Some((languages, _)), others) => Some(Box::new(Scope {
                        languages,
                        others: others.map_or(Level::None, |(l, _)| l),
                    })),
                    (None, Some((_, span))) => {
                        self.error(
                            "other-languages-alone",
                            format!("{what}: `other_languages` without `languages`"),
                            span,
                            Some(
                                "list the languages the level holds for in `languages: [...]`, or remove `other_languages`"
                                    .into(),
                            ),
                        );
                        None
                    }
                    (None, None) => None,
                };
                if let Some((value, span)) = level {
                    Some(Evidence {
                        value,
                        note: note.map(Into::into),
                        source: source.map(Into::into),
                        span: Some(span),
                        source_span,
                        inherited: None,
                        basis,
                        scope,
                    })
                } else {
                    if !entries
                        .iter()
                        .any(|(k, _)| k.value == Value::Str("level".into()))
                    {
                        self.missing(
                            node,
                            "level",
                            "add `level: native` (or addon, partial, none, unknown)",
                        );
                    }
                    None
                }
            }
            _ => {
                self.wrong_type(
                    node,
                    &what,
                    "a level or a map with `level`, `note` and `source`",
                );
                None
            }
        }
    }

    /// Reads `note`, `source` (with its place) and the value keys `keys` of an evidence map.
    pub(super) fn evidence_fields(
        &mut self,
        entries: &[(Node, Node)],
        keys: &[&'static str],
        what: &str,
        mut on_key: impl FnMut(&mut Self, &str, &Node),
    ) -> (Option<String>, Option<String>, Option<Span>) {
        let (mut note, mut source, mut source_span) = (None, None, None);
        for (key, value) in entries {
            let Some(k) = self.key(key) else { continue };
            match k {
                "note" => {
                    note = self
                        .string(value, "`note`")
                        .map(|s| self.printable(s, value));
                }
                "source" => {
                    // A descriptor `scan` writes cites the deployment's own files.
                    source = match &value.value {
                        Value::Str(s) if is_file_place(s) => Some(s.clone()),
                        _ => self.url(value, "`source`"),
                    };
                    source_span = Some(value.span);
                }
                k if keys.contains(&k) => on_key(self, k, value),
                other => {
                    let allowed: Vec<&str> =
                        keys.iter().copied().chain(["note", "source"]).collect();
                    self.unknown_key(key, other, &allowed, &format!("in {what}"));
                }
            }
        }
        (note, source, source_span)
    }

    fn basis(&mut self, node: &Node) -> Option<Basis> {
        let s = self.string(node, "a basis")?;
        let basis = Basis::parse(s);
        if basis.is_none() {
            self.error(
                "bad-basis",
                format!("`{s}` is not a basis word"),
                node.span,
                Some(format!(
                    "{}; `platform-eval show --rubric` says what each means",
                    suggest(s, &Basis::names())
                )),
            );
        }
        basis
    }

    pub(super) fn level(&mut self, node: &Node) -> Option<Level> {
        let s = self.string(node, "a level")?;
        let level = Level::parse(s);
        if level.is_none() {
            let names: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
            self.error(
                "bad-level",
                format!("`{s}` is not a level"),
                node.span,
                Some(suggest(s, &names)),
            );
        }
        level
    }

    /// `aliases: [gke, google-gke]`: lower-case kebab names, each once.
    fn aliases(&mut self, node: &Node) -> Vec<(String, Option<Span>)> {
        let Value::Seq(items) = &node.value else {
            self.wrong_type(node, "`aliases`", "a list of names, e.g. `[gke]`");
            return Vec::new();
        };
        let mut out: Vec<(String, Option<Span>)> = Vec::new();
        for item in items {
            let Some(s) = self.string(item, "an alias") else {
                continue;
            };
            let alias = s.to_ascii_lowercase();
            if !valid_id(&alias) {
                self.error(
                    "bad-alias",
                    format!("`{s}` is not an alias"),
                    item.span,
                    Some(
                        "an alias is written like an id: letters, digits and dashes, e.g. `gke`"
                            .into(),
                    ),
                );
            } else if out.iter().any(|(a, _)| *a == alias) {
                self.error(
                    "duplicate-alias",
                    format!("the alias `{alias}` is listed twice"),
                    item.span,
                    Some("list each alias once".into()),
                );
            } else {
                out.push((alias, Some(item.span)));
            }
        }
        out
    }

    /// `any`, a list of languages, or `{supported, note, source}`.
    fn runtimes(&mut self, node: &Node) -> Option<Evidence<Runtimes>> {
        match &node.value {
            Value::Map(entries) => {
                let mut supported = None;
                let mut seen = false;
                let (note, source, source_span) =
                    self.evidence_fields(entries, &["supported"], "`runtimes`", |cx, _, v| {
                        seen = true;
                        supported = cx.runtimes_value(v);
                    });
                if !seen {
                    self.missing(
                        node,
                        "supported",
                        "add `supported: any` or a list of languages",
                    );
                }
                supported.map(|value| Evidence {
                    note: note.map(Into::into),
                    source: source.map(Into::into),
                    span: Some(node.span),
                    source_span,
                    ..Evidence::bare(value)
                })
            }
            _ => self.runtimes_value(node).map(|value| Evidence {
                span: Some(node.span),
                ..Evidence::bare(value)
            }),
        }
    }

    fn runtimes_value(&mut self, node: &Node) -> Option<Runtimes> {
        match &node.value {
            Value::Str(s) if s == "any" => Some(Runtimes::Any),
            Value::Seq(_) => self.language_list(node).map(Runtimes::List),
            _ => {
                self.wrong_type(node, "`runtimes`", "`any` or a list of languages");
                None
            }
        }
    }

    /// A list of languages as canonical ids, each once.
    fn language_list(&mut self, node: &Node) -> Option<Vec<&'static str>> {
        let Value::Seq(items) = &node.value else {
            self.wrong_type(node, "`languages`", "a list of languages");
            return None;
        };
        let mut list = Vec::new();
        let before = self.errors;
        for item in items {
            if let Some(name) = self.string(item, "a language") {
                match requirements::language(name) {
                    Some(l) if !list.contains(&l.id) => list.push(l.id),
                    Some(_) => {}
                    None => self.error(
                        "unknown-language",
                        format!("unknown language `{name}`"),
                        item.span,
                        Some(suggest(name, &requirements::language_names())),
                    ),
                }
            }
        }
        (self.errors == before).then_some(list)
    }
}

/// May stand in a URL as it is: not whitespace, a control or format character, nor one of
/// the ASCII characters RFC 3986 leaves out (`"<>\^`{|}`), which must be percent-encoded.
pub fn is_url_char(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || crate::diag::is_format(c)
        || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'))
}

/// `path:line` or `path:line:col`, a place in a team's files, as `scan --format yaml` cites
/// its evidence: no scheme, no space, no control character.
pub fn is_file_place(s: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit());
    let Some((rest, last)) = s.rsplit_once(':') else {
        return false;
    };
    let path = match rest.rsplit_once(':') {
        Some((path, line)) if digits(line) => path,
        _ => rest,
    };
    digits(last)
        && !path.is_empty()
        && !path.contains("://")
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || crate::diag::is_format(c))
}

fn url_char_name(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\n' | '\r' => "a line break".to_owned(),
        c if c.is_control() || crate::diag::is_format(c) || c.is_whitespace() => {
            format!("the invisible character {}", c.escape_unicode())
        }
        c => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Option<Descriptor>, Diagnostics) {
        let file = Arc::new(SourceFile::new("t.yaml".into(), text.into()));
        let root = crate::catalog::yaml::parse(text).unwrap();
        let mut diags = Diagnostics::default();
        let d = from_node(&root, &file, "t", false, &mut diags);
        (d, diags)
    }

    #[test]
    fn reads_short_and_long_claims() {
        let (d, diags) = load(
            "name: X\nrequirements:\n  languages:\n    runtimes: [node, Go]\n  resilience:\n    health_checks: native\n    autoscaling: {level: partial, note: manual only, source: https://example.com/a}\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.unwrap();
        assert_eq!(d.id, "t");
        assert_eq!(
            d.runtimes.unwrap().value,
            Runtimes::List(vec!["javascript", "go"])
        );
        let r = requirements::requirement_index("resilience").unwrap();
        assert_eq!(d.claims[r][1].value, Level::Native);
        assert_eq!(d.claims[r][3].value, Level::Partial);
        assert_eq!(d.claims[r][3].note.as_deref(), Some("manual only"));
        assert_eq!(d.claims[r][0].value, Level::Unknown, "left out is unknown");
    }

    #[test]
    fn reads_a_basis_and_a_level_for_some_languages() {
        let (d, diags) = load(
            "name: X\nrequirements:\n  observability:\n    tracing: {level: native, languages: [Java, node], other_languages: addon}\n    alerting: {level: none, basis: self-run}\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.unwrap();
        let scope = d.claims[4][2].scope.as_deref().unwrap();
        assert_eq!(scope.languages, ["java", "javascript"]);
        assert_eq!(scope.others, Level::Addon);
        assert!(scope.covers("kotlin") && scope.covers("typescript") && !scope.covers("go"));
        assert_eq!(d.claims[4][3].basis, Some(Basis::SelfRun));
    }

    #[test]
    fn a_bad_basis_or_other_languages_alone_is_a_located_error() {
        let (d, diags) = load(
            "name: X\nrequirements:\n  automation:\n    auto_rollback: {level: partial, basis: health-gate}\n    rollback: {level: partial, other_languages: none}\n    rolling_update: {level: native, languages: [cobol]}\n",
        );
        assert!(d.is_none());
        assert_eq!(
            diags.codes(),
            vec![
                ("bad-basis", "t.yaml:4:44".into()),
                ("other-languages-alone", "t.yaml:5:49".into()),
                ("unknown-language", "t.yaml:6:49".into()),
            ]
        );
        assert!(
            diags
                .iter()
                .next()
                .unwrap()
                .help
                .as_deref()
                .unwrap()
                .contains("did you mean `health-gated`?")
        );
    }

    #[test]
    fn collects_every_mistake_with_its_place() {
        let (d, diags) = load(
            "name: X\nid: Bad_Id\ncolour: red\nrequirements:\n  resilience:\n    helth_checks: native\n    autoscaling: sometimes\n  observability:\n    metrics: [native]\n",
        );
        assert!(d.is_none());
        assert_eq!(
            diags.codes(),
            vec![
                ("bad-id", "t.yaml:2:5".into()),
                ("unknown-key", "t.yaml:3:1".into()),
                ("unknown-criterion", "t.yaml:6:5".into()),
                ("bad-level", "t.yaml:7:18".into()),
                ("wrong-type", "t.yaml:9:14".into()),
            ]
        );
        let help: Vec<_> = diags
            .iter()
            .map(|d| d.help.clone().unwrap_or_default())
            .collect();
        assert_eq!(help[2], "did you mean `health_checks`?");
    }

    #[test]
    fn an_empty_section_states_nothing() {
        // Every line under `containers:` commented out: a section with nothing in it.
        let (d, diags) = load(
            "name: X\nrequirements:\n  containers:\n    # oci_images: native\n  resilience:\n    health_checks: native\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.unwrap();
        let r = requirements::requirement_index("containers").unwrap();
        assert!(
            d.claims[r]
                .iter()
                .all(|c| c.value == Level::Unknown && c.span.is_none())
        );
        let (d, diags) = load("name: X\nrequirements:\n");
        assert!(diags.is_empty() && d.is_some(), "{diags:?}");
        // A scalar is still a type error.
        let (d, diags) = load("name: X\nrequirements:\n  containers: native\n");
        assert!(d.is_none());
        assert_eq!(diags.codes(), vec![("wrong-type", "t.yaml:3:15".into())]);
    }

    #[test]
    fn extends_names_a_platform_id() {
        let (d, diags) = load("name: X\nextends: kubernetes\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.unwrap().extends.unwrap().value, "kubernetes");
        let (d, diags) = load("name: X\nextends: Kubernetes!\n");
        assert!(d.is_none());
        assert_eq!(diags.codes(), vec![("bad-id", "t.yaml:2:10".into())]);
    }

    #[test]
    fn typescript_runs_on_a_javascript_runtime() {
        let list = Runtimes::List(vec!["javascript", "java"]);
        assert!(list.covers("typescript"));
        assert!(list.covers("kotlin"));
        assert!(!list.covers("go"));
        assert!(Runtimes::Any.covers("go"));
    }
}
