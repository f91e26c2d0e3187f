//! Tidy checks of the source tree itself, run with the other tests: module docs, the core's
//! freedom from IO, and the documents that must tell the truth about the code.

use std::collections::{BTreeMap, BTreeSet};
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

/// Architecture Invariant: the core and the bureau's review do no IO and know no host.
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
    for member in ["core", "bureau"] {
        for (path, text) in sources(&format!("{member}/src")) {
            for word in forbidden {
                assert!(!text.contains(word), "{} uses {word}: the {member} does no IO", path.display());
            }
        }
        let manifest = std::fs::read_to_string(root().join(member).join("Cargo.toml")).unwrap();
        for dependency in ["yew", "web-sys", "wasm-bindgen", "clap", "getrandom", "rand", "js-sys"] {
            assert!(
                !manifest.lines().any(|line| line.trim_start().starts_with(&format!("{dependency} "))
                    || line.trim_start().starts_with(&format!("{dependency}."))),
                "{member} depends on {dependency}"
            );
        }
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

/// The dependencies of `crates` in Cargo.lock, themselves included, read from the lock file's
/// `[[package]]` tables (one version of each name is enough here).
fn locked_closure(crates: &[&str]) -> std::collections::BTreeSet<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let mut dependencies: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for package in lock.split("[[package]]").skip(1) {
        let name = package.lines().find_map(|line| line.strip_prefix("name = ")).unwrap_or("").trim_matches('"');
        let listed = package.split("dependencies = [").nth(1).and_then(|rest| rest.split(']').next()).unwrap_or("");
        let names = listed
            .split(',')
            .filter_map(|entry| entry.trim().trim_matches('"').split(' ').next().filter(|name| !name.is_empty()))
            .map(str::to_owned);
        dependencies.entry(name.to_owned()).or_default().extend(names);
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut stack: Vec<String> = crates.iter().map(|name| (*name).to_owned()).collect();
    while let Some(name) = stack.pop() {
        assert!(dependencies.contains_key(&name), "{name} is not in Cargo.lock");
        if seen.insert(name.clone()) {
            stack.extend(dependencies[&name].iter().cloned());
        }
    }
    seen
}

/// Architecture Invariant: a debug build of any program using the core opens a key file and
/// signs in milliseconds, because every crate whose loops a key file's reading or a signature
/// runs through is optimized in the dev profile (a debug build took 2.5 s to open a key file
/// while pkcs5 was missing). A new dependency of the key code must be listed or named here as
/// one that runs no loop of its own.
#[test]
fn dev_profile_optimizes_every_key_crate() {
    const RUNS_NO_LOOP_OF_ITS_OWN: &[&str] = &[
        // Types, traits, parsing of the key file's few hundred bytes, and build-time helpers.
        "base16ct",
        "base64ct",
        "block-padding",
        "cfg-if",
        "const-oid",
        "cpufeatures",
        "crypto-common",
        "curve25519-dalek-derive",
        "der",
        "ed25519",
        "fiat-crypto",
        "generic-array",
        "libc",
        "pem-rfc7468",
        "pkcs8",
        "proc-macro2",
        "quote",
        "rand_core",
        "rustc_version",
        "sec1",
        "semver",
        "serde",
        "serde_core",
        "serde_derive",
        "signature",
        "spki",
        "subtle",
        "syn",
        "typenum",
        "unicode-ident",
        "version_check",
        "zeroize",
    ];
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let optimized: Vec<&str> = manifest
        .split("[profile.dev.package.")
        .skip(1)
        .filter(|table| table.lines().nth(1).is_some_and(|line| line.trim() == "opt-level = 3"))
        .filter_map(|table| table.split(']').next())
        .collect();
    let closure = locked_closure(&["pkcs5", "scrypt", "ed25519-dalek", "sm2"]);
    let missing: Vec<&String> = closure
        .iter()
        .filter(|name| !optimized.contains(&name.as_str()) && !RUNS_NO_LOOP_OF_ITS_OWN.contains(&name.as_str()))
        .collect();
    assert!(missing.is_empty(), "key crates not optimized in the dev profile (Cargo.toml): {missing:?}");
    let stale: Vec<&&str> = optimized.iter().filter(|name| !closure.contains(**name)).collect();
    assert!(stale.is_empty(), "optimized in the dev profile but not a key crate: {stale:?}");
}

/// Architecture Invariant: dependencies between the workspace's crates point one way, from the
/// hosts down to the core. Each crate has a layer; a crate may depend (in any section of its
/// manifest) only on crates of lower layers, so no arrow runs back and no two crates depend on
/// each other. A new crate must be given its layer here and a line in ARCHITECTURE.md.
#[test]
fn dependencies_between_crates_point_one_way() {
    const LAYERS: &[(&str, u32)] = &[
        // The rules: no IO, no host.
        ("selfcheck-core", 0),
        // The bureau's review over the core's rules; the association's side goes without it.
        ("selfcheck-bureau", 1),
        // What hosts share beside the core: reading files, the report view, the pages' browser
        // glue, and the test helpers.
        ("selfcheck-files", 2),
        ("selfcheck-report-view", 2),
        ("selfcheck-page-host", 2),
        ("selfcheck-tests", 2),
        // The hosts: the two pages, the CLI and the bindings' one JSON surface.
        ("selfcheck-web", 3),
        // The widget's second wasm module: beside the widget, never linked into it.
        ("selfcheck-web-sign", 3),
        ("selfcheck-desk", 3),
        ("selfcheck-cli", 3),
        ("selfcheck-api", 3),
        // The bindings for each language, over the JSON surface.
        ("selfcheck-python", 4),
        ("selfcheck-node", 4),
        ("selfcheck-c", 4),
        // The project's automation runs the programs and depends on none of them.
        ("xtask", 5),
    ];
    let layer = |name: &str| LAYERS.iter().find(|(crate_name, _)| *crate_name == name).map(|(_, layer)| *layer);
    for member in members() {
        let name = package_name(&member);
        let own = layer(&name).unwrap_or_else(|| panic!("{name} ({member}/) has no layer in this test"));
        let manifest = std::fs::read_to_string(root().join(&member).join("Cargo.toml")).unwrap();
        for line in manifest.lines() {
            let Some(dependency) =
                line.trim_start().split([' ', '.', '=']).next().filter(|word| word.starts_with("selfcheck-"))
            else {
                continue;
            };
            let theirs = layer(dependency)
                .unwrap_or_else(|| panic!("{member}/Cargo.toml names {dependency}, which has no layer"));
            assert!(
                theirs < own,
                "{name} (layer {own}) depends on {dependency} (layer {theirs}): dependencies point from the hosts down to the core"
            );
        }
    }
}

/// Architecture Invariant: the association's widget carries none of the bureau's code. Its two
/// modules and the report view it shares with the desk do not depend on `selfcheck-bureau`, by
/// any path through the workspace's crates, and take the core without default features (without
/// the key-file cryptography the browser does itself); the size step of `cargo xtask test`
/// checks the built modules for the bureau's texts.
#[test]
fn the_widget_depends_on_no_bureau_code() {
    let manifest_of = |member: &str| std::fs::read_to_string(root().join(member).join("Cargo.toml")).unwrap();
    let dependencies = |member: &str| -> Vec<String> {
        manifest_of(member)
            .lines()
            .filter_map(|line| line.trim_start().split([' ', '.', '=']).next())
            .filter(|word| word.starts_with("selfcheck-"))
            .map(|word| word.trim_start_matches("selfcheck-").to_owned())
            .collect()
    };
    for widget in ["web", "web-sign", "report-view"] {
        let mut pending = vec![widget.to_owned()];
        let mut seen = Vec::new();
        while let Some(member) = pending.pop() {
            if seen.contains(&member) {
                continue;
            }
            for dependency in dependencies(&member) {
                assert_ne!(dependency, "bureau", "{widget} reaches selfcheck-bureau through {member}/Cargo.toml");
                pending.push(dependency);
            }
            seen.push(member);
        }
        let core = manifest_of(widget)
            .lines()
            .find(|line| line.starts_with("selfcheck-core"))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("{widget}/Cargo.toml does not depend on selfcheck-core"));
        assert!(core.contains("default-features = false"), "{widget} takes the core's default features: {core}");
    }
}

