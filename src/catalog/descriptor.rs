//! The platform descriptor (format version 1): the model. [`super::parse`] builds it from YAML.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diag::{SourceFile, Span};
use crate::requirements::{self, Basis, Level};

/// What sort of platform it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Orchestrator,
    Paas,
    ServerlessContainers,
    Functions,
    ContainerService,
    SingleHost,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Orchestrator,
        Kind::Paas,
        Kind::ServerlessContainers,
        Kind::Functions,
        Kind::ContainerService,
        Kind::SingleHost,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Orchestrator => "orchestrator",
            Kind::Paas => "paas",
            Kind::ServerlessContainers => "serverless-containers",
            Kind::Functions => "functions",
            Kind::ContainerService => "container-service",
            Kind::SingleHost => "single-host",
        }
    }
}

/// Who runs the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hosting {
    Managed,
    SelfHosted,
    Hybrid,
}

impl Hosting {
    pub const ALL: [Hosting; 3] = [Hosting::Managed, Hosting::SelfHosted, Hosting::Hybrid];
    pub fn as_str(self) -> &'static str {
        match self {
            Hosting::Managed => "managed",
            Hosting::SelfHosted => "self-hosted",
            Hosting::Hybrid => "hybrid",
        }
    }
}

/// The languages with first-class support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Runtimes {
    Any,
    /// Canonical language ids, in the order written.
    List(#[serde(deserialize_with = "canonical_languages")] Vec<&'static str>),
}

fn borrowed<'de: 'static, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    Ok(Option::<&'de str>::deserialize(d)?.map(Cow::Borrowed))
}

fn borrowed_str<'de: 'static, D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
    <&'de str>::deserialize(d).map(Cow::Borrowed)
}

/// Language ids read back as the table's own `&'static str`s (an id not in the table is an
/// error: the stored catalog is written from the same table).
fn canonical_languages<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<&'static str>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|name| {
            requirements::language(name)
                .map(|l| l.id)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown language `{name}`")))
        })
        .collect()
}

impl Runtimes {
    /// Whether `language` (a canonical id) runs here without a custom runtime.
    pub fn covers(&self, language: &str) -> bool {
        match self {
            Runtimes::Any => true,
            Runtimes::List(list) => {
                let host = requirements::language(language).and_then(|l| l.runs_on);
                list.iter().any(|l| *l == language || Some(*l) == host)
            }
        }
    }
}

/// How a built-in descriptor's file is named wherever it is shown: `<built-in>/NAME.yaml`, like
/// `<stdin>`, never a path a user could take for one of their own files.
pub const BUILTIN_PREFIX: &str = "<built-in>/";

/// The shown name of the built-in descriptor loaded from `path` (`platforms/NAME.yaml`).
pub fn builtin_name(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    format!("{BUILTIN_PREFIX}{file}")
}

/// The descriptor that states an inherited claim: the first base up an `extends` chain that
/// writes it down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Base {
    #[serde(deserialize_with = "borrowed_str")]
    pub id: Text,
    /// The file's name as loaded (`<built-in>/kubernetes.yaml` for a built-in one).
    #[serde(deserialize_with = "borrowed_str")]
    pub file: Text,
    pub builtin: bool,
}

impl Base {
    /// `builtin`, or the path as the user gave it: the same words as [`Descriptor::origin`].
    pub fn origin(&self) -> &str {
        if self.builtin { "builtin" } else { &self.file }
    }
}

/// Evidence text: owned when read from a file, borrowed from the binary for the built-in
/// catalog (stored at build time and read back without copying: most of what it holds).
pub type Text = Cow<'static, str>;

