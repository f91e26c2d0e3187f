//! Tidy checks of the source tree itself, run with the other tests: module docs, the core's
//! freedom from IO, and the documents that must tell the truth about the code.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() && name != "target" && name != "node_modules" && !name.starts_with('.') {
            rust_files(&path, out);
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

fn sources(crate_dir: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&root().join(crate_dir), &mut files);
    files.into_iter().map(|path| (path.clone(), std::fs::read_to_string(&path).unwrap())).collect()
}

/// The workspace's member folders, as the root Cargo.toml lists them.
fn members() -> Vec<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let list = manifest.split("members = [").nth(1).and_then(|rest| rest.split(']').next()).unwrap_or("");
    let members: Vec<String> = list.split(',').map(|member| member.trim().trim_matches('"').to_owned()).collect();
    assert!(members.len() >= 5 && members.iter().all(|member| !member.is_empty()), "{members:?}");
    members
}

/// A member's package name.
fn package_name(member: &str) -> String {
    let manifest = std::fs::read_to_string(root().join(member).join("Cargo.toml")).unwrap();
    let line = manifest.lines().find(|line| line.starts_with("name = ")).unwrap_or("");
    line.trim_start_matches("name = ").trim_matches('"').to_owned()
}

#[test]
fn every_module_starts_with_a_doc_line_saying_what_it_is_for() {
    for dir in members() {
        for (path, text) in sources(&dir) {
            let first = text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
            assert!(first.starts_with("//!"), "{} does not start with a //! line", path.display());
        }
    }
}

#[test]
fn the_core_does_no_io_and_knows_no_host() {
    let forbidden = [
        "std::fs",
        "std::net",
        "std::env",
        "std::time",
        "std::process",
        "std::io::stdin",
        "SystemTime",
        "Instant",
        "println!",
        "eprintln!",
        "web_sys",
        "wasm_bindgen",
        "yew",
        "clap",
        "getrandom",
        "rand::",
    ];
    for (path, text) in sources("core/src") {
        for word in forbidden {
            assert!(!text.contains(word), "{} uses {word}: the core does no IO", path.display());
        }
    }
    let manifest = std::fs::read_to_string(root().join("core/Cargo.toml")).unwrap();
    for dependency in ["yew", "web-sys", "wasm-bindgen", "clap", "getrandom", "rand", "js-sys"] {
        assert!(
            !manifest.lines().any(|line| line.trim_start().starts_with(&format!("{dependency} "))
                || line.trim_start().starts_with(&format!("{dependency}."))),
            "core depends on {dependency}"
        );
    }
}

#[test]
fn no_package_is_named_plain_core() {
    for dir in members() {
        assert_ne!(package_name(&dir), "core", "{dir}/Cargo.toml shadows Rust's core crate");
    }
}

#[test]
fn the_architecture_document_names_every_crate_and_states_its_invariants() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for member in members() {
        let name = package_name(&member);
        assert!(text.contains(&format!("`{member}/`")), "ARCHITECTURE.md's code map has no line for {member}/");
        assert!(text.contains(&name), "ARCHITECTURE.md does not mention {name}");
    }
    assert!(text.matches("Architecture Invariant:").count() >= 5);
}

#[test]
fn the_readme_quick_start_is_two_commands() {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = text.find("## Quick start").expect("README has a Quick start section");
    let section = &text[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |end| end + 3)];
    let block = section.split("```").nth(1).expect("a code block");
    let commands: Vec<&str> =
        block.lines().skip(1).map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect();
    assert_eq!(commands, ["cargo xtask serve", "cargo xtask test"]);
    assert!(text.contains("## Wire format"), "README documents the wire format");
}
