//! The recommendation's one line: why the top platform is first, or why the top is too close
//! to call. A tie at the top is no coin toss by id, and neither is a lead within the noise.
//!
//! The line follows the platform's name wherever it is shown, so it never repeats the name.

use super::{Evaluation, PlatformScore, RankedMatrix, TIE_EPS, by_score};
use crate::analysis::{Method, methods};
use crate::profile::Profile;
use crate::requirements::{COUNT, Level, REQUIREMENTS};

/// Why the first of `ranked` is recommended, from the scores alone. Requirements the profile
/// weighs 0 are never named.
pub(super) fn initial(
    ranked: &[PlatformScore<'_>],
    total: usize,
    profile: &Profile,
    matrix: &RankedMatrix,
    method: Method,
) -> String {
    let weights = &profile.weights;
    let top = &ranked[0];
    let Some(runner) = ranked.get(1) else {
        let why = if total == 1 {
            "the only platform evaluated"
        } else {
            "the only platform that meets every [require] constraint"
        };
        return format!(
            "scores {:.1}, {why}; {}.",
            top.score * 100.0,
            strengths(top, ranked, weights)
        );
    };
    if runner.rank == top.rank {
        return tied(ranked, profile, matrix, method);
    }
    // Platforms tied in second place are all named: the first of them by id is no more the
    // runner-up than the others.
    let seconds: Vec<&PlatformScore<'_>> = ranked[1..]
        .iter()
        .take_while(|p| p.rank == runner.rank)
        .collect();
    let worst_gap = seconds
        .iter()
        .flat_map(|p| (0..COUNT).map(move |r| (p, r)))
        .filter(|(_, r)| weights[*r] > 0.0)
        .map(|(p, r)| (p, r, p.requirements[r].score - top.requirements[r].score))
        .filter(|(.., gap)| *gap > TIE_EPS)
        .max_by(|a, b| a.2.total_cmp(&b.2));
    let trails = match worst_gap {
        Some((p, r, _)) => format!(
            "trails {} on {} ({:.1} vs {:.1})",
            p.platform.name,
            REQUIREMENTS[r].id,
            top.requirements[r].score * 100.0,
            p.requirements[r].score * 100.0
        ),
        None => format!(
            "at least level with {} on every requirement",
            names(&seconds)
        ),
    };
    // A lead smaller than what one claim can move a score is no settled answer: say so, so
    // nobody reads the order of a close cluster as a verdict.
    let step = claim_step(profile);
    let close = if method == Method::Wsm && top.score - runner.score < step - TIE_EPS {
        let leaders: Vec<&PlatformScore<'_>> = std::iter::once(top)
            .chain(seconds.iter().copied())
            .collect();
        format!(
            "; a lead smaller than one claim can make (up to {:.1} points): check the claims that separate them{}",
            step * 100.0,
            facts_apart(&leaders)
        )
    } else {
        String::new()
    };
    // A lead that prints as 0.0 is no lead a reader can see: too close to call, with or
    // without the analyses.
    let call = if (top.score - runner.score) * 100.0 < 0.05 {
        "too close to call: "
    } else {
        ""
    };
    format!(
        "{call}{}; {}; {trails}{close}.",
        lead(top, &seconds),
        strengths(top, ranked, weights)
    )
}

/// The most one criterion's level can move an overall WSM score: its share of the weights
/// times the value between native and none.
fn claim_step(profile: &Profile) -> f64 {
    let total: f64 = profile.weights.iter().sum();
    let span = profile.levels.get(Level::Native).unwrap_or(1.0)
        - profile.levels.get(Level::None).unwrap_or(0.0);
    if total <= 0.0 {
        return 0.0;
    }
    REQUIREMENTS
        .iter()
        .enumerate()
        .flat_map(|(r, req)| {
            let within: f64 = profile.criterion_weights[r].iter().sum();
            req.criteria.iter().enumerate().map(move |(c, _)| {
                if within > 0.0 {
                    profile.weights[r] / total * profile.criterion_weights[r][c] / within
                } else {
                    0.0
                }
            })
        })
        .fold(0.0, f64::max)
        * span
}

fn names(platforms: &[&PlatformScore<'_>]) -> String {
    and_list(platforms.iter().map(|p| p.platform.name.as_str()))
}

/// After the stability and robustness analyses: a lead within their noise is too close to
/// call as well. `None` when the analyses leave the reason as it is.
///
/// Within the noise means a stability interval that ends at the current weight (to the 0.1 %
/// the reports print), or a rival whose first-rank acceptability is within the two standard
/// errors of the top's.
pub(super) fn within_noise(eval: &Evaluation<'_>) -> Option<String> {
    let r = eval.recommendation.as_ref()?;
    let ranked: Vec<&PlatformScore<'_>> =
        eval.platforms.iter().filter(|p| p.rank.is_some()).collect();
    let (top, runner) = (ranked.first()?, ranked.get(1)?);
    if r.index != 0 || runner.rank == top.rank {
        return None;
    }
    let m = &eval.matrix;
    let row_of = |id: &str| m.ids.iter().position(|x| x == id);
    let name = |row: usize| eval.row_name(row);
    // Per rival: the weights whose slightest change puts it first, and its share of first
    // places when that is within the noise of the top's.
    let mut rivals: Vec<(usize, Vec<String>, Option<String>)> = Vec::new();
    let mut edges = Vec::new();
    if let Some(s) = &eval.sensitivity {
        for (j, iv) in s.intervals.iter().enumerate() {
            let Some(iv) = iv else { continue };
            let (low, high) = iv.on_edge();
            for (edge, rival, way) in [(high, iv.high_rival, "more"), (low, iv.low_rival, "less")] {
                if let (true, Some(rival)) = (edge, rival) {
                    edges.push((
                        rival,
                        format!("{} weighs any {way}", REQUIREMENTS[m.analysed[j]].id),
                    ));
                }
            }
        }
    }
    for (rival, edge) in edges {
        let i = entry(&mut rivals, rival);
        rivals[i].1.push(edge);
    }
    if let (Some(rob), Some(t)) = (&eval.robustness, row_of(&top.platform.id)) {
        let (first, se) = (&rob.result.acceptability, &rob.result.std_error);
        for j in (0..m.ids.len()).filter(|j| *j != t) {
            if first[j][0] > 0.0 && (first[t][0] - first[j][0]).abs() <= se[t][0] + se[j][0] {
                let i = entry(&mut rivals, j);
                rivals[i].2 = Some(format!(
                    "in {} of sampled weightings against {}",
                    share(first[j][0]),
                    share(first[t][0])
                ));
            }
        }
    }
    let rival = rivals.first()?.0;
    let signs: Vec<String> = rivals
        .iter()
        .map(|(row, edges, sampled)| {
            let edges = (!edges.is_empty()).then(|| format!("if {}", edges.join(" or ")));
            let when = [edges, sampled.clone()].into_iter().flatten();
            format!(
                "{} is first {}",
                name(*row),
                when.collect::<Vec<_>>().join(", and ")
            )
        })
        .collect();
    let mut contenders = vec![row_of(&top.platform.id)?];
    contenders.extend(rivals.iter().map(|(r, ..)| *r));
    let w = eval.profile.normalised_weights();
    let leaders: Vec<&PlatformScore<'_>> = contenders
        .iter()
        .filter_map(|&row| eval.platforms.iter().find(|p| p.platform.id == m.ids[row]))
        .collect();
    Some(format!(
        "too close to call: {}, but {}; {}{}; `{}` shows the closest weighting that puts it first.",
        lead(top, &[runner]),
        signs.join("; "),
        by_method(m, &w, eval.method, &contenders, &name),
        facts_apart(&leaders),
        explain_command(&m.ids[rival], eval.profile, eval.method)
    ))
}

/// The platforms tied at the top, what separates the first two, and what the other methods
/// make of them.
fn tied(
    ranked: &[PlatformScore<'_>],
    profile: &Profile,
    matrix: &RankedMatrix,
    method: Method,
) -> String {
    let weights = &profile.weights;
    let top = &ranked[0];
    let tied: Vec<&PlatformScore<'_>> = ranked.iter().take_while(|p| p.rank == top.rank).collect();
    let names = and_list(tied.iter().map(|p| p.platform.name.as_str()));
    let (a, b) = (tied[0], tied[1]);
    let ahead = |x: &PlatformScore<'_>, y: &PlatformScore<'_>| -> Vec<&str> {
        (0..COUNT)
            .filter(|r| weights[*r] > 0.0)
            .filter(|r| x.requirements[*r].score > y.requirements[*r].score + TIE_EPS)
            .map(|r| REQUIREMENTS[r].id)
            .collect()
    };
    let (on_a, on_b) = (ahead(a, b), ahead(b, a));
    let separates = if on_a.is_empty() && on_b.is_empty() {
        format!(
            "{} and {} score the same on every requirement",
            a.platform.name, b.platform.name
        )
    } else {
        let part = |p: &PlatformScore<'_>, on: &[&str]| {
            (!on.is_empty())
                .then(|| format!("{} is ahead on {}", p.platform.name, on.join(" and ")))
        };
        [part(a, &on_a), part(b, &on_b)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows: Vec<usize> = tied
        .iter()
        .filter_map(|p| matrix.ids.iter().position(|id| id == &p.platform.id))
        .collect();
    let name = |row: usize| {
        ranked
            .iter()
            .find(|p| p.platform.id == matrix.ids[row])
            .map_or(matrix.ids[row].as_str(), |p| p.platform.name.as_str())
    };
    let w = profile.normalised_weights();
    // Twins are the same under every method: there is nothing more to say of them.
    let methods = if rows.len() == tied.len() && !(on_a.is_empty() && on_b.is_empty()) {
        format!("; {}", by_method(matrix, &w, method, &rows, &name))
    } else {
        String::new()
    };
    format!(
        "too close to call: {names} tie at {:.1}; {separates}{methods}{}; `{}` shows the closest weighting that puts it first.",
        top.score * 100.0,
        facts_apart(&tied),
        explain_command(&b.platform.id, profile, method)
    )
}

/// "; beyond the five requirements they differ on ...", or nothing when the leaders
/// state the same decisive facts.
fn facts_apart(leaders: &[&PlatformScore<'_>]) -> String {
    let descriptors: Vec<&crate::catalog::descriptor::Descriptor> =
        leaders.iter().map(|p| p.platform).collect();
    super::decisive::sentence(&descriptors).map_or_else(String::new, |s| format!("; {s}"))
}

/// `platform-eval explain ID` on this run's platforms, profile, weights and method, so that
/// it runs as printed.
fn explain_command(id: &str, profile: &Profile, method: Method) -> String {
    let method = if method == Method::Wsm {
        String::new()
    } else {
        format!(" --method {}", method.as_str())
    };
    format!(
        "platform-eval explain {id}{}{method}",
        profile.invocation.args(true)
    )
}

/// The index of a rival's entry, made when it is new.
fn entry(rivals: &mut Vec<(usize, Vec<String>, Option<String>)>, row: usize) -> usize {
    rivals
        .iter()
        .position(|(r, ..)| *r == row)
        .unwrap_or_else(|| {
            rivals.push((row, Vec::new(), None));
            rivals.len() - 1
        })
}

/// "ranks first with 96.0, 0.4 points ahead of B" (or "of B and C, tied second").
fn lead(top: &PlatformScore<'_>, seconds: &[&PlatformScore<'_>]) -> String {
    let gap = (top.score - seconds[0].score) * 100.0;
    let by = if gap < 0.05 {
        "less than 0.05 points".to_owned()
    } else {
        format!("{gap:.1} points")
    };
    format!(
        "ranks first with {:.1}, {by} ahead of {}{}",
        top.score * 100.0,
        names(seconds),
        if seconds.len() > 1 {
            ", tied second"
        } else {
            ""
        }
    )
}

/// "strongest in resilience (100.0) and observability (98.0)": the two requirements the top
/// platform is strongest in as the team weighs them. Those where no ranked platform beats it
/// come first, then the heavier weight, then the higher score; table order only breaks what
/// is left.
fn strengths(
    top: &PlatformScore<'_>,
    ranked: &[PlatformScore<'_>],
    weights: &[f64; COUNT],
) -> String {
    let leads = |r: usize| {
        ranked
            .iter()
            .all(|p| p.requirements[r].score <= top.requirements[r].score + TIE_EPS)
    };
    let mut strong: Vec<usize> = (0..COUNT).filter(|r| weights[*r] > 0.0).collect();
    strong.sort_by(|a, b| {
        leads(*b)
            .cmp(&leads(*a))
            .then(weights[*b].total_cmp(&weights[*a]))
            .then(by_score(
                top.requirements[*a].score,
                top.requirements[*b].score,
            ))
    });
    let parts: Vec<String> = strong
        .iter()
        .take(2)
        .map(|r| {
            format!(
                "{} ({:.1})",
                REQUIREMENTS[*r].id,
                top.requirements[*r].score * 100.0
            )
        })
        .collect();
    format!("strongest in {}", parts.join(" and "))
}

/// Which of the contenders (rows of `m`) each of the other two methods puts first under the
/// same weights: "WPM puts B first, TOPSIS puts A first".
fn by_method<'n>(
    m: &RankedMatrix,
    w: &[f64; COUNT],
    current: Method,
    contenders: &[usize],
    name: &impl Fn(usize) -> &'n str,
) -> String {
    let firsts: Vec<(Method, String)> = [Method::Wsm, Method::Wpm, Method::Topsis]
        .into_iter()
        .filter(|x| *x != current)
        .map(|x| {
            let s = methods::scores(x, &m.values, w);
            let best = contenders
                .iter()
                .map(|r| s[*r])
                .fold(f64::NEG_INFINITY, f64::max);
            let first = contenders
                .iter()
                .filter(|r| s[**r] >= best - TIE_EPS)
                .map(|r| name(*r));
            (x, and_list(first))
        })
        .collect();
    let upper = |x: Method| x.as_str().to_ascii_uppercase();
    match firsts.as_slice() {
        [(a, x), (b, y)] if x == y => {
            format!("{} and {} both put {x} first", upper(*a), upper(*b))
        }
        _ => firsts
            .iter()
            .map(|(x, names)| format!("{} puts {names} first", upper(*x)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A share as a percentage: `32 %`, or `52.9 %` when it is not whole.
pub fn share(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{p:.0} %")
    } else {
        format!("{p:.1} %")
    }
}

/// "A", "A and B", "A, B and C".
fn and_list<'s>(names: impl Iterator<Item = &'s str>) -> String {
    let names: Vec<&str> = names.collect();
    match names.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => names.join(""),
    }
}
