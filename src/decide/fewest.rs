//! The fewest upgrades for one platform: which criteria would have to rise, to which level,
//! for it to rank first (`explain`) or to pass the failed thresholds of `check`. The gains
//! come from scoring the platform again with one criterion raised; [`super::upgrades`]
//! chooses among them.
//!
//! Under the weighted sum the overall score is Σ_j W_j R_j / Σ W and each requirement score
//! R_j is a weighted mean of its criteria's values (`language_coverage` moves with
//! `custom_runtime`, still in the same requirement): raising one criterion changes only its
//! own terms, so gains add up independently, which is what makes the choice exact. The
//! other platforms' scores do not move. Only WSM has that property; other methods get no plan.

use std::fmt::Write as _;

use super::upgrades::{self, Candidate, Impossible, Option_, Targets};
use crate::analysis::TIE_EPS;
use crate::catalog::descriptor::Descriptor;
use crate::profile::Profile;
use crate::requirements::{COUNT, Level, REQUIREMENTS, Source};
use crate::score::{self, Evaluation};

/// One criterion to raise.
#[derive(Debug, Clone, PartialEq)]
pub struct Upgrade {
    pub requirement: usize,
    pub criterion: usize,
    pub from: Level,
    pub to: Level,
    /// What it adds to the overall score (0..1).
    pub points: f64,
}

impl Upgrade {
    /// `observability.tracing`.
    pub fn path(&self) -> String {
        format!(
            "{}.{}",
            REQUIREMENTS[self.requirement].id,
            REQUIREMENTS[self.requirement].criteria[self.criterion].id
        )
    }
}

/// The answer: a plan (empty when nothing needs to rise), or why none exists.
pub type Plan = Result<Vec<Upgrade>, String>;

/// What has to be reached, on the 0..1 scale.
#[derive(Debug, Clone, Copy, Default)]
pub struct Goal {
    /// Overall score at least this.
    pub overall: Option<f64>,
    /// Requirement scores at least these.
    pub requirements: [Option<f64>; COUNT],
}

/// The fewest upgrades for `d` to reach `goal` under `profile` (WSM).
pub fn fewest(d: &Descriptor, profile: &Profile, goal: &Goal) -> Plan {
    let now = score::score(d, profile);
    let total: f64 = profile.weights.iter().sum();
    let share: [f64; COUNT] = std::array::from_fn(|r| {
        if total > 0.0 {
            profile.weights[r] / total
        } else {
            0.0
        }
    });
    let mut candidates = Vec::new();
    let mut index = Vec::new();
    for (r, req) in REQUIREMENTS.iter().enumerate() {
        for (c, crit) in req.criteria.iter().enumerate() {
            if crit.source != Source::Level {
                continue; // language coverage is derived; custom_runtime moves it
            }
            let level = d.claim(r, c).value;
            let options: Vec<Option_> = Level::KNOWN
                .iter()
                .rev() // none, partial, addon, native: rising
                .filter(|l| better(**l, level, profile))
                .filter_map(|&to| {
                    let mut raised = d.clone();
                    raised.claims[r][c].value = to;
                    let gain = score::score(&raised, profile).requirements[r].score
                        - now.requirements[r].score;
                    (gain > 0.0).then(|| Option_ {
                        level: strength(to),
                        // Exactly proportional within a requirement, as the solver needs.
                        overall: gain * share[r],
                        requirement: gain,
                    })
                })
                .collect();
            if !options.is_empty() {
                candidates.push(Candidate {
                    id: index.len(),
                    requirement: r,
                    options,
                });
                index.push((r, c, level));
            }
        }
    }
    // Ties count as reached (the ranking's tolerance), so ask a hair less.
    let deficit = |want: f64, have: f64| (want - have - TIE_EPS / 2.0).max(0.0);
    let targets = Targets {
        overall: goal.overall.map(|g| deficit(g, now.score)),
        requirements: (0..COUNT)
            .filter_map(|r| {
                goal.requirements[r].map(|g| (r, deficit(g, now.requirements[r].score)))
            })
            .collect(),
    };
    match upgrades::solve(&candidates, &targets) {
        Ok(plan) => Ok(plan
            .steps
            .iter()
            .map(|s| {
                let (r, c, from) = index[s.id];
                Upgrade {
                    requirement: r,
                    criterion: c,
                    from,
                    to: level_of(s.level),
                    points: s.overall,
                }
            })
            .collect()),
        Err(e) => Err(why(&e)),
    }
}

/// The goal of ranking first under the evaluation's weights: the best other ranked score
/// (a tie shares the first rank). `None` when [require] leaves the platform out.
pub fn first_goal(eval: &Evaluation<'_>, id: &str) -> Option<Goal> {
    rank_goal(eval, id, 1)
}

/// The goal of ranking within the top `k`: at least the k-th best other ranked score.
pub fn rank_goal(eval: &Evaluation<'_>, id: &str, k: usize) -> Option<Goal> {
    let me = eval.platforms.iter().find(|p| p.platform.id == id)?;
    if !me.excluded.is_empty() {
        return None;
    }
    let mut others: Vec<f64> = eval
        .platforms
        .iter()
        .filter(|p| p.platform.id != id && p.rank.is_some())
        .map(|p| p.score)
        .collect();
    others.sort_by(|a, b| b.total_cmp(a));
    Some(Goal {
        overall: others.get(k.saturating_sub(1)).copied(),
        ..Goal::default()
    })
}

/// "raise observability.tracing to native (+4.0) and resilience.autoscaling to addon (+2.4)".
pub fn sentence(plan: &[Upgrade]) -> String {
    let parts: Vec<String> = plan
        .iter()
        .map(|u| format!("{} to {} (+{:.1})", u.path(), u.to, u.points * 100.0))
        .collect();
    let mut out = String::from("raise ");
    match parts.as_slice() {
        [] => return "nothing to raise".into(),
        [one] => out.push_str(one),
        [init @ .., last] => {
            let _ = write!(out, "{} and {last}", init.join(", "));
        }
    }
    out
}

fn why(e: &Impossible) -> String {
    let parts: Vec<String> = e
        .unmet
        .iter()
        .map(|s| {
            let what = match s.target {
                upgrades::Target::Overall => "the overall score".to_owned(),
                upgrades::Target::Requirement(r) => REQUIREMENTS[r].id.to_owned(),
            };
            format!(
                "{what} stays {:.1} points short with every criterion at native",
                s.missing() * 100.0
            )
        })
        .collect();
    format!("no upgrade of levels is enough: {}", parts.join("; "))
}

/// Whether `to` is worth more than `from` under the profile (`unknown` counts as `treat_as`).
fn better(to: Level, from: Level, profile: &Profile) -> bool {
    let value = |l: Level| profile.levels.get(l).unwrap_or(profile.unknown_value());
    let higher = match from.strength() {
        Some(f) => strength(to) > f,
        None => true,
    };
    higher && value(to) > value(from)
}

fn strength(l: Level) -> u8 {
    l.strength().unwrap_or(0)
}

fn level_of(strength: u8) -> Level {
    Level::KNOWN
        .iter()
        .copied()
        .find(|l| l.strength() == Some(strength))
        .unwrap_or(Level::Native)
}
