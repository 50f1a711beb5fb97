//! Levels → criterion values → requirement scores → overall score, ranks and the
//! recommendation (method `wsm`, the weighted sum of `design.md`).
//!
//! Scores are kept on the [0, 1] scale here; reports print them ×100.

use std::cmp::Ordering;

use crate::analysis::smaa::{self, Smaa};
use crate::analysis::stability::{self, Interval};
use crate::analysis::{Matrix, Method, methods, rank};

use crate::catalog::descriptor::{Descriptor, Scope};
use crate::profile::Profile;
use crate::requirements::{COUNT, Level, REQUIREMENTS, Source};

mod decisive;
mod reason;

pub use crate::analysis::TIE_EPS;
pub use reason::share;

#[derive(Debug, Clone, PartialEq)]
pub struct CriterionScore {
    /// The stated level; `None` for the derived `language_coverage`.
    pub level: Option<Level>,
    pub value: f64,
    pub weight: f64,
    /// For `language_coverage`: each team language with its coverage.
    pub languages: Vec<(&'static str, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequirementScore {
    pub score: f64,
    pub criteria: Vec<CriterionScore>,
}

#[derive(Debug, Clone)]
pub struct PlatformScore<'a> {
    pub platform: &'a Descriptor,
    /// Competition rank (1, 2, 2, 4); `None` when excluded by `[require]`.
    pub rank: Option<usize>,
    pub score: f64,
    /// The overall score with every unknown at 0 and at 1 (`None` under TOPSIS, whose scores
    /// depend on the other platforms).
    pub range: Option<(f64, f64)>,
    /// Requirement scores with every unknown at 0 and at 1.
    pub bounds: ([f64; COUNT], [f64; COUNT]),
    /// Share of criteria that are known.
    pub coverage: f64,
    /// Why `[require]` excludes it; empty when it qualifies.
    pub excluded: Vec<String>,
    /// Gates it passes only in part, said so (a region served from a separately operated
    /// partition); empty when none.
    pub caveats: Vec<String>,
    pub requirements: Vec<RequirementScore>,
}

impl PlatformScore<'_> {
    pub fn requirement_scores(&self) -> [f64; COUNT] {
        std::array::from_fn(|r| self.requirements[r].score)
    }
}

#[derive(Debug, Clone)]
pub struct Recommendation {
    /// Index into [`Evaluation::platforms`].
    pub index: usize,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    pub profile: &'a Profile,
    pub method: Method,
    /// Ranked platforms first (by rank, then id), then excluded ones (by id).
    pub platforms: Vec<PlatformScore<'a>>,
    pub recommendation: Option<Recommendation>,
    /// The ranked set's requirement scores, rows by id: TOPSIS's yardstick and what the
    /// sensitivity and robustness analyses work on.
    pub matrix: RankedMatrix,
    pub sensitivity: Option<Sensitivity>,
    pub robustness: Option<Robustness>,
}

/// Requirement scores of the ranked platforms, on the [0, 1] scale.
#[derive(Debug, Clone)]
pub struct RankedMatrix {
    /// Platform ids, sorted.
    pub ids: Vec<String>,
    /// One column per requirement, in table order.
    pub values: Matrix,
    /// The requirements the weight analyses (stability, SMAA) range over: the five, and an
    /// optional one only when it is weighted, so that an unweighted optional requirement
    /// changes no analysis. Their results are per entry of this list.
    pub analysed: Vec<usize>,
}

impl RankedMatrix {
    /// The columns of [`Self::analysed`] only.
    pub fn analysed_values(&self) -> Matrix {
        Matrix::from_rows(
            &(0..self.values.rows())
                .map(|i| {
                    let row = self.values.row(i);
                    self.analysed.iter().map(|&j| row[j]).collect()
                })
                .collect::<Vec<Vec<f64>>>(),
        )
    }
}

/// Weight stability of the top platform: one interval per requirement.
#[derive(Debug, Clone)]
pub struct Sensitivity {
    pub top: String,
    /// Per requirement, in table order; rivals are indexes into `RankedMatrix::ids`.
    pub intervals: Vec<Option<Interval>>,
}

/// SMAA-2 rank acceptabilities of the ranked platforms (rows as in `RankedMatrix::ids`).
#[derive(Debug, Clone)]
pub struct Robustness {
    pub config: smaa::Config,
    pub result: Smaa,
}

