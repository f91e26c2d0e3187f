//! `cargo xtask test`: every check of the project, in order, stopping at the first failure.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::bindings;
use crate::cmd::{self, run};
use crate::deny;
use crate::interop;
use crate::old_chromium::OLD_CHROMIUMS;
use crate::server::Server;
use crate::size;
use crate::tools;

/// One check: a name that says what it runs, and the code that runs it.
struct Step {
    name: &'static str,
    run: fn() -> Result<(), String>,
}

/// The checks, in the order they run.
///
/// Later steps (size budgets, cargo deny) are added at the end.
fn steps() -> Vec<Step> {
    vec![
        Step { name: "cargo fmt --all --check", run: || run(cmd::cargo().args(["fmt", "--all", "--check"])) },
        Step {
            name: "cargo clippy --workspace --all-targets -- -D warnings",
            run: || run(cmd::cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])),
        },
        Step {
            name: "cargo clippy (wasm32) -p selfcheck-core -p selfcheck-bureau -p selfcheck-web -p selfcheck-web-sign -p selfcheck-report-view -p selfcheck-page-host \
                   -p selfcheck-desk -p selfcheck-node, and the core \
                   --no-default-features (verify-only, no key-file cryptography) -- -D warnings",
            run: clippy_wasm,
        },
        Step { name: "cargo test --workspace", run: || run(cmd::cargo().args(["test", "--workspace"])) },
        Step { name: "wasm-pack build web (the widget)", run: tools::build_widget },
        Step { name: "size budget (gzipped widget files)", run: size::check_budget },
        Step { name: "build the review desk (desk/, its own wasm module)", run: tools::build_desk },
        Step { name: "browser tests (node --test tests/browser/)", run: browser_tests },
        Step {
            name: "old Chromium (88, 109) and Debian's: a smoke run of each page; the cannot-run messages",
            run: old_chromium_tests,
        },
        Step { name: "interop tests (python)", run: interop::interop_tests },
        Step { name: "bindings: python (maturin, pytest) and node (wasm-pack, node --test)", run: bindings::tests },
        Step { name: "cargo deny check licenses bans sources", run: deny::check },
    ]
}

/// Runs every step; on a failure, says which step failed and stops.
pub fn run_all() -> Result<(), String> {
    run_steps(steps())
}

/// Runs only the steps whose name contains `word` (`browser`, `bindings`, `clippy`, …), for
/// checking one part while working on it; CI runs them all.
pub fn run_matching(word: &str) -> Result<(), String> {
    let all = steps();
    let names: Vec<&str> = all.iter().map(|step| step.name).collect();
    let chosen: Vec<Step> = all.into_iter().filter(|step| step.name.contains(word)).collect();
    if chosen.is_empty() {
        return Err(format!("no test step's name contains {word:?}; the steps are:\n  {}", names.join("\n  ")));
    }
    run_steps(chosen)
}

fn run_steps(steps: Vec<Step>) -> Result<(), String> {
    let count = steps.len();
    let mut timings = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        let number = index + 1;
        eprintln!("\nxtask test: step {number}/{count}: {}", step.name);
        let start = Instant::now();
        let result = (step.run)();
        timings.push((step.name, start.elapsed()));
        if let Err(error) = result {
            print_timings(&timings);
            return Err(format!("test step {number}/{count} failed: {}\n  {error}", step.name));
        }
    }
    print_timings(&timings);
    eprintln!("xtask test: all {count} steps passed");
    Ok(())
}

fn print_timings(timings: &[(&str, Duration)]) {
    eprintln!("\nxtask test: timings");
    for (name, elapsed) in timings {
        eprintln!("  {:>8}  {name}", format!("{elapsed:.1?}"));
    }
}

