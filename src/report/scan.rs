//! `scan`'s reports: what the deployment uses (table, Markdown, JSON), and with `--on` the
//! effective levels, scores and gaps; `--format yaml` writes the deployment as a descriptor.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::catalog::descriptor::Descriptor;
use crate::cli::ScanFormat;
use crate::profile::Profile;
use crate::requirements::{self, REQUIREMENTS};
use crate::scan::Deployment;
use crate::scan::effective::{self, Effective};
use crate::scan::model::{CriterionUse, Finding, Use};
use crate::scan::signals;

/// Everything a scan report shows.
pub struct View<'a> {
    pub deployment: &'a Deployment,
    pub on: Option<(&'a Descriptor, &'a Profile)>,
    pub effective: Option<&'a Effective>,
    /// `platform-eval scan PATHS --on P`, for the YAML's header.
    pub command: String,
    /// Every finding, not the first three of each criterion.
    pub all: bool,
}

/// Findings shown for a criterion in the table and Markdown, unless `--all`.
const SHOWN: usize = 3;

pub fn render(v: &View<'_>, format: ScanFormat) -> String {
    match format {
        ScanFormat::Table => table(v),
        ScanFormat::Markdown => markdown(v),
        ScanFormat::Json => {
            let mut bytes = Vec::new();
            let _ = write_json(v, &mut bytes);
            String::from_utf8(bytes).unwrap_or_default()
        }
        ScanFormat::Yaml => yaml(v),
    }
}

/// The findings of a criterion in the order they explain it: counted gaps first, then what
/// is used, then caveats.
fn ordered<'a>(u: &CriterionUse<'a>) -> Vec<&'a Finding> {
    let mut f = u.findings.clone();
    f.sort_by_key(|f| {
        (
            !f.counts,
            match f.state {
                Use::Unused => 0,
                Use::Partial => 1,
                Use::Used => 2,
                Use::Unknown => 3,
            },
        )
    });
    f
}

