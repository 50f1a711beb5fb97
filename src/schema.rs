//! The JSON Schema of the descriptor and profile formats, for editors (the YAML language
//! server) and for validators other than this tool. Generated from these types with
//! schemars; the requirements, criteria, levels and languages come from the one table.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

use crate::catalog::descriptor::{Hosting, Kind};
use crate::catalog::facts;
use crate::requirements::{Basis, CORE, Criterion, LANGUAGES, Level, REQUIREMENTS, Source};

/// A platform descriptor: one platform, what it offers against the five requirements, and the
/// evidence for each claim.
#[derive(JsonSchema)]
#[schemars(
    title = "platform-eval platform descriptor (format version 1)",
    deny_unknown_fields
)]
#[allow(dead_code)] // the shape is read by schemars; files are read by `descriptor`
struct PlatformDescriptor {
    /// Platform id: lower-case letters, digits and dashes. Default: the file name without its
    /// extension.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    id: Option<String>,
    /// The id of a base platform (built in or loaded) whose claims, evidence included, this
    /// descriptor inherits wherever it does not state its own: a variant states only what
    /// differs.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    extends: Option<String>,
    /// Other names people type for the platform (`gke`, `k8s`), each written like an id and
    /// naming one platform only; commands take them wherever they take an id, in any case.
    aliases: Option<Vec<AliasName>>,
    /// Format version: 1.
    #[schemars(range(min = 1, max = 1))]
    version: Option<u32>,
    /// The platform's display name.
    #[schemars(length(min = 1, max = 4000))]
    name: String,
    /// One sentence on what the platform is.
    #[schemars(length(min = 1, max = 4000))]
    summary: Option<String>,
    kind: Option<KindName>,
    hosting: Option<HostingName>,
    /// The platform's home page (http or https).
    #[schemars(regex(pattern = r"^https?://"))]
    homepage: Option<String>,
    reviewed: Option<ReviewDate>,
    requirements: Option<Requirements>,
    provider: Option<ProviderFact>,
    api: Option<ApiFact>,
    lifecycle: Option<LifecycleFact>,
    regions: Option<RegionsFact>,
    operations: Option<OperationsFact>,
    idle_cost: Option<IdleCostFact>,
    limits: Option<LimitsFact>,
}

/// An alias: written like an id.
#[derive(JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
struct AliasName(#[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9-]*$"))] String);

/// A fact's schema: the bare value, or `{value, note, source}`.
fn fact(description: &str, value: &Value) -> Schema {
    json_schema!({
        "description": description,
        "oneOf": [
            value,
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["value"],
                "properties": {
                    "value": value,
                    "note": {"type": "string", "minLength": 1, "maxLength": 4000},
                    "source": {"type": "string", "pattern": "^https?://"}
                }
            }
        ]
    })
}

macro_rules! fact_schema {
    ($name:ident, $title:literal, $description:literal, $value:expr) => {
        struct $name;
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $title.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                fact($description, &$value)
            }
        }
    };
}

