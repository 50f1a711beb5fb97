//! The built-in catalog, compiled in: each file's YAML text (for `show`'s snippets and
//! `validate`'s diagnostics) and the descriptors `build.rs` loaded from them with the loader
//! ([`super::bake`]), so `evaluate` parses no YAML at run time.

use std::sync::Arc;

use super::descriptor::Descriptor;
use crate::diag::SourceFile;

mod baked {
    // FILES: (file name, YAML text), sorted by name; DESCRIPTORS: the stored descriptors.
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// The built-in catalog's version: a digest of every descriptor's name and text (FNV-1a,
/// 64 bits, as hex), so a report can say which catalog it was made with and `check
/// --baseline` can tell "the catalog changed" from "your platform changed". Any edit to a
/// built-in descriptor changes it.
pub fn digest() -> &'static str {
    static DIGEST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DIGEST.get_or_init(|| {
        const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let mut h = OFFSET;
        for (name, text) in files() {
            // A zero byte after each part: "ab" + "c" and "a" + "bc" differ.
            for b in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(PRIME);
            }
        }
        format!("fnv1a64:{h:016x}")
    })
}

/// `(file name, YAML text)`, sorted by file name.
pub fn files() -> &'static [(&'static str, &'static str)] {
    baked::FILES
}

/// The built-in descriptors, loaded and with their `extends` resolved at build time. With
/// `keep_text`, each carries its file's text, for diagnostics with a snippet.
///
/// # Panics
///
/// Never in a built binary: build.rs stores them from these very types.
pub fn descriptors(keep_text: bool) -> Vec<Descriptor> {
    // Written by build.rs from the same types; it cannot fail to read back.
    let mut platforms: Vec<Descriptor> = postcard::from_bytes(baked::DESCRIPTORS)
        .expect("the built-in catalog stored at build time");
    if keep_text {
        for d in &mut platforms {
            if let Some((_, text)) = files().iter().find(|(name, _)| {
                d.file.name.strip_prefix(super::descriptor::BUILTIN_PREFIX) == Some(*name)
            }) {
                d.file = Arc::new(SourceFile::new(d.file.name.clone(), (*text).to_owned()));
            }
        }
    }
    platforms
}