/// What to analyse beyond the ranking.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnalysisOptions {
    pub sensitivity: bool,
    pub robustness: Option<smaa::Config>,
}

/// Scores and ranks every platform under the profile with the given method.
pub fn evaluate<'a>(
    platforms: &'a [Descriptor],
    profile: &'a Profile,
    method: Method,
) -> Evaluation<'a> {
    let w = profile.normalised_weights();
    let mut scored: Vec<PlatformScore<'a>> = platforms.iter().map(|d| score(d, profile)).collect();
    let matrix = ranked_matrix(&scored, profile);
    match method {
        Method::Wsm => {}
        Method::Wpm => {
            for p in &mut scored {
                p.score = methods::wpm(&p.requirement_scores(), &w);
                p.range = Some((methods::wpm(&p.bounds.0, &w), methods::wpm(&p.bounds.1, &w)));
            }
        }
        Method::Topsis => {
            // The ranked set is the yardstick; with nothing ranked, every platform is.
            let yardstick = if matrix.ids.is_empty() {
                Matrix::from_rows(
                    &scored
                        .iter()
                        .map(|p| p.requirement_scores().to_vec())
                        .collect::<Vec<_>>(),
                )
            } else {
                matrix.values.clone()
            };
            let topsis = methods::Topsis::new(&yardstick);
            for p in &mut scored {
                p.score = topsis.closeness_of(&p.requirement_scores(), &w);
                p.range = None;
            }
        }
    }
    // Exact scores first, then each tie group (scores within TIE_EPS) by id: "within TIE_EPS"
    // is not transitive (a ≈ b ≈ c with a − c > TIE_EPS), so it cannot order a sort itself,
    // and a sort may panic on such a comparison.
    scored.sort_by(|a, b| {
        a.excluded
            .is_empty()
            .cmp(&b.excluded.is_empty())
            .reverse()
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.platform.id.cmp(&b.platform.id))
    });
    let eligible = scored.iter().filter(|p| p.excluded.is_empty()).count();
    let scores: Vec<f64> = scored[..eligible].iter().map(|p| p.score).collect();
    let along: Vec<usize> = (0..eligible).collect();
    for (start, len) in rank::tie_groups(&scores, &along) {
        scored[start..start + len].sort_by(|a, b| a.platform.id.cmp(&b.platform.id));
    }
    let ranks = rank::competition_ranks(
        &scored[..eligible]
            .iter()
            .map(|p| p.score)
            .collect::<Vec<_>>(),
    );
    for (p, rank) in scored.iter_mut().zip(ranks) {
        p.rank = Some(rank);
    }
    // Excluded platforms are listed by id, not by score.
    scored[eligible..].sort_by(|a, b| a.platform.id.cmp(&b.platform.id));
    let recommendation = (eligible > 0).then(|| Recommendation {
        index: 0,
        reason: reason::initial(
            &scored[..eligible],
            platforms.len(),
            profile,
            &matrix,
            method,
        ),
    });
    Evaluation {
        profile,
        method,
        platforms: scored,
        recommendation,
        matrix,
        sensitivity: None,
        robustness: None,
    }
}

impl Evaluation<'_> {
    /// The name of a ranked platform by its row in the analysis matrix.
    pub fn row_name(&self, row: usize) -> &str {
        let id = &self.matrix.ids[row];
        self.platforms
            .iter()
            .find(|p| &p.platform.id == id)
            .map_or(id.as_str(), |p| p.platform.name.as_str())
    }
}

