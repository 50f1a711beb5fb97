//! When the five requirements do not separate the leaders, say what does: the decisive facts on
//! which they differ, and the one `[require]` line that would decide between them.

use std::fmt::Write as _;

use crate::catalog::descriptor::Descriptor;
use crate::catalog::facts::RegionGroup;
use crate::requirements::Level;

/// A fact the leaders may differ on: its key and each leader's value (`None`: not stated).
struct Fact {
    key: &'static str,
    values: Vec<Option<String>>,
    /// Whether `[require] KEY = ["VALUE"]` is a gate (idle cost is weighed, not gated).
    gated: bool,
}

/// What `d` states for each decisive fact, in the order the sentence names them.
fn facts_of(leaders: &[&Descriptor]) -> Vec<Fact> {
    let of = |key, gated, f: &dyn Fn(&Descriptor) -> Option<String>| Fact {
        key,
        values: leaders.iter().map(|d| f(d)).collect(),
        gated,
    };
    vec![
        of("provider", true, &|d| {
            d.facts.provider.as_ref().map(|e| e.value.clone())
        }),
        of("api", true, &|d| {
            d.facts.api.as_ref().map(|e| e.value.to_string())
        }),
        of("operations", true, &|d| {
            d.facts.operations.as_ref().map(|e| e.value.to_string())
        }),
        of("idle_cost", false, &|d| {
            d.facts.idle_cost.as_ref().map(|e| e.value.to_string())
        }),
        // A region gate asks for availability: native and partial both pass it.
        of(
            "regions",
            true,
            &|d| match d.facts.region(RegionGroup::CnMainland) {
                Level::Unknown => None,
                Level::None => Some("not in cn-mainland".to_owned()),
                _ => Some("cn-mainland".to_owned()),
            },
        ),
        of("lifecycle", true, &|d| {
            Some(d.facts.status().as_str().to_owned())
        }),
    ]
}

/// "beyond the five requirements they differ on provider (alibaba, amazon) and operations (serverless, managed-nodes):
/// `[require] operations = ["serverless"]` leaves X first". `None` when every decisive fact
/// is the same (or unstated) on all of them.
pub(super) fn sentence(leaders: &[&Descriptor]) -> Option<String> {
    let facts = facts_of(leaders);
    let differing: Vec<&Fact> = facts
        .iter()
        .filter(|f| {
            let mut stated = f.values.iter().flatten();
            let first = stated.next();
            // Two leaders that state different values: one that says nothing decides nothing.
            first.is_some_and(|v| stated.any(|w| w != v))
        })
        .collect();
    if differing.is_empty() {
        return None;
    }
    let list: Vec<String> = differing
        .iter()
        .map(|f| {
            let mut seen: Vec<&str> = Vec::new();
            for v in f.values.iter().flatten() {
                if !seen.contains(&v.as_str()) {
                    seen.push(v);
                }
            }
            format!("{} ({})", f.key, seen.join(", "))
        })
        .collect();
    let mut out = format!(
        "beyond the five requirements they differ on {}",
        and_list(&list)
    );
    if let Some((line, kept)) = gate(&differing, leaders) {
        let _ = write!(out, ": `{line}` under `[require]` {kept}");
    }
    Some(out)
}

/// The gate that keeps the fewest leaders (best: one), the first leader's value first; with
/// the names it keeps. A gate that keeps all of them or none decides nothing.
fn gate(differing: &[&Fact], leaders: &[&Descriptor]) -> Option<(String, String)> {
    let mut best: Option<(usize, String, Vec<usize>)> = None;
    for f in differing.iter().filter(|f| f.gated) {
        for v in f.values.iter().flatten() {
            if v == "not in cn-mainland" {
                continue; // no gate asks for absence
            }
            let kept: Vec<usize> = (0..leaders.len())
                .filter(|&i| f.values[i].as_ref() == Some(v))
                .collect();
            if kept.is_empty() || kept.len() == leaders.len() {
                continue;
            }
            if best.as_ref().is_none_or(|(n, ..)| kept.len() < *n) {
                let line = if f.key == "regions" {
                    format!("regions = [\"{v}\"]")
                } else {
                    format!("{} = [\"{v}\"]", f.key)
                };
                best = Some((kept.len(), line, kept));
            }
        }
    }
    let (n, line, kept) = best?;
    let names: Vec<String> = kept.iter().map(|&i| leaders[i].name.clone()).collect();
    let kept = if n == 1 {
        format!("leaves {} first", names[0])
    } else {
        format!("keeps only {}", and_list(&names))
    };
    Some((line, kept))
}

fn and_list(items: &[String]) -> String {
    match items {
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => items.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostics, SourceFile};
    use std::sync::Arc;

    fn descriptor(id: &str, facts: &str) -> Descriptor {
        let text = format!("name: {id}\n{facts}");
        let file = Arc::new(SourceFile::new(format!("{id}.yaml"), text.clone()));
        let root = crate::catalog::yaml::parse(&text).unwrap();
        let mut diags = Diagnostics::default();
        crate::catalog::parse::from_node(&root, &file, id, false, &mut diags).expect("parses")
    }

    #[test]
    fn the_facts_that_differ_are_named_with_a_gate_that_decides() {
        let a = descriptor(
            "a",
            "provider: alibaba\noperations: serverless\napi: proprietary\n",
        );
        let b = descriptor(
            "b",
            "provider: amazon\noperations: managed-nodes\napi: proprietary\n",
        );
        let s = sentence(&[&a, &b]).unwrap();
        assert_eq!(
            s,
            "beyond the five requirements they differ on provider (alibaba, amazon) and operations (serverless, managed-nodes): `provider = [\"alibaba\"]` under `[require]` leaves a first"
        );
    }

    #[test]
    fn a_fact_one_leader_leaves_unstated_separates_nothing() {
        let a = descriptor("a", "provider: alibaba\n");
        let b = descriptor("b", "api: kubernetes\n");
        assert_eq!(sentence(&[&a, &b]), None);
    }

    #[test]
    fn idle_cost_is_named_but_never_gated_and_regions_gate_on_availability() {
        let a = descriptor(
            "a",
            "idle_cost: scales-to-zero\nregions: {cn-mainland: none}\n",
        );
        let b = descriptor(
            "b",
            "idle_cost: cluster-fee\nregions: {cn-mainland: partial}\n",
        );
        let c = descriptor(
            "c",
            "idle_cost: cluster-fee\nregions: {cn-mainland: native}\n",
        );
        let s = sentence(&[&a, &b, &c]).unwrap();
        assert!(
            s.contains("idle_cost (scales-to-zero, cluster-fee) and regions (not in cn-mainland, cn-mainland)"),
            "{s}"
        );
        // No gate asks for absence or for an idle cost: the region gate keeps b and c.
        assert!(
            s.ends_with("`regions = [\"cn-mainland\"]` under `[require]` keeps only b and c"),
            "{s}"
        );
    }
}
