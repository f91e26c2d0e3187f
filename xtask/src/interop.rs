//! The python interop tests (`tests/interop/`): an independent verifier of signed results and
//! key files, run with pytest in a venv under the target directory (`interop-venv`).

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{self, command, run, stdout};
use crate::tools::build_cli;

/// Where the interop tests and their pinned requirements live, from the workspace root.
const INTEROP_DIR: &str = "tests/interop";
/// The copy of the requirements last installed into the venv, kept inside it.
const STAMP: &str = "requirements.installed.txt";
const INSTALL_PYTHON: &str = "apt-get install python3 python3-venv";

/// Builds the CLI, makes sure of the venv and its packages, and runs pytest on the interop tests.
pub fn interop_tests() -> Result<(), String> {
    let selfcheck = build_cli()?;
    let python = ensure_venv()?;
    run(command(&python).args(["-m", "pytest", INTEROP_DIR, "-q"]).env("SELFCHECK_BIN", &selfcheck))
}

/// The venv's python, after creating the venv if it is missing or broken and installing the
/// requirements if they are not the ones installed last.
pub fn ensure_venv() -> Result<PathBuf, String> {
    let venv = cmd::target_dir().join("interop-venv");
    let python = venv_python(&venv);
    if stdout(command(&python).args(["-m", "pip", "--version"])).is_none() {
        create_venv(&venv)?;
    }
    let requirements_path = cmd::root().join(INTEROP_DIR).join("requirements.txt");
    let requirements = fs::read(&requirements_path)
        .map_err(|error| format!("cannot read {}: {error}", requirements_path.display()))?;
    let stamp = venv.join(STAMP);
    if fs::read(&stamp).ok().as_deref() != Some(requirements.as_slice()) {
        eprintln!("xtask: installing the interop tests' python packages into {}", venv.display());
        run(command(&python)
            .args(["-m", "pip", "install", "--disable-pip-version-check", "-r"])
            .arg(&requirements_path))?;
        fs::write(&stamp, &requirements).map_err(|error| format!("cannot write {}: {error}", stamp.display()))?;
    }
    Ok(python)
}

/// Creates (or recreates, emptied) the venv with `python3 -m venv`.
fn create_venv(venv: &Path) -> Result<(), String> {
    if stdout(command("python3").arg("--version")).is_none() {
        return Err(format!("`python3` is missing; the interop tests need Python 3 with venv:\n    {INSTALL_PYTHON}"));
    }
    eprintln!("xtask: creating a python venv at {} (for the interop tests)", venv.display());
    run(command("python3").args(["-m", "venv", "--clear"]).arg(venv)).map_err(|error| {
        format!("{error}\n  the interop tests need Python 3 with venv and ensurepip:\n    {INSTALL_PYTHON}")
    })?;
    if stdout(command(venv_python(venv)).args(["-m", "pip", "--version"])).is_none() {
        return Err(format!("the venv at {} has no pip; install venv support:\n    {INSTALL_PYTHON}", venv.display()));
    }
    Ok(())
}

/// The python of a venv.
fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) { venv.join("Scripts").join("python.exe") } else { venv.join("bin").join("python") }
}
