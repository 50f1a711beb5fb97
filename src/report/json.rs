//! `--format json`: the stable contract (schema_version 1). Complete enough to recompute
//! every score: levels, level values, criterion weights, normalised requirement weights, the
//! method, the ranked set's matrix, and the sampler, sample count and seed of `robustness`.

use serde_json::{Map, Value, json};

use crate::analysis::smaa::Sampler;
use crate::requirements::{COUNT, Level, REQUIREMENTS, Source};
use crate::score::{Evaluation, PlatformScore};

pub fn render(eval: &Evaluation<'_>) -> String {
    let mut s = serde_json::to_string_pretty(&document(eval)).unwrap_or_default();
    s.push('\n');
    s
}

pub fn document(eval: &Evaluation<'_>) -> Value {
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
        "platforms": eval.platforms.iter().map(platform).collect::<Vec<_>>(),
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
    if let Some(s) = &eval.sensitivity {
        doc["sensitivity"] = sensitivity(eval, s);
    }
    if let Some(r) = &eval.robustness {
        doc["robustness"] = robustness(eval, r);
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

fn robustness(eval: &Evaluation<'_>, r: &crate::score::Robustness) -> Value {
    let (sampler, concentration) = match r.config.sampler {
        Sampler::Uniform => ("uniform", None),
        Sampler::AroundProfile { concentration } => ("profile", Some(concentration)),
    };
    let platforms: Map<String, Value> = eval
        .matrix
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let cw = r.result.central_weights[i].as_ref().map(|cw| {
                let m: Map<String, Value> = cw
                    .iter()
                    .enumerate()
                    .map(|(j, w)| (REQUIREMENTS[j].id.to_owned(), json!(w)))
                    .collect();
                Value::Object(m)
            });
            (
                id.clone(),
                json!({
                    "acceptability": r.result.acceptability[i],
                    "std_error": r.result.std_error[i],
                    "central_weights": cw,
                    "confidence": r.result.confidence[i],
                }),
            )
        })
        .collect();
    json!({
        "method": eval.method.as_str(),
        "sampler": sampler,
        "concentration": concentration,
        "samples": r.config.samples,
        "seed": r.config.seed,
        "platforms": platforms,
    })
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
                                    Some(crate::descriptor::Runtimes::Any) => json!("any"),
                                    Some(crate::descriptor::Runtimes::List(l)) => json!(l),
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
                    (crit.id.to_owned(), Value::Object(o))
                })
                .collect();
            (
                req.id.to_owned(),
                json!({"score": rs.score * 100.0, "criteria": criteria}),
            )
        })
        .collect();
    json!({
        "id": d.id,
        "name": d.name,
        "origin": d.origin(),
        "kind": d.kind.map(super::super::descriptor::Kind::as_str),
        "hosting": d.hosting.map(super::super::descriptor::Hosting::as_str),
        "rank": ps.rank,
        "score": ps.score * 100.0,
        "score_range": ps.range.map(|(lo, hi)| [lo * 100.0, hi * 100.0]),
        "coverage": ps.coverage,
        "excluded": ps.excluded,
        "requirements": requirements,
    })
}
