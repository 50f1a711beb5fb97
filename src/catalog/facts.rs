//! Facts that decide: who is behind a platform, what deployments are written against, whether a
//! new team can still sign up, where it runs, who operates it, what it costs idle, and its
//! per-instance limits. The five requirements are table stakes that most managed platforms
//! meet; these facts are what a team's gates (`[require]`) test before any weight is applied.
//!
//! Each fact is evidence like a claim: a value, a note and a source; a variant inherits each
//! fact it leaves out from its base.

use serde::{Deserialize, Serialize};

use super::descriptor::{Claim, Evidence};
use super::parse::Checker;
use super::yaml::{Node, Value};
use crate::requirements::Level;

/// Values written as kebab-case words, with the list of all of them (for suggestions).
macro_rules! words {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

words! {
    /// The interface deployments are written against.
    Api {
        Kubernetes = "kubernetes",
        Knative = "knative",
        Nomad = "nomad",
        Docker = "docker",
        CloudFoundry = "cloud-foundry",
        Proprietary = "proprietary",
    }
}

words! {
    /// Whether a new team can adopt the platform.
    Status {
        Ga = "ga",
        Preview = "preview",
        Deprecated = "deprecated",
        ClosedToNewCustomers = "closed-to-new-customers",
        EndOfLife = "end-of-life",
    }
}

words! {
    /// Who runs what, from nothing to everything.
    Operations {
        /// Nothing to run: no nodes, no clusters.
        Serverless = "serverless",
        /// The provider runs the control plane and the nodes.
        ManagedNodes = "managed-nodes",
        /// The provider runs the control plane; you run the nodes.
        ManagedControlPlane = "managed-control-plane",
        /// You run everything.
        SelfHosted = "self-hosted",
    }
}

words! {
    /// What the platform costs while it serves nothing.
    IdleCost {
        ScalesToZero = "scales-to-zero",
        /// A minimum instance (dyno, VM) is paid while idle.
        PerInstance = "per-instance",
        /// A fixed fee per cluster, plus its nodes.
        ClusterFee = "cluster-fee",
    }
}

words! {
    /// Groups of regions a platform may be offered in.
    RegionGroup {
        /// Mainland China: `native` when the vendor serves it from its own regions (or the
        /// software runs on any host), `partial` in a separately operated partition with its
        /// own accounts (AWS China, Azure operated by 21Vianet), `none` when not offered.
        CnMainland = "cn-mainland",
    }
}

/// `lifecycle`: a status and, when it is not `ga`, since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifecycle {
    pub status: Status,
    pub since: Option<jiff::civil::Date>,
}

/// `limits`: per instance, where the vendor documents them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    pub vcpu: Option<f64>,
    pub memory_gib: Option<f64>,
    pub request_timeout_s: Option<u64>,
    /// Whether an instance can keep a local or attached disk across restarts.
    pub persistent_disk: Option<Level>,
}

/// The decisive facts of a descriptor; each `None` when it does not say.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Facts {
    pub provider: Option<Evidence<String>>,
    pub api: Option<Evidence<Api>>,
    pub lifecycle: Option<Evidence<Lifecycle>>,
    /// By [`RegionGroup`], in the order of `RegionGroup::ALL`.
    pub regions: Vec<Option<Claim>>,
    pub operations: Option<Evidence<Operations>>,
    pub idle_cost: Option<Evidence<IdleCost>>,
    pub limits: Option<Evidence<Limits>>,
}

/// The top-level keys that hold facts.
pub const KEYS: [&str; 7] = [
    "provider",
    "api",
    "lifecycle",
    "regions",
    "operations",
    "idle_cost",
    "limits",
];

/// One stated fact as a reader sees it: its key, its value in words, and its evidence.
#[derive(Debug)]
pub struct FactRow<'a> {
    pub key: &'static str,
    pub value: String,
    pub note: Option<&'a str>,
    pub source: Option<&'a str>,
    /// The base it comes from, when inherited.
    pub inherited: Option<&'a super::descriptor::Base>,
}

