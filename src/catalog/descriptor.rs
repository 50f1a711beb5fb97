//! The platform descriptor (format version 1): the model. [`super::parse`] builds it from YAML.

use std::sync::Arc;

use crate::diag::{SourceFile, Span};
use crate::requirements::{self, Level};

/// What sort of platform it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtimes {
    Any,
    /// Canonical language ids, in the order written.
    List(Vec<&'static str>),
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

/// A stated value with its evidence and its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence<T> {
    pub value: T,
    pub note: Option<String>,
    pub source: Option<String>,
    pub span: Option<Span>,
}

impl<T> Evidence<T> {
    pub(crate) fn bare(value: T) -> Self {
        Evidence {
            value,
            note: None,
            source: None,
            span: None,
        }
    }
}

pub type Claim = Evidence<Level>;

#[derive(Debug, Clone)]
pub struct Descriptor {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub kind: Option<Kind>,
    pub hosting: Option<Hosting>,
    pub homepage: Option<String>,
    pub reviewed: Option<Evidence<jiff::civil::Date>>,
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
}

impl Descriptor {
    pub fn claim(&self, r: usize, c: usize) -> &Claim {
        &self.claims[r][c]
    }

    /// `builtin`, or the path as the user gave it.
    pub fn origin(&self) -> &str {
        if self.builtin {
            "builtin"
        } else {
            &self.file.name
        }
    }

    /// `file:line:col` of a claim, or of the file when it is not written down.
    pub fn location_of(&self, span: Option<Span>) -> String {
        match span {
            Some(s) => format!("{}:{}:{}", self.file.name, s.line, s.column),
            None => self.file.name.clone(),
        }
    }
}
