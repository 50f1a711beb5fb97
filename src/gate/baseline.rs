//! `--baseline`: scores from an earlier run, read and checked, and the assertions on what
//! changed since.

use std::path::Path;

use crate::catalog::descriptor::Descriptor;
use crate::diag::{Diagnostic, Diagnostics, SourceFile, Span};
use crate::profile::Profile;
use crate::requirements::{COUNT, REQUIREMENTS};
use crate::score::PlatformScore;

use super::policy::{Policy, verdict};
use super::{Assertion, location};

/// The JSON contract's version that baselines must carry.
const SCHEMA_VERSION: u64 = 1;

const EXPECTED: &str = "give an earlier `evaluate --format json` or `check --format json` output";

/// Where `"key"` is first written in the file, else its start: enough to point at the
/// field of a small JSON document, which serde_json does not locate.
fn key_span(file: &SourceFile, key: &str) -> Span {
    let at = file.text.find(&format!("\"{key}\"")).unwrap_or(0);
    file.span(at, at + key.len() + 2)
}

/// Scores from an earlier `evaluate --format json` or `check --format json`.
#[derive(Debug, Clone)]
pub struct Baseline {
    file: String,
    score: f64,
    requirements: [Option<f64>; COUNT],
    /// What it was made under, when it says: the profile's name, its normalised weights (a
    /// requirement it does not list weighed 0) and the built-in catalog's digest.
    profile: Option<String>,
    weights: Option<[f64; COUNT]>,
    catalog: Option<String>,
}

pub fn read_baseline(path: &str, id: &str, diags: &mut Diagnostics) -> Option<Baseline> {
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
                .with_help(EXPECTED),
            );
            return None;
        }
    };
    // Another tool's JSON, or a later format, would be read as numbers it does not mean.
    let tool = doc
        .pointer("/tool/name")
        .and_then(serde_json::Value::as_str);
    if tool != Some("platform-eval") {
        diags.push(
            Diagnostic::error(
                "bad-baseline",
                "the baseline is not a platform-eval JSON report (it has no `tool.name` of `platform-eval`)",
            )
            .at(&file, key_span(&file, "tool"))
            .with_help(EXPECTED),
        );
        return None;
    }
    let version = doc
        .get("schema_version")
        .and_then(serde_json::Value::as_u64);
    if version != Some(SCHEMA_VERSION) {
        let found = doc
            .get("schema_version")
            .map_or_else(|| "none".to_owned(), ToString::to_string);
        diags.push(
            Diagnostic::error(
                "bad-baseline",
                format!(
                    "the baseline's `schema_version` is {}, and this version of platform-eval reads {SCHEMA_VERSION}",
                    crate::diag::visible(&found)
                ),
            )
            .at(&file, key_span(&file, "schema_version"))
            .with_help("make the baseline again with this version of platform-eval"),
        );
        return None;
    }
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
    let score = |v: &serde_json::Value| v.as_f64().filter(|s| (0.0..=100.0).contains(s));
    let requirements: [Option<&serde_json::Value>; COUNT] = std::array::from_fn(|r| {
        entry
            .get("requirements")
            .and_then(|q| q.get(REQUIREMENTS[r].id))
            .and_then(|q| q.get("score"))
    });
    let bad_requirement = (0..COUNT).find(|&r| requirements[r].is_some_and(|v| score(v).is_none()));
    let (Some(overall), None) = (score(&entry["score"]), bad_requirement) else {
        let what = bad_requirement.map_or_else(
            || "`score`".to_owned(),
            |r| format!("`{}` score", REQUIREMENTS[r].id),
        );
        diags.push(
            Diagnostic::error(
                "bad-baseline",
                format!("the baseline's `{id}` has no {what} between 0 and 100"),
            )
            .at(&file, key_span(&file, "score"))
            .with_help("give an unedited `evaluate --format json` or `check --format json` output"),
        );
        return None;
    };
    // `check --format json` writes the profile's name and `weights` beside it; `evaluate
    // --format json` a `profile` object holding both.
    let profile = doc
        .get("profile")
        .and_then(|p| p.as_str().or_else(|| p.get("name")?.as_str()))
        .map(ToOwned::to_owned);
    let weights = doc
        .get("weights")
        .or_else(|| doc.pointer("/profile/weights"))
        .and_then(serde_json::Value::as_object)
        .map(|w| {
            std::array::from_fn(|r| {
                w.get(REQUIREMENTS[r].id)
                    .and_then(serde_json::Value::as_f64)
                    .unwrap_or(0.0)
            })
        });
    let catalog = doc
        .pointer("/catalog/digest")
        .and_then(serde_json::Value::as_str)
        .map(ToOwned::to_owned);
    Some(Baseline {
        file: path.to_owned(),
        score: overall,
        requirements: std::array::from_fn(|r| requirements[r].and_then(score)),
        profile,
        weights,
        catalog,
    })
}