impl Facts {
    /// The stated facts, in the order `show` and the reports list them.
    pub fn rows(&self) -> Vec<FactRow<'_>> {
        fn row<'a, T>(key: &'static str, value: String, e: &'a Evidence<T>) -> FactRow<'a> {
            FactRow {
                key,
                value,
                note: e.note.as_deref(),
                source: e.source.as_deref(),
                inherited: e.inherited.as_deref(),
            }
        }
        let mut rows = Vec::new();
        if let Some(e) = &self.provider {
            rows.push(row("provider", e.value.clone(), e));
        }
        if let Some(e) = &self.api {
            rows.push(row("api", e.value.to_string(), e));
        }
        if let Some(e) = &self.lifecycle {
            let since = e
                .value
                .since
                .map_or_else(String::new, |d| format!(" since {d}"));
            rows.push(row("lifecycle", format!("{}{since}", e.value.status), e));
        }
        for (g, claim) in RegionGroup::ALL.iter().zip(&self.regions) {
            if let Some(c) = claim {
                rows.push(row("regions", format!("{g} {}", c.value), c));
            }
        }
        if let Some(e) = &self.operations {
            rows.push(row("operations", e.value.to_string(), e));
        }
        if let Some(e) = &self.idle_cost {
            rows.push(row("idle_cost", e.value.to_string(), e));
        }
        if let Some(e) = &self.limits {
            let l = &e.value;
            let mut parts = Vec::new();
            if let Some(v) = l.vcpu {
                parts.push(format!("{v} vCPU"));
            }
            if let Some(v) = l.memory_gib {
                parts.push(format!("{v} GiB memory"));
            }
            if let Some(v) = l.request_timeout_s {
                parts.push(format!("{v} s request timeout"));
            }
            if let Some(v) = l.persistent_disk {
                parts.push(format!("persistent disk {v}"));
            }
            rows.push(row("limits", parts.join(" · "), e));
        }
        rows
    }

    /// The level an optional requirement scored from a fact gets, through the rubric table
    /// (see `requirements::REQUIREMENTS`): who operates the platform (serverless > managed
    /// nodes > managed control plane > self-hosted) and what it costs idle (scales to zero > a
    /// minimum per instance > a fee per cluster). `None` for another requirement, or when the
    /// fact is not stated.
    pub fn level_of(&self, requirement: &str) -> Option<Evidence<Level>> {
        match requirement {
            "operations" => {
                let e = self.operations.as_ref()?;
                let level = match e.value {
                    Operations::Serverless => Level::Native,
                    Operations::ManagedNodes => Level::Addon,
                    Operations::ManagedControlPlane => Level::Partial,
                    Operations::SelfHosted => Level::None,
                };
                Some(e.clone().with(level))
            }
            "idle_cost" => {
                let e = self.idle_cost.as_ref()?;
                let level = match e.value {
                    IdleCost::ScalesToZero => Level::Native,
                    IdleCost::PerInstance => Level::Partial,
                    IdleCost::ClusterFee => Level::None,
                };
                Some(e.clone().with(level))
            }
            _ => None,
        }
    }

    /// The status a new team meets: `ga` when the descriptor does not say.
    pub fn status(&self) -> Status {
        self.lifecycle
            .as_ref()
            .map_or(Status::Ga, |l| l.value.status)
    }

    /// The level for a region group, `unknown` when not stated.
    pub fn region(&self, group: RegionGroup) -> Level {
        let i = RegionGroup::ALL.iter().position(|g| *g == group);
        i.and_then(|i| self.regions.get(i))
            .and_then(Option::as_ref)
            .map_or(Level::Unknown, |c| c.value)
    }
}

