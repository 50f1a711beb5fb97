//! `[require]`: the gates. A platform that misses one is left out of the ranking, with the
//! reason, before any weight is applied.

use toml::de::DeValue;

use crate::catalog::descriptor::{Hosting, Kind};
use crate::catalog::facts::{Api, Operations, RegionGroup, Status};
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
    /// Any of these providers.
    Provider(Vec<String>),
    /// Any of these interfaces.
    Api(Vec<Api>),
    /// Any of these operating models.
    Operations(Vec<Operations>),
    /// Offered in each of these region groups (`partial` counts).
    Regions(Vec<RegionGroup>),
    /// One of these lifecycle states (default: `ga`, `preview`, `deprecated`).
    Lifecycle(Vec<Status>),
    /// At least these per-instance limits.
    Limits(LimitsNeeded),
}

/// `limits = { vcpu = 16, memory_gib = 64, request_timeout_s = 900, persistent_disk = true }`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LimitsNeeded {
    pub vcpu: Option<f64>,
    pub memory_gib: Option<f64>,
    pub request_timeout_s: Option<f64>,
    pub persistent_disk: bool,
}

/// The lifecycle states a ranking keeps unless the profile says otherwise: a platform closed to
/// new customers or at its end of life is no answer for a team choosing now.
pub const DEFAULT_LIFECYCLE: [Status; 3] = [Status::Ga, Status::Preview, Status::Deprecated];

impl Constraint {
    /// The `[require]` key that states it (`provider`, `limits`, a criterion's path).
    pub fn key(&self) -> String {
        match self {
            Constraint::AtLeast {
                requirement,
                criterion,
                ..
            } => {
                let req = &REQUIREMENTS[*requirement];
                format!("{}.{}", req.id, req.criteria[*criterion].id)
            }
            Constraint::Hosting(_) => "hosting".into(),
            Constraint::Kind(_) => "kind".into(),
            Constraint::Provider(_) => "provider".into(),
            Constraint::Api(_) => "api".into(),
            Constraint::Operations(_) => "operations".into(),
            Constraint::Regions(_) => "regions".into(),
            Constraint::Lifecycle(_) => "lifecycle".into(),
            Constraint::Limits(_) => "limits".into(),
        }
    }
    /// A gate `d` passes only in part, in words: a region group offered only in a separately
    /// operated partition with its own accounts (AWS China, Azure operated by 21Vianet).
    pub fn caveat(&self, d: &crate::catalog::descriptor::Descriptor) -> Option<String> {
        let Constraint::Regions(groups) = self else {
            return None;
        };
        let partial: Vec<String> = groups
            .iter()
            .filter(|g| d.facts.region(**g) == Level::Partial)
            .map(ToString::to_string)
            .collect();
        (!partial.is_empty()).then(|| {
            format!(
                "offered in {} only in a separately operated partition, with its own accounts (partial)",
                partial.join(", ")
            )
        })
    }

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
            Constraint::Provider(allowed) => one_of(
                "provider",
                d.facts.provider.as_ref().map(|p| p.value.as_str()),
                allowed.iter().map(String::as_str),
            ),
            Constraint::Api(allowed) => one_of(
                "api",
                d.facts.api.as_ref().map(|a| a.value.as_str()),
                allowed.iter().map(|a| a.as_str()),
            ),
            Constraint::Operations(allowed) => one_of(
                "operations",
                d.facts.operations.as_ref().map(|o| o.value.as_str()),
                allowed.iter().map(|o| o.as_str()),
            ),
            Constraint::Regions(groups) => {
                let missing: Vec<String> = groups
                    .iter()
                    .filter_map(|g| {
                        let level = d.facts.region(*g);
                        let offered =
                            matches!(level, Level::Native | Level::Addon | Level::Partial);
                        (!offered).then(|| format!("{g} ({level})"))
                    })
                    .collect();
                (!missing.is_empty()).then(|| format!("not offered in {}", missing.join(", ")))
            }
            Constraint::Lifecycle(allowed) => {
                let status = d.facts.status();
                (!allowed.contains(&status)).then(|| lifecycle_reason(d, false))
            }
            Constraint::Limits(need) => limits_unmet(d, need),
        }
    }
}

