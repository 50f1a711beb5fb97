//! Synthetic catalogs for benchmarks and load tests: descriptors shaped like the built-in
//! ones (every criterion with a level, a note and a source), with levels drawn from a seeded
//! generator so the same seed always writes the same files.

use std::fmt::Write as _;

use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

use crate::requirements::{CORE, LANGUAGES, Level, REQUIREMENTS, Source};

/// The id of synthetic platform `i`.
pub fn id(i: usize) -> String {
    format!("synthetic-{i:05}")
}

/// The YAML text of synthetic platform `i` of the catalog made from `seed`.
pub fn descriptor(seed: u64, i: usize) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(i as u64);
    let kinds = [
        "orchestrator",
        "paas",
        "serverless-containers",
        "functions",
        "container-service",
        "single-host",
    ];
    let hostings = ["managed", "self-hosted", "hybrid"];
    let mut out = String::with_capacity(4096);
    let _ = writeln!(out, "id: {}", id(i));
    let _ = writeln!(out, "name: Synthetic Platform {i}");
    let _ = writeln!(
        out,
        "summary: A generated platform for load tests and benchmarks."
    );
    let _ = writeln!(out, "kind: {}", kinds[rng.random_range(0..kinds.len())]);
    let _ = writeln!(
        out,
        "hosting: {}",
        hostings[rng.random_range(0..hostings.len())]
    );
    let _ = writeln!(out, "homepage: https://synthetic.example.com/{i}");
    let _ = writeln!(out, "reviewed: 2026-11-01");
    out.push_str("requirements:\n");
    for req in &REQUIREMENTS[..CORE] {
        let _ = writeln!(out, "  {}:", req.id);
        for crit in req.criteria {
            match crit.source {
                Source::LanguageCoverage => {
                    out.push_str("    runtimes:\n      supported: ");
                    if rng.random_bool(0.5) {
                        out.push_str("any\n");
                    } else {
                        let n = rng.random_range(1..8);
                        let names: Vec<&str> = (0..n)
                            .map(|k| LANGUAGES[(k * 3 + i) % LANGUAGES.len()].id)
                            .collect();
                        let _ = writeln!(out, "[{}]", names.join(", "));
                    }
                    let _ = writeln!(out, "      note: Languages with a first-class runtime.");
                    let _ = writeln!(
                        out,
                        "      source: https://synthetic.example.com/{i}/docs/runtimes"
                    );
                }
                Source::Level | Source::Fact => {
                    let level = Level::ALL[rng.random_range(0..Level::ALL.len())];
                    let _ = writeln!(out, "    {}:", crit.id);
                    let _ = writeln!(out, "      level: {level}");
                    let _ = writeln!(out, "      note: \"Generated claim: {}.\"", crit.meaning);
                    let _ = writeln!(
                        out,
                        "      source: https://synthetic.example.com/{i}/docs/{}",
                        crit.id
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostics, SourceFile};
    use std::sync::Arc;

    #[test]
    fn synthetic_descriptors_are_valid_and_reproducible() {
        for i in 0..20 {
            let text = descriptor(7, i);
            assert_eq!(text, descriptor(7, i));
            let file = Arc::new(SourceFile::new(format!("{i}.yaml"), text));
            let mut diags = Diagnostics::default();
            let d = crate::catalog::load::parse_source(&file, "x", false, &mut diags);
            assert!(d.is_some(), "{}", diags.render(false));
        }
        assert_ne!(descriptor(7, 1), descriptor(8, 1));
    }
}
