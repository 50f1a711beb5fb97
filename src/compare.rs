//! Side by side: two or more platforms, requirement by requirement (and criterion by
//! criterion), with the delta to the first and the winner of each row.

use crate::requirements::{Level, Source};
use crate::score::{Evaluation, PlatformScore, TIE_EPS};

#[derive(Debug, Clone)]
pub struct Row {
    /// `observability`, or `observability.tracing` for a criterion row.
    pub label: String,
    pub is_criterion: bool,
    /// One value per platform, in the order asked for (on the [0, 1] scale).
    pub values: Vec<f64>,
    /// For a criterion a platform states a level for, each platform's level (the words a
    /// reader knows; the values are the profile's for them); empty otherwise.
    pub levels: Vec<Level>,
    /// The platforms that share the highest value (within the tie tolerance); all of them
    /// when every value is equal, which is the only tie.
    pub winners: Vec<usize>,
}

impl Row {
    /// Every platform has the same value: nobody wins the row.
    pub fn is_tie(&self) -> bool {
        self.winners.len() == self.values.len()
    }

    /// Whether platform `i` wins the row (alone or with others that share the best value).
    pub fn is_won_by(&self, i: usize) -> bool {
        !self.is_tie() && self.winners.contains(&i)
    }

    /// The single winner, when exactly one platform has the best value.
    pub fn winner(&self) -> Option<usize> {
        (self.winners.len() == 1 && !self.is_tie()).then(|| self.winners[0])
    }
}

#[derive(Debug, Clone)]
pub struct Comparison<'a> {
    pub method: crate::analysis::Method,
    pub profile: String,
    pub platforms: Vec<&'a PlatformScore<'a>>,
    pub rows: Vec<Row>,
    pub total: Row,
    pub summary: String,
}

fn row(label: String, is_criterion: bool, values: Vec<f64>) -> Row {
    let best = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let leaders: Vec<usize> = (0..values.len())
        .filter(|i| (values[*i] - best).abs() <= TIE_EPS)
        .collect();
    Row {
        label,
        is_criterion,
        winners: leaders,
        values,
        levels: Vec::new(),
    }
}

/// Compares the platforms `ids` (at least two, all present in `eval`).
pub fn compare<'a>(eval: &'a Evaluation<'a>, ids: &[&str], detail: bool) -> Comparison<'a> {
    let platforms: Vec<&PlatformScore<'_>> = ids
        .iter()
        .filter_map(|id| eval.platforms.iter().find(|p| p.platform.id == *id))
        .collect();
    let mut rows = Vec::new();
    for (r, req) in crate::requirements::shown_with(&eval.profile.weights) {
        rows.push(row(
            req.id.to_owned(),
            false,
            platforms.iter().map(|p| p.requirements[r].score).collect(),
        ));
        if detail {
            for (c, crit) in req.criteria.iter().enumerate() {
                let mut criterion = row(
                    format!("{}.{}", req.id, crit.id),
                    true,
                    platforms
                        .iter()
                        .map(|p| p.requirements[r].criteria[c].value)
                        .collect(),
                );
                if crit.source != Source::LanguageCoverage {
                    criterion.levels = platforms
                        .iter()
                        .map(|p| p.platform.claim(r, c).value)
                        .collect();
                }
                rows.push(criterion);
            }
        }
    }
    let total = row(
        "total".to_owned(),
        false,
        platforms.iter().map(|p| p.score).collect(),
    );
    let summary = summary(&platforms, &rows, &total);
    Comparison {
        method: eval.method,
        profile: eval.profile.name.clone(),
        platforms,
        rows,
        total,
        summary,
    }
}

