//! The rubric as a report: `show --rubric`, the catalog page and the HTML report's evidence
//! section all render it from [`crate::requirements`]'s one table.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::listing::ListFormat;
use super::markdown::escape;
use crate::requirements::{Basis, Level, REQUIREMENTS, RUBRIC_RULES, Source, rubric_text};

/// The rubric in `format`.
pub fn render(format: ListFormat) -> String {
    match format {
        ListFormat::Table => rubric_text(),
        ListFormat::Markdown => markdown(1),
        ListFormat::Json => {
            let mut s = serde_json::to_string_pretty(&as_json()).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(["criterion", "level", "meaning", "example"]);
            for (path, c) in level_criteria() {
                for level in Level::KNOWN {
                    let meaning = c.rubric.meaning(level).unwrap_or_default();
                    let _ = w.write_record([
                        path.as_str(),
                        level.as_str(),
                        &super::csv::cell(meaning),
                        &super::csv::cell(c.rubric.example),
                    ]);
                }
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
    }
}

/// The criteria that take a stated level, as `requirement.criterion`.
fn level_criteria() -> impl Iterator<Item = (String, &'static crate::requirements::Criterion)> {
    REQUIREMENTS.iter().flat_map(|req| {
        req.criteria
            .iter()
            .filter(|c| c.source == Source::Level)
            .map(move |c| (format!("{}.{}", req.id, c.id), c))
    })
}

/// The rubric in Markdown, its title at heading level `depth`.
pub fn markdown(depth: usize) -> String {
    let h = "#".repeat(depth);
    let mut out = format!(
        "{h} The rubric\n\nWhat each level means, criterion by criterion; `platform-eval show --rubric` prints it.\n\n"
    );
    for rule in RUBRIC_RULES {
        let _ = writeln!(out, "- {}", escape(rule));
    }
    let _ = write!(
        out,
        "\n{h}# Basis\n\nA claim may say why it has its level in one word; each word allows one level, \
and `validate --strict` fails a claim whose level its basis does not allow.\n\n\
| basis | level | the situation |\n|---|---|---|\n"
    );
    for b in Basis::ALL {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            b.as_str(),
            b.level(),
            escape(b.meaning())
        );
    }
    let _ = write!(
        out,
        "\n{h}# Levels by criterion\n\n| criterion | native | addon | partial | none | example |\n|---|---|---|---|---|---|\n"
    );
    for (path, c) in level_criteria() {
        let cell = |l| escape(c.rubric.meaning(l).unwrap_or_default());
        let _ = writeln!(
            out,
            "| `{path}` | {} | {} | {} | {} | {} |",
            cell(Level::Native),
            cell(Level::Addon),
            cell(Level::Partial),
            cell(Level::None),
            escape(c.rubric.example)
        );
    }
    out
}

/// The rubric as data: rules, basis words and every criterion's levels.
pub fn as_json() -> Value {
    let basis: Vec<Value> = Basis::ALL
        .iter()
        .map(|b| json!({"basis": b.as_str(), "level": b.level().as_str(), "meaning": b.meaning()}))
        .collect();
    let criteria: serde_json::Map<String, Value> = level_criteria()
        .map(|(path, c)| {
            let levels: serde_json::Map<String, Value> = Level::KNOWN
                .iter()
                .map(|l| (l.as_str().to_owned(), json!(c.rubric.meaning(*l))))
                .collect();
            (
                path,
                json!({"meaning": c.meaning, "levels": levels, "example": c.rubric.example}),
            )
        })
        .collect();
    json!({"schema_version": 1, "rules": RUBRIC_RULES, "basis": basis, "criteria": criteria})
}
