//! "What would it take for X to come first?": the weighting closest to the profile's under
//! which a platform ranks first, solved exactly as a linear program.
//!
//! Weights live on the simplex (w ≥ 0, Σ w = 1); the distance is the L1 distance
//! Σ_j |w_j − w0_j|, the total shift of weight between requirements. Under WSM a platform t
//! scores Σ_j w_j x_tj, so "t is at least as good as p" is the linear constraint
//! Σ_j w_j (x_tj − x_pj) ≥ 0; under WPM the same holds for the logarithms of the scores
//! (Π x^w compares as Σ w ln x). With the usual split |w_j − w0_j| ≤ d_j the whole question
//! is one LP: minimise Σ d_j subject to those constraints. Ties count as first, as the ranking
//! "First" is strict: ahead of every rival by [`MARGIN`] (a thousand times the ranking's tie
//! tolerance, [`crate::analysis::TIE_EPS`], so the answer survives being printed and read
//! back), except twins, rivals equal to it on every requirement that can carry weight, which
//! tie with it whatever the weights. A rival at least as good everywhere and better somewhere
//! can only be tied, never passed: the platform is dominated.
//!
//! When no weighting makes t first, a second LP finds the weighting that brings it closest
//! (maximise the smallest lead z over every rival): the rivals that still lead there are the
//! ones that stand in its way, and a rival at least as good on every requirement (better on
//! one) dominates it outright.
//!
//! WPM and zeros: a requirement where t scores 0 must weigh 0 (else t scores 0). A rival that
//! scores 0 on a requirement t does not is vetoed as soon as that requirement weighs anything;
//! such rivals are first left out, and brought back as ordinary constraints (on their other
//! requirements, their zero ones fixed at weight 0) only if the answer gives their zero
//! requirements no weight. That choice of branch is greedy: the answer is always a weighting
//! under which t is first, and the closest one whenever no rival scores 0 on a requirement.

use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};

/// Which aggregation the weights feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Wsm,
    Wpm,
}

/// The question: platform `target` of `rows` (requirement scores in [0, 1]), the profile's
/// normalised weights `w0`, and which requirements must keep weight 0.
#[derive(Debug, Clone)]
pub struct Question<'a> {
    pub rows: &'a [Vec<f64>],
    pub target: usize,
    pub w0: &'a [f64],
    /// `true` where the weight is held at 0 (the profile weighs it 0 and zero weights are not
    /// freed).
    pub fixed_zero: &'a [bool],
    pub method: Method,
    /// The rows that can stand in the way: [`pareto_front`] of `rows` (a rival dominated by
    /// another is passed whenever that one is), or `None` for every row.
    pub front: Option<&'a [usize]>,
}

/// The rows no other row dominates (at least as good everywhere, better somewhere), in row
/// order. Beating these by the margin beats every row, so they are the only constraints the
/// LP needs; computed once, it serves every platform of a set.
pub fn pareto_front(rows: &[Vec<f64>]) -> Vec<usize> {
    (0..rows.len())
        .filter(|&p| !rows.iter().any(|q| dominates(q, &rows[p])))
        .collect()
}

fn dominates(a: &[f64], b: &[f64]) -> bool {
    a.iter().zip(b).all(|(x, y)| x >= y) && a.iter().zip(b).any(|(x, y)| x > y)
}

/// The answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `weights` make the target first; `distance` is their L1 distance from `w0` (0 when it
    /// is first already).
    First { weights: Vec<f64>, distance: f64 },
    /// No weighting does. `closest` is where it comes nearest, trailing `rivals` (the leaders
    /// there) by `shortfall` (on the method's scale: score for WSM, log score for WPM);
    /// `dominator` is a rival at least as good on every weighable requirement and better on one.
    Never {
        closest: Vec<f64>,
        shortfall: f64,
        rivals: Vec<usize>,
        dominator: Option<usize>,
    },
}

/// Two values closer than this are equal in the constraints (well below the ranking's ties).
const EPS: f64 = 1e-12;

/// The lead over every rival (on the method's scale: score, or log score) that counts as first.
pub const MARGIN: f64 = 1e-6;