fn clippy_wasm() -> Result<(), String> {
    tools::ensure_wasm_target()?;
    // The core without its default features (no key-file cryptography), as the widget and a
    // verify-only build use it.
    run(cmd::cargo().args([
        "clippy",
        "-p",
        "selfcheck-core",
        "--no-default-features",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cmd::cargo().args([
        "clippy",
        "-p",
        "selfcheck-core",
        "-p",
        "selfcheck-bureau",
        "-p",
        "selfcheck-web",
        "-p",
        "selfcheck-web-sign",
        "-p",
        "selfcheck-report-view",
        "-p",
        "selfcheck-page-host",
        "-p",
        "selfcheck-desk",
        "-p",
        "selfcheck-node",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))
}

/// Serves the built widget in-process on a free port and runs the node tests against it.
fn browser_tests() -> Result<(), String> {
    tools::ensure_chromium()?;
    run(node_tests()?.args(["--test", "tests/browser/"]))
}

/// The smoke tests in each browser offices run (issue 22): Chromium 88 and 109 from npm (see
/// `old_chromium`) and Debian's, listed to the tests in `SELFCHECK_BROWSERS`; and, in Debian's,
/// the messages of a page that cannot run the widget. Not in tests/browser/'s default run: the
/// files are named `*.mjs`, not `*.test.mjs`.
fn old_chromium_tests() -> Result<(), String> {
    tools::ensure_chromium()?;
    let mut browsers = Vec::new();
    for build in &OLD_CHROMIUMS {
        let unpacked = build.ensure()?;
        browsers.push(browser_entry(&build.name(), Some(build.major), &unpacked.executable, Some(&unpacked.libraries)));
    }
    browsers.push(browser_entry("Debian's Chromium", None, Path::new(tools::CHROMIUM), None));
    run(node_tests()?
        .args(["--test", "tests/browser/old-chromium/smoke.mjs", "tests/browser/old-chromium/cannot-run.mjs"])
        .env("SELFCHECK_BROWSERS", format!("[{}]", browsers.join(","))))
}

/// One browser of `SELFCHECK_BROWSERS`, as JSON: `{ name, major, executable, libraries }`.
fn browser_entry(name: &str, major: Option<u32>, executable: &Path, libraries: Option<&Path>) -> String {
    let major = major.map_or("null".to_owned(), |major| major.to_string());
    let libraries = libraries.map_or("null".to_owned(), |dir| json_string(&dir.to_string_lossy()));
    format!(
        r#"{{"name":{},"major":{major},"executable":{},"libraries":{libraries}}}"#,
        json_string(name),
        json_string(&executable.to_string_lossy())
    )
}

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    let mut quoted = String::from('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if u32::from(c) < 0x20 => quoted.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// `node` with what every browser test needs: its node packages, the CLI built, the bureau's
/// generated set written, and the built widget and desk served in-process on a free port
/// (`SELFCHECK_URL`, `SELFCHECK_BIN`, `SELFCHECK_BUREAU_SET`; `CHROMIUM` is Debian's).
fn node_tests() -> Result<Command, String> {
    tools::ensure_node_deps()?;
    let selfcheck = tools::build_cli()?;
    let bureau_set = crate::server::sample_dir();
    if !bureau_set.join("register.txt").is_file() {
        crate::bureau_set(&[&bureau_set.to_string_lossy()])?;
    }
    let url = format!("http://127.0.0.1:{}/", Server::bind(0)?.spawn());
    eprintln!("xtask test: serving the widget at {url}");
    let mut node = cmd::command("node");
    node.env("SELFCHECK_URL", &url)
        .env("SELFCHECK_BIN", &selfcheck)
        .env("SELFCHECK_BUREAU_SET", &bureau_set)
        .env("CHROMIUM", tools::CHROMIUM);
    Ok(node)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn lists_a_browser_as_json() {
        let entry =
            super::browser_entry("Chromium 88", Some(88), Path::new("/a \"b\"/chromium"), Some(Path::new("/a\\lib")));
        assert_eq!(
            entry,
            r#"{"name":"Chromium 88","major":88,"executable":"/a \"b\"/chromium","libraries":"/a\\lib"}"#
        );
        let debian = super::browser_entry("Debian's", None, Path::new("/usr/bin/chromium"), None);
        assert_eq!(debian, r#"{"name":"Debian's","major":null,"executable":"/usr/bin/chromium","libraries":null}"#);
        assert_eq!(super::json_string("a\nb"), r#""a\u000ab""#);
    }
}
