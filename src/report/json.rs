//! `--format json`: the stable contract (schema_version 1). Complete enough to recompute
//! every score: levels, level values, criterion weights, normalised requirement weights, the
//! method, the ranked set's matrix, and the sampler, sample count and seed of `robustness`.
//!
//! The document is streamed: the types below borrow from the evaluation and serde writes them
//! straight into the caller's writer, one value at a time. A `serde_json::Value` tree of a
//! large catalog would take several times the memory of its text, and the text itself is
//! never held whole either. Keys are written in the contract's order.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap as _, Serializer};

use crate::analysis::smaa::Sampler;
use crate::catalog::descriptor::Evidence;
use crate::catalog::descriptor::{Descriptor, Runtimes};
use crate::catalog::facts::{Facts, RegionGroup};
use crate::requirements::{Basis, Level, REQUIREMENTS, Source};
use crate::score::{CriterionScore, Evaluation, PlatformScore};

/// Writes the document, pretty-printed and ending in a newline.
pub fn write(eval: &Evaluation<'_>, top: Option<usize>, out: &mut dyn Write) -> io::Result<()> {
    // The conversion keeps an I/O error as it was (a closed pipe stays `BrokenPipe`).
    serde_json::to_writer_pretty(&mut *out, &Document { eval, top })?;
    out.write_all(b"\n")
}

/// A JSON object written from its entries as they are produced, never collected.
struct MapOf<F>(F);

impl<F, I, K, V> Serialize for MapOf<F>
where
    F: Fn() -> I,
    I: IntoIterator<Item = (K, V)>,
    K: Serialize,
    V: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map((self.0)())
    }
}

/// A JSON array written from its items as they are produced, never collected.
struct SeqOf<F>(F);

impl<F, I> Serialize for SeqOf<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

struct Document<'e, 'a> {
    eval: &'e Evaluation<'a>,
    top: Option<usize>,
}

impl Serialize for Document<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let eval = self.eval;
        let shown = super::shown(eval, self.top);
        let mut doc = serializer.serialize_map(None)?;
        doc.serialize_entry("schema_version", &1)?;
        doc.serialize_entry(
            "tool",
            &MapOf(|| {
                [
                    ("name", env!("CARGO_PKG_NAME")),
                    ("version", env!("CARGO_PKG_VERSION")),
                ]
            }),
        )?;
        doc.serialize_entry("method", eval.method.as_str())?;
        doc.serialize_entry("profile", &ProfileDoc(eval.profile))?;
        doc.serialize_entry(
            "catalog",
            &MapOf(|| [("digest", crate::catalog::builtin::digest())]),
        )?;
        doc.serialize_entry("platforms", &SeqOf(|| shown.iter().map(PlatformDoc)))?;
        doc.serialize_entry(
            "recommendation",
            &eval.recommendation.as_ref().map(|r| {
                MapOf(move || {
                    [
                        ("id", eval.platforms[r.index].platform.id.as_str()),
                        ("reason", r.reason.as_str()),
                    ]
                })
            }),
        )?;
        doc.serialize_entry("matrix", &MatrixDoc(eval))?;
        if let Some(n) = self.top {
            // Which platforms `--top` left out of `platforms`; the matrix still holds every one.
            doc.serialize_entry(
                "top",
                &MapOf(|| {
                    [
                        ("n", n),
                        ("shown", shown.len()),
                        ("left_out", eval.platforms.len() - shown.len()),
                    ]
                }),
            )?;
        }
        if let Some(s) = &eval.sensitivity {
            doc.serialize_entry("sensitivity", &SensitivityDoc(eval, s))?;
        }
        if let Some(r) = &eval.robustness {
            doc.serialize_entry("robustness", &robustness(eval, r))?;
        }
        doc.end()
    }
}

struct ProfileDoc<'e>(&'e crate::profile::Profile);