/// The closest winning weighting of every row, the front computed once (what `explain`
/// asks for one platform, for a whole set).
pub fn closest_first_all(
    rows: &[Vec<f64>],
    w0: &[f64],
    fixed_zero: &[bool],
    method: Method,
) -> Vec<Answer> {
    let front = pareto_front(rows);
    (0..rows.len())
        .map(|target| {
            closest_first(&Question {
                rows,
                target,
                w0,
                fixed_zero,
                method,
                front: Some(&front),
            })
        })
        .collect()
}

/// Answers the question. Rows other than the target are its rivals.
pub fn closest_first(q: &Question<'_>) -> Answer {
    let n = q.w0.len();
    let t = &q.rows[q.target];
    // Requirements that may carry weight.
    let mut free: Vec<bool> = (0..n).map(|j| !q.fixed_zero[j]).collect();
    if q.method == Method::Wpm {
        for j in 0..n {
            if t[j] <= 0.0 {
                free[j] = false;
            }
        }
    }
    let dominator = dominator(q, &free);
    if free.iter().all(|f| !f) || dominator.is_some() {
        return never(q, &free, dominator);
    }
    // Rivals and their zero requirements (WPM's vetoes); empty for WSM.
    let zeros: Vec<Vec<usize>> = q
        .rows
        .iter()
        .map(|row| match q.method {
            Method::Wsm => Vec::new(),
            Method::Wpm => (0..n).filter(|&j| free[j] && row[j] <= 0.0).collect(),
        })
        .collect();
    let rival = rivals(q);
    let mut must_hold: Vec<bool> = (0..q.rows.len())
        .map(|p| rival[p] && zeros[p].is_empty())
        .collect();
    // Each round adds at least one rival, so this ends within as many rounds as there are rows.
    for _ in 0..=q.rows.len() {
        let Some(w) = solve_closest(q, &free, &must_hold, &zeros) else {
            return never(q, &free, dominator);
        };
        let mut added = false;
        for p in 0..q.rows.len() {
            if !rival[p] || must_hold[p] {
                continue;
            }
            let vetoed = zeros[p].iter().any(|&j| w[j] > EPS);
            if !vetoed {
                must_hold[p] = true;
                added = true;
            }
        }
        if !added {
            let distance: f64 = (0..n).map(|j| (w[j] - q.w0[j]).abs()).sum();
            // First already: say so exactly, without the solver's round-off.
            if distance < 1e-12 {
                return Answer::First {
                    weights: q.w0.to_vec(),
                    distance: 0.0,
                };
            }
            return Answer::First {
                weights: w,
                distance,
            };
        }
    }
    never(q, &free, dominator)
}

/// Which rows are rivals that can stand in the way: the front (or every row), less the target.
fn rivals(q: &Question<'_>) -> Vec<bool> {
    let mut r = vec![q.front.is_none(); q.rows.len()];
    for &p in q.front.unwrap_or(&[]) {
        r[p] = true;
    }
    r[q.target] = false;
    r
}

/// The coefficient of w_j in "target minus rival p" on the method's scale, over requirements
/// where both are positive (WPM) or all (WSM).
fn lead(q: &Question<'_>, p: usize, j: usize) -> f64 {
    let (a, b) = (q.rows[q.target][j], q.rows[p][j]);
    match q.method {
        Method::Wsm => a - b,
        // Both positive here: zero ones are either held at weight 0 or handled as vetoes.
        Method::Wpm => {
            if a > 0.0 && b > 0.0 {
                a.ln() - b.ln()
            } else {
                0.0
            }
        }
    }
}

fn weight_vars(pb: &mut Problem, free: &[bool], obj: f64) -> Vec<Variable> {
    free.iter()
        .map(|&f| pb.add_var(obj, (0.0, if f { 1.0 } else { 0.0 })))
        .collect()
}

