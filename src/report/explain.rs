//! Reports of `explain`: text, JSON and Markdown. Every weight is on the normalised scale
//! (they sum to 1); JSON carries them at full precision, so `evaluate --weight` with them
//! reproduces the ranking.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::markdown::escape;
use super::pct;
use crate::decide::explain::{DISTANCE, Explanation, Reach};
use crate::decide::fewest;
use crate::requirements::{COUNT, REQUIREMENTS, is_optional, shown};

/// Formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Plain text for the terminal
    Table,
    /// The answer with every weight at full precision
    Json,
    /// Markdown for a review or a decision record
    Markdown,
}

pub fn render(x: &Explanation<'_>, format: ExplainFormat) -> String {
    match format {
        ExplainFormat::Json => {
            let mut s = serde_json::to_string_pretty(&json_doc(x)).unwrap_or_default();
            s.push('\n');
            s
        }
        ExplainFormat::Markdown => text(x, true),
        ExplainFormat::Table => text(x, false),
    }
}

fn weights_json(w: &[f64; COUNT]) -> Value {
    Value::Object(
        REQUIREMENTS
            .iter()
            .zip(w)
            .map(|(r, w)| (r.id.to_owned(), json!(w)))
            .collect::<Map<_, _>>(),
    )
}

/// Requirements where `other` scores above the platform.
fn better_on(x: &Explanation<'_>, other: &str) -> Vec<&'static str> {
    let me = x.eval.platforms[x.target].requirement_scores();
    let Some(o) = x.eval.platforms.iter().find(|p| p.platform.id == other) else {
        return Vec::new();
    };
    let o = o.requirement_scores();
    shown(&x.eval.profile.weights)
        .filter(|&j| o[j] > me[j] + 1e-12)
        .map(|j| REQUIREMENTS[j].id)
        .collect()
}

fn name_of<'e>(x: &'e Explanation<'_>, id: &'e str) -> &'e str {
    x.eval
        .platforms
        .iter()
        .find(|p| p.platform.id == id)
        .map_or(id, |p| p.platform.name.as_str())
}

/// `evaluate --weight ...` with these weights, at full precision (they sit on a tie, so
/// rounding could tip it).
fn command(x: &Explanation<'_>, w: &[f64; COUNT]) -> String {
    let inv = &x.eval.profile.invocation;
    // The run's platforms, profile and selection; every weight is set below.
    let inputs = if inv.inputs.is_empty() {
        format!(" --profile {}", crate::profile::quote(&x.eval.profile.name))
    } else {
        inv.args(false)
    };
    let mut cmd = format!(
        "platform-eval evaluate{inputs} --method {}",
        x.eval.method.as_str()
    );
    for (j, (r, w)) in REQUIREMENTS.iter().zip(w).enumerate() {
        // An optional requirement the profile leaves at 0 stays there unless moved.
        if *w > 0.0 || !is_optional(j) || x.eval.profile.weights[j] > 0.0 {
            let _ = write!(cmd, " --weight {}={w}", r.id);
        }
    }
    cmd
}

fn json_doc(x: &Explanation<'_>) -> Value {
    let ps = &x.eval.platforms[x.target];
    let first = x.eval.platforms.first();
    let mut doc = json!({
        "schema_version": 1,
        "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
        "method": x.eval.method.as_str(),
        "distance": {"metric": "l1", "description": DISTANCE},
        "profile": {"name": x.eval.profile.name, "weights": weights_json(&x.eval.profile.normalised_weights())},
        "platform": {"id": ps.platform.id, "name": ps.platform.name, "rank": ps.rank, "score": ps.score * 100.0},
        "first": first.map(|f| json!({"id": f.platform.id, "name": f.platform.name, "score": f.score * 100.0})),
    });
    match &x.reach {
        Reach::Excluded(why) => {
            doc["answer"] = json!("excluded");
            doc["excluded"] = json!(why);
        }
        Reach::First {
            weights,
            distance,
            rank,
            score,
            tied,
        } => {
            doc["answer"] = json!("first");
            doc["closest_weighting"] = json!({
                "weights": weights_json(weights),
                "distance": distance,
                "rank": rank,
                "score": score * 100.0,
                "tied_with": tied,
            });
        }
        Reach::Never {
            closest,
            shortfall,
            rivals,
            dominator,
        } => {
            doc["answer"] = json!("never");
            doc["never"] = json!({
                "dominated_by": dominator,
                "better_on": dominator.as_deref().map(|d| better_on(x, d)),
                "closest_weights": weights_json(closest),
                "shortfall": shortfall * 100.0,
                "rivals": rivals,
            });
        }
    }
    doc["upgrades"] = match &x.upgrades {
        None => Value::Null,
        Some(Ok(steps)) => json!({
            "goal": "rank 1 under the profile's weights",
            "steps": steps.iter().map(step_json).collect::<Vec<_>>(),
            "sentence": fewest::sentence(steps),
        }),
        Some(Err(why)) => json!({"goal": "rank 1 under the profile's weights", "impossible": why}),
    };
    doc
}

/// One upgrade in JSON: the criterion, the levels, and the points it adds (0..100).
pub(crate) fn step_json(u: &fewest::Upgrade) -> Value {
    json!({"criterion": u.path(), "from": u.from.as_str(), "to": u.to.as_str(), "points": u.points * 100.0})
}

