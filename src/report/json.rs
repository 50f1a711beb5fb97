//! `--format json`: the stable contract (schema_version 1). Complete enough to recompute
//! every score: levels, level values, criterion weights, normalised requirement weights, the
//! method, the ranked set's matrix, and the sampler, sample count and seed of `robustness`.

use serde_json::{Map, Value, json};

use crate::analysis::smaa::Sampler;
use crate::requirements::{COUNT, Level, REQUIREMENTS, Source};
use crate::score::{Evaluation, PlatformScore};

pub fn render(eval: &Evaluation<'_>, top: Option<usize>) -> String {
    let mut s = serde_json::to_string_pretty(&Streamed(eval, top)).unwrap_or_default();
    s.push('\n');
    s
}

/// The document with its platforms turned into JSON one at a time while writing: a tree of
/// every platform at once would take many times the memory of the text on large catalogs.
struct Streamed<'e, 'a>(&'e Evaluation<'a>, Option<usize>);

impl serde::Serialize for Streamed<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let head = head(self.0, self.1);
        let Value::Object(entries) = &head else {
            return head.serialize(serializer);
        };
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            if key == "platforms" {
                map.serialize_entry(key, &Platforms(super::shown(self.0, self.1)))?;
            } else if let (true, Some(r)) = (key == "robustness", &self.0.robustness) {
                map.serialize_entry(key, &robustness(self.0, r))?;
            } else {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

struct Platforms<'e, 'a>(&'e [PlatformScore<'a>]);

impl serde::Serialize for Platforms<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(platform))
    }
}

/// Everything but the platforms, whose place is kept (as `null`) for the writer.
fn head(eval: &Evaluation<'_>, top: Option<usize>) -> Value {
    let p = eval.profile;
    let w = p.normalised_weights();
    let weights: Map<String, Value> = (0..COUNT)
        .map(|r| (REQUIREMENTS[r].id.to_owned(), json!(w[r])))
        .collect();
    let levels: Map<String, Value> = Level::KNOWN
        .iter()
        .map(|l| (l.as_str().to_owned(), json!(p.levels.get(*l))))
        .collect();
    let criteria_weights: Map<String, Value> = REQUIREMENTS
        .iter()
        .enumerate()
        .map(|(r, req)| {
            let m: Map<String, Value> = req
                .criteria
                .iter()
                .enumerate()
                .map(|(c, crit)| (crit.id.to_owned(), json!(p.criterion_weights[r][c])))
                .collect();
            (req.id.to_owned(), Value::Object(m))
        })
        .collect();
    let mut doc = json!({
        "schema_version": 1,
        "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
        "method": eval.method.as_str(),
        "profile": {
            "name": p.name,
            "weights": weights,
            "criteria_weights": criteria_weights,
            "levels": levels,
            "unknown": p.unknown_as.as_str(),
            "languages": p.languages,
        },
        "platforms": null,
        "recommendation": eval.recommendation.as_ref().map(|r| json!({
            "id": eval.platforms[r.index].platform.id,
            "reason": r.reason,
        })),
        "matrix": {
            "platforms": eval.matrix.ids,
            "requirements": REQUIREMENTS.iter().map(|r| r.id).collect::<Vec<_>>(),
            "values": (0..eval.matrix.ids.len())
                .map(|i| eval.matrix.values.row(i).iter().map(|x| x * 100.0).collect::<Vec<_>>())
                .collect::<Vec<_>>(),
        },
    });
    if let Some(n) = top {
        // Which platforms `--top` left out of `platforms`; the matrix still holds every one.
        let shown = super::shown(eval, top).len();
        doc["top"] = json!({"n": n, "shown": shown, "left_out": eval.platforms.len() - shown});
    }
    if let Some(s) = &eval.sensitivity {
        doc["sensitivity"] = sensitivity(eval, s);
    }
    if eval.robustness.is_some() {
        doc["robustness"] = Value::Null; // written by `Streamed`, straight from the numbers
    }
    doc
}

