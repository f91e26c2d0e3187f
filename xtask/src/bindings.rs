//! The Python and Node bindings' own tests: builds the Python wheel with maturin into the interop
//! venv and the Node package with wasm-pack, then runs pytest and `node --test` over the golden
//! cases and the CLI's hostile files, which they compare with the CLI's verdicts (pytest feeds
//! them to the C library too; the C binding's own tests are part of `cargo test`).

use crate::cmd::{self, command, run};
use crate::interop;
use crate::tools;
use crate::tools::build_cli;

/// Builds both bindings and runs their tests; each also checks the other's signed results.
pub fn tests() -> Result<(), String> {
    let selfcheck = build_cli()?;
    // The C library, which the Python tests load with ctypes to feed it the CLI's hostile files.
    run(cmd::cargo().args(["build", "-p", "selfcheck-c"]))?;
    let c_library = cmd::target_dir().join("debug").join(format!(
        "{}selfcheck{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    build_node()?;
    let python = interop::ensure_venv()?;
    let wheels = cmd::target_dir().join("wheels");
    run(command(&python)
        .args(["-m", "maturin", "build", "--profile", "cli", "--manifest-path", "bindings/python/Cargo.toml", "-o"])
        .arg(&wheels))?;
    let wheel = std::fs::read_dir(&wheels)
        .map_err(|error| format!("cannot read {}: {error}", wheels.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "whl"))
        .max_by_key(|path| path.metadata().and_then(|metadata| metadata.modified()).ok())
        .ok_or("maturin built no wheel")?;
    run(command(&python)
        .args(["-m", "pip", "install", "--disable-pip-version-check", "--force-reinstall", "--no-deps"])
        .arg(&wheel))?;
    let node_package = cmd::root().join("bindings").join("node");
    run(command(&python)
        .args(["-m", "pytest", "bindings/python/tests", "-q"])
        .env("SELFCHECK_BIN", &selfcheck)
        .env("SELFCHECK_C_LIBRARY", &c_library)
        .env("SELFCHECK_NODE_PACKAGE", &node_package))?;
    run(command("node").args(["--test", "bindings/node/test/"]).env("SELFCHECK_BIN", &selfcheck))
}

/// The Node package's wasm (`bindings/node/pkg/`), with wasm-pack for Node.js.
fn build_node() -> Result<(), String> {
    tools::ensure_wasm_target()?;
    tools::ensure_wasm_bindgen()?;
    tools::ensure_wasm_pack()?;
    run(command("wasm-pack").args([
        "build",
        "bindings/node",
        "--mode",
        "no-install",
        "--target",
        "nodejs",
        "--out-dir",
        "pkg",
        "--no-typescript",
        "--release",
    ]))
}
