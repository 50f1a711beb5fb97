//! Compiles the built-in catalog (`platforms/*.yaml`) into the binary: checked and loaded
//! here, with the loader's own modules (included by path, so there is one parser), and stored
//! as descriptors, so `evaluate` parses no YAML at run time. A descriptor with a problem
//! fails the build with the located diagnostic.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

// The loader's modules sit at the crate root here, where their `super::` and `crate::` paths
// find each other; `catalog` gives the `crate::catalog::…` paths they also use. Each module
// has parts this script does not call.
#[allow(dead_code)]
#[path = "src/catalog/bake.rs"]
mod bake;
#[allow(dead_code)]
#[path = "src/catalog/descriptor.rs"]
mod descriptor;
#[allow(dead_code)]
#[path = "src/diag.rs"]
mod diag;
#[allow(dead_code)]
#[path = "src/catalog/extends.rs"]
mod extends;
#[allow(dead_code)]
#[path = "src/catalog/facts.rs"]
mod facts;
#[allow(dead_code)]
#[path = "src/input.rs"]
mod input;
#[allow(dead_code)]
#[path = "src/catalog/load.rs"]
mod load;
#[allow(dead_code)]
#[path = "src/catalog/parse.rs"]
mod parse;
#[allow(dead_code, unused_imports)]
#[path = "src/requirements/mod.rs"]
mod requirements;
#[allow(dead_code)]
#[path = "src/catalog/yaml.rs"]
mod yaml;

mod catalog {
    pub(crate) use super::yaml;
}

/// What the loader asks of the built-in catalog while the catalog itself is being built:
/// nothing yet, so a base missing from `platforms/` is an unknown base.
mod builtin {
    pub fn descriptors(_keep_text: bool) -> Vec<super::descriptor::Descriptor> {
        Vec::new()
    }
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    env::set_current_dir(&root).unwrap();
    // Relative, so that every descriptor is named `platforms/NAME.yaml` wherever it is shown.
    let dir = Path::new("platforms");
    println!("cargo:rerun-if-changed=platforms");
    for module in [
        "src/catalog",
        "src/diag.rs",
        "src/input.rs",
        "src/requirements",
    ] {
        println!("cargo:rerun-if-changed={module}");
    }
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();

    let stored = match bake::bake(dir) {
        Ok(bytes) => bytes,
        Err(diagnostics) => {
            eprintln!("the built-in catalog in platforms/ does not load:\n{diagnostics}");
            std::process::exit(1);
        }
    };
    let out = env::var("OUT_DIR").unwrap();
    fs::write(Path::new(&out).join("catalog.postcard"), stored).unwrap();

    let mut code = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        let path = Path::new(&root).join(dir).join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(code, "    ({name:?}, include_str!({:?})),", path.display()).unwrap();
    }
    code.push_str("];\n");
    code.push_str(
        "pub static DESCRIPTORS: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/catalog.postcard\"));\n",
    );
    fs::write(Path::new(&out).join("builtin.rs"), code).unwrap();
}
