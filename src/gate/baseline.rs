//! `--baseline`: scores from an earlier run, read and checked, and the assertions on what
//! changed since.

use std::path::Path;

use crate::catalog::descriptor::Descriptor;
use crate::diag::{Diagnostic, Diagnostics};
use crate::requirements::{COUNT, REQUIREMENTS};
use crate::score::PlatformScore;

use super::policy::{Policy, verdict};
use super::{Assertion, location};

/// Scores from an earlier `evaluate --format json` or `check --format json`.
#[derive(Debug, Clone)]
pub(super) struct Baseline {
    file: String,
    score: f64,
    requirements: [Option<f64>; COUNT],
}

pub(super) fn read_baseline(path: &str, id: &str, diags: &mut Diagnostics) -> Option<Baseline> {
    let file = crate::input::read(Path::new(path), crate::input::BASELINE, diags)?;
    let doc: serde_json::Value = match serde_json::from_str(&file.text) {
        Ok(v) => v,
        Err(e) => {
            let offset = file
                .text
                .split_inclusive('\n')
                .take(e.line().saturating_sub(1))
                .map(str::len)
                .sum::<usize>()
                + e.column().saturating_sub(1);
            diags.push(
                Diagnostic::error(
                    "bad-baseline",
                    format!("the baseline is not valid JSON: {e}"),
                )
                .at(&file, file.span(offset, offset))
                .with_help(
                    "give an earlier `evaluate --format json` or `check --format json` output",
                ),
            );
            return None;
        }
    };
    // `check --format json` has one `platform`; `evaluate --format json` a list.
    let entry = doc.get("platform").filter(|p| p["id"] == id).or_else(|| {
        doc.get("platforms")?
            .as_array()?
            .iter()
            .find(|p| p["id"] == id)
    });
    let Some(entry) = entry else {
        diags.push(Diagnostic::error("bad-baseline", format!("the baseline has no platform `{id}`")).in_file(&file).with_help("make the baseline with the same platform, e.g. `platform-eval check ID --format json > baseline.json`"));
        return None;
    };
    let Some(score) = entry["score"].as_f64() else {
        diags.push(
            Diagnostic::error(
                "bad-baseline",
                format!("the baseline's `{id}` has no `score`"),
            )
            .in_file(&file)
            .with_help("give an unedited `evaluate --format json` or `check --format json` output"),
        );
        return None;
    };
    Some(Baseline {
        file: path.to_owned(),
        score,
        requirements: std::array::from_fn(|r| {
            entry["requirements"][REQUIREMENTS[r].id]["score"].as_f64()
        }),
    })
}

pub(super) fn assert_baseline(
    b: &Baseline,
    ps: &PlatformScore<'_>,
    policy: &Policy,
    max_drop: f64,
    d: &Descriptor,
    out: &mut Vec<Assertion>,
) {
    let now = ps.score * 100.0;
    let drop = b.score - now;
    let ok = drop <= max_drop + 1e-7;
    out.push(verdict(
        "max-drop".into(),
        format!("drop <= {max_drop}"),
        format!("{:.1}", drop.max(0.0)),
        ok,
        if drop >= -1e-7 {
            format!(
                "overall score fell {:.1} points since the baseline ({:.1} → {now:.1}); the limit is {max_drop:.1}",
                drop.max(0.0),
                b.score
            )
        } else {
            format!(
                "overall score rose {:.1} points since the baseline ({:.1} → {now:.1}); the limit on a fall is {max_drop:.1}",
                -drop,
                b.score
            )
        },
        None,
    ));
    for (r, min) in &policy.min {
        let Some(before) = b.requirements[*r] else {
            continue;
        };
        let now = ps.requirements[*r].score * 100.0;
        let id = REQUIREMENTS[*r].id;
        let regressed = before + 1e-7 >= *min && now + 1e-7 < *min;
        out.push(verdict(
            format!("regression/{id}"),
            format!("still >= {min}"),
            format!("{before:.1} → {now:.1}"),
            !regressed,
            if regressed {
                format!("{id} passed its minimum {min} in the baseline `{}` ({before:.1}) and fails now ({now:.1})", b.file)
            } else {
                format!("{id} has not regressed against the baseline ({before:.1} → {now:.1})")
            },
            regressed.then(|| location(d, d.requirement_spans[*r])),
        ));
    }
}