/// A baseline made under another profile, other weights or another catalog compares unlike
/// with like: a `baseline-differs` warning says so, naming what differs.
pub(super) fn warn_if_differs(b: &Baseline, profile: &Profile, diags: &mut Diagnostics) {
    let changes = provenance_changes(b, profile);
    if !changes.is_empty() {
        diags.push(
            Diagnostic::warning(
                "baseline-differs",
                format!(
                    "the baseline `{}` was made under other settings: {}",
                    b.file,
                    changes.join("; ")
                ),
            )
            .with_help("a change in score may come from them; make the baseline again under this profile to compare the platform alone"),
        );
    }
}

/// What differs between the baseline's run and this one, each in a few words: the profile,
/// the weights (those that moved), the built-in catalog.
fn provenance_changes(b: &Baseline, profile: &Profile) -> Vec<String> {
    let mut changes = Vec::new();
    if let Some(name) = b.profile.as_ref().filter(|n| **n != profile.name) {
        changes.push(format!("the profile was `{name}`, now `{}`", profile.name));
    }
    if let Some(before) = &b.weights {
        let now = profile.normalised_weights();
        let moved: Vec<String> = (0..COUNT)
            .filter(|&r| (before[r] - now[r]).abs() > 5e-4)
            .map(|r| {
                format!(
                    "{} {:.0} % → {:.0} %",
                    REQUIREMENTS[r].id,
                    before[r] * 100.0,
                    now[r] * 100.0
                )
            })
            .collect();
        if !moved.is_empty() {
            changes.push(format!("the weights moved ({})", moved.join(", ")));
        }
    }
    if let Some(digest) = b
        .catalog
        .as_ref()
        .filter(|d| d.as_str() != crate::catalog::builtin::digest())
    {
        changes.push(format!(
            "the built-in catalog changed ({digest} → {})",
            crate::catalog::builtin::digest()
        ));
    }
    changes
}

/// Why the overall score moved: the platform's own requirement scores, or, when those are
/// unchanged, the weights they are combined with.
fn cause(b: &Baseline, ps: &PlatformScore<'_>, weights_moved: bool) -> Option<String> {
    let changed: Vec<String> = (0..COUNT)
        .filter_map(|r| {
            let before = b.requirements[r]?;
            let now = ps.requirements[r].score * 100.0;
            ((before - now).abs() > 0.05)
                .then(|| format!("{} {before:.1} → {now:.1}", REQUIREMENTS[r].id))
        })
        .collect();
    if !changed.is_empty() {
        Some(format!(
            "your platform changed: its requirement scores moved ({})",
            changed.join(", ")
        ))
    } else if weights_moved {
        Some(
            "its requirement scores are unchanged: the weights changed, not the platform"
                .to_owned(),
        )
    } else {
        None
    }
}

pub(super) fn assert_baseline(
    b: &Baseline,
    ps: &PlatformScore<'_>,
    policy: &Policy,
    max_drop: f64,
    d: &Descriptor,
    profile: &Profile,
    out: &mut Vec<Assertion>,
) {
    let now = ps.score * 100.0;
    let drop = b.score - now;
    let ok = drop <= max_drop + 1e-7;
    let changes = provenance_changes(b, profile);
    let weights_moved = changes.iter().any(|c| c.starts_with("the weights"));
    let why = if (drop).abs() > 0.05 {
        cause(b, ps, weights_moved).map_or_else(String::new, |c| format!("; {c}"))
    } else {
        String::new()
    };
    out.push(verdict(
        "max-drop".into(),
        format!("drop <= {max_drop}"),
        format!("{:.1}", drop.max(0.0)),
        ok,
        if drop >= -1e-7 {
            format!(
                "overall score fell {:.1} points since the baseline ({:.1} → {now:.1}); the limit is {max_drop:.1}{why}",
                drop.max(0.0),
                b.score
            )
        } else {
            format!(
                "overall score rose {:.1} points since the baseline ({:.1} → {now:.1}); the limit on a fall is {max_drop:.1}{why}",
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