fact_schema!(
    ProviderFact,
    "Provider",
    "The company or project behind the platform, kebab-case: google, amazon, microsoft, alibaba, tencent, huawei, red-hat, cncf, hashicorp, docker, ...; a variant inherits it. `[require] provider` gates on it.",
    json!({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"})
);
fact_schema!(
    ApiFact,
    "Api",
    "The interface deployments are written against. `[require] api` gates on it.",
    json!({"type": "string", "enum": facts::Api::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>()})
);
fact_schema!(
    OperationsFact,
    "Operations",
    "Who runs what: serverless (nothing to run), managed-nodes (the provider runs control plane and nodes), managed-control-plane (you run the nodes), self-hosted (you run everything).",
    json!({"type": "string", "enum": facts::Operations::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>()})
);
fact_schema!(
    IdleCostFact,
    "IdleCost",
    "What it costs while it serves nothing: scales-to-zero, per-instance (a minimum while idle) or cluster-fee (a fixed fee per cluster plus nodes).",
    json!({"type": "string", "enum": facts::IdleCost::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>()})
);

/// `lifecycle`: a status, or `{status, since, note, source}`.
struct LifecycleFact;
impl JsonSchema for LifecycleFact {
    fn schema_name() -> Cow<'static, str> {
        "Lifecycle".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let status = json!({"type": "string", "enum": facts::Status::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>()});
        json_schema!({
            "description": "Whether a new team can adopt it: ga (the default), preview, deprecated, closed-to-new-customers or end-of-life. The last two are left out of the ranking unless asked for (--include-closed, or `[require] lifecycle`).",
            "oneOf": [status, {
                "type": "object",
                "additionalProperties": false,
                "required": ["status"],
                "properties": {
                    "status": status,
                    "since": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                    "note": {"type": "string", "minLength": 1, "maxLength": 4000},
                    "source": {"type": "string", "pattern": "^https?://"}
                }
            }]
        })
    }
}

/// A level, bare or with its evidence.
fn level_claim(g: &mut SchemaGenerator) -> Value {
    let level = g.subschema_for::<LevelName>().to_value();
    json!({"oneOf": [level, {
        "type": "object",
        "additionalProperties": false,
        "required": ["level"],
        "properties": {
            "level": level,
            "note": {"type": "string", "minLength": 1, "maxLength": 4000},
            "source": {"type": "string", "pattern": "^https?://"}
        }
    }]})
}

/// `regions`: a level per region group.
struct RegionsFact;
impl JsonSchema for RegionsFact {
    fn schema_name() -> Cow<'static, str> {
        "Regions".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let claim = level_claim(g);
        json_schema!({
            "description": "Availability by region group. cn-mainland: native when the vendor serves mainland China from its own regions (or the software runs on any host), partial in a separately operated partition with its own accounts (AWS China, Azure operated by 21Vianet), none when not offered there.",
            "type": "object",
            "additionalProperties": false,
            "properties": {"cn-mainland": claim}
        })
    }
}

/// `limits`: per instance, where the vendor documents them.
struct LimitsFact;
impl JsonSchema for LimitsFact {
    fn schema_name() -> Cow<'static, str> {
        "Limits".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let level = g.subschema_for::<LevelName>().to_value();
        json_schema!({
            "description": "Per-instance limits where the vendor documents them; persistent_disk is a level (whether an instance can keep a local or attached disk across restarts).",
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "vcpu": {"type": "number", "exclusiveMinimum": 0},
                "memory_gib": {"type": "number", "exclusiveMinimum": 0},
                "request_timeout_s": {"type": "integer", "minimum": 1},
                "persistent_disk": level,
                "note": {"type": "string", "minLength": 1, "maxLength": 4000},
                "source": {"type": "string", "pattern": "^https?://"}
            }
        })
    }
}

macro_rules! string_enum {
    ($name:ident, $title:literal, $description:literal, $values:expr) => {
        struct $name;
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $title.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({"type": "string", "description": $description, "enum": $values})
            }
        }
    };
}

string_enum!(
    KindName,
    "Kind",
    "What sort of platform it is.",
    Kind::ALL.map(Kind::as_str)
);
string_enum!(
    HostingName,
    "Hosting",
    "Who runs the platform.",
    Hosting::ALL.map(Hosting::as_str)
);
string_enum!(
    LevelName,
    "Level",
    "How well the platform offers a criterion: native (built in, on by default or one switch away), addon (an add-on or separate service the platform's own vendor or project ships or supports for it, with extra setup; running a generic tool yourself as one more workload is none), partial (limited: part of the criterion, deploy time only, some tiers, preview), none, unknown. What each means for one criterion is in that criterion's description (the rubric: `platform-eval show --rubric`).",
    Level::ALL.map(Level::as_str)
);
string_enum!(
    KnownLevelName,
    "KnownLevel",
    "A level with a value: native, addon, partial or none.",
    Level::KNOWN.map(Level::as_str)
);
string_enum!(
    LanguageName,
    "Language",
    "A language id or alias (node for javascript, golang for go, c# for csharp, ...).",
    LANGUAGES
        .iter()
        .flat_map(|l| std::iter::once(l.id).chain(l.aliases.iter().copied()))
        .collect::<Vec<_>>()
);