fn files_line(d: &Deployment) -> String {
    let mut kinds: Vec<&str> = d.files.iter().map(|f| f.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    format!(
        "Read {} ({})",
        crate::diag::plural(d.files.len(), "file"),
        kinds.join(", ")
    )
}

fn table(v: &View<'_>) -> String {
    let d = v.deployment;
    let mut out = String::new();
    let _ = writeln!(out, "{}.", files_line(d));
    if let Some((p, _)) = v.on {
        let _ = writeln!(
            out,
            "On {} ({}): what it offers, what the deployment uses, and the level that results.",
            p.name, p.id
        );
    }
    let criteria = d.criteria();
    let rows = v.effective.map(|e| &e.rows);
    let width = criteria
        .iter()
        .map(|u| REQUIREMENTS[u.requirement].criteria[u.criterion].id.len())
        .max()
        .unwrap_or(10);
    let mut last_req = usize::MAX;
    for (i, u) in criteria.iter().enumerate() {
        if u.requirement != last_req {
            last_req = u.requirement;
            let req = &REQUIREMENTS[u.requirement];
            match v.effective {
                Some(e) => {
                    let _ = writeln!(
                        out,
                        "\n{}: {:.1} as offered, {:.1} as deployed",
                        req.title,
                        e.offered[u.requirement] * 100.0,
                        e.deployed[u.requirement] * 100.0
                    );
                }
                None => {
                    let _ = writeln!(out, "\n{}", req.title);
                }
            }
        }
        let name = REQUIREMENTS[u.requirement].criteria[u.criterion].id;
        let levels = rows.map_or(String::new(), |r| {
            let row = &r[i];
            format!(
                "  {:<7} → {:<7}",
                row.offered.as_str(),
                row.effective.as_str()
            )
        });
        let shown = ordered(u);
        let first = shown
            .first()
            .map_or("nothing in these files says".to_owned(), |f| {
                f.message.clone()
            });
        let _ = writeln!(
            out,
            "  {name:<width$}  {:<7}{levels}  {first}",
            u.state.as_str()
        );
        let pad = " ".repeat(width + 4);
        let limit = if v.all { usize::MAX } else { SHOWN };
        for (j, f) in shown.iter().take(limit).enumerate() {
            if j > 0 {
                let note = if f.counts { "" } else { "note: " };
                let _ = writeln!(out, "{pad}{note}{}", f.message);
            }
            let _ = writeln!(out, "{pad}  at {}", f.at);
            if let Some(fix) = &f.fix {
                let _ = writeln!(out, "{pad}  fix: {fix}");
            }
        }
        if shown.len() > limit {
            let _ = writeln!(
                out,
                "{pad}... and {} more (--all shows them)",
                shown.len() - limit
            );
        }
    }
    if let Some(e) = v.effective {
        let _ = writeln!(
            out,
            "\nOverall: {:.1} as offered, {:.1} as deployed.",
            e.offered_overall * 100.0,
            e.deployed_overall * 100.0
        );
        if e.gaps.is_empty() {
            let _ = writeln!(out, "No gap: the deployment uses what the platform offers.");
        } else {
            let _ = writeln!(out, "Gaps, by the points they would add:");
            for g in &e.gaps {
                let _ = writeln!(
                    out,
                    "  +{:.1}  {} {} → {}{}",
                    g.adds,
                    g.path,
                    g.effective,
                    g.target,
                    g.fix.as_ref().map_or(String::new(), |f| format!(": {f}"))
                );
                if let Some(at) = &g.at {
                    let _ = writeln!(out, "         at {at}");
                }
            }
        }
    }
    if !d.skipped.is_empty() {
        let _ = writeln!(out, "\nNot read ({}):", d.skipped.len());
        for s in &d.skipped {
            let _ = writeln!(out, "  {} at {}", s.what, s.at);
        }
    }
    let counts = |s: Use| criteria.iter().filter(|u| u.state == s).count();
    let _ = writeln!(
        out,
        "\n{} criteria: {} used, {} partial, {} unused, {} unknown.",
        criteria.len(),
        counts(Use::Used),
        counts(Use::Partial),
        counts(Use::Unused),
        counts(Use::Unknown)
    );
    out
}

fn markdown(v: &View<'_>) -> String {
    use crate::report::markdown::escape;
    let d = v.deployment;
    let mut out = String::from("# What the deployment uses\n\n");
    let _ = writeln!(out, "{}.\n", files_line(d));
    let criteria = d.criteria();
    let _ = writeln!(
        out,
        "| criterion | used |{} evidence | fix |\n|---|---|{}---|---|",
        if v.effective.is_some() {
            " offered | effective |"
        } else {
            ""
        },
        if v.effective.is_some() {
            "---|---|"
        } else {
            ""
        }
    );
    for (i, u) in criteria.iter().enumerate() {
        let shown = ordered(u);
        let first = shown.first();
        let levels = v.effective.map_or(String::new(), |e| {
            format!(" {} | {} |", e.rows[i].offered, e.rows[i].effective)
        });
        let _ = writeln!(
            out,
            "| `{}` | {} |{levels} {} | {} |",
            u.path,
            u.state,
            first.map_or("nothing in these files says".to_owned(), |f| format!(
                "{} (`{}`)",
                escape(&f.message),
                f.at
            )),
            first
                .and_then(|f| f.fix.as_deref())
                .map_or(String::new(), escape)
        );
    }
    if let Some(e) = v.effective {
        let _ = writeln!(
            out,
            "\nOverall: {:.1} as offered, {:.1} as deployed.",
            e.offered_overall * 100.0,
            e.deployed_overall * 100.0
        );
    }
    out
}

/// The JSON document, borrowing the scan's findings: ten thousand manifests give tens of
/// thousands of findings, written without a copy of each.
#[derive(serde::Serialize)]
struct Doc<'a> {
    schema_version: u32,
    files: &'a [crate::scan::model::Scanned],
    criteria: Vec<CriterionJson<'a>>,
    skipped: &'a [crate::scan::model::Skipped],
    #[serde(flatten)]
    on: Option<serde_json::Map<String, Value>>,
}

#[derive(serde::Serialize)]
struct CriterionJson<'a> {
    criterion: &'a str,
    used: Use,
    #[serde(skip_serializing_if = "Option::is_none")]
    offered: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective: Option<&'static str>,
    findings: &'a [&'a Finding],
}

