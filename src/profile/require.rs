//! `[require]`: the gates. A platform that misses one is left out of the ranking, with the
//! reason, before any weight is applied.

use toml::de::DeValue;

use crate::catalog::descriptor::{Hosting, Kind};
use crate::diag::suggest;
use crate::requirements::{Level, REQUIREMENTS};

use super::{Cx, Val, sorted};

/// A hard constraint: a platform that misses one is excluded from the ranking.
#[derive(Debug, Clone, PartialEq)]
pub enum Constraint {
    /// `"containers.oci_images" = "native"`: at least this level.
    AtLeast {
        requirement: usize,
        criterion: usize,
        level: Level,
    },
    Hosting(Vec<Hosting>),
    Kind(Vec<Kind>),
}

impl Constraint {
    /// Why `d` misses this constraint, or `None` when it meets it.
    pub fn unmet_by(&self, d: &crate::catalog::descriptor::Descriptor) -> Option<String> {
        match self {
            Constraint::AtLeast {
                requirement,
                criterion,
                level,
            } => {
                let have = d.claim(*requirement, *criterion).value;
                let meets =
                    matches!((have.strength(), level.strength()), (Some(h), Some(w)) if h >= w);
                (!meets).then(|| {
                    let req = &REQUIREMENTS[*requirement];
                    format!(
                        "{}.{} is {have}, below the required {level}",
                        req.id, req.criteria[*criterion].id
                    )
                })
            }
            Constraint::Hosting(allowed) => one_of(
                "hosting",
                d.hosting.map(Hosting::as_str),
                allowed.iter().map(|h| h.as_str()),
            ),
            Constraint::Kind(allowed) => one_of(
                "kind",
                d.kind.map(Kind::as_str),
                allowed.iter().map(|k| k.as_str()),
            ),
        }
    }
}

fn one_of<'a>(
    what: &str,
    have: Option<&str>,
    allowed: impl Iterator<Item = &'a str>,
) -> Option<String> {
    let allowed: Vec<&str> = allowed.collect();
    (!have.is_some_and(|h| allowed.contains(&h))).then(|| {
        format!(
            "{what} is {}, not {}",
            have.unwrap_or("not stated"),
            allowed.join(" or ")
        )
    })
}

impl std::fmt::Display for Constraint {
    /// `containers.oci_images at least native`, `hosting is managed or hybrid`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Constraint::AtLeast {
                requirement,
                criterion,
                level,
            } => {
                let req = &REQUIREMENTS[*requirement];
                write!(
                    f,
                    "{}.{} at least {level}",
                    req.id, req.criteria[*criterion].id
                )
            }
            Constraint::Hosting(list) => {
                let names: Vec<&str> = list.iter().map(|h| h.as_str()).collect();
                write!(f, "hosting is {}", names.join(" or "))
            }
            Constraint::Kind(list) => {
                let names: Vec<&str> = list.iter().map(|k| k.as_str()).collect();
                write!(f, "kind is {}", names.join(" or "))
            }
        }
    }
}

impl Cx<'_> {
    pub(super) fn require(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`[require]`") else {
            return;
        };
        for (key, value) in sorted(t) {
            let name = key.get_ref().as_ref();
            match name {
                "hosting" => {
                    if let Some(list) = self.choices(
                        value,
                        "hosting",
                        &Hosting::ALL,
                        crate::catalog::descriptor::Hosting::as_str,
                    ) {
                        self.profile.require.push(Constraint::Hosting(list));
                    }
                }
                "kind" => {
                    if let Some(list) = self.choices(
                        value,
                        "kind",
                        &Kind::ALL,
                        crate::catalog::descriptor::Kind::as_str,
                    ) {
                        self.profile.require.push(Constraint::Kind(list));
                    }
                }
                path => {
                    let Some((requirement, criterion)) =
                        self.level_criterion(path, key.span(), &["hosting", "kind"])
                    else {
                        continue;
                    };
                    if let Some(level) = self.known_level(value, &format!("`{path}`")) {
                        self.profile.require.push(Constraint::AtLeast {
                            requirement,
                            criterion,
                            level,
                        });
                    }
                }
            }
        }
    }

    fn choices<T: Copy>(
        &mut self,
        v: &Val<'_>,
        what: &str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Option<Vec<T>> {
        let names: Vec<&str> = all.iter().map(|x| name(*x)).collect();
        let items: Vec<&Val<'_>> = match v.get_ref() {
            DeValue::Array(a) => a.iter().collect(),
            DeValue::String(_) => vec![v],
            other => {
                self.error(
                    "wrong-type",
                    format!(
                        "`require.{what}` must be a list, found {}",
                        other.type_str()
                    ),
                    v.span(),
                    Some(format!("e.g. `{what} = [\"{}\"]`", names[0])),
                );
                return None;
            }
        };
        let mut out = Vec::new();
        for item in items {
            let Some(s) = self.string(item, what) else {
                continue;
            };
            match all.iter().copied().find(|x| name(*x) == s) {
                Some(x) => out.push(x),
                None => self.error(
                    "bad-value",
                    format!("`{s}` is not a valid {what}"),
                    item.span(),
                    Some(suggest(s, &names)),
                ),
            }
        }
        Some(out)
    }
}