/// The rubric's basis words, each with the one level it allows.
struct BasisName;
impl JsonSchema for BasisName {
    fn schema_name() -> Cow<'static, str> {
        "Basis".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let words: Vec<String> = Basis::ALL
            .iter()
            .map(|b| format!("{} ({}): {}", b.as_str(), b.level(), b.meaning()))
            .collect();
        let description = format!(
            "Why the claim has its level, in the rubric's words; each word allows one level, and `validate --strict` fails a claim whose level its basis does not allow. {}.",
            words.join("; ")
        );
        json_schema!({"type": "string", "description": description, "enum": Basis::ALL.map(Basis::as_str)})
    }
}

struct ReviewDate;
impl JsonSchema for ReviewDate {
    fn schema_name() -> Cow<'static, str> {
        "ReviewDate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
            "description": "The day the claims were last checked against their sources (YYYY-MM-DD)."
        })
    }
}

/// A stated level, short or with its evidence, described by the criterion's rubric.
fn claim(c: &Criterion, level: &Value, basis: &Value, language: &Value) -> Value {
    let r = &c.rubric;
    let description = format!(
        "{}. native: {} addon: {} partial: {} none: {} Example: {}.",
        c.meaning,
        end(r.native),
        end(r.addon),
        end(r.partial),
        end(r.none),
        r.example
    );
    let mut v = evidence("level", level, &description);
    if let Some(props) = v
        .pointer_mut("/oneOf/1/properties")
        .and_then(Value::as_object_mut)
    {
        props.insert("basis".into(), basis.clone());
        props.insert(
            "languages".into(),
            json!({"type": "array", "items": language, "uniqueItems": true, "minItems": 1,
                   "description": "The languages the level holds for, when it holds for some only (auto-instrumentation, say); the team's other languages get `other_languages`."}),
        );
        props.insert(
            "other_languages".into(),
            json!({"allOf": [level], "description": "With `languages`: the level for the team's other languages (default none)."}),
        );
    }
    v
}

/// A rubric sentence ending in a full stop.
fn end(s: &str) -> String {
    format!("{s}.")
}

fn evidence(value_key: &str, value: &Value, description: &str) -> Value {
    json!({
        "description": description,
        "oneOf": [
            value,
            {
                "type": "object",
                "properties": {
                    value_key: value,
                    "note": {"type": "string", "maxLength": 4000, "description": "What the platform does for this criterion; for partial, none and unknown, what is limited or missing."},
                    "source": {"type": "string", "pattern": "^https?://", "description": "The vendor's or project's documentation page that backs the claim."}
                },
                "required": [value_key],
                "additionalProperties": false
            }
        ]
    })
}

/// The five requirements and their criteria, from the one table.
struct Requirements;
impl JsonSchema for Requirements {
    fn schema_name() -> Cow<'static, str> {
        "Requirements".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let level = g.subschema_for::<LevelName>().to_value();
        let language = g.subschema_for::<LanguageName>().to_value();
        let basis = g.subschema_for::<BasisName>().to_value();
        let mut props = Map::new();
        for req in &REQUIREMENTS[..CORE] {
            let mut criteria = Map::new();
            for c in req.criteria {
                match c.source {
                    Source::Level | Source::Fact => {
                        criteria.insert(c.id.into(), claim(c, &level, &basis, &language));
                    }
                    Source::LanguageCoverage => {
                        let runtimes = json!({"oneOf": [
                            {"const": "any"},
                            {"type": "array", "items": language.clone(), "uniqueItems": true}
                        ]});
                        criteria.insert(
                            "runtimes".into(),
                            evidence(
                                "supported",
                                &runtimes,
                                "Languages with first-class support: `any`, or a list.",
                            ),
                        );
                    }
                }
            }
            props.insert(
                req.id.into(),
                json!({
                    "type": ["object", "null"],
                    "$comment": EMPTY_SECTION,
                    "description": format!("{} ({}): {}", req.title, req.source_wording, req.meaning),
                    "properties": criteria,
                    "additionalProperties": false
                }),
            );
        }
        json_schema!({
            "type": ["object", "null"],
            "$comment": EMPTY_SECTION,
            "description": "What the platform offers against each requirement; a criterion left out is unknown (or, with `extends`, inherited).",
            "properties": props,
            "additionalProperties": false
        })
    }
}