/// The JSON document, written to `out` as it is made: it is the largest of the formats.
pub fn write_json(v: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let d = v.deployment;
    let criteria = d.criteria();
    let rows: Vec<CriterionJson> = criteria
        .iter()
        .enumerate()
        .map(|(i, u)| CriterionJson {
            criterion: &u.path,
            used: u.state,
            offered: v.effective.map(|e| e.rows[i].offered.as_str()),
            effective: v.effective.map(|e| e.rows[i].effective.as_str()),
            findings: &u.findings,
        })
        .collect();
    let doc = Doc {
        schema_version: 1,
        files: &d.files,
        criteria: rows,
        skipped: &d.skipped,
        on: on_platform(v),
    };
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The platform's part of the JSON: what it offers, the scores and what they are made of.
fn on_platform(v: &View<'_>) -> Option<serde_json::Map<String, Value>> {
    let (Some((platform, profile)), Some(e)) = (v.on, v.effective) else {
        return None;
    };
    let weights = profile.normalised_weights();
    let scored = crate::score::score(&e.descriptor, profile);
    let requirements: Vec<Value> = requirements::shown(&profile.weights)
        .map(|r| {
            json!({
                "id": REQUIREMENTS[r].id,
                "weight": weights[r],
                "offered": round(e.offered[r] * 100.0),
                "deployed": round(e.deployed[r] * 100.0),
                "criteria": REQUIREMENTS[r].criteria.iter().zip(&scored.requirements[r].criteria).map(|(c, s)| json!({
                    "id": c.id,
                    "level": s.level.map(requirements::Level::as_str),
                    "value": s.value,
                    "weight": s.weight,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut doc = serde_json::Map::new();
    doc.insert(
        "platform".into(),
        json!({"id": platform.id, "name": platform.name}),
    );
    doc.insert("deployment_id".into(), json!(e.descriptor.id));
    doc.insert("profile".into(), json!(profile.name));
    doc.insert(
        "level_values".into(),
        json!(
            requirements::Level::KNOWN
                .iter()
                .map(|l| (l.as_str().to_owned(), json!(profile.levels.get(*l))))
                .collect::<serde_json::Map<String, Value>>()
        ),
    );
    doc.insert("unknown_value".into(), json!(profile.unknown_value()));
    doc.insert("requirements".into(), json!(requirements));
    doc.insert(
        "score".into(),
        json!({
            "offered": round(e.offered_overall * 100.0),
            "deployed": round(e.deployed_overall * 100.0),
        }),
    );
    doc.insert(
        "gaps".into(),
        json!(
            e.gaps
                .iter()
                .map(|g| json!({
                    "criterion": g.path,
                    "effective": g.effective.as_str(),
                    "target": g.target.as_str(),
                    "adds": round(g.adds),
                    "adds_to_requirement": round(g.adds_to_requirement),
                    "fix": g.fix,
                    "at": g.at,
                }))
                .collect::<Vec<_>>()
        ),
    );
    Some(doc)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A YAML string: JSON's quoting is YAML's double-quoted style.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn yaml(v: &View<'_>) -> String {
    let (Some((platform, _)), Some(e)) = (v.on, v.effective) else {
        return String::new();
    };
    let d = v.deployment;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# What this deployment uses of {}, written by `{}`.\n# Each claim's source is the place in the deployment's files that settles it; the\n# criteria the files do not settle are {}'s, through `extends`.",
        platform.name, v.command, platform.id
    );
    let _ = writeln!(out, "id: {}", e.descriptor.id);
    let _ = writeln!(out, "name: {}", q(&e.descriptor.name));
    if let Some(s) = &e.descriptor.summary {
        let _ = writeln!(out, "summary: {}", q(s));
    }
    let _ = writeln!(out, "extends: {}", platform.id);
    let _ = writeln!(out, "requirements:");
    let criteria = d.criteria();
    let mut last = usize::MAX;
    for (u, row) in criteria.iter().zip(&e.rows) {
        if row.used == Use::Unknown {
            continue;
        }
        if u.requirement != last {
            last = u.requirement;
            let _ = writeln!(out, "  {}:", REQUIREMENTS[u.requirement].id);
        }
        let _ = writeln!(
            out,
            "    {}:",
            REQUIREMENTS[u.requirement].criteria[u.criterion].id
        );
        let claim = e.descriptor.claim(u.requirement, u.criterion);
        let _ = writeln!(out, "      level: {}", row.effective);
        let _ = writeln!(out, "      note: {}", q(&effective::note(u, row)));
        if let Some(s) = &claim.source {
            let _ = writeln!(out, "      source: {}", q(s));
        }
    }
    out
}

/// `scan --signals`: the table of signals (Markdown for the README).
pub fn signals(format: ScanFormat) -> String {
    match format {
        ScanFormat::Json | ScanFormat::Yaml => {
            let mut s = serde_json::to_string_pretty(signals::ALL).unwrap_or_default();
            s.push('\n');
            s
        }
        ScanFormat::Markdown => {
            let mut out = String::from(
                "| id | criterion | input | reads | context |\n|---|---|---|---|---|\n",
            );
            for s in signals::ALL {
                let _ = writeln!(
                    out,
                    "| `{}` | `{}` | {} | {} | {} |",
                    s.id, s.criterion, s.input, s.reads, s.context
                );
            }
            out
        }
        ScanFormat::Table => {
            let mut out = String::new();
            for s in signals::ALL {
                let _ = writeln!(out, "{:<24} {:<34} {}", s.id, s.criterion, s.reads);
                if !s.context.is_empty() {
                    let _ = writeln!(out, "{:<59} context: {}", "", s.context);
                }
            }
            out
        }
    }
}