/// A stated value with its evidence and its place in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Only the built-in catalog is deserialised, from the binary's own bytes: its text is
// borrowed for the program's lifetime.
#[serde(bound(deserialize = "'de: 'static, T: Deserialize<'de>"))]
pub struct Evidence<T> {
    pub value: T,
    #[serde(deserialize_with = "borrowed")]
    pub note: Option<Text>,
    #[serde(deserialize_with = "borrowed")]
    pub source: Option<Text>,
    /// Where it is written: in this descriptor's file, or in `inherited`'s.
    pub span: Option<Span>,
    /// Where `source` is written, when it is.
    pub source_span: Option<Span>,
    /// `None` for the descriptor's own claim; else the base it comes from.
    pub inherited: Option<Arc<Base>>,
    /// Why a claim has its level, in the rubric's words; claims only.
    pub basis: Option<Basis>,
    /// The languages the level holds for, when it holds for some only; claims only.
    pub scope: Option<Box<Scope>>,
}

/// A level that holds for some languages only (auto-instrumented tracing, say): the claim's
/// level is for `languages`; the team's other languages get `others`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    #[serde(deserialize_with = "canonical_languages")]
    pub languages: Vec<&'static str>,
    pub others: Level,
}

impl Scope {
    /// Whether the claim's own level holds for `language` (a canonical id), a language on a
    /// listed one's runtime included.
    pub fn covers(&self, language: &str) -> bool {
        let host = requirements::language(language).and_then(|l| l.runs_on);
        self.languages
            .iter()
            .any(|l| *l == language || Some(*l) == host)
    }
}

impl<T> Evidence<T> {
    pub(crate) fn bare(value: T) -> Self {
        Evidence {
            value,
            note: None,
            source: None,
            span: None,
            source_span: None,
            inherited: None,
            basis: None,
            scope: None,
        }
    }

    /// The same evidence for another value.
    pub(crate) fn with<U>(self, value: U) -> Evidence<U> {
        Evidence {
            value,
            note: self.note,
            source: self.source,
            span: self.span,
            source_span: self.source_span,
            inherited: self.inherited,
            basis: self.basis,
            scope: self.scope,
        }
    }

    /// Whether the descriptor writes this claim itself (or leaves it out).
    pub fn is_own(&self) -> bool {
        self.inherited.is_none()
    }
}

pub type Claim = Evidence<Level>;

/// What backs one criterion's score: see [`Descriptor::backing`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Backing<'a> {
    pub note: Option<&'a str>,
    pub source: Option<&'a str>,
    /// The base that states it, when inherited.
    pub inherited: Option<&'a Base>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Descriptor {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub kind: Option<Kind>,
    pub hosting: Option<Hosting>,
    pub homepage: Option<String>,
    /// Where `homepage` is written; `None` when it is inherited or left out.
    pub homepage_span: Option<Span>,
    pub reviewed: Option<Evidence<jiff::civil::Date>>,
    /// The base named by `extends:`, with its place. Once loaded, every criterion the
    /// descriptor leaves out carries the base's claim (see [`Evidence::inherited`]).
    pub extends: Option<Evidence<String>>,
    /// `None` when the descriptor does not say.
    pub runtimes: Option<Evidence<Runtimes>>,
    /// `claims[r][c]` for requirement r and criterion c of the table; a criterion left out is
    /// `unknown`. The derived `language_coverage` slot is always `unknown` here.
    pub claims: Vec<Vec<Claim>>,
    pub file: Arc<SourceFile>,
    pub builtin: bool,
    /// Where the id is written (or the file start when it comes from the file name).
    pub id_span: Option<Span>,
    /// Where each requirement's key is written, for reports on a whole requirement.
    pub requirement_spans: Vec<Option<Span>>,
    /// Facts that decide: provider, api, lifecycle, regions, operations, idle cost, limits.
    pub facts: super::facts::Facts,
    /// Other names people type for it (`gke`, `k8s`), lower case, with where each is written;
    /// a variant has its own (its base's name the base).
    pub aliases: Vec<(String, Option<Span>)>,
}

