//! The questions a decision meeting asks after the ranking: what would it take for a platform
//! to come first ([`closest`]), which upgrades would make it pass ([`upgrades`]), and where
//! the weights come from ([`ahp`]). Pure math on requirement scores and gains, like
//! [`crate::analysis`]; the commands feed it and the reports render its answers.

pub mod ahp;
pub mod ask;
pub mod closest;
pub mod explain;
pub mod fewest;
pub mod upgrades;
pub mod weigh;
