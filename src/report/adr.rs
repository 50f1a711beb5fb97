//! `--format adr`: an architecture decision record in the MADR layout, for a team to edit and
//! commit. The options, drivers, pros and cons come from the evaluation; the people and the
//! date are left for the team to fill in.

use std::fmt::Write as _;

use super::markdown::escape;
use super::{pct, share};
use crate::requirements::{COUNT, Level, REQUIREMENTS, Source, shown, shown_with};
use crate::score::{Evaluation, PlatformScore};

/// The decision record; with `top`, the options ranked N or better only (a line counts the
/// rest), as every other report does.
pub fn render(eval: &Evaluation<'_>, top: Option<usize>) -> String {
    let w = eval.profile.normalised_weights();
    let ranked: Vec<&PlatformScore<'_>> = super::shown(eval, top)
        .iter()
        .filter(|p| p.rank.is_some())
        .collect();
    let chosen = eval
        .recommendation
        .as_ref()
        .map(|r| &eval.platforms[r.index]);
    let mut out = String::from(
        "---\nstatus: proposed\ndate: YYYY-MM-DD\ndecision-makers: list everyone involved in the decision\n---\n\n",
    );
    match chosen {
        Some(c) => {
            let _ = writeln!(
                out,
                "# Deploy our microservices on {}\n",
                escape(&c.platform.name)
            );
        }
        None => out.push_str("# Choose a platform to deploy our microservices on\n\n"),
    }

    out.push_str("## Context and Problem Statement\n\n");
    let _ = writeln!(
        out,
        "We are splitting our application into microservices and must choose the platform they \
are deployed on. The platform must support the languages we write our services in (team \
languages: {}), run and build container images, deploy automatically from configuration and \
CI, spread load and recover from failures, and collect metrics and logs. We compared {} \
candidate platforms with platform-eval (method {}, profile `{}`); every claim behind the \
scores has a source in the platform's documentation (`platform-eval show ID`).\n",
        eval.profile.languages.join(", "),
        eval.platforms.len(),
        eval.method.as_str(),
        escape(&eval.profile.name)
    );

    out.push_str("## Decision Drivers\n\n");
    for (j, req) in shown_with(&eval.profile.weights) {
        let _ = writeln!(
            out,
            "* {} (`{}`, weight {}): {}",
            req.title,
            req.id,
            share(w[j]),
            req.meaning
        );
    }
    for c in &eval.profile.require {
        let _ = writeln!(out, "* Hard constraint: {}", escape(&c.to_string()));
    }

    out.push_str("\n## Considered Options\n\n");
    for p in &ranked {
        let _ = writeln!(
            out,
            "* {} (rank {}, score {})",
            escape(&p.platform.name),
            p.rank.unwrap_or(0),
            pct(p.score)
        );
    }
    if top.is_some() {
        let more = eval.platforms.iter().filter(|p| p.rank.is_some()).count() - ranked.len();
        if more > 0 {
            let _ = writeln!(
                out,
                "* and {more} more ranked below them (left out by `--top`)"
            );
        }
    }
    let excluded: Vec<&PlatformScore<'_>> =
        eval.platforms.iter().filter(|p| p.rank.is_none()).collect();
    if top.is_some() && !excluded.is_empty() {
        let _ = writeln!(
            out,
            "* and {} excluded by the profile's constraints",
            excluded.len()
        );
    } else {
        for p in excluded {
            let _ = writeln!(
                out,
                "* {} (excluded: {})",
                escape(&p.platform.name),
                escape(&p.excluded.join("; "))
            );
        }
    }

    out.push_str("\n## Decision Outcome\n\n");
    match (chosen, &eval.recommendation) {
        (Some(c), Some(r)) => {
            let because = if r.reason.starts_with("too close to call") {
                format!("it is listed first, though it is {}", r.reason)
            } else {
                format!("under our weights it {}", r.reason)
            };
            let _ = writeln!(
                out,
                "Chosen option: \"{}\", because {}\n",
                escape(&c.platform.name),
                escape(&because)
            );
            for s in super::stability_sentences(eval) {
                let _ = writeln!(out, "* {}", escape(&s));
            }
            if let Some(b) = super::first_share(eval, &c.platform.id) {
                let _ = writeln!(
                    out,
                    "* It is first in {} of plausible weightings ({}).",
                    share(b),
                    super::robustness_title(eval).unwrap_or_default()
                );
            }
            out.push_str("\n### Consequences\n\n");
            pros_and_cons(&mut out, c, &eval.profile.weights);
            out.push_str("\n### Confirmation\n\n");
            let _ = writeln!(
                out,
                "CI checks that the choice still meets our policy, and fails the day it does not:\n\n```sh\n{}\n```\n",
                confirmation(eval, c)
            );
        }
        _ => out.push_str(
            "No option meets every hard constraint of the profile; relax a constraint or add a candidate.\n",
        ),
    }

    out.push_str("## Pros and Cons of the Options\n");
    for p in &ranked {
        let _ = writeln!(out, "\n### {}\n", escape(&p.platform.name));
        if let Some(s) = &p.platform.summary {
            let _ = writeln!(out, "{}\n", escape(s));
        }
        pros_and_cons(&mut out, p, &eval.profile.weights);
    }

    out.push_str("\n## More Information\n\n");
    let _ = writeln!(
        out,
        "Generated by platform-eval {} with method {}. Scores are 0 to 100; `platform-eval evaluate --explain` \
shows the level, note and source behind each one, and `--format json` holds every number needed to \
recompute them.",
        env!("CARGO_PKG_VERSION"),
        eval.method.as_str()
    );
    out
}

