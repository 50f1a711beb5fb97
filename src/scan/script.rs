//! Shell scripts that run containers: not read yet.

use super::model::Deployment;
use super::{Context, Input};
use crate::diag::Diagnostics;

pub fn read(_input: &Input, _ctx: &Context, _out: &mut Deployment, _diags: &mut Diagnostics) {}

/// Whether a file is a shell script that runs `docker run` or `podman run`.
pub fn looks_like(_name: &str, _text: &str) -> bool {
    false
}
