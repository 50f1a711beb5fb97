//! Dockerfiles: not read yet.

use super::model::Deployment;
use super::{Context, Input};
use crate::diag::Diagnostics;

pub fn read(_input: &Input, _ctx: &Context, _out: &mut Deployment, _diags: &mut Diagnostics) {}

/// Whether a text is a Dockerfile: its first instruction is `FROM` (after `ARG`s).
pub fn looks_like(_text: &str) -> bool {
    false
}