/// Good: the two requirements that add most to its score under the team's weights (weight
/// times score, so a heavy requirement it does well in comes before a light one it aces).
/// Bad: the criteria it lacks or offers in part.
fn pros_and_cons(out: &mut String, p: &PlatformScore<'_>, w: &[f64; COUNT]) {
    let d = p.platform;
    let mut strong: Vec<usize> = shown(w).filter(|r| w[*r] > 0.0).collect();
    let adds = |r: usize| w[r] * p.requirements[r].score;
    strong.sort_by(|a, b| adds(*b).total_cmp(&adds(*a)).then(a.cmp(b)));
    for &j in strong.iter().take(2) {
        let native: Vec<&str> = REQUIREMENTS[j]
            .criteria
            .iter()
            .enumerate()
            .filter(|(c, crit)| {
                crit.source != Source::LanguageCoverage && d.claim(j, *c).value == Level::Native
            })
            .map(|(_, crit)| crit.id)
            .collect();
        let detail = if native.is_empty() {
            String::new()
        } else {
            format!("; built in: {}", native.join(", "))
        };
        let _ = writeln!(
            out,
            "* Good, because {} scores {}{}",
            REQUIREMENTS[j].title.to_lowercase(),
            pct(p.requirements[j].score),
            detail
        );
    }
    let mut bad = 0;
    for level in [Level::None, Level::Unknown, Level::Partial] {
        for (j, req) in shown_with(w) {
            for (c, crit) in req.criteria.iter().enumerate() {
                let claim = d.claim(j, c);
                if crit.source == Source::LanguageCoverage || claim.value != level || bad == 4 {
                    continue;
                }
                bad += 1;
                let note = claim
                    .note
                    .as_deref()
                    .map_or_else(String::new, |n| format!(": {}", escape(n)));
                let _ = writeln!(
                    out,
                    "* Bad, because `{}.{}` is {level}{note}",
                    req.id, crit.id
                );
            }
        }
    }
    if bad == 0 {
        let addons: Vec<String> = shown_with(w)
            .flat_map(|(j, req)| {
                req.criteria
                    .iter()
                    .enumerate()
                    .filter(move |(c, crit)| {
                        crit.source != Source::LanguageCoverage
                            && d.claim(j, *c).value == Level::Addon
                    })
                    .map(move |(_, crit)| format!("`{}.{}`", req.id, crit.id))
            })
            .collect();
        if addons.is_empty() {
            out.push_str("* Neutral, because no criterion is missing, partial or an add-on.\n");
        } else {
            let _ = writeln!(
                out,
                "* Neutral, because no criterion is missing or partial; its weakest points are add-ons: {}.",
                addons.join(", ")
            );
        }
    }
}

/// The `check` command that guards this decision: the profile's own policy when it has one,
/// else a floor five points under today's score and a place in the top three.
fn confirmation(eval: &Evaluation<'_>, chosen: &PlatformScore<'_>) -> String {
    let p = &eval.profile.policy;
    let profile = if !eval.profile.invocation.inputs.is_empty() {
        // The run's own platforms, profile and selection, so the line checks what was weighed.
        eval.profile.invocation.args(true)
    } else if eval.profile.file.is_some() || eval.profile.name != "balanced" {
        format!(
            " --profile {}",
            eval.profile.name.trim_start_matches("preset:")
        )
    } else {
        String::new()
    };
    let method = if eval.method == crate::analysis::Method::Wsm {
        String::new()
    } else {
        format!(" --method {}", eval.method.as_str())
    };
    let has_policy =
        p.min_score.is_some() || !p.min.is_empty() || p.max_rank.is_some() || !p.require.is_empty();
    if has_policy {
        format!(
            "platform-eval check {}{profile}{method}",
            chosen.platform.id
        )
    } else {
        #[allow(clippy::cast_possible_truncation)] // a score is 0..100
        let floor = ((chosen.score * 100.0).floor() as i64 - 5).max(0);
        format!(
            "platform-eval check {}{profile}{method} --min-score {floor} --max-rank 3",
            chosen.platform.id
        )
    }
}
