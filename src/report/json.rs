//! `--format json`: the stable contract (schema_version 1). Complete enough to recompute
//! every score: levels, level values, criterion weights and normalised requirement weights.

use serde_json::{Map, Value, json};

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
    json!({
        "schema_version": 1,
        "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
        "method": "wsm",
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
        "score_range": [ps.range.0 * 100.0, ps.range.1 * 100.0],
        "coverage": ps.coverage,
        "excluded": ps.excluded,
        "requirements": requirements,
    })
}