impl Serialize for ProfileDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let w = p.normalised_weights();
        let mut m = serializer.serialize_map(Some(6))?;
        m.serialize_entry("name", &p.name)?;
        m.serialize_entry(
            "weights",
            &MapOf(|| REQUIREMENTS.iter().zip(w).map(|(r, w)| (r.id, w))),
        )?;
        m.serialize_entry(
            "criteria_weights",
            &MapOf(|| {
                REQUIREMENTS
                    .iter()
                    .zip(&p.criterion_weights)
                    .map(|(req, ws)| {
                        (
                            req.id,
                            MapOf(move || req.criteria.iter().zip(ws).map(|(c, w)| (c.id, w))),
                        )
                    })
            }),
        )?;
        m.serialize_entry(
            "levels",
            &MapOf(|| Level::KNOWN.iter().map(|l| (l.as_str(), p.levels.get(*l)))),
        )?;
        m.serialize_entry("unknown", p.unknown_as.as_str())?;
        m.serialize_entry("languages", &p.languages)?;
        m.end()
    }
}

/// Every platform's requirement scores ×100, with the row and column names.
struct MatrixDoc<'e, 'a>(&'e Evaluation<'a>);

impl Serialize for MatrixDoc<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let matrix = &self.0.matrix;
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("platforms", &matrix.ids)?;
        m.serialize_entry("requirements", &SeqOf(|| REQUIREMENTS.iter().map(|r| r.id)))?;
        m.serialize_entry(
            "values",
            &SeqOf(|| {
                (0..matrix.ids.len())
                    .map(|i| SeqOf(move || matrix.values.row(i).iter().map(|x| x * 100.0)))
            }),
        )?;
        m.end()
    }
}

struct SensitivityDoc<'e, 'a>(&'e Evaluation<'a>, &'e crate::score::Sensitivity);

impl Serialize for SensitivityDoc<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (eval, s) = (self.0, self.1);
        let ids = &eval.matrix.ids;
        let rival = |r: Option<usize>| r.map(|r| ids[r].as_str());
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("top", &s.top)?;
        m.serialize_entry("method", eval.method.as_str())?;
        m.serialize_entry(
            "requirements",
            &MapOf(|| {
                let analysed = eval.matrix.analysed.iter().map(|&j| &REQUIREMENTS[j]);
                analysed.zip(&s.intervals).map(|(req, iv)| {
                    let iv = iv.as_ref().map(|iv| IntervalDoc {
                        weight: iv.weight,
                        low: iv.low,
                        high: iv.high,
                        low_rival: rival(iv.low_rival),
                        high_rival: rival(iv.high_rival),
                    });
                    (req.id, iv)
                })
            }),
        )?;
        m.end()
    }
}

#[derive(serde::Serialize)]
struct IntervalDoc<'e> {
    weight: f64,
    low: f64,
    high: f64,
    low_rival: Option<&'e str>,
    high_rival: Option<&'e str>,
}

#[derive(serde::Serialize)]
struct RobustnessDoc<'a> {
    method: &'static str,
    sampler: &'static str,
    concentration: Option<f64>,
    samples: usize,
    seed: u64,
    platforms: RobustPlatforms<'a>,
}

struct RobustPlatforms<'a> {
    ids: &'a [String],
    /// The requirement of each column the weights range over.
    analysed: &'a [usize],
    result: &'a crate::analysis::smaa::Smaa,
}

#[derive(serde::Serialize)]
struct RobustEntry<'a, C> {
    acceptability: &'a [f64],
    std_error: &'a [f64],
    central_weights: Option<C>,
    confidence: Option<f64>,
}

impl Serialize for RobustPlatforms<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.result;
        serializer.collect_map(self.ids.iter().enumerate().map(|(i, id)| {
            let central_weights = r.central_weights[i].as_deref().map(|cw| {
                MapOf(move || {
                    let ids = self.analysed.iter().map(|&j| REQUIREMENTS[j].id);
                    ids.zip(cw)
                })
            });
            let entry = RobustEntry {
                acceptability: &r.acceptability[i],
                std_error: &r.std_error[i],
                central_weights,
                confidence: r.confidence[i],
            };
            (id, entry)
        }))
    }
}

