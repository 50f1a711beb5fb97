//! What a platform offers and what the deployment uses, together: the effective level of
//! each criterion as the deployment runs, as a descriptor every command takes.
//!
//! The rule, one line per state (the README says it too):
//! - **used**: the platform's level; where the platform offers nothing (or it is unknown) and
//!   the deployment brings it itself (a Prometheus it runs), `addon`.
//! - **partial**: `partial`, whatever the platform offers: some services or some of the way.
//! - **unused**: `none`: the platform may offer it, the deployment does not use it.
//! - **unknown**: the platform's level stands: nothing in the files says otherwise.

use std::sync::Arc;

use super::model::{CriterionUse, Deployment, Finding, Place, Use};
use crate::catalog::descriptor::{Base, Claim, Descriptor, Evidence};
use crate::profile::Profile;
use crate::requirements::{COUNT, Level};
use crate::score;

/// One criterion: offered, used, effective.
#[derive(Debug, Clone)]
pub struct Row {
    pub requirement: usize,
    pub criterion: usize,
    pub path: String,
    pub offered: Level,
    pub used: Use,
    pub effective: Level,
}

/// A criterion the deployment could raise, with what it would add.
#[derive(Debug, Clone)]
pub struct Gap {
    pub path: String,
    pub effective: Level,
    /// The level it could have: the platform's, or `addon` where the team must bring it.
    pub target: Level,
    /// Overall points (0 to 100) it would add under the profile's weights.
    pub adds: f64,
    /// Its requirement's points (0 to 100).
    pub adds_to_requirement: f64,
    pub fix: Option<String>,
    pub at: Option<Place>,
}

/// The deployment on a platform.
#[derive(Debug)]
pub struct Effective {
    pub rows: Vec<Row>,
    /// The deployment as a descriptor: `extends` the platform, each criterion the files
    /// settle stated with its evidence.
    pub descriptor: Descriptor,
    /// Requirement scores (0 to 1) of the platform as offered, and of the deployment.
    pub offered: [f64; COUNT],
    pub deployed: [f64; COUNT],
    pub offered_overall: f64,
    pub deployed_overall: f64,
    pub gaps: Vec<Gap>,
}

/// The level the deployment has, from what the platform offers and what it uses.
pub fn level(offered: Level, used: Use) -> Level {
    let known = offered.strength().is_some_and(|s| s > 0);
    match used {
        Use::Used if known => offered,
        Use::Used => Level::Addon,
        Use::Partial => Level::Partial,
        Use::Unused => Level::None,
        Use::Unknown => offered,
    }
}

/// The id the deployment goes by on `platform`.
pub fn deployment_id(platform: &str) -> String {
    format!("{platform}-deployed")
}

pub fn on(deployment: &Deployment, platform: &Descriptor, profile: &Profile) -> Effective {
    let criteria = deployment.criteria();
    let rows: Vec<Row> = criteria
        .iter()
        .map(|u| {
            let offered = platform.claim(u.requirement, u.criterion).value;
            Row {
                requirement: u.requirement,
                criterion: u.criterion,
                path: u.path.clone(),
                offered,
                used: u.state,
                effective: level(offered, u.state),
            }
        })
        .collect();
    let descriptor = describe(platform, &criteria, &rows);
    let offered_score = score::score(platform, profile);
    let deployed_score = score::score(&descriptor, profile);
    let offered = offered_score.requirement_scores();
    let deployed = deployed_score.requirement_scores();
    let gaps = gaps(
        &descriptor,
        &criteria,
        &rows,
        profile,
        deployed_score.score,
        &deployed,
    );
    Effective {
        offered,
        deployed,
        offered_overall: offered_score.score,
        deployed_overall: deployed_score.score,
        rows,
        descriptor,
        gaps,
    }
}

