//! The built-in catalog, baked: `build.rs` includes this module (and the loader's modules it
//! uses) to load `platforms/` with the loader the binary runs, and stores the descriptors so
//! that the binary parses no YAML for them ([`super::builtin`] reads them back).

use std::path::Path;
use std::sync::Arc;

use super::descriptor::{Base, Descriptor, Evidence, builtin_name};
use super::load::{self, Inputs};
use crate::diag::{Diagnostics, SourceFile};

/// Loads the descriptors of `dir` as a user's folder is loaded, marks them built-in, and
/// serialises them. Any diagnostic, a warning included, is an error here: the built-in
/// catalog loads cleanly or the build stops with the rendered, located diagnostics.
pub fn bake(dir: &Path) -> Result<Vec<u8>, String> {
    let mut diags = Diagnostics::default();
    let inputs = Inputs {
        paths: vec![dir.to_string_lossy().into_owned()],
        ..Inputs::default()
    };
    let mut platforms = load::load(&inputs, &mut diags);
    if !diags.is_empty() {
        return Err(diags.render(false));
    }
    for d in &mut platforms {
        mark_builtin(d);
    }
    postcard::to_allocvec(&platforms).map_err(|e| format!("cannot store the catalog: {e}"))
}

/// A built-in descriptor says `builtin` as its origin, and so does each base it inherits from;
/// each is named `<built-in>/NAME.yaml` (the build's diagnostics, above, name the real path).
fn mark_builtin(d: &mut Descriptor) {
    fn mark<T>(e: &mut Evidence<T>) {
        if let Some(base) = &mut e.inherited {
            *base = Arc::new(Base {
                builtin: true,
                file: builtin_name(&base.file).into(),
                ..Base::clone(base)
            });
        }
    }
    d.builtin = true;
    d.file = Arc::new(SourceFile::new(builtin_name(&d.file.name), String::new()));
    d.claims.iter_mut().flatten().for_each(mark);
    if let Some(rt) = &mut d.runtimes {
        mark(rt);
    }
    let f = &mut d.facts;
    f.provider.iter_mut().for_each(mark);
    f.api.iter_mut().for_each(mark);
    f.lifecycle.iter_mut().for_each(mark);
    f.operations.iter_mut().for_each(mark);
    f.idle_cost.iter_mut().for_each(mark);
    f.limits.iter_mut().for_each(mark);
    f.regions.iter_mut().flatten().for_each(mark);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_catalog_stops_with_every_located_diagnostic() {
        let err = bake(Path::new("tests/fixtures/bad")).unwrap_err();
        assert!(err.contains("error[unknown-criterion]"), "{err}");
        assert!(
            err.contains("tests/fixtures/bad/misspelt-criterion.yaml:4:5"),
            "{err}"
        );
        // Every file's problems, not only the first.
        assert!(err.contains("tests/fixtures/bad/bad-level.yaml"), "{err}");
    }

    #[test]
    fn the_stored_catalog_reads_back_as_built_in_descriptors() {
        // Stored descriptors borrow their text from the bytes, as from the binary's.
        let stored: &'static [u8] = bake(Path::new("platforms")).unwrap().leak();
        let platforms: Vec<Descriptor> = postcard::from_bytes(stored).unwrap();
        assert_eq!(platforms.len(), super::super::builtin::files().len());
        assert!(platforms.iter().all(|d| d.builtin));
        let autopilot = platforms.iter().find(|d| d.id == "gke-autopilot").unwrap();
        assert_eq!(autopilot.file.name, "<built-in>/gke-autopilot.yaml");
        let inherited = autopilot
            .runtimes
            .as_ref()
            .unwrap()
            .inherited
            .as_ref()
            .unwrap();
        assert!(inherited.builtin, "a base in the catalog is built in too");
    }
}