fn robustness<'a>(eval: &'a Evaluation<'_>, r: &'a crate::score::Robustness) -> RobustnessDoc<'a> {
    let (sampler, concentration) = match r.config.sampler {
        Sampler::Uniform => ("uniform", None),
        Sampler::AroundProfile { concentration } => ("profile", Some(concentration)),
    };
    RobustnessDoc {
        method: eval.method.as_str(),
        sampler,
        concentration,
        samples: r.config.samples,
        seed: r.config.seed,
        platforms: RobustPlatforms {
            ids: &eval.matrix.ids,
            analysed: &eval.matrix.analysed,
            result: &r.result,
        },
    }
}

struct PlatformDoc<'e, 'a>(&'e PlatformScore<'a>);

impl Serialize for PlatformDoc<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ps = self.0;
        let d = ps.platform;
        let mut m = serializer.serialize_map(Some(13))?;
        m.serialize_entry("id", &d.id)?;
        m.serialize_entry("name", &d.name)?;
        m.serialize_entry("origin", d.origin())?;
        m.serialize_entry("extends", &d.extends.as_ref().map(|e| &e.value))?;
        m.serialize_entry(
            "kind",
            &d.kind.map(crate::catalog::descriptor::Kind::as_str),
        )?;
        m.serialize_entry(
            "hosting",
            &d.hosting.map(crate::catalog::descriptor::Hosting::as_str),
        )?;
        m.serialize_entry("facts", &facts_json(&d.facts))?;
        m.serialize_entry("rank", &ps.rank)?;
        m.serialize_entry("score", &(ps.score * 100.0))?;
        m.serialize_entry(
            "score_range",
            &ps.range.map(|(lo, hi)| [lo * 100.0, hi * 100.0]),
        )?;
        m.serialize_entry("coverage", &ps.coverage)?;
        m.serialize_entry("excluded", &ps.excluded)?;
        m.serialize_entry("caveats", &ps.caveats)?;
        m.serialize_entry(
            "requirements",
            &MapOf(|| {
                REQUIREMENTS.iter().enumerate().map(|(r, req)| {
                    let rs = &ps.requirements[r];
                    let criteria = MapOf(move || {
                        req.criteria.iter().zip(&rs.criteria).enumerate().map(
                            move |(c, (crit, cs))| {
                                (
                                    crit.id,
                                    CriterionDoc {
                                        d,
                                        r,
                                        c,
                                        source: crit.source,
                                        cs,
                                    },
                                )
                            },
                        )
                    });
                    (
                        req.id,
                        RequirementDoc {
                            score: rs.score * 100.0,
                            criteria,
                        },
                    )
                })
            }),
        )?;
        m.end()
    }
}

#[derive(serde::Serialize)]
struct RequirementDoc<C> {
    score: f64,
    criteria: C,
}

struct CriterionDoc<'e> {
    d: &'e Descriptor,
    r: usize,
    c: usize,
    source: Source,
    cs: &'e CriterionScore,
}