/// `lifecycle is closed-to-new-customers since 2026-04-30`, with the flag that brings such a
/// platform back when the default left it out.
pub fn lifecycle_reason(d: &crate::catalog::descriptor::Descriptor, default: bool) -> String {
    let since = d
        .facts
        .lifecycle
        .as_ref()
        .and_then(|l| l.value.since)
        .map_or_else(String::new, |s| format!(" since {s}"));
    let mut reason = format!("lifecycle is {}{since}", d.facts.status());
    if default {
        reason.push_str(" (left out by default; --include-closed brings it back)");
    }
    reason
}

fn limits_unmet(d: &crate::catalog::descriptor::Descriptor, need: &LimitsNeeded) -> Option<String> {
    let have = d.facts.limits.as_ref().map(|l| l.value).unwrap_or_default();
    let mut short = Vec::new();
    let mut number = |what: &str, need: Option<f64>, have: Option<f64>| {
        if let Some(n) = need {
            match have {
                Some(h) if h >= n => {}
                Some(h) => short.push(format!("{what} {h} < {n}")),
                None => short.push(format!("{what} not stated")),
            }
        }
    };
    number("vcpu", need.vcpu, have.vcpu);
    number("memory_gib", need.memory_gib, have.memory_gib);
    #[allow(clippy::cast_precision_loss)] // seconds, far below 2^52
    number(
        "request_timeout_s",
        need.request_timeout_s,
        have.request_timeout_s.map(|s| s as f64),
    );
    if need.persistent_disk
        && !matches!(
            have.persistent_disk,
            Some(Level::Native | Level::Addon | Level::Partial)
        )
    {
        short.push(format!(
            "persistent_disk is {}",
            have.persistent_disk.unwrap_or(Level::Unknown)
        ));
    }
    (!short.is_empty()).then(|| format!("limits: {}", short.join(", ")))
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
            Constraint::Provider(list) => write!(f, "provider is {}", list.join(" or ")),
            Constraint::Api(list) => write!(f, "api is {}", words(list, Api::as_str)),
            Constraint::Operations(list) => {
                write!(f, "operations is {}", words(list, Operations::as_str))
            }
            Constraint::Regions(list) => {
                let names: Vec<&str> = list.iter().map(|g| g.as_str()).collect();
                write!(f, "offered in {}", names.join(" and "))
            }
            Constraint::Lifecycle(list) => {
                write!(f, "lifecycle is {}", words(list, Status::as_str))
            }
            Constraint::Limits(need) => {
                let mut parts = Vec::new();
                if let Some(v) = need.vcpu {
                    parts.push(format!("vcpu >= {v}"));
                }
                if let Some(v) = need.memory_gib {
                    parts.push(format!("memory_gib >= {v}"));
                }
                if let Some(v) = need.request_timeout_s {
                    parts.push(format!("request_timeout_s >= {v}"));
                }
                if need.persistent_disk {
                    parts.push("a persistent disk".to_owned());
                }
                write!(f, "limits: {}", parts.join(", "))
            }
        }
    }
}

/// The `[require]` keys that gate on what a platform is, beside criterion paths.
const GATE_KEYS: [&str; 8] = [
    "hosting",
    "kind",
    "provider",
    "api",
    "operations",
    "regions",
    "lifecycle",
    "limits",
];

fn words<T: Copy>(list: &[T], name: impl Fn(T) -> &'static str) -> String {
    list.iter()
        .map(|x| name(*x))
        .collect::<Vec<_>>()
        .join(" or ")
}

