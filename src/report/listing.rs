//! `list` and `show`: what is loaded, and one platform with its evidence.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value, json};

use super::Format;
use super::markdown::escape;
use crate::descriptor::{Descriptor, Runtimes};
use crate::requirements::{REQUIREMENTS, Source};

fn meta(d: &Descriptor) -> [String; 6] {
    [
        d.id.clone(),
        d.name.clone(),
        d.kind.map_or("", |k| k.as_str()).to_owned(),
        d.hosting.map_or("", |h| h.as_str()).to_owned(),
        d.reviewed
            .as_ref()
            .map_or_else(String::new, |r| r.value.to_string()),
        d.origin().to_owned(),
    ]
}

const HEADER: [&str; 6] = ["id", "name", "kind", "hosting", "reviewed", "origin"];

pub fn render_list(platforms: &[Descriptor], format: Format) -> String {
    let mut sorted: Vec<&Descriptor> = platforms.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    match format {
        Format::Table => {
            let mut t = Table::new();
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled)
                .set_header(HEADER);
            for d in &sorted {
                t.add_row(meta(d));
            }
            format!("{t}\n{} platforms\n", sorted.len())
        }
        Format::Json => {
            let items: Vec<Value> = sorted
                .iter()
                .map(|d| {
                    let m: Map<String, Value> = HEADER
                        .iter()
                        .zip(meta(d))
                        .map(|(k, v)| ((*k).to_owned(), json!(v)))
                        .collect();
                    Value::Object(m)
                })
                .collect();
            let mut s =
                serde_json::to_string_pretty(&json!({"schema_version": 1, "platforms": items}))
                    .unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Markdown => {
            let mut out = String::from(
                "| id | name | kind | hosting | reviewed | origin |\n|---|---|---|---|---|---|\n",
            );
            for d in &sorted {
                let cells: Vec<String> = meta(d).iter().map(|c| escape(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            out
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(HEADER);
            for d in &sorted {
                let _ = w.write_record(meta(d).iter().map(|c| super::csv::cell(c)));
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
    }
}

/// One row per criterion: (requirement, criterion, level, note, source, location).
fn evidence_rows(d: &Descriptor) -> Vec<[String; 6]> {
    let mut rows = Vec::new();
    for (r, req) in REQUIREMENTS.iter().enumerate() {
        for (c, crit) in req.criteria.iter().enumerate() {
            let (id, level, ev) = match crit.source {
                Source::Level => {
                    let claim = d.claim(r, c);
                    (
                        crit.id,
                        claim.value.to_string(),
                        (claim.note.clone(), claim.source.clone(), claim.span),
                    )
                }
                Source::LanguageCoverage => {
                    let rt = d.runtimes.as_ref();
                    let level = match rt.map(|e| &e.value) {
                        Some(Runtimes::Any) => "any".to_owned(),
                        Some(Runtimes::List(l)) => l.join(", "),
                        None => "unknown".to_owned(),
                    };
                    (
                        "runtimes",
                        level,
                        rt.map_or((None, None, None), |e| {
                            (e.note.clone(), e.source.clone(), e.span)
                        }),
                    )
                }
            };
            rows.push([
                req.id.to_owned(),
                id.to_owned(),
                level,
                ev.0.unwrap_or_default(),
                ev.1.unwrap_or_default(),
                ev.2.map_or_else(String::new, |s| {
                    format!("{}:{}:{}", d.file.name, s.line, s.column)
                }),
            ]);
        }
    }
    rows
}

pub fn render_show(d: &Descriptor, format: Format) -> String {
    let rows = evidence_rows(d);
    match format {
        Format::Json => {
            let mut reqs = Map::new();
            for row in &rows {
                let entry = reqs
                    .entry(row[0].clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = entry {
                    m.insert(
                        row[1].clone(),
                        json!({"level": row[2], "note": none_if_empty(&row[3]), "source": none_if_empty(&row[4]), "location": none_if_empty(&row[5])}),
                    );
                }
            }
            let doc = json!({
                "schema_version": 1,
                "id": d.id, "name": d.name, "summary": d.summary,
                "kind": d.kind.map(super::super::descriptor::Kind::as_str), "hosting": d.hosting.map(super::super::descriptor::Hosting::as_str),
                "homepage": d.homepage, "reviewed": d.reviewed.as_ref().map(|r| r.value.to_string()),
                "origin": d.origin(),
                "requirements": reqs,
            });
            let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Markdown => {
            let mut out = format!("# {}\n\n", escape(&d.name));
            if let Some(s) = &d.summary {
                let _ = writeln!(out, "{}\n", escape(s));
            }
            let _ = writeln!(out, "{}\n", escape(&header_line(d)));
            out.push_str(
                "| Requirement | Criterion | Level | Note | Source |\n|---|---|---|---|---|\n",
            );
            for row in &rows {
                let src = if row[4].is_empty() {
                    String::new()
                } else {
                    format!("<{}>", row[4])
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    row[0],
                    row[1],
                    escape(&row[2]),
                    escape(&row[3]),
                    src
                );
            }
            out
        }
        Format::Table | Format::Csv if format == Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record([
                "requirement",
                "criterion",
                "level",
                "note",
                "source",
                "location",
            ]);
            for row in &rows {
                let _ = w.write_record(row.iter().map(|c| super::csv::cell(c)));
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
        _ => {
            let mut out = format!("{} ({})\n", d.name, d.id);
            if let Some(s) = &d.summary {
                let _ = writeln!(out, "{s}");
            }
            let _ = writeln!(out, "{}\n", header_line(d));
            let mut current = "";
            for row in &rows {
                if row[0] != current {
                    current = &row[0];
                    let _ = writeln!(out, "{current}");
                }
                let _ = writeln!(out, "  {:<21} {}", row[1], row[2]);
                if !row[3].is_empty() {
                    let _ = writeln!(out, "    {}", row[3]);
                }
                if !row[4].is_empty() {
                    let _ = writeln!(out, "    {}", row[4]);
                }
            }
            out
        }
    }
}

fn header_line(d: &Descriptor) -> String {
    let m = meta(d);
    let mut parts = vec![];
    if !m[2].is_empty() {
        parts.push(format!("kind {}", m[2]));
    }
    if !m[3].is_empty() {
        parts.push(format!("hosting {}", m[3]));
    }
    if let Some(h) = &d.homepage {
        parts.push(h.clone());
    }
    if !m[4].is_empty() {
        parts.push(format!("reviewed {}", m[4]));
    }
    parts.push(format!("from {}", d.origin()));
    parts.join(" · ")
}

fn none_if_empty(s: &str) -> Value {
    if s.is_empty() { Value::Null } else { json!(s) }
}
