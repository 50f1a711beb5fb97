//! "Which upgrades would make it pass?": the fewest criteria to raise, and to which level,
//! so that a platform covers its deficits on the overall score and on some requirements.
//!
//! Under the weighted sum a platform's overall score S and each requirement score R_j are sums
//! of independent per-criterion terms. Raising criterion c of requirement j(c) to a higher
//! level L adds `overall` to S and `requirement` to R_j(c) (one [`Option_`]) and nothing else.
//! A target is *covered* when its gains reach `deficit − EPS`.
//!
//! # The assumption
//!
//! Within one requirement j, overall gain is proportional to requirement gain with the same
//! factor f_j ≥ 0 for every criterion and level (under WSM f_j = W_j / Σ W). [`solve`] checks
//! it (and that gains are finite, non-negative and grow with the level) and panics when it
//! does not hold: the gains come from the scoring code, so a violation is a bug there, not
//! bad input. Without it the overall and requirement orders inside j could disagree and the
//! problem would be a two-dimensional covering problem that no greedy solves.
//!
//! # The algorithm
//!
//! Only each candidate's best option (its highest level, which has the largest gains) matters
//! for choosing the set: raising a chosen criterion further never uncovers a target.
//!
//! 1. For each requirement target j, order j's candidates by requirement gain (descending)
//!    and take them until the deficit is covered; k_j is that count (0 with no target).
//! 2. With an overall target, add to those the remaining candidates (of every requirement) by
//!    overall gain, descending, until the overall deficit is covered.
//! 3. Trim levels: from the smallest overall gain up, lower each chosen criterion to its
//!    lowest option that keeps every target covered, the others held where they are.
//!
//! Ties break by id (ascending). Steps are reported by overall gain (descending), then id.
//!
//! # Why it is optimal
//!
//! Let G_j(n) be the sum of the n largest best-option gains of j (requirement gains for R_j;
//! overall gains, which order the same way by the assumption, for S).
//!
//! *Requirement counts are exact.* Any n criteria of j gain at most G_j(n) on R_j, because
//! gains are independent and each is at most its best option's. So every covering set holds
//! at least k_j criteria of j, and step 1's k_j criteria cover R_j.
//!
//! *Step 2 is optimal (exchange argument).* Take any set T of m criteria covering every
//! target, each raised to its best option (raising keeps it covering), with n_j ≥ k_j of them
//! in requirement j. Exchange T's members in j, one at a time, for j's candidates with the
//! largest gains (the top n_j): each exchange swaps a criterion for one whose requirement gain
//! is at least as large and, by the assumption, whose overall gain is too, so T keeps covering
//! every target and its overall gain does not drop. Now T is the top k_j of each j plus m − K
//! others (K = Σ k_j), all outside those tops; their overall gain is at most that of the
//! m − K best outside the tops, which is exactly what step 2 adds. So for every m, step 2's
//! set of size m has the largest overall gain of any size-m set covering the requirements;
//! that gain grows with m, so the first m at which it covers S is the fewest possible, and
//! among sets of that size the chosen one has the largest overall gain (at best levels).
//!
//! *Trimming keeps the count.* It changes levels, never the set, and stops at a covering
//! level (the best option always covers). Lowering a later step only lowers the totals, so
//! when trimming ends no single step can be lowered on its own.
//!
//! *Feasibility.* Raising every candidate to its best option maximises S and every R_j at
//! once, so the targets can be met together exactly when each one is met that way;
//! otherwise [`Impossible`] lists every target that falls short and by how much.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

/// Slack on every coverage test: a target is covered when its gains reach `deficit − EPS`.
pub const EPS: f64 = 1e-12;

/// Relative tolerance of the proportionality check (gains are computed as
/// `requirement × W_j / Σ W`, so they agree to a few ulps).
const PROPORTIONAL_TOL: f64 = 1e-9;

/// One level a criterion can be raised to, with what that raise adds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Option_ {
    /// The caller's level code; higher is better.
    pub level: u8,
    /// Added to the overall score.
    pub overall: f64,
    /// Added to the score of the candidate's requirement.
    pub requirement: f64,
}

/// A criterion that can be raised.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The caller's index for the criterion; reported back in [`Step::id`].
    pub id: usize,
    /// The requirement it belongs to.
    pub requirement: usize,
    /// The reachable higher levels, in any order; gains grow with the level.
    pub options: Vec<Option_>,
}

