//! `[policy]`: what `check` asserts on the chosen platform, and the waivers it accepts.

use toml::de::DeValue;

use crate::diag::Span;
use crate::requirements::{Level, REQUIREMENTS};

use super::{Cx, Val, sorted};

/// What a waiver excuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiverTarget {
    /// `requirement.criterion`: a `--require`/`[require]` assertion on it.
    Criterion(usize, usize),
    /// A requirement: its `min` assertion.
    Requirement(usize),
}

impl WaiverTarget {
    pub fn name(self) -> String {
        match self {
            WaiverTarget::Criterion(r, c) => {
                format!("{}.{}", REQUIREMENTS[r].id, REQUIREMENTS[r].criteria[c].id)
            }
            WaiverTarget::Requirement(r) => REQUIREMENTS[r].id.to_owned(),
        }
    }
}

/// `[[policy.waive]]`: a known gap, accepted until a date, for a stated reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    pub target: WaiverTarget,
    pub reason: String,
    pub expires: jiff::civil::Date,
    /// Where the waiver is written in the profile.
    pub span: Span,
}

/// What `check` enforces.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Policy {
    pub min_score: Option<f64>,
    /// Minimum score (0..100) per requirement index.
    pub min: Vec<(usize, f64)>,
    pub max_rank: Option<usize>,
    /// `(requirement, criterion, level)`: at least this level.
    pub require: Vec<(usize, usize, Level)>,
    pub waivers: Vec<Waiver>,
    /// Where each assertion the profile asks for is written (`min-score`, `min/REQ`,
    /// `max-rank`, `require/CRIT`, `require/KEY` of a gate), as byte ranges of the profile:
    /// `check` points a failure on a built-in platform there.
    pub spans: std::collections::BTreeMap<String, std::ops::Range<usize>>,
}

impl Cx<'_> {
    /// `[policy] require = { "CRIT" = "LEVEL" }`: asserted by `check`, unlike `[require]`,
    /// which excludes a platform from the ranking.
    pub(super) fn policy_require(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`policy.require`") else {
            return;
        };
        for (key, value) in sorted(t) {
            let path = key.get_ref().as_ref();
            let Some((r, c)) = self.level_criterion(path, key.span(), &[]) else {
                continue;
            };
            self.profile
                .policy
                .spans
                .insert(format!("require/{path}"), key.span());
            if let Some(level) = self.known_level(value, &format!("`{path}`")) {
                self.profile.policy.require.push((r, c, level));
            }
        }
    }

    /// `[[policy.waive]]` entries: `criterion` or `requirement`, `reason`, `expires`.
    pub(super) fn waivers(&mut self, v: &Val<'_>) {
        let Some(items) = v.get_ref().as_array() else {
            self.error(
                "wrong-type",
                "`policy.waive` must be an array of tables",
                v.span(),
                Some("write each waiver as `[[policy.waive]]` with criterion or requirement, reason and expires".into()),
            );
            return;
        };
        for item in items {
            let Some(t) = self.table(item, "a waiver") else {
                continue;
            };
            let (mut target, mut reason, mut expires) = (None, None, None);
            for (key, value) in sorted(t) {
                match key.get_ref().as_ref() {
                    "criterion" => {
                        let Some(s) = self.string(value, "`criterion`") else {
                            continue;
                        };
                        if let Some((r, c)) = self.criterion(s, value.span(), &[]) {
                            target = Some(WaiverTarget::Criterion(r, c));
                        }
                    }
                    "requirement" => {
                        let Some(s) = self.string(value, "`requirement`") else {
                            continue;
                        };
                        if let Some(r) = self.requirement(s, value.span()) {
                            target = Some(WaiverTarget::Requirement(r));
                        }
                    }
                    "reason" => {
                        reason = self
                            .string(value, "`reason`")
                            .filter(|s| !s.trim().is_empty())
                            .map(|s| self.printable(s, value.span()));
                    }
                    "expires" => {
                        // A TOML date (`expires = 2027-01-31`) or the same as a string.
                        let text = match value.get_ref() {
                            DeValue::Datetime(d) => Some(d.to_string()),
                            DeValue::String(s) => Some(s.to_string()),
                            _ => None,
                        };
                        expires = text.and_then(|t| t.parse::<jiff::civil::Date>().ok());
                        if expires.is_none() {
                            self.error(
                                "bad-date",
                                "`expires` must be a date",
                                value.span(),
                                Some("e.g. `expires = 2027-01-31`".into()),
                            );
                        }
                    }
                    other => self.unknown_key(
                        key,
                        other,
                        &["criterion", "requirement", "reason", "expires"],
                        "in a waiver",
                    ),
                }
            }
            let span = self.span(item.span());
            match (target, reason, expires) {
                (Some(target), Some(reason), Some(expires)) => {
                    self.profile.policy.waivers.push(Waiver {
                        target,
                        reason,
                        expires,
                        span,
                    });
                }
                (t, r, e) => {
                    let needs: Vec<&str> = [
                        (t.is_none(), "`criterion` or `requirement`"),
                        (r.is_none(), "a non-empty `reason`"),
                        (e.is_none(), "an `expires` date"),
                    ]
                    .into_iter()
                    .filter_map(|(missing, what)| missing.then_some(what))
                    .collect();
                    self.error(
                        "incomplete-waiver",
                        format!("a waiver needs {}", needs.join(", ")),
                        item.span(),
                        Some("every waiver names what it excuses, why, and until when".into()),
                    );
                }
            }
        }
    }

    pub(super) fn policy(&mut self, v: &Val<'_>) {
        let Some(t) = self.table(v, "`[policy]`") else {
            return;
        };
        for (key, value) in sorted(t) {
            let rule = match key.get_ref().as_ref() {
                "min_score" => Some("min-score"),
                "max_rank" => Some("max-rank"),
                _ => None,
            };
            if let Some(rule) = rule {
                self.profile
                    .policy
                    .spans
                    .insert(rule.to_owned(), key.span());
            }
            match key.get_ref().as_ref() {
                "min_score" => {
                    self.profile.policy.min_score = self.bounded(
                        value,
                        "`min_score`",
                        0.0,
                        100.0,
                        "a score is between 0 and 100",
                    );
                }
                "max_rank" => {
                    if let Some(n) = self.bounded(
                        value,
                        "`max_rank`",
                        1.0,
                        f64::INFINITY,
                        "a rank is a whole number >= 1",
                    ) {
                        if n.fract() == 0.0 {
                            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                            let n = n as usize;
                            self.profile.policy.max_rank = Some(n);
                        } else {
                            self.error(
                                "bad-value",
                                "`max_rank` must be a whole number",
                                value.span(),
                                None,
                            );
                        }
                    }
                }
                "min" => {
                    let Some(inner) = self.table(value, "`policy.min`") else {
                        continue;
                    };
                    for (rk, rv) in sorted(inner) {
                        let name = rk.get_ref().as_ref();
                        let Some(r) = self.requirement(name, rk.span()) else {
                            continue;
                        };
                        self.profile
                            .policy
                            .spans
                            .insert(format!("min/{name}"), rk.span());
                        let what = format!("`min.{name}`");
                        if let Some(n) =
                            self.bounded(rv, &what, 0.0, 100.0, "a score is between 0 and 100")
                        {
                            self.profile.policy.min.push((r, n));
                        }
                    }
                }
                "waive" => self.waivers(value),
                "require" => self.policy_require(value),
                other => {
                    self.unknown_key(
                        key,
                        other,
                        &["min_score", "min", "max_rank", "require", "waive"],
                        "in [policy]",
                    );
                }
            }
        }
    }
}
