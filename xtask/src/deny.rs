//! The supply-chain step of `cargo xtask test`: `cargo deny check licenses bans sources` against
//! the policy in `deny.toml`, installing cargo-deny from crates.io when it is missing. The
//! advisories check needs the RustSec database from the network and is not run here.

use crate::cmd::{self, run, stdout};

/// Checks the licences, banned crates and sources of every dependency.
pub fn check() -> Result<(), String> {
    ensure_cargo_deny()?;
    run(cmd::cargo().args(["deny", "check", "--hide-inclusion-graph", "licenses", "bans", "sources"]))
}

/// Installs cargo-deny if it is missing (a build of a few minutes, once).
fn ensure_cargo_deny() -> Result<(), String> {
    if stdout(cmd::cargo().args(["deny", "--version"])).is_some() {
        return Ok(());
    }
    eprintln!(
        "xtask: installing cargo-deny, which checks the dependencies' licences and sources; this takes a few minutes"
    );
    run(cmd::cargo().args(["install", "cargo-deny", "--locked"]))
}