/// What must be covered. A deficit of at most [`EPS`] is met already.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Targets {
    /// The overall score's deficit.
    pub overall: Option<f64>,
    /// Per-requirement deficits; a requirement listed twice must cover the larger one.
    pub requirements: Vec<(usize, f64)>,
}

/// One raise of the plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// The [`Candidate::id`].
    pub id: usize,
    /// The level to raise it to.
    pub level: u8,
    /// Gain on the overall score at that level.
    pub overall: f64,
    /// Gain on its requirement's score at that level.
    pub requirement: f64,
}

/// The fewest raises that cover every target, by overall gain (descending), then id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub steps: Vec<Step>,
}

impl Plan {
    /// The plan's total gain on the overall score.
    pub fn overall(&self) -> f64 {
        self.steps.iter().map(|s| s.overall).sum()
    }
}

/// A deficit to cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Overall,
    Requirement(usize),
}

/// A target that stays uncovered with every candidate at its best option.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shortfall {
    pub target: Target,
    pub deficit: f64,
    /// The most the candidates can gain on it.
    pub reachable: f64,
}

impl Shortfall {
    /// By how much it falls short.
    pub fn missing(&self) -> f64 {
        self.deficit - self.reachable
    }
}

/// No set of raises covers every target: each uncovered one, overall first, then by
/// requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Impossible {
    pub unmet: Vec<Shortfall>,
}

impl fmt::Display for Impossible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no upgrades reach")?;
        for (i, s) in self.unmet.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            match s.target {
                Target::Overall => write!(f, "{sep}the overall score")?,
                Target::Requirement(j) => write!(f, "{sep}requirement {j}")?,
            }
            write!(f, " (short by {})", s.missing())?;
        }
        Ok(())
    }
}

impl std::error::Error for Impossible {}