impl Serialize for CriterionDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (d, cs) = (self.d, self.cs);
        let mut m = serializer.serialize_map(None)?;
        match self.source {
            Source::Level | Source::Fact => {
                let claim = d.claim(self.r, self.c);
                m.serialize_entry("level", claim.value.as_str())?;
                m.serialize_entry("value", &cs.value)?;
                m.serialize_entry("weight", &cs.weight)?;
                m.serialize_entry("basis", &claim.basis.map(Basis::as_str))?;
                // A level that holds for some languages only: `value` is the mean of
                // `languages`, each the value of `level` or of `other_languages`.
                match &claim.scope {
                    Some(scope) => {
                        m.serialize_entry(
                            "scope",
                            &MapOf(|| {
                                [
                                    ("languages", serde_json::json!(scope.languages)),
                                    ("other_languages", serde_json::json!(scope.others.as_str())),
                                ]
                            }),
                        )?;
                        m.serialize_entry("languages", &MapOf(|| cs.languages.iter().copied()))?;
                    }
                    None => m.serialize_entry("scope", &None::<()>)?,
                }
                m.serialize_entry("note", &claim.note)?;
                m.serialize_entry("source", &claim.source)?;
            }
            Source::LanguageCoverage => {
                let rt = d.runtimes.as_ref();
                m.serialize_entry("level", &None::<&str>)?;
                m.serialize_entry("value", &cs.value)?;
                m.serialize_entry("weight", &cs.weight)?;
                m.serialize_entry("runtimes", &RuntimesDoc(rt.map(|e| &e.value)))?;
                m.serialize_entry("languages", &MapOf(|| cs.languages.iter().copied()))?;
                m.serialize_entry("note", &rt.and_then(|e| e.note.as_ref()))?;
                m.serialize_entry("source", &rt.and_then(|e| e.source.as_ref()))?;
            }
        }
        let inherited = d
            .backing(self.r, self.c)
            .inherited
            .map(|b| MapOf(move || [("id", &*b.id), ("origin", b.origin()), ("file", &*b.file)]));
        m.serialize_entry("inherited_from", &inherited)?;
        m.end()
    }
}

/// `"any"`, the list of languages, or `null` when the descriptor does not say.
struct RuntimesDoc<'e>(Option<&'e Runtimes>);

impl Serialize for RuntimesDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(Runtimes::Any) => serializer.serialize_str("any"),
            Some(Runtimes::List(list)) => list.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }
}

/// The decisive facts as JSON: each fact `null` when not stated, else its value with `note`,
/// `source` and `inherited_from` (the base that writes it, for a variant).
pub(crate) fn facts_json(f: &Facts) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    fn evidence<T>(e: &Evidence<T>, fields: Value) -> Value {
        let mut m = match fields {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        m.insert("note".into(), json!(e.note));
        m.insert("source".into(), json!(e.source));
        m.insert(
            "inherited_from".into(),
            json!(e.inherited.as_ref().map(|b| b.id.to_string())),
        );
        Value::Object(m)
    }
    fn word<T: Copy>(e: Option<&Evidence<T>>, name: impl Fn(T) -> String) -> Value {
        e.map_or(Value::Null, |e| {
            evidence(e, json!({"value": name(e.value)}))
        })
    }
    let regions: Map<String, Value> = RegionGroup::ALL
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let claim = f.regions.get(i).and_then(Option::as_ref);
            (
                g.as_str().to_owned(),
                claim.map_or(Value::Null, |c| {
                    evidence(c, json!({"level": c.value.as_str()}))
                }),
            )
        })
        .collect();
    json!({
        "provider": f.provider.as_ref().map_or(Value::Null, |e| evidence(e, json!({"value": e.value}))),
        "api": word(f.api.as_ref(), |v| v.as_str().to_owned()),
        "lifecycle": f.lifecycle.as_ref().map_or(Value::Null, |e| evidence(e, json!({
            "status": e.value.status.as_str(),
            "since": e.value.since.map(|d| d.to_string()),
        }))),
        "regions": regions,
        "operations": word(f.operations.as_ref(), |v| v.as_str().to_owned()),
        "idle_cost": word(f.idle_cost.as_ref(), |v| v.as_str().to_owned()),
        "limits": f.limits.as_ref().map_or(Value::Null, |e| evidence(e, json!({
            "vcpu": e.value.vcpu,
            "memory_gib": e.value.memory_gib,
            "request_timeout_s": e.value.request_timeout_s,
            "persistent_disk": e.value.persistent_disk.map(Level::as_str),
        }))),
    })
}