fn text(x: &Explanation<'_>, md: bool) -> String {
    let ps = &x.eval.platforms[x.target];
    let d = ps.platform;
    let esc = |s: &str| if md { escape(s) } else { s.to_owned() };
    let code = |s: &str| if md { format!("`{s}`") } else { s.to_owned() };
    let mut out = String::new();
    if md {
        let _ = writeln!(
            out,
            "## What would it take for {} to come first?\n",
            esc(&d.name)
        );
    }
    let ranked = x.eval.platforms.iter().filter(|p| p.rank.is_some()).count();
    let now = match ps.rank {
        Some(r) => format!("ranks {r} of {ranked} with {}", pct(ps.score)),
        None => "is not ranked".to_owned(),
    };
    let first = x
        .eval
        .platforms
        .first()
        .filter(|f| f.platform.id != d.id && f.rank.is_some())
        .map_or_else(String::new, |f| {
            format!("; first is {} with {}", esc(&f.platform.name), pct(f.score))
        });
    // The command line's own changes to the profile, which the numbers below include.
    let overrides = x.eval.profile.invocation.overrides();
    let overrides = if overrides.is_empty() {
        String::new()
    } else {
        format!(" with {}", code(&overrides.join(" ")))
    };
    let _ = writeln!(
        out,
        "{} ({}) {now} under profile {}{overrides} (method {}){first}.",
        esc(&d.name),
        code(&d.id),
        code(&x.eval.profile.name),
        x.eval.method.as_str()
    );
    let w0 = x.eval.profile.normalised_weights();
    match &x.reach {
        Reach::Excluded(why) => {
            let _ = writeln!(
                out,
                "\nNo weighting can make it first: the profile's [require] leaves it out of the ranking ({}).",
                esc(&why.join("; "))
            );
        }
        Reach::First {
            weights,
            distance,
            rank,
            score,
            tied,
        } => {
            if *distance < 1e-12 {
                let _ = writeln!(out, "\nIt ranks first under the profile's own weights.");
            } else {
                let _ = writeln!(
                    out,
                    "\nThe closest weighting under which it ranks first moves {:.1} % of the weight between requirements (L1 distance {:.4} on the normalised weights):\n",
                    distance * 50.0,
                    distance
                );
                weight_table(&mut out, &w0, weights, md);
                let rank = rank.map_or_else(|| "unranked".to_owned(), |r| r.to_string());
                let tie = if tied.is_empty() {
                    String::new()
                } else {
                    let names: Vec<String> = tied.iter().map(|t| esc(name_of(x, t))).collect();
                    format!(", tied with {}", names.join(", "))
                };
                let _ = writeln!(
                    out,
                    "\nUnder it {} scores {} and ranks {rank}{tie}.",
                    esc(&d.name),
                    pct(*score)
                );
                let cmd = command(x, weights);
                if md {
                    let _ = writeln!(out, "\n```sh\n{cmd}\n```");
                } else {
                    let _ = writeln!(out, "Reproduce: {cmd}");
                }
            }
        }
        Reach::Never {
            closest,
            shortfall,
            rivals,
            dominator,
        } => {
            if let Some(dom) = dominator {
                let on: Vec<String> = better_on(x, dom).iter().map(|r| code(r)).collect();
                let _ = writeln!(
                    out,
                    "\nNo weighting makes it first: {} is at least as good on every requirement and better on {}.",
                    esc(name_of(x, dom)),
                    on.join(", ")
                );
            } else {
                let names: Vec<String> = rivals.iter().map(|r| esc(name_of(x, r))).collect();
                let who = if names.len() == 1 {
                    names[0].clone()
                } else {
                    format!("one of {}", names.join(", "))
                };
                let _ = writeln!(
                    out,
                    "\nNo weighting makes it first: whatever the weights, {who} scores higher."
                );
            }
            if *shortfall < 0.0005 {
                let _ = writeln!(out, "At best it ties, here:\n");
            } else {
                let _ = writeln!(
                    out,
                    "It comes closest here, {:.1} points behind:\n",
                    shortfall * 100.0
                );
            }
            weight_table(&mut out, &w0, closest, md);
        }
    }
    match &x.upgrades {
        Some(Ok(steps)) if !steps.is_empty() => {
            let _ = writeln!(
                out,
                "\nTo rank first under the profile's own weights instead, {} (the fewest criteria).",
                esc(&fewest::sentence(steps))
            );
        }
        Some(Err(why)) => {
            let _ = writeln!(
                out,
                "\nUnder the profile's own weights it cannot rank first by raising levels: {}.",
                esc(why.trim_start_matches("no upgrade of levels is enough: "))
            );
        }
        _ => {}
    }
    out
}

fn weight_table(out: &mut String, w0: &[f64; COUNT], w: &[f64; COUNT], md: bool) {
    if md {
        out.push_str("| Requirement | Profile | Closest | Change |\n|---|---:|---:|---:|\n");
    } else {
        let _ = writeln!(
            out,
            "  {:<15} {:>8} {:>8} {:>8}",
            "requirement", "profile", "closest", "change"
        );
    }
    for (j, req) in REQUIREMENTS.iter().enumerate() {
        if is_optional(j) && w0[j] == 0.0 && w[j] == 0.0 {
            continue;
        }
        let (a, b) = (w0[j] * 100.0, w[j] * 100.0);
        // Round-off shows as −0.0 otherwise.
        let b = if (b - a).abs() < 0.05 { a } else { b };
        if md {
            let _ = writeln!(
                out,
                "| `{}` | {a:.1} % | {b:.1} % | {:+.1} |",
                req.id,
                b - a
            );
        } else {
            let _ = writeln!(
                out,
                "  {:<15} {:>6.1} % {:>6.1} % {:>+8.1}",
                req.id,
                a,
                b,
                b - a
            );
        }
    }
}
