//! `weigh`: the requirements' weights from pairwise judgments (AHP). Reads the `[pairwise]`
//! table of a TOML file, with every problem located; [`super::ahp`] does the math; this file
//! also writes the profile that carries the weights, the judgments kept as comments.

use std::fmt::Write as _;
use std::sync::Arc;

use toml::de::DeValue;

use super::ahp::{self, Ahp, Pairwise};
use crate::diag::{Diagnostic, Diagnostics, SourceFile, suggest};
use crate::requirements::{CORE, COUNT, REQUIREMENTS, requirement_index};

/// One judgment: requirement `a` is `value` times as important as `b` (Saaty's 1–9 scale;
/// below 1 means `b` matters more).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgment {
    pub a: usize,
    pub b: usize,
    pub value: f64,
}

/// The weights and the consistency of a set of judgments.
#[derive(Debug, Clone)]
pub struct Weighing {
    pub judgments: Vec<Judgment>,
    pub ahp: Ahp,
    /// The triple of requirements whose judgments disagree most, with Koczkodaj's index.
    pub worst: Option<(usize, usize, usize, f64)>,
}

impl Weighing {
    /// The weights as an array in table order.
    /// The judgments weigh the document's five; the optional requirements stay at 0.
    pub fn weights(&self) -> [f64; COUNT] {
        std::array::from_fn(|j| if j < CORE { self.ahp.weights[j] } else { 0.0 })
    }

    pub fn acceptable(&self) -> bool {
        self.ahp.is_acceptable()
    }
}

/// Reads the `[pairwise]` table: `"resilience/observability" = 3` (resilience matters three
/// times as much), a fraction as `"1/3"`; reciprocals are implied, and every pair of the five
/// requirements must be judged once.
pub fn parse(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Option<Vec<Judgment>> {
    let before = diags.error_count();
    let err = |code: &'static str, msg: String, span: std::ops::Range<usize>, help: String| {
        Diagnostic::error(code, msg)
            .at(file, file.span(span.start, span.end))
            .with_help(help)
    };
    let root = crate::profile::parse_toml(file, diags)?;
    let root = root.get_ref();
    let Some(table) = root.get("pairwise") else {
        diags.push(
            Diagnostic::error("missing-key", "no `[pairwise]` table")
                .in_file(file)
                .with_help("write `[pairwise]` with one line per pair, e.g. `\"resilience/observability\" = 3`"),
        );
        return None;
    };
    for (key, _) in root {
        if key.get_ref() != "pairwise" {
            diags.push(err(
                "unknown-key",
                format!("unknown key `{}` at the top level", key.get_ref()),
                key.span(),
                "a judgments file holds one `[pairwise]` table".into(),
            ));
        }
    }
    let DeValue::Table(table) = table.get_ref() else {
        diags.push(err(
            "wrong-type",
            "`pairwise` must be a table".into(),
            table.span(),
            "write `[pairwise]` followed by `\"a/b\" = N` lines".into(),
        ));
        return None;
    };
    let ids: Vec<&str> = REQUIREMENTS[..CORE].iter().map(|r| r.id).collect();
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    let mut seen: Vec<Vec<Option<std::ops::Range<usize>>>> = vec![vec![None; CORE]; CORE];
    let mut out = Vec::new();
    for (key, value) in entries {
        let name = key.get_ref();
        let Some((a, b)) = name.split_once('/') else {
            diags.push(err(
                "bad-pair",
                format!("`{name}` does not name a pair of requirements"),
                key.span(),
                "write the pair as \"a/b\", e.g. \"resilience/observability\"".into(),
            ));
            continue;
        };
        let mut side = |s: &str| {
            // Judgments weigh the document's five; an optional requirement is set under
            // [weights] of the profile instead.
            let found = requirement_index(s.trim()).filter(|&r| r < CORE);
            if found.is_none() {
                diags.push(err(
                    "unknown-requirement",
                    format!("unknown requirement `{}` in `{name}`", s.trim()),
                    key.span(),
                    suggest(s.trim(), &ids),
                ));
            }
            found
        };
        let (Some(a), Some(b)) = (side(a), side(b)) else {
            continue;
        };
        if a == b {
            diags.push(err(
                "self-judgment",
                format!("`{name}` compares a requirement with itself"),
                key.span(),
                "a requirement is always as important as itself; remove the line".into(),
            ));
            continue;
        }
        let (lo, hi) = (a.min(b), a.max(b));
        if let Some(first) = &seen[lo][hi] {
            let line = file.span(first.start, first.end).line;
            diags.push(err(
                "duplicate-judgment",
                format!("the pair {}/{} is judged twice", REQUIREMENTS[a].id, REQUIREMENTS[b].id),
                key.span(),
                format!("keep one judgment per pair (the other is on line {line}); its reciprocal is implied"),
            ));
            continue;
        }
        seen[lo][hi] = Some(key.span());
        let Some(v) = judgment_value(value.get_ref()) else {
            diags.push(err(
                "bad-judgment",
                format!("`{name}` must be a number from 1/9 to 9 (Saaty's scale)"),
                value.span(),
                "1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; \"1/3\" and the like for the reverse".into(),
            ));
            continue;
        };
        out.push(Judgment { a, b, value: v });
    }
    let mut missing = Vec::new();
    for i in 0..CORE {
        for j in i + 1..CORE {
            if seen[i][j].is_none() {
                missing.push(format!("\"{}/{}\"", REQUIREMENTS[i].id, REQUIREMENTS[j].id));
            }
        }
    }
    if !missing.is_empty() && diags.error_count() == before {
        diags.push(
            Diagnostic::error(
                "missing-judgment",
                format!(
                    "{} of the {} pairs are not judged: {}",
                    missing.len(),
                    CORE * (CORE - 1) / 2,
                    missing.join(", ")
                ),
            )
            .in_file(file)
            .with_help("judge every pair once (1 when they matter equally)"),
        );
    }
    (diags.error_count() == before).then_some(out)
}

