//! `explain PLATFORM`: the closest weighting under which it ranks first, checked by scoring
//! again under that weighting, from the same matrix the ranking prints.

use super::closest::{self, Answer, Question};
use crate::analysis::Method;
use crate::profile::Profile;
use crate::requirements::COUNT;
use crate::score::{self, Evaluation};

/// The distance `explain` minimises, named in every output.
pub const DISTANCE: &str =
    "L1 on the normalised weights (the total weight moved between requirements; 0 to 2)";

/// What `explain` found for one platform.
#[derive(Debug, Clone)]
pub struct Explanation<'a> {
    /// The evaluation under the profile's own weights.
    pub eval: Evaluation<'a>,
    /// Index of the platform into `eval.platforms`.
    pub target: usize,
    pub reach: Reach,
    /// The fewest upgrades that make it rank first under the profile's own weights (WSM
    /// only: elsewhere gains do not add up independently).
    pub upgrades: Option<super::fewest::Plan>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reach {
    /// `[require]` leaves it out of the ranking, whatever the weights.
    Excluded(Vec<String>),
    /// Under `weights` (normalised) it ranks `rank` (1: the solver's answer, checked by
    /// scoring again) with `score` (0..1), shared with `tied`.
    First {
        weights: [f64; COUNT],
        distance: f64,
        rank: Option<usize>,
        score: f64,
        tied: Vec<String>,
    },
    /// No weighting makes it first. At `closest` it trails `rivals` by `shortfall` points
    /// (0..1); `dominator` is at least as good on every requirement, better on one.
    Never {
        closest: [f64; COUNT],
        shortfall: f64,
        rivals: Vec<String>,
        dominator: Option<String>,
    },
}

/// Explains `id` (which must be in `eval`). `free_zero` lets the weights the profile holds
/// at 0 move too. Only WSM and WPM are linear (in the weights, or in their logs).
pub fn explain<'a>(
    eval: Evaluation<'a>,
    id: &str,
    free_zero: bool,
    platforms: &'a [crate::catalog::descriptor::Descriptor],
) -> Option<Explanation<'a>> {
    let target = eval.platforms.iter().position(|p| p.platform.id == id)?;
    let profile = eval.profile;
    let ps = &eval.platforms[target];
    if !ps.excluded.is_empty() {
        let reach = Reach::Excluded(ps.excluded.clone());
        return Some(Explanation {
            eval,
            target,
            reach,
            upgrades: None,
        });
    }
    let method = match eval.method {
        Method::Wsm => closest::Method::Wsm,
        Method::Wpm => closest::Method::Wpm,
        Method::Topsis => return None,
    };
    let m = &eval.matrix;
    let rows: Vec<Vec<f64>> = (0..m.values.rows())
        .map(|i| m.values.row(i).to_vec())
        .collect();
    let t = m.ids.iter().position(|i| i == id)?;
    let w0 = profile.normalised_weights();
    let fixed: Vec<bool> = w0.iter().map(|w| *w == 0.0 && !free_zero).collect();
    let front = closest::pareto_front(&rows);
    let answer = closest::closest_first(&Question {
        rows: &rows,
        target: t,
        w0: &w0,
        fixed_zero: &fixed,
        method,
        front: Some(&front),
    });
    let ids = |v: &[usize]| -> Vec<String> { v.iter().map(|&i| m.ids[i].clone()).collect() };
    let reach = match answer {
        Answer::First { weights, distance } => {
            let weights: [f64; COUNT] = std::array::from_fn(|j| weights[j]);
            let again = Rescored::new(platforms, profile, eval.method, weights, id);
            Reach::First {
                weights,
                distance,
                rank: again.rank,
                score: again.score,
                tied: again.tied,
            }
        }
        Answer::Never {
            closest,
            rivals,
            dominator,
            ..
        } => {
            let closest: [f64; COUNT] = std::array::from_fn(|j| closest[j]);
            let again = Rescored::new(platforms, profile, eval.method, closest, id);
            Reach::Never {
                closest,
                shortfall: (again.best_other - again.score).max(0.0),
                rivals: ids(&rivals),
                dominator: dominator.map(|d| m.ids[d].clone()),
            }
        }
    };
    let upgrades = (eval.method == Method::Wsm)
        .then(|| super::fewest::first_goal(&eval, id))
        .flatten()
        .map(|goal| super::fewest::fewest(eval.platforms[target].platform, profile, &goal));
    Some(Explanation {
        eval,
        target,
        reach,
        upgrades,
    })
}

/// The platform scored again under other weights (everything else as the profile has it).
struct Rescored {
    rank: Option<usize>,
    score: f64,
    /// The other platforms ranked first with it.
    tied: Vec<String>,
    /// The best score of any other ranked platform.
    best_other: f64,
}

impl Rescored {
    fn new(
        platforms: &[crate::catalog::descriptor::Descriptor],
        profile: &Profile,
        method: Method,
        weights: [f64; COUNT],
        id: &str,
    ) -> Rescored {
        let p = Profile {
            weights,
            ..profile.clone()
        };
        let e = score::evaluate(platforms, &p, method);
        let others = || {
            e.platforms
                .iter()
                .filter(|q| q.platform.id != id && q.rank.is_some())
        };
        let me = e.platforms.iter().find(|q| q.platform.id == id);
        Rescored {
            rank: me.and_then(|q| q.rank),
            score: me.map_or(0.0, |q| q.score),
            tied: others()
                .filter(|q| q.rank == Some(1))
                .map(|q| q.platform.id.clone())
                .collect(),
            best_other: others().map(|q| q.score).fold(0.0, f64::max),
        }
    }
}
