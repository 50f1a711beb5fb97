//! One model of what a deployment uses, whatever file said it: findings, each for one
//! criterion, each at a place in the team's own files.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use super::signals::Signal;
use crate::requirements::{self, REQUIREMENTS};

/// What the files say about one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Use {
    /// Every service that needs it, all the way.
    Used,
    /// Some services, or some of the way (a load balancer with one server behind it).
    Partial,
    /// The files run without it.
    Unused,
    /// The files do not say: nothing read here declares it either way.
    Unknown,
}

impl Use {
    pub fn as_str(self) -> &'static str {
        match self {
            Use::Used => "used",
            Use::Partial => "partial",
            Use::Unused => "unused",
            Use::Unknown => "unknown",
        }
    }

    /// The state of a criterion from the states its findings give: all used is used, all
    /// unused is unused, anything else partial; no finding is unknown.
    pub fn combine(states: impl IntoIterator<Item = Use>) -> Use {
        let mut seen = None;
        for s in states {
            seen = Some(match (seen, s) {
                (_, Use::Unknown) => seen.unwrap_or(Use::Unknown),
                (None | Some(Use::Unknown), s) => s,
                (Some(a), b) if a == b => a,
                _ => Use::Partial,
            });
        }
        seen.unwrap_or(Use::Unknown)
    }
}

impl fmt::Display for Use {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in one of the team's files. After `helm template`, `template` is the chart file
/// the `# Source:` comment names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<Arc<str>>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)?;
        if let Some(t) = &self.template {
            write!(f, " ({t})")?;
        }
        Ok(())
    }
}

/// One thing a reader saw, for one criterion.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The signal's stable id (`k8s-probes`).
    pub signal: &'static str,
    /// `requirement.criterion`.
    pub criterion: &'static str,
    /// What it says about the criterion. A caveat (`counts: false`) says `used`, `partial` or
    /// `unused` of its subject but leaves the criterion's state to the other findings: the
    /// context a person would weigh (a HEALTHCHECK Kubernetes ignores).
    pub state: Use,
    pub counts: bool,
    /// What it is about: `Deployment prod/api`, `service web`, `upstream app`.
    pub subject: String,
    pub message: String,
    /// One line that closes the gap; `None` when there is none to close.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    pub at: Place,
}

impl Finding {
    pub fn new(
        signal: &'static Signal,
        state: Use,
        subject: impl Into<String>,
        message: impl Into<String>,
        at: Place,
    ) -> Finding {
        Finding {
            signal: signal.id,
            criterion: signal.criterion,
            state,
            counts: true,
            subject: subject.into(),
            message: message.into(),
            fix: None,
            at,
        }
    }

    /// With the line that closes the gap.
    #[must_use]
    pub fn fix(mut self, fix: impl Into<String>) -> Finding {
        self.fix = Some(fix.into());
        self
    }

    /// As a caveat: shown beside the criterion, not counted in its state.
    #[must_use]
    pub fn caveat(mut self) -> Finding {
        self.counts = false;
        self
    }
}

/// The input kinds `scan` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    Kubernetes,
    Compose,
    Dockerfile,
    Nginx,
    GithubActions,
    GitlabCi,
    /// A shell script that starts containers (`docker run`).
    Script,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Kubernetes => "kubernetes",
            InputKind::Compose => "compose",
            InputKind::Dockerfile => "dockerfile",
            InputKind::Nginx => "nginx",
            InputKind::GithubActions => "github-actions",
            InputKind::GitlabCi => "gitlab-ci",
            InputKind::Script => "script",
        }
    }
}

/// A file read, with what it was read as.
#[derive(Debug, Clone, Serialize)]
pub struct Scanned {
    pub path: Arc<str>,
    pub kind: InputKind,
}

/// Something read and not understood: a Kubernetes kind, a Compose key, an nginx directive
/// this reader does not know. Listed, never an error.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub what: String,
    pub at: Place,
}

/// What the deployment uses, from everything read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Deployment {
    pub files: Vec<Scanned>,
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
}

/// One criterion of the scan: its state and the findings behind it.
#[derive(Debug, Clone)]
pub struct CriterionUse<'a> {
    pub requirement: usize,
    pub criterion: usize,
    pub path: String,
    pub state: Use,
    pub findings: Vec<&'a Finding>,
}

impl Deployment {
    pub fn has(&self, kind: InputKind) -> bool {
        self.files.iter().any(|f| f.kind == kind)
    }

    /// Every criterion of the five requirements scan reads, in table order, with its state.
    pub fn criteria(&self) -> Vec<CriterionUse<'_>> {
        requirements::all_criteria()
            .filter(|&(r, c)| {
                !requirements::is_optional(r)
                    && REQUIREMENTS[r].criteria[c].source == requirements::Source::Level
            })
            .map(|(r, c)| {
                let path = format!("{}.{}", REQUIREMENTS[r].id, REQUIREMENTS[r].criteria[c].id);
                let findings: Vec<&Finding> = self
                    .findings
                    .iter()
                    .filter(|f| f.criterion == path)
                    .collect();
                let state = Use::combine(findings.iter().filter(|f| f.counts).map(|f| f.state));
                CriterionUse {
                    requirement: r,
                    criterion: c,
                    path,
                    state,
                    findings,
                }
            })
            .collect()
    }

    /// The findings in a stable order: by criterion (table order), then place.
    pub fn sort(&mut self) {
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
        // Keys computed once a finding, with each file as its rank among the files read:
        // tens of thousands of findings are sorted, and their paths are long and alike.
        let rank: std::collections::HashMap<&str, usize> = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (&*f.path, i))
            .collect();
        self.findings.sort_by_cached_key(|f| {
            let (r, c) =
                requirements::parse_criterion_path(f.criterion).unwrap_or((usize::MAX, usize::MAX));
            let file = rank.get(&*f.at.file).copied();
            // A file not among those read (none so far) sorts by its name.
            let name = file.is_none().then(|| Arc::clone(&f.at.file));
            (
                r,
                c,
                file.unwrap_or(usize::MAX),
                name,
                f.at.line,
                f.at.column,
            )
        });
        self.skipped.sort_by(|a, b| a.at.cmp(&b.at));
    }
}

#[cfg(test)]
mod tests {
    use super::Use::{self, Partial, Unknown, Unused, Used};

    #[test]
    fn a_criterion_is_used_only_when_every_finding_says_so() {
        assert_eq!(Use::combine([]), Unknown);
        assert_eq!(Use::combine([Used, Used]), Used);
        assert_eq!(Use::combine([Unused, Unused]), Unused);
        assert_eq!(Use::combine([Used, Unused]), Partial);
        assert_eq!(Use::combine([Used, Partial]), Partial);
        assert_eq!(Use::combine([Unknown, Unused]), Unused);
    }
}