/// The LP: minimise Σ d_j with d_j ≥ |w_j − w0_j|, Σ w = 1, every held rival's lead ≥ 0, and
/// each rival's zero requirements at weight 0.
fn solve_closest(
    q: &Question<'_>,
    free: &[bool],
    must_hold: &[bool],
    zeros: &[Vec<usize>],
) -> Option<Vec<f64>> {
    let n = q.w0.len();
    let mut pb = Problem::new(OptimizationDirection::Minimize);
    let w = weight_vars(&mut pb, free, 0.0);
    let d: Vec<Variable> = (0..n).map(|_| pb.add_var(1.0, (0.0, 2.0))).collect();
    for j in 0..n {
        // d_j − w_j ≥ −w0_j and d_j + w_j ≥ w0_j.
        pb.add_constraint([(d[j], 1.0), (w[j], -1.0)], ComparisonOp::Ge, -q.w0[j]);
        pb.add_constraint([(d[j], 1.0), (w[j], 1.0)], ComparisonOp::Ge, q.w0[j]);
    }
    pb.add_constraint(w.iter().map(|&v| (v, 1.0)), ComparisonOp::Eq, 1.0);
    for p in (0..q.rows.len()).filter(|&p| must_hold[p]) {
        for &j in &zeros[p] {
            pb.add_constraint([(w[j], 1.0)], ComparisonOp::Le, 0.0);
        }
        let terms: Vec<(Variable, f64)> = (0..n)
            .filter(|&j| free[j])
            .map(|j| (w[j], lead(q, p, j)))
            .filter(|(_, c)| c.abs() > EPS)
            .collect();
        if terms.is_empty() {
            continue; // a twin: equal on every weighable requirement, a tie whatever the weights
        }
        pb.add_constraint(terms, ComparisonOp::Ge, MARGIN);
    }
    let solution = pb.solve().ok()?.into_solution().ok()?;
    Some(clean(
        &w.iter().map(|&v| solution.var_value(v)).collect::<Vec<_>>(),
    ))
}

/// Clamps solver round-off (−1e-17, 1.0000000001) back onto the simplex.
fn clean(w: &[f64]) -> Vec<f64> {
    let w: Vec<f64> = w.iter().map(|v| v.clamp(0.0, 1.0)).collect();
    let sum: f64 = w.iter().sum();
    if sum > 0.0 {
        w.iter().map(|v| v / sum).collect()
    } else {
        w
    }
}

/// The unreachable case: where the target comes closest, and who leads there.
fn never(q: &Question<'_>, free: &[bool], dominator: Option<usize>) -> Answer {
    let n = q.w0.len();
    let mut pb = Problem::new(OptimizationDirection::Maximize);
    let w = weight_vars(&mut pb, free, 0.0);
    let z = pb.add_var(1.0, (-1e6, 1e6));
    if free.iter().any(|f| *f) {
        pb.add_constraint(w.iter().map(|&v| (v, 1.0)), ComparisonOp::Eq, 1.0);
    }
    // Scores on the method's scale; a rival's zero (WPM) is kept at a floor so the lead stays
    // finite: such a rival never stands in the way anyway.
    let scale = |x: f64| match q.method {
        Method::Wsm => x,
        Method::Wpm => x.max(1e-9).ln(),
    };
    let rival = rivals(q);
    for p in (0..q.rows.len()).filter(|&p| rival[p]) {
        let mut terms: Vec<(Variable, f64)> = (0..n)
            .filter(|&j| free[j])
            .map(|j| (w[j], scale(q.rows[q.target][j]) - scale(q.rows[p][j])))
            .collect();
        terms.push((z, -1.0));
        pb.add_constraint(terms, ComparisonOp::Ge, 0.0);
    }
    let closest = pb
        .solve()
        .ok()
        .and_then(|o| o.into_solution().ok())
        .map_or_else(
            || q.w0.to_vec(),
            |s| clean(&w.iter().map(|&v| s.var_value(v)).collect::<Vec<_>>()),
        );
    let margin = |p: usize| -> f64 {
        (0..n)
            .map(|j| closest[j] * (scale(q.rows[q.target][j]) - scale(q.rows[p][j])))
            .sum()
    };
    let worst = (0..q.rows.len())
        .filter(|&p| rival[p])
        .map(margin)
        .fold(f64::INFINITY, f64::min);
    let rivals: Vec<usize> = (0..q.rows.len())
        .filter(|&p| rival[p] && margin(p) <= worst + 1e-9)
        .collect();
    Answer::Never {
        closest,
        shortfall: -worst.min(0.0),
        rivals,
        dominator,
    }
}