fn ranked_matrix(scored: &[PlatformScore<'_>], profile: &Profile) -> RankedMatrix {
    let mut ranked: Vec<&PlatformScore<'_>> =
        scored.iter().filter(|p| p.excluded.is_empty()).collect();
    ranked.sort_by(|a, b| a.platform.id.cmp(&b.platform.id));
    RankedMatrix {
        analysed: crate::requirements::shown(&profile.weights).collect(),
        ids: ranked.iter().map(|p| p.platform.id.clone()).collect(),
        values: Matrix::from_rows(
            &ranked
                .iter()
                .map(|p| p.requirement_scores().to_vec())
                .collect::<Vec<_>>(),
        ),
    }
}

/// Adds the weight-stability and robustness analyses of the ranked set.
pub fn analyse(eval: &mut Evaluation<'_>, opts: AnalysisOptions) {
    let m = &eval.matrix;
    if m.ids.is_empty() {
        return;
    }
    let full = eval.profile.normalised_weights();
    let w: Vec<f64> = m.analysed.iter().map(|&j| full[j]).collect();
    let values = m.analysed_values();
    if opts.sensitivity
        && let Some(r) = &eval.recommendation
    {
        let top_id = &eval.platforms[r.index].platform.id;
        if let Some(top) = m.ids.iter().position(|id| id == top_id) {
            eval.sensitivity = Some(Sensitivity {
                top: top_id.clone(),
                intervals: stability::intervals(eval.method, &values, &w, top),
            });
        }
    }
    if let Some(config) = opts.robustness {
        eval.robustness = Some(Robustness {
            config,
            result: smaa::run(eval.method, &values, &w, config),
        });
    }
    if let Some(text) = reason::within_noise(eval)
        && let Some(r) = &mut eval.recommendation
    {
        r.reason = text;
    }
}

/// Descending by score, equal within [`TIE_EPS`].
fn by_score(a: f64, b: f64) -> Ordering {
    if (a - b).abs() <= TIE_EPS {
        Ordering::Equal
    } else {
        b.total_cmp(&a)
    }
}

/// Scores one platform: requirement scores, overall, range, coverage, exclusions.
pub fn score<'a>(d: &'a Descriptor, profile: &Profile) -> PlatformScore<'a> {
    let requirements = requirement_details(d, profile, profile.unknown_value());
    let nominal: [f64; COUNT] = std::array::from_fn(|r| requirements[r].score);
    let low = requirement_values(d, profile, 0.0);
    let high = requirement_values(d, profile, 1.0);
    let known = REQUIREMENTS[..crate::requirements::CORE]
        .iter()
        .enumerate()
        .flat_map(|(r, req)| {
            req.criteria
                .iter()
                .enumerate()
                .map(move |(c, crit)| (r, c, crit))
        })
        .filter(|(r, c, crit)| match crit.source {
            Source::LanguageCoverage => d.runtimes.is_some(),
            Source::Level | Source::Fact => d.claim(*r, *c).value != Level::Unknown,
        })
        .count();
    #[allow(clippy::cast_precision_loss)] // counts are tiny
    let coverage = known as f64 / crate::requirements::criteria_count() as f64;
    PlatformScore {
        platform: d,
        rank: None,
        score: overall(&nominal, &profile.weights),
        range: Some((
            overall(&low, &profile.weights),
            overall(&high, &profile.weights),
        )),
        bounds: (low, high),
        coverage,
        excluded: exclusions(d, profile),
        caveats: profile.require.iter().filter_map(|c| c.caveat(d)).collect(),
        requirements,
    }
}

/// Overall score: Σ W_j r_j / Σ W_j.
pub fn overall(r: &[f64; COUNT], weights: &[f64; COUNT]) -> f64 {
    let total: f64 = weights.iter().sum();
    if total == 0.0 {
        return 0.0;
    }
    r.iter().zip(weights).map(|(x, w)| x * w).sum::<f64>() / total
}

/// The value of a criterion's level, with `unknown` worth `unknown`.
fn level_value(level: Level, profile: &Profile, unknown: f64) -> f64 {
    profile.levels.get(level).unwrap_or(unknown)
}

/// Mean over the team's languages of 1 (listed) or the value of `custom_runtime`.
fn language_coverage(d: &Descriptor, profile: &Profile, unknown: f64) -> Vec<(&'static str, f64)> {
    let lr = crate::requirements::requirement_index("languages").unwrap_or(0);
    let custom = REQUIREMENTS[lr]
        .criterion_index("custom_runtime")
        .map_or(unknown, |c| {
            level_value(d.claim(lr, c).value, profile, unknown)
        });
    profile
        .languages
        .iter()
        .map(|l| {
            let v = match &d.runtimes {
                // Not stated: every language is as unknown as the list.
                None => unknown,
                Some(rt) if rt.value.covers(l) => 1.0,
                Some(_) => custom,
            };
            (*l, v)
        })
        .collect()
}

/// Each team language with the value of a claim that holds for some languages only: the
/// claim's level for a listed language, the level of the others for the rest.
fn scoped(
    level: Level,
    scope: &Scope,
    profile: &Profile,
    unknown: f64,
) -> Vec<(&'static str, f64)> {
    profile
        .languages
        .iter()
        .map(|l| {
            let at = if scope.covers(l) { level } else { scope.others };
            (*l, level_value(at, profile, unknown))
        })
        .collect()
}

