//! The catalog: platform descriptors, where they come from, how they are checked.
//!
//! Data flows one way inside it: [`yaml`] text → [`descriptor`] model → [`load`]ed set
//! (with `extends` resolved) → the evidence rules of [`lint`].

pub mod bake;
pub mod builtin;
pub mod descriptor;
pub mod extends;
pub mod facts;
pub mod links;
pub mod lint;
pub mod load;
pub mod parse;
pub mod yaml;
