//! Orders and ranks with the tie convention: scores within [`TIE_EPS`](super::TIE_EPS) are
//! equal; competition ranks (1, 2, 2, 4); equal scores keep their input order (the caller sorts
//! rows by id, so ties list by id).

use super::TIE_EPS;

/// Row indices by score, best first; ties keep index order.
pub fn order(scores: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| {
        if (scores[a] - scores[b]).abs() <= TIE_EPS {
            a.cmp(&b)
        } else {
            scores[b].total_cmp(&scores[a])
        }
    });
    idx
}

/// Tie groups along an order: `(start, len)` runs of scores within `TIE_EPS` of the run's
/// first score.
pub fn tie_groups(scores: &[f64], order: &[usize]) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut start = 0;
    for k in 1..=order.len() {
        if k == order.len() || (scores[order[start]] - scores[order[k]]).abs() > TIE_EPS {
            groups.push((start, k - start));
            start = k;
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
}
