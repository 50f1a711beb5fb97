//! `list` and `show`: what is loaded, and one platform with its evidence.

use std::fmt::Write as _;

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value, json};

use super::markdown::escape;
use crate::catalog::descriptor::{Descriptor, Runtimes};
use crate::requirements::{CORE, Level, REQUIREMENTS, Source};

fn meta(d: &Descriptor) -> [String; 8] {
    [
        d.id.clone(),
        aliases(d),
        d.name.clone(),
        d.kind.map_or("", |k| k.as_str()).to_owned(),
        d.hosting.map_or("", |h| h.as_str()).to_owned(),
        d.reviewed
            .as_ref()
            .map_or_else(String::new, |r| r.value.to_string()),
        d.origin().to_owned(),
        weakest(d),
    ]
}

/// Formats of `list` and `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// An aligned table (plain text for `show`)
    Table,
    /// JSON (schema_version 1)
    Json,
    /// A GitHub-flavoured Markdown table
    Markdown,
    /// Comma-separated values
    Csv,
}

const HEADER: [&str; 8] = [
    "id", "aliases", "name", "kind", "hosting", "reviewed", "origin", "weakest",
];

/// "gke, k8s": the other names a platform answers to.
fn aliases(d: &Descriptor) -> String {
    d.aliases
        .iter()
        .map(|(a, _)| a.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list for a terminal. Fitted to `width`, ids, kinds, dates and origins never break and
/// names wrap; when even that does not fit, columns are left out, the least needed first
/// (weakest, origin, reviewed, hosting, kind), and a line says so.
fn list_table(sorted: &[&Descriptor], width: Option<u16>) -> String {
    use comfy_table::ColumnConstraint;
    use unicode_width::UnicodeWidthStr as _;
    const DROP_ORDER: [usize; 5] = [7, 6, 5, 4, 3];
    let rows: Vec<[String; 8]> = sorted.iter().map(|d| meta(d)).collect();
    let natural = |c: usize| {
        rows.iter()
            .map(|r| r[c].width())
            .chain([HEADER[c].len()])
            .max()
            .unwrap_or(0)
    };
    // Each kept column costs its content and 3 for padding and border; a name or aliases
    // cell may wrap down to a readable minimum.
    let needs = |cols: &[usize]| -> usize {
        1 + cols
            .iter()
            .map(|&c| {
                3 + match c {
                    1 => natural(1).min(12),
                    2 => natural(2).min(24),
                    7 => natural(7).min(30),
                    _ => natural(c),
                }
            })
            .sum::<usize>()
    };
    let mut cols: Vec<usize> = (0..8).collect();
    let mut dropped = Vec::new();
    if let Some(w) = width {
        for c in DROP_ORDER {
            if needs(&cols) <= usize::from(w) {
                break;
            }
            cols.retain(|x| *x != c);
            dropped.push(HEADER[c]);
        }
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_header(cols.iter().map(|&c| HEADER[c]));
    for r in &rows {
        t.add_row(cols.iter().map(|&c| r[c].clone()));
    }
    match width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
            for (i, c) in cols.iter().enumerate() {
                if ![1, 2, 7].contains(c)
                    && let Some(col) = t.column_mut(i)
                {
                    col.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    let note = if dropped.is_empty() {
        String::new()
    } else {
        format!(
            "Fitted to {} columns: {} left out; a wider terminal or `--width` shows every column.\n",
            width.unwrap_or_default(),
            dropped.join(", ")
        )
    };
    format!("{t}\n{note}{} platforms\n", sorted.len())
}

/// The criteria where a platform is weakest: every `none`, then `partial`, then `unknown`,
/// at most six named.
pub fn weakest(d: &Descriptor) -> String {
    const MAX: usize = 6;
    let mut groups = Vec::new();
    let mut named = 0;
    let mut more = 0;
    for level in [Level::None, Level::Partial, Level::Unknown] {
        let ids: Vec<&str> = crate::requirements::all_criteria()
            .filter(|(r, c)| REQUIREMENTS[*r].criteria[*c].source == Source::Level)
            .filter(|(r, c)| d.claim(*r, *c).value == level)
            .map(|(r, c)| REQUIREMENTS[r].criteria[c].id)
            .collect();
        let room = MAX - named.min(MAX);
        more += ids.len().saturating_sub(room);
        if room > 0 && !ids.is_empty() {
            let shown = &ids[..ids.len().min(room)];
            named += shown.len();
            groups.push(format!("{level}: {}", shown.join(", ")));
        }
    }
    let mut out = groups.join("; ");
    if more > 0 {
        out = format!("{out} (+{more} more)");
    }
    out
}

/// `width`: fit the table to so many columns (long cells wrap); `None` lays it out at its
/// natural width.
pub fn render_list(platforms: &[Descriptor], format: ListFormat, width: Option<u16>) -> String {
    let mut sorted: Vec<&Descriptor> = platforms.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    match format {
        ListFormat::Table => list_table(&sorted, width),
        ListFormat::Json => {
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
        ListFormat::Markdown => {
            let mut out = format!(
                "# Platform catalog\n\n{} platforms. Generated by `platform-eval list --format markdown`: do not edit \
by hand. `weakest` names the criteria each platform lacks (`none`) or offers only in part \
(`partial`); `platform-eval show ID` gives the evidence behind every claim.\n\n\
| id | aliases | name | kind | hosting | reviewed | origin | weakest |\n|---|---|---|---|---|---|---|---|\n",
                sorted.len()
            );
            for d in &sorted {
                let cells: Vec<String> = meta(d).iter().map(|c| escape(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            fact_matrix(&mut out, &sorted);
            level_matrix(&mut out, &sorted);
            out.push('\n');
            out.push_str(&super::rubric::markdown(3));
            out
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(HEADER);
            for d in &sorted {
                let _ = w.write_record(meta(d).iter().map(|c| super::csv::cell(c)));
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
    }
}

/// The facts that decide, one row a platform: what a team's `[require]` gates test.
fn fact_matrix(out: &mut String, platforms: &[&Descriptor]) {
    const KEYS: [&str; 7] = [
        "provider",
        "api",
        "lifecycle",
        "regions",
        "operations",
        "idle_cost",
        "limits",
    ];
    out.push_str(
        "\n## Facts that decide\n\nWhat `[require]` gates test before any weight (`regions` is the \
level in mainland China); each is sourced like a claim (`platform-eval show ID`). \
`ⁱ` marks a fact a variant inherits.\n\n| id | provider | api | lifecycle | cn-mainland | operations | idle cost | limits |\n|---|---|---|---|---|---|---|---|\n",
    );
    for d in platforms {
        let rows = d.facts.rows();
        let cells: Vec<String> = KEYS
            .iter()
            .map(|k| {
                rows.iter().find(|r| r.key == *k).map_or_else(
                    || "–".to_owned(),
                    |r| {
                        let value = r.value.strip_prefix("cn-mainland ").unwrap_or(&r.value);
                        let mark = if r.inherited.is_some() { "ⁱ" } else { "" };
                        format!("{}{mark}", escape(value))
                    },
                )
            })
            .collect();
        let _ = writeln!(out, "| {} | {} |", d.id, cells.join(" | "));
    }
}

/// The level of every criterion on every platform, a table per requirement: the same
/// situation must read the same on every row. A level a variant inherits is marked `ⁱ`.
fn level_matrix(out: &mut String, platforms: &[&Descriptor]) {
    out.push_str(
        "\n## Levels, criterion by criterion\n\nRead down a column: the same situation gets the same level on every \
platform, by the [rubric](#the-rubric) below; a level's basis, the rubric's word for its situation, \
is in brackets. `ⁱ` marks a level a variant inherits from the platform it `extends`.\n",
    );
    for (r, req) in REQUIREMENTS[..CORE].iter().enumerate() {
        let cols: Vec<usize> = (0..req.criteria.len()).collect();
        let names: Vec<&str> = req
            .criteria
            .iter()
            .map(|c| match c.source {
                Source::Level | Source::Fact => c.id,
                Source::LanguageCoverage => "runtimes",
            })
            .collect();
        let _ = write!(
            out,
            "\n### {}\n\n| platform | {} |\n|---|",
            req.id,
            names.join(" | ")
        );
        out.push_str(&"---|".repeat(cols.len()));
        out.push('\n');
        for d in platforms {
            let cells: Vec<String> = cols
                .iter()
                .map(|&c| {
                    let level = match req.criteria[c].source {
                        Source::Level | Source::Fact => {
                            let claim = d.claim(r, c);
                            match (claim.basis, &claim.scope) {
                                (_, Some(sc)) => format!(
                                    "{} ({}), else {}",
                                    claim.value,
                                    sc.languages.join(", "),
                                    sc.others
                                ),
                                (Some(b), None) => format!("{} ({b})", claim.value),
                                (None, None) => claim.value.to_string(),
                            }
                        }
                        Source::LanguageCoverage => match d.runtimes.as_ref().map(|e| &e.value) {
                            Some(Runtimes::Any) => "any".to_owned(),
                            Some(Runtimes::List(l)) => format!("{} listed", l.len()),
                            None => "unknown".to_owned(),
                        },
                    };
                    let mark = if d.backing(r, c).inherited.is_some() {
                        "ⁱ"
                    } else {
                        ""
                    };
                    format!("{level}{mark}")
                })
                .collect();
            let _ = writeln!(out, "| {} | {} |", d.id, cells.join(" | "));
        }
    }
}

/// One row per criterion: (requirement, criterion, level, note, source, location, the base
/// it is inherited from or empty when the descriptor states it, basis, the languages a
/// scoped level holds for with the level of the others: `java, php; others addon`).
fn evidence_rows(d: &Descriptor) -> Vec<[String; 9]> {
    let mut rows = Vec::new();
    for (r, req) in REQUIREMENTS[..CORE].iter().enumerate() {
        for (c, crit) in req.criteria.iter().enumerate() {
            let mut basis = String::new();
            let mut scope = String::new();
            let (id, level, ev) = match crit.source {
                Source::Level | Source::Fact => {
                    let claim = d.claim(r, c);
                    basis = claim.basis.map_or_else(String::new, |b| b.to_string());
                    if let Some(sc) = &claim.scope {
                        scope = format!("{}; others {}", sc.languages.join(", "), sc.others);
                    }
                    (
                        crit.id,
                        claim.value.to_string(),
                        (
                            claim.note.clone(),
                            claim.source.clone(),
                            d.location_of_claim(claim),
                            claim.inherited.clone(),
                        ),
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
                        rt.map_or((None, None, None, None), |e| {
                            (
                                e.note.clone(),
                                e.source.clone(),
                                d.location_of_claim(e),
                                e.inherited.clone(),
                            )
                        }),
                    )
                }
            };
            rows.push([
                req.id.to_owned(),
                id.to_owned(),
                level,
                ev.0.unwrap_or_default().into_owned(),
                super::url_text(&ev.1.unwrap_or_default()),
                ev.2.unwrap_or_default(),
                ev.3.map_or_else(String::new, |b| b.id.to_string()),
                basis,
                scope,
            ]);
        }
    }
    rows
}

pub fn render_show(d: &Descriptor, format: ListFormat) -> String {
    let rows = evidence_rows(d);
    match format {
        ListFormat::Json => {
            let mut reqs = Map::new();
            for row in &rows {
                let entry = reqs
                    .entry(row[0].clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = entry {
                    m.insert(
                        row[1].clone(),
                        json!({"level": row[2], "basis": none_if_empty(&row[7]), "scope": scope_json(d, row), "note": none_if_empty(&row[3]), "source": none_if_empty(&row[4]), "location": none_if_empty(&row[5]), "inherited_from": none_if_empty(&row[6])}),
                    );
                }
            }
            let doc = json!({
                "schema_version": 1,
                "id": d.id, "name": d.name, "summary": d.summary,
                "kind": d.kind.map(crate::catalog::descriptor::Kind::as_str), "hosting": d.hosting.map(crate::catalog::descriptor::Hosting::as_str),
                "homepage": d.homepage, "reviewed": d.reviewed.as_ref().map(|r| r.value.to_string()),
                "origin": d.origin(),
                "extends": d.extends.as_ref().map(|e| &e.value),
                "facts": super::json::facts_json(&d.facts),
                "requirements": reqs,
            });
            let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Markdown => {
            let mut out = format!("# {}\n\n", escape(&d.name));
            if let Some(s) = &d.summary {
                let _ = writeln!(out, "{}\n", escape(s));
            }
            let _ = writeln!(out, "{}\n", escape(&header_line(d)));
            let facts = fact_rows(d);
            if !facts.is_empty() {
                out.push_str("| Fact | Value | Stated by |\n|---|---|---|\n");
                for (name, value, inherited) in &facts {
                    let _ = writeln!(
                        out,
                        "| {name} | {} | {} |",
                        escape(value),
                        stated_by(inherited.as_deref().unwrap_or(""))
                    );
                }
                out.push('\n');
            }
            out.push_str(
                "| Requirement | Criterion | Level | Note | Source | Stated by |\n|---|---|---|---|---|---|\n",
            );
            for row in &rows {
                let src = if row[4].is_empty() {
                    String::new()
                } else {
                    format!("<{}>", row[4])
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    row[0],
                    row[1],
                    escape(&level_label(row)),
                    escape(&row[3]),
                    src,
                    stated_by(&row[6])
                );
            }
            out
        }
        ListFormat::Table | ListFormat::Csv if format == ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record([
                "requirement",
                "criterion",
                "level",
                "note",
                "source",
                "location",
                "inherited_from",
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
            let facts = fact_rows(d);
            if !facts.is_empty() {
                let _ = writeln!(out, "facts");
                for (name, value, inherited) in &facts {
                    let from = inherited
                        .as_ref()
                        .map_or_else(String::new, |b| format!("  inherited from {b}"));
                    let _ = writeln!(out, "  {name:<21} {value}{from}");
                }
                out.push('\n');
            }
            let mut current = "";
            for row in &rows {
                if row[0] != current {
                    current = &row[0];
                    let _ = writeln!(out, "{current}");
                }
                let label = level_label(row);
                if row[6].is_empty() {
                    let _ = writeln!(out, "  {:<21} {label}", row[1]);
                } else {
                    let _ = writeln!(
                        out,
                        "  {:<21} {label:<8} inherited from {} ({})",
                        row[1], row[6], row[5]
                    );
                }
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

/// `(fact, value, base it is inherited from)` for each fact the descriptor states.
fn fact_rows(d: &Descriptor) -> Vec<(&'static str, String, Option<String>)> {
    d.facts
        .rows()
        .into_iter()
        .map(|r| (r.key, r.value, r.inherited.map(|b| b.id.to_string())))
        .collect()
}

fn header_line(d: &Descriptor) -> String {
    let m = meta(d);
    let mut parts = vec![];
    if !m[1].is_empty() {
        parts.push(format!("also {}", m[1]));
    }
    if !m[3].is_empty() {
        parts.push(format!("kind {}", m[3]));
    }
    if !m[4].is_empty() {
        parts.push(format!("hosting {}", m[4]));
    }
    if let Some(h) = &d.homepage {
        parts.push(super::url_text(h));
    }
    if !m[5].is_empty() {
        parts.push(format!("reviewed {}", m[5]));
    }
    parts.push(format!("from {}", d.origin()));
    if let Some(e) = &d.extends {
        parts.push(format!("extends {}", e.value));
    }
    parts.join(" · ")
}

/// "own", or the base's id in a code span: who answers for a claim.
fn stated_by(base: &str) -> String {
    if base.is_empty() {
        "own".to_owned()
    } else {
        format!("`{base}`")
    }
}

/// The level with its basis and, for a scoped level, where it holds: `partial (health-gated)`,
/// `native for java, php; others addon`.
fn level_label(row: &[String; 9]) -> String {
    let mut label = row[2].clone();
    if !row[8].is_empty() {
        let _ = write!(label, " for {}", row[8]);
    }
    if !row[7].is_empty() {
        let _ = write!(label, " ({})", row[7]);
    }
    label
}

/// `{languages, other_languages}` of a scoped claim, else null.
fn scope_json(d: &Descriptor, row: &[String; 9]) -> Value {
    crate::requirements::REQUIREMENTS
        .iter()
        .position(|r| r.id == row[0])
        .and_then(|r| {
            let c = REQUIREMENTS[r].criterion_index(&row[1])?;
            let sc = d.claim(r, c).scope.as_ref()?;
            Some(json!({"languages": sc.languages, "other_languages": sc.others.as_str()}))
        })
        .unwrap_or(Value::Null)
}

fn none_if_empty(s: &str) -> Value {
    if s.is_empty() { Value::Null } else { json!(s) }
}
