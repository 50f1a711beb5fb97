//! CI workflows: not read yet.

use super::model::{Deployment, InputKind};
use super::{Context, Input};
use crate::diag::Diagnostics;

pub fn read(
    _input: &Input,
    _kind: InputKind,
    _ctx: &Context,
    _out: &mut Deployment,
    _diags: &mut Diagnostics,
) {
}

/// Findings that need every file read first: no workflow deploys.
pub fn finish(_ctx: &Context, _out: &mut Deployment) {}