/// Architecture Invariant: one error enum per library crate: every crate says what can fail in
/// one `thiserror` enum, so a caller matches one type (the desk's worker messages once had their
/// own).
#[test]
fn each_crate_has_at_most_one_error_enum() {
    // Spelled in pieces, so that this file does not count itself.
    let derive = ["thiserror", "::Error"].concat();
    for member in members() {
        let count: usize = sources(&member)
            .iter()
            .map(|(_, text)| {
                text.matches(&format!("{derive})]")).count() + text.matches(&format!("{derive}, ")).count()
            })
            .sum();
        assert!(count <= 1, "{member} has {count} thiserror enums: fold them into one");
    }
}

/// Architecture Invariant: one wording mechanism. Every crate words what it says with the core's
/// `strings!` (fixed strings, an enum of them) and `pick!` (sentences built from values), each
/// formatting only the language asked for: no crate declares a wording macro of its own, and
/// none matches on the language alone to choose a text.
#[test]
fn every_crate_words_with_the_one_mechanism_of_the_core() {
    for member in members() {
        if !root().join(&member).join("src").is_dir() {
            continue;
        }
        for (path, text) in sources(&format!("{member}/src")) {
            let shown = path.strip_prefix(root()).unwrap_or(&path).display().to_string();
            if shown != "core/src/messages.rs" {
                assert!(
                    !text.contains("macro_rules!"),
                    "{shown} declares a macro: words are written with strings! and pick!"
                );
            }
            // The language's own code (`zh-CN`) and text's choice of its field are what a language is.
            if shown == "core/src/text.rs" {
                continue;
            }
            for (number, line) in text.lines().enumerate() {
                assert!(
                    !line.trim_start().starts_with("Lang::Zh =>"),
                    "{shown}:{}: a text chosen by matching on the language: write pick!(lang, chinese, english)",
                    number + 1
                );
            }
        }
    }
}