/// "Kubernetes leads Nomad by 6.2 points, winning 3 of 5 requirements, tying 1." With more
/// platforms, the others by their total, and every requirement counted once: won alone,
/// shared by some, or tied by all.
fn summary(platforms: &[&PlatformScore<'_>], rows: &[Row], total: &Row) -> String {
    let req_rows: Vec<&Row> = rows.iter().filter(|r| !r.is_criterion).collect();
    let alone = |i: usize| req_rows.iter().filter(|r| r.winner() == Some(i)).count();
    let ties = req_rows.iter().filter(|r| r.is_tie()).count();
    let n = req_rows.len();
    let name = |i: usize| platforms[i].platform.name.as_str();
    let counts = || win_counts(platforms, &req_rows, &alone, ties, n);
    let Some(lead) = total.winner() else {
        let leaders: Vec<&str> = total.winners.iter().map(|&i| name(i)).collect();
        let what = if total.is_tie() {
            "tie"
        } else {
            "share the lead"
        };
        return format!(
            "{} {what} at {:.1} overall; {}",
            and_list(&leaders),
            total.values[total.winners[0]] * 100.0,
            counts()
        );
    };
    let mut others: Vec<usize> = (0..platforms.len()).filter(|i| *i != lead).collect();
    if let [other] = others[..] {
        return format!(
            "{} leads {} by {:.1} points, winning {} of {n} requirements, tying {ties}.",
            name(lead),
            name(other),
            (total.values[lead] - total.values[other]) * 100.0,
            alone(lead)
        );
    }
    // The nearest rival first.
    others.sort_by(|a, b| total.values[*b].total_cmp(&total.values[*a]).then(a.cmp(b)));
    let gaps: Vec<String> = others
        .iter()
        .map(|i| {
            format!(
                "{} by {:.1}",
                name(*i),
                (total.values[lead] - total.values[*i]) * 100.0
            )
        })
        .collect();
    format!(
        "{} leads with {:.1}, ahead of {}; {}",
        name(lead),
        total.values[lead] * 100.0,
        and_list(&gaps),
        counts()
    )
}

fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// "of 5 requirements, A wins 2 alone, B wins 1 alone; A and B share 1; 1 tied.": each
/// requirement counted once, so the counts add up to `n`.
fn win_counts(
    platforms: &[&PlatformScore<'_>],
    rows: &[&Row],
    alone: &dyn Fn(usize) -> usize,
    ties: usize,
    n: usize,
) -> String {
    // Only who wins something: a zero adds nothing to the count.
    let wins: Vec<String> = (0..platforms.len())
        .filter(|&i| alone(i) > 0)
        .map(|i| format!("{} wins {} alone", platforms[i].platform.name, alone(i)))
        .collect();
    let mut shared: Vec<(Vec<usize>, usize)> = Vec::new();
    for r in rows.iter().filter(|r| !r.is_tie() && r.winners.len() > 1) {
        match shared.iter_mut().find(|(w, _)| *w == r.winners) {
            Some((_, k)) => *k += 1,
            None => shared.push((r.winners.clone(), 1)),
        }
    }
    let mut parts = vec![];
    if !wins.is_empty() {
        parts.push(wins.join(", "));
    }
    for (winners, k) in shared {
        let names: Vec<&str> = winners
            .iter()
            .map(|&i| platforms[i].platform.name.as_str())
            .collect();
        parts.push(format!("{} share {k}", and_list(&names)));
    }
    parts.push(format!("{ties} tied"));
    format!("of {n} requirements, {}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::descriptor::Runtimes;
    use crate::profile::Profile;
    use crate::requirements::Level::{Native as N, None as X, Partial as P};
    use crate::score::{evaluate, tests::platform};

    #[test]
    fn rows_deltas_and_the_summary_sentence() {
        // a: all native → 100 everywhere. b: languages 100, containers (1+0+0.4+1)/4 = 60,
        // the rest unknown (0): total (100 + 60) / 5 = 32.
        let ps = vec![
            platform("a", Some(Runtimes::Any), &[N; 22]),
            platform("b", Some(Runtimes::Any), &[N, N, X, P, N]),
        ];
        let profile = Profile::default();
        let eval = evaluate(&ps, &profile, crate::analysis::Method::Wsm);
        let c = compare(&eval, &["b", "a"], false);
        assert_eq!(c.rows.len(), 5);
        assert!(c.rows[0].is_tie(), "languages: both 100");
        assert_eq!(c.rows[1].winner(), Some(1));
        assert!((c.rows[1].values[0] - 0.6).abs() < 1e-12);
        assert_eq!(c.total.winner(), Some(1));
        assert_eq!(
            c.summary,
            "A leads B by 68.0 points, winning 4 of 5 requirements, tying 1."
        );
        let d = compare(&eval, &["a", "b"], true);
        assert_eq!(d.rows.len(), 5 + 23);
        assert!(d.rows[1].is_criterion && d.rows[1].label == "languages.language_coverage");
    }

    #[test]
    fn two_of_three_sharing_the_best_both_win_and_the_third_loses() {
        let r = row("containers".into(), false, vec![1.0, 0.75, 1.0]);
        assert!(!r.is_tie());
        assert_eq!(r.winners, vec![0, 2]);
        assert!(r.is_won_by(0) && r.is_won_by(2) && !r.is_won_by(1));
        assert_eq!(r.winner(), None);
    }

    proptest::proptest! {
        #[test]
        fn a_row_is_a_tie_only_when_every_value_is_equal(values in proptest::collection::vec(0u8..4, 2..6)) {
            let values: Vec<f64> = values.into_iter().map(|v| f64::from(v) / 4.0).collect();
            let r = row("x".into(), false, values.clone());
            let all_equal = values.iter().all(|v| (*v - values[0]).abs() < 1e-12);
            proptest::prop_assert_eq!(r.is_tie(), all_equal);
            let best = values.iter().copied().fold(f64::MIN, f64::max);
            for (i, v) in values.iter().enumerate() {
                proptest::prop_assert_eq!(r.is_won_by(i), !all_equal && (*v - best).abs() < 1e-12);
            }
        }
    }
}
