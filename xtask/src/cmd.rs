//! Running other programs from the workspace root, and the paths xtask relies on.

use std::env;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (the parent of this crate's directory).
pub fn root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` (made absolute) if set, else `target/`.
pub fn target_dir() -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => env::current_dir().map(|cwd| cwd.join(&dir)).unwrap_or_else(|_| dir.into()),
        _ => root().join("target"),
    }
}

/// Where `cargo install` puts programs: `$CARGO_HOME/bin`, else `~/.cargo/bin`.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))?;
    Some(home.join("bin"))
}

/// `PATH` with cargo's bin directory added, so that children find installed tools.
fn path_var() -> OsString {
    let path = env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = env::split_paths(&path).collect();
    match cargo_bin_dir() {
        Some(bin) if !dirs.contains(&bin) => dirs.insert(0, bin),
        _ => return path,
    }
    env::join_paths(dirs).unwrap_or(path)
}

/// A command that runs in the workspace root, with cargo's bin directory on `PATH`.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root()).env("PATH", path_var());
    if env::var_os("CARGO_TARGET_DIR").is_some() {
        // Absolute, since children run elsewhere than the caller's directory.
        command.env("CARGO_TARGET_DIR", target_dir());
    }
    command
}

/// The cargo that runs xtask, as a [`command`].
pub fn cargo() -> Command {
    command(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs a command, its output going to the terminal; fails unless it exits with success.
pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|error| format!("could not run `{}`: {error}", show(command)))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", show(command))) }
}

/// A command's standard output, or `None` if it cannot start or fails.
pub fn stdout(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A command line as a user would type it (near enough).
pub fn show(command: &Command) -> String {
    let program = Path::new(command.get_program());
    let program = program.file_name().unwrap_or(program.as_os_str());
    std::iter::once(program).chain(command.get_args()).map(OsStr::to_string_lossy).collect::<Vec<_>>().join(" ")
}