fn sensitivity(eval: &Evaluation<'_>, s: &crate::score::Sensitivity) -> Value {
    let ids = &eval.matrix.ids;
    let reqs: Map<String, Value> = s
        .intervals
        .iter()
        .enumerate()
        .map(|(j, iv)| {
            let v = iv.as_ref().map_or(Value::Null, |iv| {
                json!({
                    "weight": iv.weight,
                    "low": iv.low,
                    "high": iv.high,
                    "low_rival": iv.low_rival.map(|r| &ids[r]),
                    "high_rival": iv.high_rival.map(|r| &ids[r]),
                })
            });
            (REQUIREMENTS[j].id.to_owned(), v)
        })
        .collect();
    json!({"top": s.top, "method": eval.method.as_str(), "requirements": reqs})
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
    result: &'a crate::analysis::smaa::Smaa,
}

#[derive(serde::Serialize)]
struct RobustEntry<'a> {
    acceptability: &'a [f64],
    std_error: &'a [f64],
    central_weights: Option<Map<String, Value>>,
    confidence: Option<f64>,
}

impl serde::Serialize for RobustPlatforms<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.result;
        serializer.collect_map(self.ids.iter().enumerate().map(|(i, id)| {
            let central_weights = r.central_weights[i].as_ref().map(|cw| {
                cw.iter()
                    .enumerate()
                    .map(|(j, w)| (REQUIREMENTS[j].id.to_owned(), json!(w)))
                    .collect()
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
            result: &r.result,
        },
    }
}

fn platform(ps: &PlatformScore<'_>) -> Value {
    let d = ps.platform;
    let requirements: Map<String, Value> = REQUIREMENTS
        .iter()
        .enumerate()
        .map(|(r, req)| {
            let rs = &ps.requirements[r];
            let criteria: Map<String, Value> = req
                .criteria
                .iter()
                .enumerate()
                .map(|(c, crit)| {
                    let cs = &rs.criteria[c];
                    let mut o = Map::new();
                    match crit.source {
                        Source::Level => {
                            let claim = d.claim(r, c);
                            o.insert("level".into(), json!(claim.value.as_str()));
                            o.insert("value".into(), json!(cs.value));
                            o.insert("weight".into(), json!(cs.weight));
                            o.insert("note".into(), json!(claim.note));
                            o.insert("source".into(), json!(claim.source));
                        }
                        Source::LanguageCoverage => {
                            let rt = d.runtimes.as_ref();
                            o.insert("level".into(), Value::Null);
                            o.insert("value".into(), json!(cs.value));
                            o.insert("weight".into(), json!(cs.weight));
                            o.insert(
                                "runtimes".into(),
                                match rt.map(|e| &e.value) {
                                    Some(crate::catalog::descriptor::Runtimes::Any) => json!("any"),
                                    Some(crate::catalog::descriptor::Runtimes::List(l)) => json!(l),
                                    None => Value::Null,
                                },
                            );
                            let langs: Map<String, Value> = cs
                                .languages
                                .iter()
                                .map(|(l, v)| ((*l).to_owned(), json!(v)))
                                .collect();
                            o.insert("languages".into(), Value::Object(langs));
                            o.insert("note".into(), json!(rt.and_then(|e| e.note.clone())));
                            o.insert("source".into(), json!(rt.and_then(|e| e.source.clone())));
                        }
                    }
                    o.insert(
                        "inherited_from".into(),
                        d.backing(r, c).inherited.map_or(
                            Value::Null,
                            |b| json!({"id": b.id, "origin": b.origin(), "file": b.file}),
                        ),
                    );
                    (crit.id.to_owned(), Value::Object(o))
                })
                .collect();
            let mut entry = json!({"score": rs.score * 100.0});
            entry["criteria"] = Value::Object(criteria);
            (req.id.to_owned(), entry)
        })
        .collect();
    let mut doc = json!({
        "id": d.id,
        "name": d.name,
        "origin": d.origin(),
        "extends": d.extends.as_ref().map(|e| &e.value),
        "kind": d.kind.map(crate::catalog::descriptor::Kind::as_str),
        "hosting": d.hosting.map(crate::catalog::descriptor::Hosting::as_str),
        "rank": ps.rank,
        "score": ps.score * 100.0,
        "score_range": ps.range.map(|(lo, hi)| [lo * 100.0, hi * 100.0]),
        "coverage": ps.coverage,
        "excluded": ps.excluded,
    });
    doc["requirements"] = Value::Object(requirements);
    doc
}