/// A number, or a fraction written as a string ("1/3"), within Saaty's scale.
fn judgment_value(v: &DeValue<'_>) -> Option<f64> {
    let x = match v {
        DeValue::Integer(i) => i.as_str().parse::<f64>().ok(),
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
        DeValue::String(s) => match s.split_once('/') {
            Some((n, d)) => {
                let (n, d) = (n.trim().parse::<f64>().ok()?, d.trim().parse::<f64>().ok()?);
                (d != 0.0).then(|| n / d)
            }
            None => s.trim().parse::<f64>().ok(),
        },
        _ => None,
    }?;
    (x.is_finite() && (1.0 / 9.0 - 1e-12..=9.0 + 1e-12).contains(&x)).then_some(x)
}

/// The weights of a full set of judgments (every pair once).
pub fn weigh(judgments: &[Judgment]) -> Option<Weighing> {
    let upper: Vec<(usize, usize, f64)> = judgments.iter().map(|j| (j.a, j.b, j.value)).collect();
    let m = Pairwise::from_upper(CORE, &upper).ok()?;
    Some(Weighing {
        judgments: judgments.to_vec(),
        ahp: ahp::principal_eigenvector(&m),
        worst: ahp::most_inconsistent_triple(&m),
    })
}

/// The judgment of one pair as written: "resilience/observability = 3" or "= 1/3".
pub fn judgment_text(j: &Judgment) -> String {
    let v = if j.value >= 1.0 {
        trim(j.value)
    } else {
        format!("1/{}", trim(1.0 / j.value))
    };
    format!("{}/{} = {v}", REQUIREMENTS[j.a].id, REQUIREMENTS[j.b].id)
}

fn trim(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round())
    } else {
        format!("{x:.3}")
    }
}

/// The profile `weigh --output` writes: `[weights]` from the judgments, which it keeps as
/// comments so the next reader sees where the numbers came from.
/// `profile` (a profile's TOML) with `[weights]` set to these weights: every other section,
/// key and comment kept as written (an optional requirement's weight too). `Err` with the
/// parser's message when it is not TOML.
pub fn merge_into(profile: &str, w: &Weighing) -> Result<String, String> {
    let mut doc: toml_edit::DocumentMut = profile
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_owned())?;
    let weights = doc
        .entry("weights")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
    let Some(table) = weights.as_table_like_mut() else {
        return Err("`weights` is not a table".to_owned());
    };
    for (r, req) in REQUIREMENTS[..CORE].iter().enumerate() {
        table.insert(req.id, toml_edit::value(w.ahp.weights[r]));
    }
    Ok(doc.to_string())
}

pub fn profile_text(w: &Weighing) -> String {
    let mut out = String::from(
        "# A platform-eval profile whose weights come from pairwise judgments (AHP, principal\n\
         # eigenvector), written by `platform-eval weigh`.\n#\n# The judgments (a/b = how many times a matters more than b, Saaty's 1-9 scale):\n",
    );
    for j in &w.judgments {
        let _ = writeln!(out, "#   {}", judgment_text(j));
    }
    let _ = writeln!(
        out,
        "#\n# Consistency ratio {} (Saaty: acceptable up to {}).\n\n[weights]",
        w.ahp
            .cr
            .map_or_else(|| "n/a".to_owned(), |c| format!("{c:.4}")),
        ahp::MAX_CR
    );
    for (r, req) in REQUIREMENTS[..CORE].iter().enumerate() {
        let _ = writeln!(out, "{} = {}", req.id, w.ahp.weights[r]);
    }
    out
}
