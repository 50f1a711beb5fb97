//! Any bytes, cut at each `\n%%\n` into descriptors `f0.yaml`, `f1.yaml`, …, loaded and their
//! `extends:` resolved against each other and the built-in catalog: chains, cycles, unknown
//! and broken bases must end in descriptors or located errors, never a panic or a stack
//! overflow. The seeds are chains (`extends: f1`), cycles and built-in bases.
#![no_main]

use std::collections::BTreeSet;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use platform_eval::catalog::{builtin, extends, load};
use platform_eval::diag::{Diagnostics, SourceFile};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut diags = Diagnostics::default();
    let mut loaded = Vec::new();
    let mut rejected = BTreeSet::new();
    for (i, part) in text.split("\n%%\n").take(2_000).enumerate() {
        let file = Arc::new(SourceFile::new(format!("f{i}.yaml"), part.to_owned()));
        match load::parse_source(&file, &format!("f{i}"), false, &mut diags) {
            Some(d) => loaded.push(d),
            None => {
                rejected.insert(format!("f{i}"));
            }
        }
    }
    let resolved = extends::resolve(loaded, &rejected, || builtin::descriptors(false), &mut diags);
    for d in &resolved {
        // Every claim of a resolved descriptor is its own or names where it comes from.
        for claim in d.claims.iter().flatten() {
            if let Some(base) = &claim.inherited {
                assert!(!base.id.is_empty());
            }
        }
    }
    let _ = diags.render(false);
});