/// The mean of per-language values; `empty` when the team names no language.
fn mean(languages: &[(&'static str, f64)], empty: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)] // a handful of languages
    if languages.is_empty() {
        empty
    } else {
        languages.iter().map(|(_, v)| v).sum::<f64>() / languages.len() as f64
    }
}

fn requirement_details(d: &Descriptor, profile: &Profile, unknown: f64) -> Vec<RequirementScore> {
    REQUIREMENTS
        .iter()
        .enumerate()
        .map(|(r, req)| {
            let criteria: Vec<CriterionScore> = req
                .criteria
                .iter()
                .enumerate()
                .map(|(c, crit)| {
                    let weight = profile.criterion_weights[r][c];
                    match crit.source {
                        Source::Level | Source::Fact => {
                            let claim = d.claim(r, c);
                            let level = claim.value;
                            match &claim.scope {
                                None => CriterionScore {
                                    level: Some(level),
                                    value: level_value(level, profile, unknown),
                                    weight,
                                    languages: Vec::new(),
                                },
                                Some(scope) => {
                                    let languages = scoped(level, scope, profile, unknown);
                                    CriterionScore {
                                        level: Some(level),
                                        value: mean(&languages, unknown),
                                        weight,
                                        languages,
                                    }
                                }
                            }
                        }
                        Source::LanguageCoverage => {
                            let languages = language_coverage(d, profile, unknown);
                            let value = mean(&languages, unknown);
                            CriterionScore {
                                level: None,
                                value,
                                weight,
                                languages,
                            }
                        }
                    }
                })
                .collect();
            let total: f64 = criteria.iter().map(|c| c.weight).sum();
            let score = if total == 0.0 {
                0.0
            } else {
                criteria.iter().map(|c| c.weight * c.value).sum::<f64>() / total
            };
            RequirementScore { score, criteria }
        })
        .collect()
}

fn requirement_values(d: &Descriptor, profile: &Profile, unknown: f64) -> [f64; COUNT] {
    let details = requirement_details(d, profile, unknown);
    std::array::from_fn(|r| details[r].score)
}

/// Why the profile's `[require]` constraints exclude a platform. A profile that says nothing
/// of `lifecycle` keeps `ga`, `preview` and `deprecated` platforms, unless `--include-closed`.
fn exclusions(d: &Descriptor, profile: &Profile) -> Vec<String> {
    use crate::profile::{Constraint, require};
    let mut out: Vec<String> = profile
        .require
        .iter()
        .filter_map(|c| c.unmet_by(d))
        .collect();
    let states_lifecycle = profile
        .require
        .iter()
        .any(|c| matches!(c, Constraint::Lifecycle(_)));
    if !states_lifecycle
        && !profile.include_closed
        && !require::DEFAULT_LIFECYCLE.contains(&d.facts.status())
    {
        out.push(require::lifecycle_reason(d, true));
    }
    out
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // values read from text or set by hand compare exactly
pub(crate) mod tests {
    use super::*;
    use crate::catalog::descriptor::{Claim, Evidence, Runtimes};
    use crate::diag::SourceFile;
    use crate::profile::Constraint;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// A descriptor with the given levels in table order (language_coverage slot skipped).
    pub(crate) fn platform(id: &str, runtimes: Option<Runtimes>, levels: &[Level]) -> Descriptor {
        let mut it = levels.iter().copied();
        let claims = REQUIREMENTS
            .iter()
            .map(|req| {
                req.criteria
                    .iter()
                    .map(|c| {
                        let value = match c.source {
                            Source::Level | Source::Fact => it.next().unwrap_or(Level::Unknown),
                            Source::LanguageCoverage => Level::Unknown,
                        };
                        Claim::bare(value)
                    })
                    .collect()
            })
            .collect();
        let file = Arc::new(SourceFile::new(format!("{id}.yaml"), String::new()));
        Descriptor {
            id: id.into(),
            name: id.to_uppercase(),
            runtimes: runtimes.map(Evidence::bare),
            claims,
            ..Descriptor::stating_nothing(&file, false)
        }
    }

    use Level::{Addon as A, Native as N, None as X, Partial as P, Unknown as U};

    #[test]
    fn worked_example_by_hand() {
        // Team: go, python. Runtimes [go]; custom_runtime partial (0.4).
        //   language_coverage = (1 + 0.4) / 2 = 0.7; languages = (0.7 + 0.4) / 2 = 0.55
        // containers: native, addon, partial, none = (1 + 0.6 + 0.4 + 0) / 4 = 0.5
        // automation: 6 × native = 1
        // resilience: native ×3, unknown ×3 (treated as none) = 0.5
        // observability: addon ×5 = 0.6
        // overall (weights 1,1,1,2,1) = (0.55 + 0.5 + 1 + 2×0.5 + 0.6) / 6 = 3.65 / 6
        let d = platform(
            "p",
            Some(Runtimes::List(vec!["go"])),
            &[
                P, N, A, P, X, N, N, N, N, N, N, N, N, N, U, U, U, A, A, A, A, A,
            ],
        );
        let profile = Profile {
            languages: vec!["go", "python"],
            weights: [1.0, 1.0, 1.0, 2.0, 1.0, 0.0, 0.0],
            ..Profile::default()
        };
        let s = score(&d, &profile);
        let r = s.requirement_scores();
        let expect = [0.55, 0.5, 1.0, 0.5, 0.6];
        for (got, want) in r.iter().zip(expect) {
            assert!((got - want).abs() < 1e-12, "{r:?}");
        }
        assert!((s.score - 3.65 / 6.0).abs() < 1e-12);
        // Range: the three unknowns at 0 give the nominal value (treat_as none);
        // at 1, resilience = 1 and overall = (0.55 + 0.5 + 1 + 2 + 0.6) / 6.
        let range = s.range.unwrap();
        assert!((range.0 - 3.65 / 6.0).abs() < 1e-12);
        assert!((range.1 - 4.65 / 6.0).abs() < 1e-12);
        // 23 criteria, 3 unknown.
        assert!((s.coverage - 20.0 / 23.0).abs() < 1e-12);
    }

    #[test]
    fn unknown_runtimes_count_as_unknown_for_every_language() {
        let d = platform("p", None, &[N]);
        let profile = Profile {
            unknown_as: Level::Partial,
            ..Profile::default()
        };
        let s = score(&d, &profile);
        // language_coverage = 0.4 (unknown as partial), custom_runtime = 1 → 0.7.
        assert!((s.requirements[0].score - 0.7).abs() < 1e-12);
        assert!(
            s.requirements[0].criteria[0]
                .languages
                .iter()
                .all(|(_, v)| *v == 0.4)
        );
    }

    #[test]
    fn ranks_are_competition_ranks_with_ties_by_id() {
        assert_eq!(
            rank::competition_ranks(&[0.9, 0.8, 0.8 + 5e-10, 0.7]),
            vec![1, 2, 2, 4]
        );
        let all_native = vec![N; 22];
        let ps = vec![
            platform("b", Some(Runtimes::Any), &all_native),
            platform("a", Some(Runtimes::Any), &all_native),
            platform("c", Some(Runtimes::Any), &[X]),
        ];
        let profile = Profile::default();
        let e = evaluate(&ps, &profile, Method::Wsm);
        let got = ids_and_ranks(&e);
        assert_eq!(got, vec![("a", Some(1)), ("b", Some(1)), ("c", Some(3))]);
        let reason = &e.recommendation.unwrap().reason;
        assert!(
            reason.starts_with("too close to call: A and B tie at 100.0; A and B score the same on every requirement; `platform-eval explain b`"),
            "{reason}"
        );
    }

    #[test]
    fn a_level_for_some_languages_scores_the_mean_over_the_team() {
        let mut d = platform("p", Some(Runtimes::Any), &[Level::Native; 22]);
        // Tracing (observability, third criterion): native for Java, addon for the rest.
        d.claims[4][2].scope = Some(Box::new(Scope {
            languages: vec!["java"],
            others: Level::Addon,
        }));
        let profile = Profile {
            languages: vec!["java", "kotlin", "go", "python"],
            ..Profile::default()
        };
        let ps = score(&d, &profile);
        let tracing = &ps.requirements[4].criteria[2];
        // Java and Kotlin (on the JVM) native = 1.0, Go and Python addon = 0.6.
        assert_eq!(
            tracing.languages,
            vec![("java", 1.0), ("kotlin", 1.0), ("go", 0.6), ("python", 0.6)]
        );
        assert!((tracing.value - 0.8).abs() < 1e-12);
        assert!((ps.requirements[4].score - (4.0 + 0.8) / 5.0).abs() < 1e-12);
        // A Java-only team gets the full level.
        let java = Profile {
            languages: vec!["java"],
            ..Profile::default()
        };
        assert_eq!(score(&d, &java).requirements[4].criteria[2].value, 1.0);
    }

    #[test]
    fn a_chain_of_near_ties_lists_by_score_then_id_with_ranks_in_order() {
        use Level::{Addon, Native, None as No, Partial};
        let values = [No, Partial, Addon, Native];
        let ps: Vec<Descriptor> = (0..64usize)
            .map(|i| {
                let levels = [
                    Native,
                    values[i % 4],
                    values[(i / 4) % 4],
                    values[(i / 16) % 4],
                    values[(i * 7) % 4],
                ];
                platform(
                    &format!("p{:02}", (i * 37) % 64),
                    Some(Runtimes::Any),
                    &levels,
                )
            })
            .collect();
        // Containers weigh so little that scores a step apart (0.05 of containers) are within
        // TIE_EPS and scores three steps apart are not: "within TIE_EPS" is no order here.
        let profile = Profile {
            weights: [1.0, 1.2e-8, 0.0, 0.0, 0.0, 0.0, 0.0],
            ..Profile::default()
        };
        let e = evaluate(&ps, &profile, Method::Wsm);
        for pair in e.platforms.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(
                a.rank <= b.rank,
                "{} before {}",
                a.platform.id,
                b.platform.id
            );
            if a.rank == b.rank {
                assert!(a.platform.id < b.platform.id, "a tie lists by id");
            } else {
                assert!(
                    a.score > b.score,
                    "{} before {}",
                    a.platform.id,
                    b.platform.id
                );
            }
        }
        let ranks: std::collections::BTreeSet<_> = e.platforms.iter().map(|p| p.rank).collect();
        assert!(
            ranks.len() > 3,
            "the case has several tie groups: {ranks:?}"
        );
    }

    /// Each listed platform's id and rank, in listing order.
    fn ids_and_ranks<'e>(e: &'e Evaluation<'_>) -> Vec<(&'e str, Option<usize>)> {
        e.platforms
            .iter()
            .map(|p| (p.platform.id.as_str(), p.rank))
            .collect()
    }

    #[test]
    fn require_excludes_with_a_reason_and_no_rank() {
        let ps = vec![
            platform("good", Some(Runtimes::Any), &[N, N]),
            platform("weak", Some(Runtimes::Any), &[N, A]),
            platform("best", Some(Runtimes::Any), &[N, N, N, N, N, N, N, N, N, N]),
        ];
        let profile = Profile {
            require: vec![
                Constraint::AtLeast {
                    requirement: 1,
                    criterion: 0,
                    level: Level::Native,
                },
                Constraint::Hosting(vec![crate::catalog::descriptor::Hosting::Managed]),
            ],
            ..Profile::default()
        };
        let mut ps = ps;
        ps[0].hosting = Some(crate::catalog::descriptor::Hosting::Managed);
        ps[1].hosting = Some(crate::catalog::descriptor::Hosting::Managed);
        ps[2].hosting = Some(crate::catalog::descriptor::Hosting::SelfHosted);
        let e = evaluate(&ps, &profile, Method::Wsm);
        let got = ids_and_ranks(&e);
        assert_eq!(got, vec![("good", Some(1)), ("best", None), ("weak", None)]);
        assert_eq!(
            e.platforms[1].excluded,
            vec!["hosting is self-hosted, not managed"]
        );
        assert_eq!(
            e.platforms[2].excluded,
            vec!["containers.oci_images is addon, below the required native"]
        );
        assert!(
            e.recommendation
                .unwrap()
                .reason
                .contains("only platform that meets every")
        );
    }

    fn any_level() -> impl Strategy<Value = Level> {
        prop::sample::select(Level::ALL.to_vec())
    }

    fn any_platform(id: usize) -> impl Strategy<Value = Descriptor> {
        (prop::collection::vec(any_level(), 22), any::<bool>()).prop_map(move |(levels, any)| {
            let rt = if any {
                Runtimes::Any
            } else {
                Runtimes::List(vec!["go", "java"])
            };
            platform(&format!("p{id:02}"), Some(rt), &levels)
        })
    }

    fn any_platforms() -> impl Strategy<Value = Vec<Descriptor>> {
        (1usize..8).prop_flat_map(|n| (0..n).map(any_platform).collect::<Vec<_>>())
    }

    fn any_weights() -> impl Strategy<Value = [f64; COUNT]> {
        prop::array::uniform7(0.0f64..10.0)
            .prop_filter("not all zero", |w| w.iter().sum::<f64>() > 0.01)
    }

    fn ranking(e: &Evaluation<'_>) -> Vec<(String, Option<usize>)> {
        e.platforms
            .iter()
            .map(|p| (p.platform.id.clone(), p.rank))
            .collect()
    }

    fn any_method() -> impl Strategy<Value = Method> {
        prop::sample::select(vec![Method::Wsm, Method::Wpm, Method::Topsis])
    }

    /// The score of platform `id` in an evaluation.
    fn score_of(e: &Evaluation<'_>, id: &str) -> f64 {
        e.platforms
            .iter()
            .find(|p| p.platform.id == id)
            .unwrap()
            .score
    }

    proptest! {
        #[test]
        fn input_order_does_not_change_the_ranking(ps in any_platforms(), seed in any::<u64>(), method in any_method()) {
            let profile = Profile::default();
            let mut shuffled = ps.clone();
            // A deterministic permutation from the seed.
            let n = shuffled.len();
            for i in (1..n).rev() {
                #[allow(clippy::cast_possible_truncation)]
                let j = (seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
                shuffled.swap(i, j);
            }
            prop_assert_eq!(ranking(&evaluate(&ps, &profile, method)), ranking(&evaluate(&shuffled, &profile, method)));
        }

        #[test]
        fn scaling_all_weights_changes_no_score(ps in any_platforms(), w in any_weights(), k in 0.01f64..100.0, method in any_method()) {
            let a = Profile { weights: w, ..Profile::default() };
            let b = Profile { weights: w.map(|x| x * k), ..Profile::default() };
            let (ea, eb) = (evaluate(&ps, &a, method), evaluate(&ps, &b, method));
            for d in &ps {
                prop_assert!((score_of(&ea, &d.id) - score_of(&eb, &d.id)).abs() < 1e-12);
            }
        }

        // Under WSM and WPM a platform's score depends on its own levels only, and raising one
        // never lowers it. (TOPSIS measures against the others, so it is left out here.)
        #[test]
        fn raising_a_level_never_lowers_the_score(
            d in any_platform(0), w in any_weights(), slot in 0usize..22, treat in 0usize..4,
            method in prop::sample::select(vec![Method::Wsm, Method::Wpm]),
        ) {
            let profile = Profile { weights: w, unknown_as: Level::KNOWN[treat], ..Profile::default() };
            // The slot-th stated criterion in table order.
            let (r, c) = crate::requirements::all_criteria()
                .filter(|(r, c)| REQUIREMENTS[*r].criteria[*c].source == Source::Level)
                .nth(slot)
                .unwrap();
            let before = score_of(&evaluate(std::slice::from_ref(&d), &profile, method), &d.id);
            let mut raised = d.clone();
            for level in [Level::None, Level::Partial, Level::Addon, Level::Native] {
                if d.claim(r, c).value.strength().is_some_and(|s| s < level.strength().unwrap_or(0)) {
                    raised.claims[r][c].value = level;
                    let after = score_of(&evaluate(std::slice::from_ref(&raised), &profile, method), &d.id);
                    prop_assert!(after >= before - 1e-12, "{after} < {before}");
                }
            }
        }

        #[test]
        fn scores_stay_in_range(ps in any_platforms(), w in any_weights(), method in any_method()) {
            let profile = Profile { weights: w, ..Profile::default() };
            for p in evaluate(&ps, &profile, method).platforms {
                prop_assert!((0.0..=1.0).contains(&p.score), "{}", p.score);
                prop_assert!((0.0..=1.0).contains(&p.coverage));
                if let Some(range) = p.range {
                    prop_assert!((0.0..=1.0).contains(&range.0) && (0.0..=1.0).contains(&range.1));
                    prop_assert!(range.0 <= p.score + 1e-12 && p.score <= range.1 + 1e-12);
                }
                prop_assert_eq!(p.range.is_none(), method == Method::Topsis);
                for r in &p.requirements {
                    prop_assert!((0.0..=1.0).contains(&r.score));
                }
            }
        }
    }
}
