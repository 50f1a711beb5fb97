//! platform-eval: score deployment platforms for microservices against five requirements
//! (multi-language support, containerized deployment, automated deployment, load balancing
//! and fault tolerance, monitoring and log collection), explain the ranking, and gate CI.
//!
//! Data flows one way: [`catalog`] (load → validated descriptor model) → [`score`] → [`report`].

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod decide;
pub mod diag;
pub mod gate;
pub mod input;
pub mod profile;
pub mod report;
pub mod requirements;
pub mod scan;
pub mod schema;
pub mod score;
pub mod synthetic;
pub mod template;