/// A team's profile: what it weighs, what it requires, and what `check` enforces.
#[derive(JsonSchema)]
#[schemars(title = "platform-eval profile", deny_unknown_fields)]
#[allow(dead_code)]
struct ProfileFile {
    weights: Option<PerRequirement<NonNegative>>,
    criteria: Option<CriterionWeights>,
    team: Option<Team>,
    levels: Option<LevelValues>,
    unknown: Option<Unknown>,
    require: Option<Require>,
    policy: Option<Policy>,
}

/// Relative weight of each requirement (numbers >= 0, not all 0).
struct PerRequirement<T>(std::marker::PhantomData<T>);
impl<T: JsonSchema> JsonSchema for PerRequirement<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("PerRequirement_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let value = g.subschema_for::<T>().to_value();
        let props: Map<String, Value> = REQUIREMENTS
            .iter()
            .map(|r| (r.id.to_owned(), value.clone()))
            .collect();
        json_schema!({"type": "object", "properties": props, "additionalProperties": false})
    }
}

struct NonNegative;
impl JsonSchema for NonNegative {
    fn schema_name() -> Cow<'static, str> {
        "Weight".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "number", "minimum": 0, "description": "A weight: any number >= 0."})
    }
}

struct Score;
impl JsonSchema for Score {
    fn schema_name() -> Cow<'static, str> {
        "Score".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "number", "minimum": 0, "maximum": 100, "description": "A score from 0 to 100."})
    }
}

/// Weights of the criteria inside each requirement (default 1 each).
struct CriterionWeights;
impl JsonSchema for CriterionWeights {
    fn schema_name() -> Cow<'static, str> {
        "CriterionWeights".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let weight = g.subschema_for::<NonNegative>().to_value();
        let props: Map<String, Value> = REQUIREMENTS
            .iter()
            .map(|r| {
                let crit: Map<String, Value> = r
                    .criteria
                    .iter()
                    .map(|c| (c.id.to_owned(), weight.clone()))
                    .collect();
                (
                    r.id.to_owned(),
                    json!({"type": "object", "properties": crit, "additionalProperties": false}),
                )
            })
            .collect();
        json_schema!({"type": "object", "properties": props, "additionalProperties": false})
    }
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Team {
    /// The team's languages (default: go, java, python, javascript, typescript, csharp, ruby, php).
    #[schemars(length(min = 1))]
    languages: Option<Vec<LanguageName>>,
}

/// Value of each level, from 0 to 1, never rising from native to none.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct LevelValues {
    #[schemars(range(min = 0.0, max = 1.0))]
    native: Option<f64>,
    #[schemars(range(min = 0.0, max = 1.0))]
    addon: Option<f64>,
    #[schemars(range(min = 0.0, max = 1.0))]
    partial: Option<f64>,
    #[schemars(range(min = 0.0, max = 1.0))]
    none: Option<f64>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Unknown {
    /// The level an unknown criterion counts as.
    treat_as: Option<KnownLevelName>,
}

/// `requirement.criterion` = least level, for every stated criterion.
fn criterion_levels(g: &mut SchemaGenerator) -> Map<String, Value> {
    let level = g.subschema_for::<KnownLevelName>().to_value();
    crate::requirements::all_criteria()
        .filter(|(r, c)| REQUIREMENTS[*r].criteria[*c].source == Source::Level)
        .map(|(r, c)| {
            (
                format!("{}.{}", REQUIREMENTS[r].id, REQUIREMENTS[r].criteria[c].id),
                level.clone(),
            )
        })
        .collect()
}

/// Criteria at a least level, by `requirement.criterion`.
struct CriterionLevels;
impl JsonSchema for CriterionLevels {
    fn schema_name() -> Cow<'static, str> {
        "CriterionLevels".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "object", "properties": criterion_levels(g), "additionalProperties": false})
    }
}

