//! nginx configuration: not read yet.

use std::path::PathBuf;

use super::model::Deployment;
use super::{Context, Input};
use crate::diag::Diagnostics;

/// Reads the file and the files it includes; gives the included files' canonical paths.
pub fn read(
    _input: &Input,
    _ctx: &Context,
    _out: &mut Deployment,
    _diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    Vec::new()
}

/// Whether a text is nginx configuration.
pub fn looks_like(_text: &str) -> bool {
    false
}
