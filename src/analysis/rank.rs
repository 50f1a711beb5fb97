//! Orders and ranks with the tie convention: scores within [`TIE_EPS`](super::TIE_EPS) are
//! equal; competition ranks (1, 2, 2, 4); equal scores keep their input order (the caller sorts
//! rows by id, so ties list by id).

use super::TIE_EPS;

/// Row indices by score, best first; the rows of a tie group (see [`tie_groups`]) by index.
pub fn order(scores: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    // Exact scores first: "within TIE_EPS" is not transitive (a ≈ b ≈ c with a − c > TIE_EPS),
    // so it cannot order a sort, which may even panic on such a comparison.
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    for (start, len) in tie_groups(scores, &idx) {
        idx[start..start + len].sort_unstable();
    }
    idx
}

/// Tie groups along an order, best first: `(start, len)` runs of scores within `TIE_EPS` of
/// the run's best score. The same runs whatever the order inside each run.
pub fn tie_groups(scores: &[f64], order: &[usize]) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut start = 0;
    let mut best = f64::NEG_INFINITY;
    for k in 0..=order.len() {
        if k == order.len() || (k > start && best - scores[order[k]] > TIE_EPS) {
            if k > start {
                groups.push((start, k - start));
            }
            start = k;
            best = f64::NEG_INFINITY;
        }
        if k < order.len() {
            best = best.max(scores[order[k]]);
        }
    }
    groups
}

/// Competition rank (1-based) of every row.
pub fn competition_ranks(scores: &[f64]) -> Vec<usize> {
    let order = order(scores);
    let mut ranks = vec![0; scores.len()];
    for (start, len) in tie_groups(scores, &order) {
        for &i in &order[start..start + len] {
            ranks[i] = start + 1;
        }
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranks_share_and_skip() {
        assert_eq!(
            competition_ranks(&[0.5, 0.9, 0.5 + 1e-12, 0.1]),
            vec![2, 1, 2, 4]
        );
        assert_eq!(order(&[0.5, 0.9, 0.5 + 1e-12, 0.1]), vec![1, 0, 2, 3]);
    }

    #[test]
    fn chains_of_near_ties_order_and_group_from_the_best_score() {
        // Each score within TIE_EPS of the next but not of the one after: a group runs while
        // scores stay within TIE_EPS of its best one, and its rows list by index.
        let scores: Vec<f64> = (0..40).map(|i| 0.5 + f64::from(i % 20) * 0.6e-9).collect();
        let order = order(&scores);
        let groups = tie_groups(&scores, &order);
        assert_eq!(groups.iter().map(|g| g.1).sum::<usize>(), 40);
        for &(start, len) in &groups {
            let rows = &order[start..start + len];
            assert!(rows.is_sorted());
            let best = rows.iter().map(|&i| scores[i]).fold(f64::MIN, f64::max);
            assert!(rows.iter().all(|&i| best - scores[i] <= TIE_EPS));
        }
        assert_eq!(groups[0], (0, 4));
        assert_eq!(order[..4], [18, 19, 38, 39]);
    }
}