/// Hard constraints: a platform that misses one is excluded from the ranking.
struct Require;
impl JsonSchema for Require {
    fn schema_name() -> Cow<'static, str> {
        "Require".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let mut props = criterion_levels(g);
        let hosting = g.subschema_for::<HostingName>().to_value();
        let kind = g.subschema_for::<KindName>().to_value();
        props.insert(
            "hosting".into(),
            json!({"oneOf": [hosting.clone(), {"type": "array", "items": hosting}]}),
        );
        props.insert(
            "kind".into(),
            json!({"oneOf": [kind.clone(), {"type": "array", "items": kind}]}),
        );
        // Gates on the facts that decide: each a word or a list of words, any of them.
        let any_of = |words: Vec<&str>, what: &str| {
            let word = json!({"enum": words, "description": what});
            json!({"oneOf": [word.clone(), {"type": "array", "items": word}]})
        };
        props.insert(
            "api".into(),
            any_of(
                facts::Api::ALL.iter().map(|x| x.as_str()).collect(),
                "The interface deployments are written against: any of these.",
            ),
        );
        props.insert(
            "operations".into(),
            any_of(
                facts::Operations::ALL.iter().map(|x| x.as_str()).collect(),
                "Who runs what: any of these.",
            ),
        );
        props.insert(
            "regions".into(),
            any_of(
                facts::RegionGroup::ALL.iter().map(|x| x.as_str()).collect(),
                "Offered in each of these region groups (partial counts).",
            ),
        );
        props.insert(
            "lifecycle".into(),
            any_of(
                facts::Status::ALL.iter().map(|x| x.as_str()).collect(),
                "Keep these lifecycle states (default: ga, preview, deprecated).",
            ),
        );
        let provider = json!({"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"});
        props.insert(
            "provider".into(),
            json!({"description": "The company or project behind the platform: any of these.", "oneOf": [provider.clone(), {"type": "array", "items": provider}]}),
        );
        props.insert(
            "limits".into(),
            json!({
                "description": "At least these per-instance limits.",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "vcpu": {"type": "number", "exclusiveMinimum": 0},
                    "memory_gib": {"type": "number", "exclusiveMinimum": 0},
                    "request_timeout_s": {"type": "number", "exclusiveMinimum": 0},
                    "persistent_disk": {"type": "boolean"}
                }
            }),
        );
        json_schema!({"type": "object", "properties": props, "additionalProperties": false})
    }
}

/// What `check` enforces.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Policy {
    min_score: Option<Score>,
    min: Option<PerRequirement<Score>>,
    /// The platform must rank within the top K.
    #[schemars(range(min = 1))]
    max_rank: Option<u32>,
    require: Option<CriterionLevels>,
    waive: Option<Vec<Waiver>>,
}

/// A known gap, accepted until a date, for a stated reason. Names a criterion or a requirement.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
struct Waiver {
    /// `requirement.criterion`
    criterion: Option<String>,
    requirement: Option<String>,
    #[schemars(length(min = 1))]
    reason: String,
    /// The last day the waiver holds (a TOML date, or YYYY-MM-DD as a string).
    expires: String,
}

fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12().into_generator()
}

/// Marks the sections where `null` is allowed: [`tidy`] keeps it there.
const EMPTY_SECTION: &str =
    "null: a section with nothing under it (every line commented out) states nothing";

/// A key left out is how a descriptor says "not stated"; an explicit `null` is an error, as
/// the loader has it, except in an empty section. Doc comments' line breaks are joined.
fn tidy(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let null_ok = map.get("$comment").is_some_and(|c| c == EMPTY_SECTION);
            if let (false, Some(Value::Array(types))) = (null_ok, map.get_mut("type")) {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if any.len() == 1 {
                    let only = any.remove(0);
                    map.remove("anyOf");
                    if let Value::Object(inner) = only {
                        map.extend(inner);
                    }
                }
            }
            if let Some(Value::String(d)) = map.get_mut("description") {
                *d = d.replace('\n', " ");
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

fn render(schema: Schema) -> String {
    let mut value = schema.to_value();
    tidy(&mut value);
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// The descriptor format's schema, as pretty JSON.
pub fn descriptor() -> String {
    render(generator().into_root_schema_for::<PlatformDescriptor>())
}

/// The profile format's schema, as pretty JSON. TOML dates appear as strings in JSON.
pub fn profile() -> String {
    render(generator().into_root_schema_for::<ProfileFile>())
}