/// The platform a typed name means: its id exactly, else its id in any case, else one of its
/// aliases in any case (`GKE`, `k8s`). Ids win over aliases, so a user's platform named like
/// a built-in alias is found by that name.
pub fn resolve<'a>(platforms: &'a [Descriptor], typed: &str) -> Option<&'a Descriptor> {
    platforms
        .iter()
        .find(|d| d.id == typed)
        .or_else(|| platforms.iter().find(|d| d.id.eq_ignore_ascii_case(typed)))
        .or_else(|| {
            let lower = typed.to_ascii_lowercase();
            platforms
                .iter()
                .find(|d| d.aliases.iter().any(|(a, _)| *a == lower))
        })
}

impl Descriptor {
    /// A descriptor of `file` that states nothing yet: no id or name, every criterion
    /// unknown. The parser fills it in.
    pub fn stating_nothing(file: &Arc<SourceFile>, builtin: bool) -> Descriptor {
        Descriptor {
            id: String::new(),
            name: String::new(),
            summary: None,
            kind: None,
            hosting: None,
            homepage: None,
            homepage_span: None,
            reviewed: None,
            extends: None,
            runtimes: None,
            claims: requirements::REQUIREMENTS
                .iter()
                .map(|r| vec![Claim::bare(Level::Unknown); r.criteria.len()])
                .collect(),
            file: Arc::clone(file),
            builtin,
            id_span: None,
            requirement_spans: vec![None; requirements::REQUIREMENTS.len()],
            facts: super::facts::Facts::default(),
            aliases: Vec::new(),
        }
    }

    /// Fills the claims of the requirements scored from facts (`operations`, `idle_cost`):
    /// the fact's level through the rubric, with its note, source, place and origin; unknown
    /// when the fact is not stated. Called once the facts are final (parsed, then inherited).
    pub fn derive_fact_claims(&mut self) {
        for (r, req) in requirements::REQUIREMENTS.iter().enumerate() {
            for (c, crit) in req.criteria.iter().enumerate() {
                if crit.source == requirements::Source::Fact {
                    self.claims[r][c] = self
                        .facts
                        .level_of(req.id)
                        .unwrap_or_else(|| Claim::bare(Level::Unknown));
                }
            }
        }
    }

    pub fn claim(&self, r: usize, c: usize) -> &Claim {
        &self.claims[r][c]
    }

    /// The note, source and origin behind criterion `c` of requirement `r`: its claim, or
    /// `runtimes` for the derived language coverage.
    pub fn backing(&self, r: usize, c: usize) -> Backing<'_> {
        fn of<T>(e: &Evidence<T>) -> Backing<'_> {
            Backing {
                note: e.note.as_deref(),
                source: e.source.as_deref(),
                inherited: e.inherited.as_deref(),
            }
        }
        match requirements::REQUIREMENTS[r].criteria[c].source {
            requirements::Source::Level | requirements::Source::Fact => of(self.claim(r, c)),
            requirements::Source::LanguageCoverage => {
                self.runtimes.as_ref().map_or(Backing::default(), of)
            }
        }
    }

    /// `builtin`, or the path as the user gave it.
    pub fn origin(&self) -> &str {
        if self.builtin {
            "builtin"
        } else {
            &self.file.name
        }
    }

    /// `file:line:col` of a place in this descriptor's file, or the file alone.
    pub fn location_of(&self, span: Option<Span>) -> String {
        match span {
            Some(s) => format!("{}:{}:{}", self.file.name, s.line, s.column),
            None => self.file.name.clone(),
        }
    }

    /// `file:line:col` of a claim, in the file that writes it (a base's, when inherited).
    pub fn location_of_claim<T>(&self, e: &Evidence<T>) -> Option<String> {
        let s = e.span?;
        let file = e
            .inherited
            .as_ref()
            .map_or(self.file.name.as_str(), |b| &b.file);
        Some(format!("{file}:{}:{}", s.line, s.column))
    }
}