/// A rival at least as good on every weighable requirement and better on one (the first by
/// row order, or the one that leads by most in total).
fn dominator(q: &Question<'_>, free: &[bool]) -> Option<usize> {
    let t = &q.rows[q.target];
    (0..q.rows.len())
        .filter(|&p| p != q.target)
        .filter(|&p| {
            let row = &q.rows[p];
            let js = || (0..t.len()).filter(|&j| free[j]);
            js().all(|j| row[j] >= t[j] - EPS) && js().any(|j| row[j] > t[j] + EPS)
        })
        .max_by(|&a, &b| {
            let gain = |p: usize| -> f64 { (0..t.len()).map(|j| q.rows[p][j] - t[j]).sum() };
            gain(a).total_cmp(&gain(b)).then(b.cmp(&a))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ask(rows: &[Vec<f64>], target: usize, w0: &[f64], method: Method) -> Answer {
        let fixed = vec![false; w0.len()];
        closest_first(&Question {
            rows,
            target,
            w0,
            fixed_zero: &fixed,
            method,
            front: None,
        })
    }

    fn score(row: &[f64], w: &[f64], method: Method) -> f64 {
        match method {
            Method::Wsm => row.iter().zip(w).map(|(x, w)| x * w).sum(),
            Method::Wpm => row
                .iter()
                .zip(w)
                .map(|(x, w)| if *w == 0.0 { 1.0 } else { x.powf(*w) })
                .product(),
        }
    }

    /// Strictly first: ahead of every rival by the margin (on the method's scale), twins aside.
    fn is_first(rows: &[Vec<f64>], t: usize, w: &[f64], method: Method) -> bool {
        let scale = |x: f64| match method {
            Method::Wsm => x,
            Method::Wpm => x.ln(),
        };
        let st = scale(score(&rows[t], w, method));
        rows.iter().enumerate().all(|(p, r)| {
            p == t || r == &rows[t] || st - scale(score(r, w, method)) >= MARGIN - 1e-9
        })
    }

    #[test]
    fn already_first_moves_nothing() {
        let rows = vec![vec![0.9, 0.8], vec![0.5, 0.6]];
        assert_eq!(
            ask(&rows, 0, &[0.5, 0.5], Method::Wsm),
            Answer::First {
                weights: vec![0.5, 0.5],
                distance: 0.0
            }
        );
    }

    #[test]
    fn a_worked_two_requirement_case() {
        // t = (0.2, 1.0), p = (1.0, 0.4). At w = (a, 1 − a): t − p = −0.8a + 0.6(1 − a) ≥ 0
        // ⇔ a ≤ 3/7. From w0 = (0.7, 0.3): move 0.7 − 3/7 = 19/70 off the first weight and
        // onto the second, an L1 distance of 38/70.
        let rows = vec![vec![0.2, 1.0], vec![1.0, 0.4]];
        let Answer::First { weights, distance } = ask(&rows, 0, &[0.7, 0.3], Method::Wsm) else {
            panic!("reachable")
        };
        assert!((weights[0] - 3.0 / 7.0).abs() < 1e-5, "{weights:?}");
        assert!((distance - 38.0 / 70.0).abs() < 1e-5, "{distance}");
        assert!(is_first(&rows, 0, &weights, Method::Wsm));
    }

    #[test]
    fn a_dominated_platform_never_wins_and_names_its_dominator() {
        let rows = vec![
            vec![0.5, 0.5, 0.5],
            vec![0.6, 0.5, 0.9],
            vec![0.1, 1.0, 0.1],
        ];
        let Answer::Never {
            dominator, rivals, ..
        } = ask(&rows, 0, &[0.3, 0.3, 0.4], Method::Wsm)
        else {
            panic!("dominated")
        };
        assert_eq!(dominator, Some(1));
        assert!(rivals.contains(&1));
    }

    #[test]
    fn beaten_everywhere_by_a_mix_but_by_no_single_rival() {
        // (0.4, 0.4) against (1, 0) and (0, 1): max(w1, w2) ≥ 0.5 > 0.4 whatever the weights.
        let rows = vec![vec![0.4, 0.4], vec![1.0, 0.0], vec![0.0, 1.0]];
        let Answer::Never {
            dominator,
            rivals,
            shortfall,
            closest,
        } = ask(&rows, 0, &[0.5, 0.5], Method::Wsm)
        else {
            panic!("unreachable")
        };
        assert_eq!(dominator, None);
        assert_eq!(rivals, vec![1, 2]);
        assert!((shortfall - 0.1).abs() < 1e-9, "{shortfall}");
        assert!((closest[0] - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_rival_perfect_everywhere_dominates_even_where_it_only_ties() {
        // The rival equals the target on the first requirement and beats it on the second:
        // all weight on the first would only tie, never lead.
        let rows = vec![vec![1.0, 0.5], vec![1.0, 1.0]];
        let Answer::Never { dominator, .. } = ask(&rows, 0, &[0.5, 0.5], Method::Wsm) else {
            panic!("a tie is not first")
        };
        assert_eq!(dominator, Some(1));
    }

    #[test]
    fn a_twin_ties_whatever_the_weights_and_does_not_block() {
        let rows = vec![vec![0.9, 0.2], vec![0.9, 0.2], vec![0.1, 1.0]];
        let Answer::First { weights, .. } = ask(&rows, 0, &[0.2, 0.8], Method::Wsm) else {
            panic!("reachable")
        };
        assert!(is_first(&rows, 0, &weights, Method::Wsm));
    }

    #[test]
    fn fixed_zero_weights_stay_zero() {
        let rows = vec![vec![0.0, 0.5, 1.0], vec![1.0, 0.6, 0.2]];
        let fixed = [false, true, false];
        let Answer::First { weights, .. } = closest_first(&Question {
            rows: &rows,
            target: 0,
            w0: &[0.5, 0.0, 0.5],
            fixed_zero: &fixed,
            method: Method::Wsm,
            front: None,
        }) else {
            panic!()
        };
        assert!(weights[1].abs() < f64::EPSILON, "{weights:?}");
    }

    #[test]
    fn wpm_compares_in_logs() {
        let rows = vec![vec![0.3, 0.9], vec![0.9, 0.5]];
        let w0 = [0.6, 0.4];
        let Answer::First { weights, .. } = ask(&rows, 0, &w0, Method::Wpm) else {
            panic!()
        };
        assert!(is_first(&rows, 0, &weights, Method::Wpm), "{weights:?}");
        // On the boundary: products equal but for the margin.
        let (a, b) = (
            score(&rows[0], &weights, Method::Wpm),
            score(&rows[1], &weights, Method::Wpm),
        );
        assert!((a.ln() - b.ln() - MARGIN).abs() < 1e-9, "{a} {b}");
    }

    /// Exhaustive search over the vertices of the feasible region: the L1 objective is linear
    /// on each cell cut by the hyperplanes w_j = w0_j, so the optimum sits where n − 1 of the
    /// hyperplanes {w_j = 0, w_j = w0_j, lead_p · w = 0} meet the simplex.
    fn brute_force(rows: &[Vec<f64>], t: usize, w0: &[f64]) -> Option<f64> {
        let n = w0.len();
        let mut planes: Vec<Vec<f64>> = Vec::new(); // a · w = b, stored as [a.., b]
        for j in 0..n {
            let mut e = vec![0.0; n + 1];
            e[j] = 1.0;
            planes.push(e.clone());
            e[n] = w0[j];
            planes.push(e);
        }
        for (p, row) in rows.iter().enumerate() {
            if p != t {
                let mut e: Vec<f64> = (0..n).map(|j| rows[t][j] - row[j]).collect();
                e.push(MARGIN);
                planes.push(e);
            }
        }
        let mut best: Option<f64> = None;
        let k = n - 1;
        let mut idx: Vec<usize> = (0..k).collect();
        loop {
            // Solve [Σ w = 1; chosen planes] by Gaussian elimination.
            let mut a: Vec<Vec<f64>> = vec![{
                let mut r = vec![1.0; n];
                r.push(1.0);
                r
            }];
            a.extend(idx.iter().map(|&i| planes[i].clone()));
            if let Some(w) = gauss(a) {
                let ok = w.iter().all(|&x| x >= -1e-9) && is_first(rows, t, &w, Method::Wsm);
                if ok {
                    let d: f64 = w.iter().zip(w0).map(|(a, b)| (a - b).abs()).sum();
                    best = Some(best.map_or(d, |b: f64| b.min(d)));
                }
            }
            // Next combination.
            let mut i = k;
            loop {
                if i == 0 {
                    return best;
                }
                i -= 1;
                if idx[i] < planes.len() - k + i {
                    idx[i] += 1;
                    for m in i + 1..k {
                        idx[m] = idx[m - 1] + 1;
                    }
                    break;
                }
            }
        }
    }

    fn gauss(mut a: Vec<Vec<f64>>) -> Option<Vec<f64>> {
        let n = a.len();
        for c in 0..n {
            let piv = (c..n).max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs()))?;
            if a[piv][c].abs() < 1e-12 {
                return None;
            }
            a.swap(c, piv);
            let pivot = a[c].clone();
            for (r, row) in a.iter_mut().enumerate() {
                if r != c {
                    let f = row[c] / pivot[c];
                    for (x, p) in row.iter_mut().zip(&pivot).skip(c) {
                        *x -= f * p;
                    }
                }
            }
        }
        Some((0..n).map(|i| a[i][n] / a[i][i]).collect())
    }

    /// A fine grid on the simplex (3 requirements, step 1/400): a cruder brute force that
    /// brackets the optimum from above.
    fn grid(rows: &[Vec<f64>], t: usize, w0: &[f64]) -> Option<f64> {
        let steps = 400;
        let mut best: Option<f64> = None;
        for a in 0..=steps {
            for b in 0..=steps - a {
                let w = [
                    f64::from(a) / f64::from(steps),
                    f64::from(b) / f64::from(steps),
                    f64::from(steps - a - b) / f64::from(steps),
                ];
                if is_first(rows, t, &w, Method::Wsm) {
                    let d: f64 = w.iter().zip(w0).map(|(a, b)| (a - b).abs()).sum();
                    best = Some(best.map_or(d, |x: f64| x.min(d)));
                }
            }
        }
        best
    }

    fn case() -> impl Strategy<Value = (Vec<Vec<f64>>, Vec<f64>)> {
        let rows = prop::collection::vec(prop::collection::vec(0.0..=1.0f64, 3), 2..6);
        let w0 = prop::collection::vec(0.05..1.0f64, 3).prop_map(|w| {
            let s: f64 = w.iter().sum();
            w.into_iter().map(|x| x / s).collect::<Vec<_>>()
        });
        (rows, w0)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn the_lp_optimum_is_the_brute_force_optimum((rows, w0) in case()) {
            let answer = ask(&rows, 0, &w0, Method::Wsm);
            let exact = brute_force(&rows, 0, &w0);
            match (answer, exact) {
                (Answer::First { weights, distance }, Some(best)) => {
                    prop_assert!(is_first(&rows, 0, &weights, Method::Wsm), "{weights:?}");
                    prop_assert!((distance - best).abs() < 1e-6, "lp {distance} vs brute force {best}");
                    if let Some(g) = grid(&rows, 0, &w0) {
                        // The grid can only do worse, by at most its resolution.
                        prop_assert!(distance <= g + 1e-9 && g <= distance + 0.02, "lp {distance} grid {g}");
                    }
                }
                (Answer::Never { .. }, None) => {}
                (a, b) => prop_assert!(false, "lp {a:?} vs brute force {b:?}"),
            }
        }

        #[test]
        fn the_front_alone_gives_the_same_answer((rows, w0) in case()) {
            let front = pareto_front(&rows);
            let fixed = vec![false; w0.len()];
            for t in 0..rows.len() {
                let q = |front| Question { rows: &rows, target: t, w0: &w0, fixed_zero: &fixed, method: Method::Wsm, front };
                let (all, some) = (closest_first(&q(None)), closest_first(&q(Some(&front))));
                match (&all, &some) {
                    (Answer::First { distance: a, .. }, Answer::First { distance: b, .. }) => prop_assert!((a - b).abs() < 1e-9),
                    (Answer::Never { dominator: a, .. }, Answer::Never { dominator: b, .. }) => prop_assert_eq!(a.is_some(), b.is_some()),
                    _ => prop_assert!(false, "{all:?} vs {some:?}"),
                }
            }
        }

        #[test]
        fn wpm_answers_are_first((rows, w0) in case()) {
            let rows: Vec<Vec<f64>> = rows.into_iter().map(|r| r.into_iter().map(|x| 0.05 + 0.95 * x).collect()).collect();
            if let Answer::First { weights, .. } = ask(&rows, 0, &w0, Method::Wpm) {
                prop_assert!(is_first(&rows, 0, &weights, Method::Wpm), "{weights:?}");
            }
        }
    }
}