/// A crate's modules (`a`, `a::b`, by their files under `src/`) and, for each, the modules its
/// code outside tests names: `crate::a::b`, `super::b`, and the groups of `use crate::{a, b}`.
/// A reference resolves to the longest module path it starts with; a module's own children count
/// as modules of their own.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let module_of = |path: &Path| -> Option<String> {
        let relative = path.strip_prefix(src).ok()?.with_extension("");
        let parts: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).filter(|part| *part != "mod").collect();
        let module = parts.join("::");
        (module != "lib" && module != "main" && !module.starts_with("bin")).then_some(module)
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|path| module_of(path)).collect();
    let resolve = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len()).rev().map(|length| parts[..length].join("::")).find(|candidate| modules.contains(candidate))
    };
    let identifier = |text: &str| -> String {
        text.chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == ':').collect()
    };
    let mut graph = BTreeMap::new();
    for path in &files {
        let Some(module) = module_of(path) else { continue };
        let text = std::fs::read_to_string(path).unwrap();
        let code: String =
            text.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
        let code = ["#[cfg(test)]", "#[cfg(all(test"]
            .iter()
            .filter_map(|mark| code.find(mark))
            .min()
            .map_or(&code[..], |end| &code[..end]);
        let parent = module.rsplit_once("::").map(|(parent, _)| parent.to_owned());
        let mut uses = BTreeSet::new();
        for (start, _) in code.match_indices("crate::") {
            let rest = &code[start + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                for item in group.split('}').next().unwrap_or("").split(',') {
                    uses.extend(resolve(&identifier(item.trim())));
                }
            } else {
                uses.extend(resolve(&identifier(rest)));
            }
        }
        for (start, _) in code.match_indices("super::") {
            let named = identifier(&code[start + "super::".len()..]);
            let full = match &parent {
                Some(parent) => format!("{parent}::{named}"),
                None => named,
            };
            uses.extend(resolve(&full));
        }
        uses.remove(&module);
        graph.insert(module, uses);
    }
    graph
}

/// A cycle of `graph`, as the modules along it, when there is one.
fn a_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|on_path| on_path == module) {
            return Some(path[start..].iter().cloned().chain([module.to_owned()]).collect());
        }
        if !done.insert(module.to_owned()) {
            return None;
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|module| visit(module, graph, &mut Vec::new(), &mut done))
}

/// Architecture Invariant: within every crate, the modules' dependencies point one way too: no
/// import cycle spans more than one module (a type's words live with the words, which depend on
/// the type, not the other way round), so a module can be understood, moved or split out by
/// reading only what it names.
#[test]
fn no_import_cycle_spans_more_than_one_module() {
    for member in members() {
        let src = root().join(&member).join("src");
        if !src.is_dir() {
            continue;
        }
        let graph = module_graph(&src);
        if let Some(cycle) = a_cycle(&graph) {
            panic!("{member}/src: the modules {} depend on each other in a cycle", cycle.join(" → "));
        }
    }
}