impl Cx<'_> {
    pub(super) fn require(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`[require]`") else {
            return;
        };
        for (key, value) in sorted(t) {
            let name = key.get_ref().as_ref();
            self.profile
                .policy
                .spans
                .insert(format!("require/{name}"), key.span());
            let gate = match name {
                "hosting" => self
                    .choices(value, "hosting", &Hosting::ALL, Hosting::as_str)
                    .map(Constraint::Hosting),
                "kind" => self
                    .choices(value, "kind", &Kind::ALL, Kind::as_str)
                    .map(Constraint::Kind),
                "api" => self
                    .choices(value, "api", Api::ALL, Api::as_str)
                    .map(Constraint::Api),
                "operations" => self
                    .choices(value, "operations", Operations::ALL, Operations::as_str)
                    .map(Constraint::Operations),
                "regions" => self
                    .choices(value, "regions", RegionGroup::ALL, RegionGroup::as_str)
                    .map(Constraint::Regions),
                "lifecycle" => self
                    .choices(value, "lifecycle", Status::ALL, Status::as_str)
                    .map(Constraint::Lifecycle),
                "provider" => self.providers(value).map(Constraint::Provider),
                "limits" => self.limits_needed(value).map(Constraint::Limits),
                path => self.level_criterion(path, key.span(), &GATE_KEYS).and_then(
                    |(requirement, criterion)| {
                        let level = self.known_level(value, &format!("`{path}`"))?;
                        Some(Constraint::AtLeast {
                            requirement,
                            criterion,
                            level,
                        })
                    },
                ),
            };
            self.profile.require.extend(gate);
        }
    }

    /// A `[require]` value that is a list, or one string standing for a list of one.
    fn list_items<'a, 'i>(
        &mut self,
        v: &'a Val<'i>,
        what: &str,
        example: &str,
    ) -> Option<Vec<&'a Val<'i>>> {
        match v.get_ref() {
            DeValue::Array(a) => Some(a.iter().collect()),
            DeValue::String(_) => Some(vec![v]),
            other => {
                self.error(
                    "wrong-type",
                    format!(
                        "`require.{what}` must be a list, found {}",
                        other.type_str()
                    ),
                    v.span(),
                    Some(format!("e.g. `{what} = [{example}]`")),
                );
                None
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
        let items = self.list_items(v, what, &format!("\"{}\"", names[0]))?;
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

    /// `provider = ["alibaba", "tencent"]`: kebab-case names, any of them.
    fn providers(&mut self, v: &Val<'_>) -> Option<Vec<String>> {
        let items = self.list_items(v, "provider", "\"alibaba\", \"tencent\", \"huawei\"")?;
        let mut out = Vec::new();
        for item in items {
            let Some(s) = self.string(item, "provider") else {
                continue;
            };
            if crate::catalog::parse::valid_id(s) {
                out.push(s.to_owned());
                self.profile
                    .provider_names
                    .push((s.to_owned(), item.span()));
            } else {
                self.error(
                    "bad-value",
                    format!("`{s}` is not a provider name"),
                    item.span(),
                    Some("a provider is a lower-case kebab-case name, e.g. `google`, `alibaba`, `red-hat` (`platform-eval show ID` shows a platform's)".into()),
                );
            }
        }
        Some(out)
    }

    /// `limits = { vcpu = 16, memory_gib = 64, request_timeout_s = 900, persistent_disk = true }`.
    fn limits_needed(&mut self, v: &Val<'_>) -> Option<LimitsNeeded> {
        let t = self.table(v, "`require.limits`")?;
        let mut need = LimitsNeeded::default();
        for (key, value) in sorted(t) {
            let name = key.get_ref().as_ref();
            let what = format!("`require.limits.{name}`");
            match name {
                "vcpu" | "memory_gib" | "request_timeout_s" => {
                    let n = self.bounded(value, &what, 0.0, 1e6, "the least the team needs per instance");
                    match name {
                        "vcpu" => need.vcpu = n,
                        "memory_gib" => need.memory_gib = n,
                        _ => need.request_timeout_s = n,
                    }
                }
                "persistent_disk" => match value.get_ref() {
                    DeValue::Boolean(b) => need.persistent_disk = *b,
                    other => self.error(
                        "wrong-type",
                        format!("{what} must be true or false, found {}", other.type_str()),
                        value.span(),
                        Some("`persistent_disk = true` keeps the platforms whose instances can keep a disk".into()),
                    ),
                },
                other => self.unknown_key(
                    key,
                    other,
                    &["vcpu", "memory_gib", "request_timeout_s", "persistent_disk"],
                    "in `require.limits`",
                ),
            }
        }
        Some(need)
    }
}