/// The fewest criteria to raise so every target is covered; see the module docs.
///
/// # Panics
///
/// When a candidate's gains are not finite and non-negative, two of its options share a level,
/// its gains fall as the level rises, or within a requirement overall gain is not proportional
/// to requirement gain (the assumption the optimality proof needs).
pub fn solve(candidates: &[Candidate], targets: &Targets) -> Result<Plan, Impossible> {
    check(candidates);
    assert!(
        !targets.overall.is_some_and(f64::is_nan),
        "the overall deficit is NaN"
    );
    let overall = targets.overall.filter(|d| *d > EPS);
    let mut requirements: BTreeMap<usize, f64> = BTreeMap::new();
    for &(j, d) in &targets.requirements {
        assert!(!d.is_nan(), "requirement {j}: the deficit is NaN");
        if d > EPS {
            let e = requirements.entry(j).or_insert(d);
            *e = e.max(d);
        }
    }
    // Each candidate with an option, with its options by level and its best (last) one.
    let cands: Vec<(&Candidate, Vec<Option_>)> = candidates
        .iter()
        .filter(|c| !c.options.is_empty())
        .map(|c| (c, by_level(&c.options)))
        .collect();
    let best = |i: usize| *cands[i].1.last().expect("filtered to non-empty");

    // Feasibility: every candidate at its best option.
    let mut unmet = Vec::new();
    if let Some(d) = overall {
        let reachable = (0..cands.len()).map(|i| best(i).overall).sum();
        if !covers(reachable, d) {
            unmet.push(Shortfall {
                target: Target::Overall,
                deficit: d,
                reachable,
            });
        }
    }
    for (&j, &d) in &requirements {
        let reachable = (0..cands.len())
            .filter(|&i| cands[i].0.requirement == j)
            .map(|i| best(i).requirement)
            .sum();
        if !covers(reachable, d) {
            unmet.push(Shortfall {
                target: Target::Requirement(j),
                deficit: d,
                reachable,
            });
        }
    }
    if !unmet.is_empty() {
        return Err(Impossible { unmet });
    }

    // Step 1: each requirement's largest gains until covered.
    let mut chosen = vec![false; cands.len()];
    for (&j, &d) in &requirements {
        let mut own: Vec<usize> = (0..cands.len())
            .filter(|&i| cands[i].0.requirement == j)
            .collect();
        own.sort_by(|&a, &b| {
            desc(best(a).requirement, best(b).requirement)
                .then(desc(best(a).overall, best(b).overall))
                .then(cands[a].0.id.cmp(&cands[b].0.id))
        });
        let mut sum = 0.0;
        for i in own {
            if covers(sum, d) {
                break;
            }
            sum += best(i).requirement;
            chosen[i] = true;
        }
    }

    // Step 2: the best of the rest by overall gain until the overall deficit is covered.
    if let Some(d) = overall {
        let mut sum: f64 = (0..cands.len())
            .filter(|&i| chosen[i])
            .map(|i| best(i).overall)
            .sum();
        let mut rest: Vec<usize> = (0..cands.len()).filter(|&i| !chosen[i]).collect();
        rest.sort_by(|&a, &b| {
            desc(best(a).overall, best(b).overall)
                .then(desc(best(a).requirement, best(b).requirement))
                .then(cands[a].0.id.cmp(&cands[b].0.id))
        });
        for i in rest {
            if covers(sum, d) {
                break;
            }
            sum += best(i).overall;
            chosen[i] = true;
        }
    }

    // Step 3: trim levels, from the smallest gain up.
    let mut picked: Vec<usize> = (0..cands.len()).filter(|&i| chosen[i]).collect();
    picked.sort_by(|&a, &b| {
        best(a)
            .overall
            .total_cmp(&best(b).overall)
            .then(best(a).requirement.total_cmp(&best(b).requirement))
            .then(cands[a].0.id.cmp(&cands[b].0.id))
    });
    let mut level: BTreeMap<usize, Option_> = picked.iter().map(|&i| (i, best(i))).collect();
    let mut total_overall: f64 = level.values().map(|o| o.overall).sum();
    let mut total_req: BTreeMap<usize, f64> = BTreeMap::new();
    for (&i, o) in &level {
        *total_req.entry(cands[i].0.requirement).or_insert(0.0) += o.requirement;
    }
    for &i in &picked {
        let j = cands[i].0.requirement;
        let now = level[&i];
        // The lowest option below the current one that still covers every target; when none
        // does, the criterion stays at its best option (which covers, as steps 1 and 2 ended
        // covered).
        for &o in &cands[i].1 {
            if o.level >= now.level {
                break;
            }
            let s = total_overall - now.overall + o.overall;
            let r = total_req.get(&j).copied().unwrap_or(0.0) - now.requirement + o.requirement;
            let ok_overall = overall.is_none_or(|d| covers(s, d));
            let ok_req = requirements.get(&j).is_none_or(|&d| covers(r, d));
            if ok_overall && ok_req {
                total_overall = s;
                total_req.insert(j, r);
                level.insert(i, o);
                break;
            }
        }
    }

    let mut steps: Vec<Step> = level
        .into_iter()
        .map(|(i, o)| Step {
            id: cands[i].0.id,
            level: o.level,
            overall: o.overall,
            requirement: o.requirement,
        })
        .collect();
    steps.sort_by(|a, b| desc(a.overall, b.overall).then(a.id.cmp(&b.id)));
    Ok(Plan { steps })
}

fn covers(gain: f64, deficit: f64) -> bool {
    gain >= deficit - EPS
}

fn desc(a: f64, b: f64) -> Ordering {
    b.total_cmp(&a)
}

fn by_level(options: &[Option_]) -> Vec<Option_> {
    let mut v = options.to_vec();
    v.sort_by_key(|o| o.level);
    v
}