/// The deployment as a descriptor of its own.
fn describe(platform: &Descriptor, criteria: &[CriterionUse<'_>], rows: &[Row]) -> Descriptor {
    let mut d = platform.clone();
    d.id = deployment_id(&platform.id);
    d.name = format!("{} as deployed", platform.name);
    d.summary = Some(format!(
        "What the scanned deployment uses of {}, from its own files.",
        platform.name
    ));
    d.aliases.clear();
    d.builtin = false;
    d.extends = Some(Evidence::bare(platform.id.clone()));
    let base = Arc::new(Base {
        id: platform.id.clone().into(),
        file: platform.file.name.clone().into(),
        builtin: platform.builtin,
    });
    for claim in d.claims.iter_mut().flatten() {
        if claim.inherited.is_none() {
            claim.inherited = Some(Arc::clone(&base));
        }
    }
    for (u, row) in criteria.iter().zip(rows) {
        if row.used == Use::Unknown {
            continue;
        }
        let mut claim = Claim::bare(row.effective);
        claim.note = Some(note(u, row).into());
        claim.source =
            settling(u).map(|f| format!("{}:{}:{}", f.at.file, f.at.line, f.at.column).into());
        d.claims[row.requirement][row.criterion] = claim;
    }
    d
}

/// The finding that settles a criterion's state: its first gap when it has one, else its
/// first counted finding.
pub fn settling<'a>(u: &CriterionUse<'a>) -> Option<&'a Finding> {
    let counted = || u.findings.iter().copied().filter(|f| f.counts);
    counted()
        .find(|f| f.state != Use::Used)
        .or_else(|| counted().next())
}

/// The note of a scanned claim: the state and the finding that settles it.
pub fn note(u: &CriterionUse<'_>, row: &Row) -> String {
    let counted: Vec<_> = u.findings.iter().filter(|f| f.counts).collect();
    let first = settling(u).map_or(String::new(), |f| f.message.clone());
    let more = if counted.len() > 1 {
        format!(" (and {} more findings)", counted.len() - 1)
    } else {
        String::new()
    };
    format!("{} by the deployment: {first}{more}", row.used)
}

fn gaps(
    descriptor: &Descriptor,
    criteria: &[CriterionUse<'_>],
    rows: &[Row],
    profile: &Profile,
    now: f64,
    now_requirements: &[f64; COUNT],
) -> Vec<Gap> {
    let mut out = Vec::new();
    for (u, row) in criteria.iter().zip(rows) {
        let target = match row.offered {
            Level::Native | Level::Addon => row.offered,
            _ => Level::Addon,
        };
        let below = match (row.effective.strength(), target.strength()) {
            (Some(e), Some(t)) => e < t,
            _ => false,
        };
        if !below || row.used == Use::Unknown || row.used == Use::Used {
            continue;
        }
        let mut raised = descriptor.clone();
        raised.claims[row.requirement][row.criterion].value = target;
        let s = score::score(&raised, profile);
        let finding = u
            .findings
            .iter()
            .find(|f| f.counts && f.fix.is_some() && f.state != Use::Used);
        out.push(Gap {
            path: row.path.clone(),
            effective: row.effective,
            target,
            adds: (s.score - now) * 100.0,
            adds_to_requirement: (s.requirements[row.requirement].score
                - now_requirements[row.requirement])
                * 100.0,
            // A gap without a fix of its own says what holds it back.
            fix: finding.and_then(|f| f.fix.clone()).or_else(|| {
                u.findings
                    .iter()
                    .find(|f| f.counts && f.state != Use::Used)
                    .map(|f| format!("held back by: {}", f.message))
            }),
            at: finding
                .or_else(|| u.findings.iter().find(|f| f.counts && f.state != Use::Used))
                .map(|f| f.at.clone()),
        });
    }
    out.sort_by(|a, b| b.adds.total_cmp(&a.adds).then_with(|| a.path.cmp(&b.path)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::{Addon, Native, None as No, Partial, Unknown};

    #[test]
    fn the_effective_level_follows_the_rule_in_the_module_docs() {
        assert_eq!(level(Native, Use::Used), Native);
        assert_eq!(level(No, Use::Used), Addon);
        assert_eq!(level(Unknown, Use::Used), Addon);
        assert_eq!(level(Native, Use::Partial), Partial);
        assert_eq!(level(No, Use::Partial), Partial);
        assert_eq!(level(Native, Use::Unused), No);
        assert_eq!(level(Addon, Use::Unknown), Addon);
        assert_eq!(level(Unknown, Use::Unknown), Unknown);
    }
}
