//! compose: not read yet.

use super::model::Deployment;
use super::{Context, Input};
use crate::diag::Diagnostics;

pub fn read(_input: &Input, _ctx: &Context, _out: &mut Deployment, _diags: &mut Diagnostics) {}