/// Panics unless the candidates meet the preconditions of [`solve`].
fn check(candidates: &[Candidate]) {
    // Per requirement: the option with the largest requirement gain fixes the factor f_j.
    let mut factor: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    for c in candidates {
        let options = by_level(&c.options);
        for o in &options {
            assert!(
                o.overall.is_finite()
                    && o.requirement.is_finite()
                    && o.overall >= 0.0
                    && o.requirement >= 0.0,
                "criterion {}: gains must be finite and non-negative, got {o:?}",
                c.id
            );
            let e = factor
                .entry(c.requirement)
                .or_insert((o.requirement, o.overall));
            if o.requirement > e.0 {
                *e = (o.requirement, o.overall);
            }
        }
        for w in options.windows(2) {
            assert!(
                w[0].level < w[1].level,
                "criterion {}: two options at level {}",
                c.id,
                w[0].level
            );
            assert!(
                w[0].overall <= w[1].overall && w[0].requirement <= w[1].requirement,
                "criterion {}: gains must grow with the level, got {:?} then {:?}",
                c.id,
                w[0],
                w[1]
            );
        }
    }
    for c in candidates {
        for o in &c.options {
            let (r0, o0) = factor[&c.requirement];
            // o.overall / o.requirement == o0 / r0, cross-multiplied so zeros need no case.
            let (a, b) = (o.overall * r0, o0 * o.requirement);
            assert!(
                (a - b).abs() <= PROPORTIONAL_TOL * a.max(b) + f64::MIN_POSITIVE
                    && (r0 > 0.0 || o.overall == 0.0),
                "criterion {} (requirement {}): overall gain {} is not proportional to \
                 requirement gain {} with the requirement's factor {o0}/{r0}",
                c.id,
                c.requirement,
                o.overall,
                o.requirement
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn opt(level: u8, overall: f64, requirement: f64) -> Option_ {
        Option_ {
            level,
            overall,
            requirement,
        }
    }

    fn cand(id: usize, requirement: usize, options: &[Option_]) -> Candidate {
        Candidate {
            id,
            requirement,
            options: options.to_vec(),
        }
    }

    fn chosen(plan: &Plan) -> Vec<(usize, u8)> {
        plan.steps.iter().map(|s| (s.id, s.level)).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    // Levels: 1 partial, 2 addon, 3 native. Five equal requirement weights: overall gain =
    // requirement gain / 5.
    const PARTIAL: u8 = 1;
    const ADDON: u8 = 2;
    const NATIVE: u8 = 3;

    #[test]
    fn issue_example_tracing_to_native_and_autoscaling_to_addon() {
        // tracing (observability, 4): partial +1.6, addon +2.8, native +4.0
        // autoscaling (resilience, 3): partial +1.2, addon +2.4, native +3.6
        // sbom (delivery, 2): addon +3.0 (from partial)
        // Overall deficit 6.2. Best gains 4.0, 3.6, 3.0: one is not enough, two are
        // (4.0 + 3.6 = 7.6 ≥ 6.2), so tracing and autoscaling at native. Trim from the smaller
        // gain: autoscaling partial 4.0 + 1.2 = 5.2 < 6.2, addon 4.0 + 2.4 = 6.4 ≥ 6.2 → addon.
        // Then tracing: partial 1.6 + 2.4 = 4.0, addon 2.8 + 2.4 = 5.2, both < 6.2 → native.
        let tracing = cand(
            10,
            4,
            &[
                opt(PARTIAL, 1.6, 8.0),
                opt(ADDON, 2.8, 14.0),
                opt(NATIVE, 4.0, 20.0),
            ],
        );
        let autoscaling = cand(
            7,
            3,
            &[
                opt(PARTIAL, 1.2, 6.0),
                opt(ADDON, 2.4, 12.0),
                opt(NATIVE, 3.6, 18.0),
            ],
        );
        let sbom = cand(4, 2, &[opt(NATIVE, 3.0, 15.0), opt(ADDON, 1.0, 5.0)]);
        let targets = Targets {
            overall: Some(6.2),
            requirements: vec![],
        };
        let plan = solve(&[sbom, autoscaling, tracing], &targets).unwrap();
        assert_eq!(chosen(&plan), [(10, NATIVE), (7, ADDON)]);
        assert!(close(plan.steps[0].overall, 4.0) && close(plan.steps[1].overall, 2.4));
        assert!(close(plan.steps[1].requirement, 12.0));
        assert!(close(plan.overall(), 6.4));
    }

    #[test]
    fn nothing_to_cover_needs_no_steps() {
        let c = [cand(0, 0, &[opt(NATIVE, 1.0, 5.0)])];
        // No targets, a zero deficit, one within EPS and a negative one are all met already.
        for targets in [
            Targets::default(),
            Targets {
                overall: Some(0.0),
                requirements: vec![(0, 0.5e-12), (1, -3.0)],
            },
        ] {
            assert_eq!(solve(&c, &targets), Ok(Plan::default()));
        }
    }

    #[test]
    fn a_requirement_takes_its_largest_gains_first() {
        // Requirement 1 deficit 9: gains at best 6 (id 2), 4 (id 1), 4 (id 3), 1 (id 0).
        // 6 < 9, 6 + 4 = 10 ≥ 9 → ids 2 and 1 (the tie at 4 goes to the lower id). Trim from
        // the smaller: id 1 partial 6 + 2 = 8 < 9 stays native; id 2 addon 3 + 4 = 7 < 9 stays.
        // Requirement 0's candidate is never needed.
        let f = 0.5; // overall = requirement × 0.5
        let c = [
            cand(0, 1, &[opt(NATIVE, 1.0 * f, 1.0)]),
            cand(
                1,
                1,
                &[opt(PARTIAL, 2.0 * f, 2.0), opt(NATIVE, 4.0 * f, 4.0)],
            ),
            cand(2, 1, &[opt(ADDON, 3.0 * f, 3.0), opt(NATIVE, 6.0 * f, 6.0)]),
            cand(3, 1, &[opt(NATIVE, 4.0 * f, 4.0)]),
            cand(4, 0, &[opt(NATIVE, 50.0, 100.0)]),
        ];
        let plan = solve(
            &c,
            &Targets {
                overall: None,
                requirements: vec![(1, 9.0)],
            },
        )
        .unwrap();
        assert_eq!(chosen(&plan), [(2, NATIVE), (1, NATIVE)]);
        // With deficit 8 the trim lowers id 1 to partial (6 + 2 = 8).
        let plan = solve(
            &c,
            &Targets {
                overall: None,
                requirements: vec![(1, 8.0)],
            },
        )
        .unwrap();
        assert_eq!(chosen(&plan), [(2, NATIVE), (1, PARTIAL)]);
    }

    #[test]
    fn requirement_counts_come_first_then_the_best_of_the_rest() {
        // id 0, requirement 0: overall +1.0 (factor 0.5, requirement +2.0)
        // id 1, requirement 1: overall +0.3 (factor 0.1, requirement +3.0)
        // id 2, requirement 1: overall +0.2 (requirement +2.0)
        // id 3, requirement 2: overall +0.9 (factor 0.3, requirement +3.0)
        // Targets: overall 1.2, requirement 1 deficit 2.5. Requirement 1 alone needs one
        // criterion (3.0 ≥ 2.5): id 1, overall 0.3 < 1.2; the best of the rest is id 0 (1.0):
        // 1.3 ≥ 1.2 → two steps. Picking by overall gain alone (ids 0 and 3, 1.9) would
        // leave requirement 1 uncovered, and any cover of it with id 2 alone fails (2.0 < 2.5).
        let c = [
            cand(0, 0, &[opt(NATIVE, 1.0, 2.0)]),
            cand(1, 1, &[opt(NATIVE, 0.3, 3.0)]),
            cand(2, 1, &[opt(NATIVE, 0.2, 2.0)]),
            cand(3, 2, &[opt(NATIVE, 0.9, 3.0)]),
        ];
        let targets = Targets {
            overall: Some(1.2),
            requirements: vec![(1, 2.5)],
        };
        let plan = solve(&c, &targets).unwrap();
        assert_eq!(chosen(&plan), [(0, NATIVE), (1, NATIVE)]);
    }

    #[test]
    fn among_fewest_the_largest_overall_gain_wins() {
        // Overall deficit 1.0: any one of ids 0 (1.5), 1 (2.5), 2 (1.0) covers it; the largest
        // gain, id 1, is chosen, then trimmed: partial +0.5 < 1.0, addon +1.2 ≥ 1.0 → addon.
        let c = [
            cand(0, 0, &[opt(NATIVE, 1.5, 1.5)]),
            cand(
                1,
                1,
                &[
                    opt(PARTIAL, 0.5, 1.0),
                    opt(ADDON, 1.2, 2.4),
                    opt(NATIVE, 2.5, 5.0),
                ],
            ),
            cand(2, 2, &[opt(NATIVE, 1.0, 1.0)]),
        ];
        let plan = solve(
            &c,
            &Targets {
                overall: Some(1.0),
                requirements: vec![],
            },
        )
        .unwrap();
        assert_eq!(chosen(&plan), [(1, ADDON)]);
    }

    #[test]
    fn trimming_goes_from_the_smallest_gain_up() {
        // Overall deficit 5: best gains 4 (id 0) and 3 (id 1), 7 ≥ 5. Smallest first: id 1 to
        // partial: 4 + 1 = 5 ≥ 5 → partial. Then id 0 to partial: 2 + 1 = 3 < 5 → stays.
        // (Trimming id 0 first would give 2 + 3 = 5 and keep id 1 at native instead.)
        let c = [
            cand(0, 0, &[opt(PARTIAL, 2.0, 2.0), opt(NATIVE, 4.0, 4.0)]),
            cand(1, 1, &[opt(PARTIAL, 1.0, 1.0), opt(NATIVE, 3.0, 3.0)]),
        ];
        let plan = solve(
            &c,
            &Targets {
                overall: Some(5.0),
                requirements: vec![],
            },
        )
        .unwrap();
        assert_eq!(chosen(&plan), [(0, NATIVE), (1, PARTIAL)]);
    }

    #[test]
    fn ties_break_by_id() {
        // Equal gains: the lower id is chosen, and equal steps are listed by id.
        let c = [
            cand(5, 0, &[opt(NATIVE, 1.0, 1.0)]),
            cand(3, 1, &[opt(NATIVE, 1.0, 1.0)]),
            cand(4, 2, &[opt(NATIVE, 1.0, 1.0)]),
        ];
        let plan = solve(
            &c,
            &Targets {
                overall: Some(2.0),
                requirements: vec![],
            },
        )
        .unwrap();
        assert_eq!(chosen(&plan), [(3, NATIVE), (4, NATIVE)]);
    }

    #[test]
    fn a_requirement_listed_twice_covers_the_larger_deficit() {
        // Deficits 1 and 3 on requirement 0: gains 2, 2 → two steps (2 < 3 ≤ 4).
        let c = [
            cand(0, 0, &[opt(NATIVE, 2.0, 2.0)]),
            cand(1, 0, &[opt(NATIVE, 2.0, 2.0)]),
        ];
        let targets = Targets {
            overall: None,
            requirements: vec![(0, 1.0), (0, 3.0)],
        };
        assert_eq!(solve(&c, &targets).unwrap().steps.len(), 2);
    }

    #[test]
    fn impossible_lists_every_unmet_target_and_its_shortfall() {
        // Best gains: overall 1.0 + 0.5 = 1.5 against 2.0 → short by 0.5; requirement 0:
        // 2.0 against 1.0 → met; requirement 1: 1.0 against 4.0 → short by 3.0; requirement 2
        // has no candidate: 0 against 0.25 → short by 0.25.
        let c = [
            cand(0, 0, &[opt(ADDON, 0.5, 1.0), opt(NATIVE, 1.0, 2.0)]),
            cand(1, 1, &[opt(NATIVE, 0.5, 1.0)]),
            cand(2, 1, &[]),
        ];
        let targets = Targets {
            overall: Some(2.0),
            requirements: vec![(2, 0.25), (1, 4.0), (0, 1.0)],
        };
        let err = solve(&c, &targets).unwrap_err();
        let got: Vec<(Target, f64)> = err.unmet.iter().map(|s| (s.target, s.missing())).collect();
        assert_eq!(
            got,
            [
                (Target::Overall, 0.5),
                (Target::Requirement(1), 3.0),
                (Target::Requirement(2), 0.25)
            ]
        );
        assert_eq!(
            err.to_string(),
            "no upgrades reach the overall score (short by 0.5), requirement 1 (short by 3), \
             requirement 2 (short by 0.25)"
        );
    }

    #[test]
    #[should_panic(expected = "not proportional")]
    fn gains_not_proportional_within_a_requirement_panic() {
        // Requirement 0: factor 0.5 from id 0, but id 1 gains 0.9 overall for 1.0.
        let c = [
            cand(0, 0, &[opt(NATIVE, 1.0, 2.0)]),
            cand(1, 0, &[opt(NATIVE, 0.9, 1.0)]),
        ];
        let _ = solve(
            &c,
            &Targets {
                overall: Some(1.0),
                requirements: vec![],
            },
        );
    }

    #[test]
    #[should_panic(expected = "grow with the level")]
    fn gains_falling_with_the_level_panic() {
        let c = [cand(0, 0, &[opt(NATIVE, 1.0, 1.0), opt(ADDON, 2.0, 2.0)])];
        let _ = solve(
            &c,
            &Targets {
                overall: Some(1.0),
                requirements: vec![],
            },
        );
    }

    // ---- Property tests against brute force ----

    /// Up to 7 candidates over up to 3 requirements, each with 1–3 options, and the targets.
    /// Overall gain = requirement gain × the requirement's factor. Gains (tenths) and factors
    /// (tenths) lie on a grid, and deficits on the grid up to 1.1 × what is reachable, so ties,
    /// deficits met exactly and impossible targets all come up often.
    fn case() -> impl Strategy<Value = (Vec<Candidate>, Targets)> {
        let factors = prop::collection::vec(1u32..=10, 3);
        let candidate = (
            0usize..3,
            0u8..3,
            prop::collection::vec((1u8..=2, 0u32..=10), 1..=3),
        );
        let candidates = prop::collection::vec(candidate, 0..=7).prop_map(|cs| {
            cs.into_iter()
                .enumerate()
                .map(|(id, (j, start, steps))| {
                    let (mut level, mut tenths) = (start, 0);
                    let options = steps
                        .into_iter()
                        .map(|(up, g)| {
                            level += up;
                            tenths += g;
                            (level, tenths)
                        })
                        .collect();
                    (id, j, options)
                })
                .collect::<Vec<(usize, usize, Vec<(u8, u32)>)>>()
        });
        (factors, candidates).prop_flat_map(|(f, cs)| {
            // What everything at its best reaches, in hundredths (overall) and tenths (each
            // requirement).
            let best = |o: &Vec<(u8, u32)>| o.last().unwrap().1;
            let overall_max: u32 = cs.iter().map(|(_, j, o)| best(o) * f[*j]).sum();
            let req_max: Vec<u32> = (0..3)
                .map(|r| {
                    cs.iter()
                        .filter(|(_, j, _)| *j == r)
                        .map(|(_, _, o)| best(o))
                        .sum()
                })
                .collect();
            let overall = prop::option::of(
                (0..=overall_max * 11 / 10 + 1).prop_map(|k| f64::from(k) / 100.0),
            );
            let requirements = prop::collection::vec(
                (0usize..3, 0u32..1000)
                    .prop_map(move |(j, k)| (j, f64::from(k % (req_max[j] * 11 / 10 + 2)) / 10.0)),
                0..=3,
            );
            let candidates: Vec<Candidate> = cs
                .iter()
                .map(|(id, j, o)| Candidate {
                    id: *id,
                    requirement: *j,
                    options: o
                        .iter()
                        .map(|&(level, g)| {
                            let gain = f64::from(g) / 10.0;
                            opt(level, gain * f64::from(f[*j]) / 10.0, gain)
                        })
                        .collect(),
                })
                .collect();
            (Just(candidates), overall, requirements).prop_map(
                |(candidates, overall, requirements)| {
                    (
                        candidates,
                        Targets {
                            overall,
                            requirements,
                        },
                    )
                },
            )
        })
    }

    /// Every target covered by these gains (overall, and per requirement)?
    fn meets(targets: &Targets, overall: f64, req: &[f64; 3], slack: f64) -> bool {
        targets.overall.is_none_or(|d| overall >= d - slack)
            && targets
                .requirements
                .iter()
                .all(|&(j, d)| req[j] >= d - slack)
    }

    /// The gains of raising `chosen[i]` (None: unchanged) for each candidate.
    fn gains(cs: &[Candidate], chosen: &[Option<Option_>]) -> (f64, [f64; 3]) {
        let mut req = [0.0; 3];
        let mut overall = 0.0;
        for (c, o) in cs.iter().zip(chosen) {
            if let Some(o) = o {
                overall += o.overall;
                req[c.requirement] += o.requirement;
            }
        }
        (overall, req)
    }

    fn best_of(c: &Candidate) -> Option_ {
        *c.options.iter().max_by_key(|o| o.level).unwrap()
    }

    /// Over every assignment (each candidate unchanged or at one of its options) meeting every
    /// target: the fewest raises, and with that count the largest overall gain at best levels.
    fn brute_force(cs: &[Candidate], targets: &Targets) -> Option<(usize, f64)> {
        let radix: Vec<usize> = cs.iter().map(|c| c.options.len() + 1).collect();
        let mut digit = vec![0usize; cs.len()];
        let mut found: Option<(usize, f64)> = None;
        loop {
            let pick: Vec<Option<Option_>> = cs
                .iter()
                .zip(&digit)
                .map(|(c, &d)| (d > 0).then(|| c.options[d - 1]))
                .collect();
            let (overall, req) = gains(cs, &pick);
            if meets(targets, overall, &req, EPS) {
                let count = digit.iter().filter(|&&d| d > 0).count();
                let at_best: f64 = cs
                    .iter()
                    .zip(&digit)
                    .filter(|(_, d)| **d > 0)
                    .map(|(c, _)| best_of(c).overall)
                    .sum();
                found = match found {
                    Some((n, g)) if n < count || (n == count && g >= at_best) => Some((n, g)),
                    _ => Some((count, at_best)),
                };
            }
            // Next assignment, mixed radix.
            let mut i = 0;
            while i < digit.len() {
                digit[i] += 1;
                if digit[i] < radix[i] {
                    break;
                }
                digit[i] = 0;
                i += 1;
            }
            if i == digit.len() {
                return found;
            }
        }
    }

    /// The plan as an assignment, with `replace` overriding one candidate's option.
    fn assignment(
        cs: &[Candidate],
        plan: &Plan,
        replace: Option<(usize, Option_)>,
    ) -> Vec<Option<Option_>> {
        cs.iter()
            .map(|c| {
                if let Some((id, o)) = replace
                    && id == c.id
                {
                    return Some(o);
                }
                plan.steps
                    .iter()
                    .find(|s| s.id == c.id)
                    .map(|s| *c.options.iter().find(|o| o.level == s.level).unwrap())
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn the_count_is_the_brute_force_minimum((cs, targets) in case()) {
            match (solve(&cs, &targets), brute_force(&cs, &targets)) {
                (Ok(plan), Some((fewest, _))) => prop_assert_eq!(plan.steps.len(), fewest),
                (Err(e), None) => prop_assert!(!e.unmet.is_empty()),
                (got, want) => prop_assert!(false, "solver {got:?}, brute force {want:?}"),
            }
        }

        #[test]
        fn the_plan_meets_every_target((cs, targets) in case()) {
            if let Ok(plan) = solve(&cs, &targets) {
                let (overall, req) = gains(&cs, &assignment(&cs, &plan, None));
                prop_assert!(meets(&targets, overall, &req, 2.0 * EPS), "{plan:?}");
                prop_assert!(close(plan.overall(), overall));
            }
        }

        #[test]
        fn among_fewest_the_chosen_set_has_the_largest_overall_gain((cs, targets) in case()) {
            if let (Ok(plan), Some((_, most))) = (solve(&cs, &targets), brute_force(&cs, &targets)) {
                let at_best: f64 = plan
                    .steps
                    .iter()
                    .map(|s| best_of(cs.iter().find(|c| c.id == s.id).unwrap()).overall)
                    .sum();
                prop_assert!(close(at_best, most), "{at_best} vs {most}");
            }
        }

        #[test]
        fn no_step_can_be_lowered_on_its_own((cs, targets) in case()) {
            if let Ok(plan) = solve(&cs, &targets) {
                for s in &plan.steps {
                    let c = cs.iter().find(|c| c.id == s.id).unwrap();
                    for &o in c.options.iter().filter(|o| o.level < s.level) {
                        let (overall, req) = gains(&cs, &assignment(&cs, &plan, Some((s.id, o))));
                        prop_assert!(!meets(&targets, overall, &req, 0.5 * EPS), "{} to {}", s.id, o.level);
                    }
                }
            }
        }

        #[test]
        fn impossible_reports_what_is_short_with_everything_at_best((cs, targets) in case()) {
            if let Err(e) = solve(&cs, &targets) {
                let all: Vec<Option<Option_>> = cs.iter().map(|c| Some(best_of(c))).collect();
                let (overall, req) = gains(&cs, &all);
                for s in &e.unmet {
                    prop_assert!(s.missing() > EPS);
                    let reachable = match s.target {
                        Target::Overall => overall,
                        Target::Requirement(j) => req[j],
                    };
                    prop_assert!(close(s.reachable, reachable));
                }
            }
        }

        #[test]
        fn steps_are_sorted_by_overall_gain_then_id((cs, targets) in case()) {
            if let Ok(plan) = solve(&cs, &targets) {
                for w in plan.steps.windows(2) {
                    prop_assert_eq!(desc(w[0].overall, w[1].overall).then(w[0].id.cmp(&w[1].id)), Ordering::Less);
                }
            }
        }
    }
}