impl Checker<'_> {
    /// Reads the fact at top-level `key` into `facts`.
    pub(super) fn fact(&mut self, key: &str, node: &Node, facts: &mut Facts) {
        match key {
            "provider" => facts.provider = self.provider(node),
            "api" => facts.api = self.word_fact(node, "api", Api::ALL, Api::as_str),
            "operations" => {
                facts.operations =
                    self.word_fact(node, "operations", Operations::ALL, Operations::as_str);
            }
            "idle_cost" => {
                facts.idle_cost =
                    self.word_fact(node, "idle_cost", IdleCost::ALL, IdleCost::as_str);
            }
            "lifecycle" => facts.lifecycle = self.lifecycle(node),
            "regions" => facts.regions = self.regions(node),
            "limits" => facts.limits = self.limits(node),
            _ => {}
        }
    }

    /// `key: WORD` or `key: {value: WORD, note, source}`: the word's node and the evidence.
    fn word_and_evidence(&mut self, node: &Node, key: &str) -> Option<(Node, Evidence<()>)> {
        match &node.value {
            Value::Map(entries) => {
                let mut word = None;
                let (note, source, source_span) =
                    self.evidence_fields(entries, &["value"], &format!("`{key}`"), |_, _, v| {
                        word = Some(v.clone());
                    });
                let Some(word) = word else {
                    self.missing(node, "value", &format!("write the {key} as `value:`"));
                    return None;
                };
                let evidence = Evidence {
                    note: note.map(Into::into),
                    source: source.map(Into::into),
                    source_span,
                    span: Some(word.span),
                    ..Evidence::bare(())
                };
                Some((word, evidence))
            }
            _ => Some((
                node.clone(),
                Evidence {
                    span: Some(node.span),
                    ..Evidence::bare(())
                },
            )),
        }
    }

    /// One of `all`'s words, short or with its evidence.
    fn word_fact<T: Copy>(
        &mut self,
        node: &Node,
        key: &str,
        all: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Option<Evidence<T>> {
        let (word, evidence) = self.word_and_evidence(node, key)?;
        let value = self.choice(&word, key, all, name)?;
        Some(evidence.with(value))
    }

    /// The company or project behind the platform: a kebab-case name.
    fn provider(&mut self, node: &Node) -> Option<Evidence<String>> {
        let (word, evidence) = self.word_and_evidence(node, "provider")?;
        let s = self.string(&word, "`provider`")?;
        if !super::parse::valid_id(s) {
            self.error(
                "bad-value",
                format!("`{s}` is not a provider name"),
                word.span,
                Some("a provider is a lower-case kebab-case name, e.g. `google`, `alibaba`, `red-hat`".into()),
            );
            return None;
        }
        Some(evidence.with(s.to_owned()))
    }

    fn lifecycle(&mut self, node: &Node) -> Option<Evidence<Lifecycle>> {
        let (status_node, since_node, note, source, source_span) = match &node.value {
            Value::Map(entries) => {
                let (mut status, mut since) = (None, None);
                let (note, source, source_span) = self.evidence_fields(
                    entries,
                    &["status", "since"],
                    "`lifecycle`",
                    |_, k, v| {
                        if k == "status" {
                            status = Some(v.clone());
                        } else {
                            since = Some(v.clone());
                        }
                    },
                );
                let Some(status) = status else {
                    self.missing(node, "status", "write the status, e.g. `status: ga`");
                    return None;
                };
                (status, since, note, source, source_span)
            }
            _ => (node.clone(), None, None, None, None),
        };
        let status = self.choice(
            &status_node,
            "lifecycle status",
            Status::ALL,
            Status::as_str,
        )?;
        let since = match since_node {
            Some(n) => Some(self.date(&n, "lifecycle.since")?.value),
            None => None,
        };
        Some(Evidence {
            note: note.map(Into::into),
            source: source.map(Into::into),
            source_span,
            span: Some(status_node.span),
            ..Evidence::bare(Lifecycle { status, since })
        })
    }

    fn regions(&mut self, node: &Node) -> Vec<Option<Claim>> {
        let mut out = vec![None; RegionGroup::ALL.len()];
        let Value::Map(entries) = &node.value else {
            self.wrong_type(
                node,
                "`regions`",
                "a map of region groups, e.g. `cn-mainland: none`",
            );
            return out;
        };
        let names: Vec<&str> = RegionGroup::ALL.iter().map(|g| g.as_str()).collect();
        for (key, value) in entries {
            let Some(k) = self.key(key) else { continue };
            let Some(i) = RegionGroup::ALL.iter().position(|g| g.as_str() == k) else {
                self.unknown_key(key, k, &names, "in `regions`");
                continue;
            };
            out[i] = self.region_claim(value, k);
        }
        out
    }

    /// A region group's level: `none`, or `{level, note, source}`.
    fn region_claim(&mut self, node: &Node, group: &str) -> Option<Claim> {
        match &node.value {
            Value::Map(entries) => {
                let mut level = None;
                let (note, source, source_span) = self.evidence_fields(
                    entries,
                    &["level"],
                    &format!("`regions.{group}`"),
                    |cx, _, v| level = cx.level(v).map(|l| (l, v.span)),
                );
                let (level, span) = level?;
                Some(Evidence {
                    note: note.map(Into::into),
                    source: source.map(Into::into),
                    source_span,
                    span: Some(span),
                    ..Evidence::bare(level)
                })
            }
            _ => self.level(node).map(|l| Evidence {
                span: Some(node.span),
                ..Evidence::bare(l)
            }),
        }
    }

    fn limits(&mut self, node: &Node) -> Option<Evidence<Limits>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, "`limits`", "a map, e.g. `{vcpu: 8, memory_gib: 32}`");
            return None;
        };
        let mut limits = Limits::default();
        let (note, source, source_span) = self.evidence_fields(
            entries,
            &["vcpu", "memory_gib", "request_timeout_s", "persistent_disk"],
            "`limits`",
            |cx, k, v| match k {
                "vcpu" => limits.vcpu = cx.positive(v, "`limits.vcpu`"),
                "memory_gib" => limits.memory_gib = cx.positive(v, "`limits.memory_gib`"),
                "request_timeout_s" => {
                    // A whole number of seconds from 1 to a million: the cast is exact.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    {
                        limits.request_timeout_s = cx
                            .positive(v, "`limits.request_timeout_s`")
                            .filter(|s| s.fract() == 0.0)
                            .map(|s| s as u64);
                    }
                }
                _ => limits.persistent_disk = cx.level(v),
            },
        );
        Some(Evidence {
            note: note.map(Into::into),
            source: source.map(Into::into),
            source_span,
            span: Some(node.span),
            ..Evidence::bare(limits)
        })
    }

    /// A number above 0 (and at most a million), or a located error.
    fn positive(&mut self, node: &Node, what: &str) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)] // small integers
        let n = match node.value {
            Value::Int(i) => i as f64,
            Value::Float(f) => f,
            _ => {
                self.wrong_type(node, what, "a number");
                return None;
            }
        };
        if n > 0.0 && n <= 1e6 {
            Some(n)
        } else {
            self.error(
                "bad-value",
                format!("{what} must be a number above 0"),
                node.span,
                Some("write the vendor's documented maximum per instance".into()),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Arc;

    use super::*;
    use crate::catalog::descriptor::Descriptor;
    use crate::catalog::load::parse_source;
    use crate::diag::{Diagnostics, SourceFile};

    fn parse(name: &str, text: &str) -> (Option<Descriptor>, Diagnostics) {
        let file = Arc::new(SourceFile::new(format!("{name}.yaml"), text.into()));
        let mut diags = Diagnostics::default();
        let d = parse_source(&file, name, false, &mut diags);
        (d, diags)
    }

    const FACTS: &str = "name: Base\nprovider: {value: alibaba, note: Alibaba Cloud runs it., source: https://www.alibabacloud.com/help/en/ack}\napi: kubernetes\nlifecycle: {status: closed-to-new-customers, since: 2026-04-30, note: New accounts cannot create it., source: https://base.example.com/eol}\nregions:\n  cn-mainland: {level: native, note: Beijing and Shanghai regions., source: https://base.example.com/regions}\noperations: managed-control-plane\nidle_cost: {value: cluster-fee, note: A fee per cluster., source: https://base.example.com/pricing}\nlimits: {vcpu: 16, memory_gib: 64.5, request_timeout_s: 3600, persistent_disk: native, note: Per pod., source: https://base.example.com/limits}\n";

    #[test]
    fn every_fact_is_read_short_or_with_its_evidence() {
        let (d, diags) = parse("base", FACTS);
        assert!(diags.is_empty(), "{:?}", diags.codes());
        let f = d.unwrap().facts;
        let provider = f.provider.unwrap();
        assert_eq!(provider.value, "alibaba");
        assert_eq!(provider.note.as_deref(), Some("Alibaba Cloud runs it."));
        assert_eq!(f.api.unwrap().value, Api::Kubernetes);
        let lifecycle = f.lifecycle.unwrap();
        assert_eq!(lifecycle.value.status, Status::ClosedToNewCustomers);
        assert_eq!(lifecycle.value.since.unwrap().to_string(), "2026-04-30");
        assert_eq!(f.regions[0].as_ref().unwrap().value, Level::Native);
        assert_eq!(f.operations.unwrap().value, Operations::ManagedControlPlane);
        let idle = f.idle_cost.unwrap();
        assert_eq!(idle.value, IdleCost::ClusterFee);
        assert_eq!(
            idle.source.as_deref(),
            Some("https://base.example.com/pricing")
        );
        let limits = f.limits.unwrap().value;
        assert_eq!(
            limits,
            Limits {
                vcpu: Some(16.0),
                memory_gib: Some(64.5),
                request_timeout_s: Some(3600),
                persistent_disk: Some(Level::Native),
            }
        );
    }

    #[test]
    fn a_descriptor_that_states_no_fact_is_ga_and_unknown_everywhere() {
        let (d, diags) = parse("plain", "name: Plain\n");
        assert!(!diags.has_errors());
        let f = d.unwrap().facts;
        assert_eq!(f.status(), Status::Ga);
        assert_eq!(f.region(RegionGroup::CnMainland), Level::Unknown);
    }

    #[test]
    fn each_misspelt_fact_is_a_located_error_with_a_suggestion() {
        let cases = [
            (
                "api: kubernets\n",
                "bad-value",
                "t.yaml:2:6",
                "did you mean `kubernetes`?",
            ),
            (
                "lifecycle: {status: closed}\n",
                "bad-value",
                "t.yaml:2:21",
                "did you mean `closed-to-new-customers`?",
            ),
            (
                "regions:\n  cn-mainlnd: none\n",
                "unknown-key",
                "t.yaml:3:3",
                "did you mean `cn-mainland`?",
            ),
            (
                "regions: {cn-mainland: nativ}\n",
                "bad-level",
                "t.yaml:2:24",
                "did you mean `native`?",
            ),
            (
                "operations: managed\n",
                "bad-value",
                "t.yaml:2:13",
                "did you mean `managed-nodes`?",
            ),
            (
                "idle_cost: {value: scale-to-zero}\n",
                "bad-value",
                "t.yaml:2:20",
                "did you mean `scales-to-zero`?",
            ),
            (
                "limits: {vcpus: 4}\n",
                "unknown-key",
                "t.yaml:2:10",
                "did you mean `vcpu`?",
            ),
            (
                "limits: {vcpu: -1}\n",
                "bad-value",
                "t.yaml:2:16",
                "documented maximum",
            ),
            (
                "provider: Google Cloud\n",
                "bad-value",
                "t.yaml:2:11",
                "kebab-case",
            ),
            (
                "provder: google\n",
                "unknown-key",
                "t.yaml:2:1",
                "did you mean `provider`?",
            ),
            (
                "lifecycle: {status: deprecated, since: soon}\n",
                "bad-date",
                "t.yaml:2:40",
                "since: 2026-10-01",
            ),
        ];
        for (text, code, place, help) in cases {
            let (d, diags) = parse("t", &format!("name: T\n{text}"));
            assert!(d.is_none(), "{text}");
            let found: Vec<_> = diags.iter().collect();
            assert_eq!(found.len(), 1, "{text}: {:?}", diags.codes());
            assert_eq!(found[0].code, code, "{text}");
            assert_eq!(found[0].location().as_deref(), Some(place), "{text}");
            let h = found[0].help.as_deref().unwrap_or_default();
            assert!(h.contains(help), "{text}: {h}");
        }
    }

    #[test]
    fn a_variant_inherits_the_facts_it_leaves_out() {
        let (base, _) = parse("base", FACTS);
        let (variant, _) = parse(
            "ours",
            "name: Ours\nextends: base\noperations: {value: self-hosted, note: We run it., source: https://runbook.example.com/ops}\n",
        );
        let mut diags = Diagnostics::default();
        let out = crate::catalog::extends::resolve(
            vec![base.unwrap(), variant.unwrap()],
            &BTreeSet::new(),
            Vec::new,
            &mut diags,
        );
        assert!(diags.is_empty());
        let ours = out.iter().find(|d| d.id == "ours").unwrap();
        let f = &ours.facts;
        assert_eq!(f.operations.as_ref().unwrap().value, Operations::SelfHosted);
        assert!(
            f.operations.as_ref().unwrap().inherited.is_none(),
            "its own"
        );
        let provider = f.provider.as_ref().unwrap();
        assert_eq!(provider.value, "alibaba");
        assert_eq!(provider.inherited.as_ref().unwrap().id.as_ref(), "base");
        assert_eq!(f.status(), Status::ClosedToNewCustomers);
        assert_eq!(f.region(RegionGroup::CnMainland), Level::Native);
        assert_eq!(f.limits.as_ref().unwrap().value.vcpu, Some(16.0));
    }
}
