//! Where a passphrase comes from: `--passphrase-file`, the `SELFCHECK_PASSPHRASE` variable, or
//! an interactive prompt, in that order.

use std::io::IsTerminal as _;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

/// The environment variable scripts set to the passphrase.
pub const PASSPHRASE_VARIABLE: &str = "SELFCHECK_PASSPHRASE";

/// The passphrase of an existing key.
pub fn existing(file: Option<&Path>) -> Result<String> {
    if let Some(found) = from_file_or_environment(file)? {
        return Ok(found);
    }
    require_terminal()?;
    rpassword::prompt_password("密钥口令 / Key passphrase: ").context("cannot read the passphrase")
}

/// The passphrase of a new key, typed twice when prompted.
pub fn new(file: Option<&Path>) -> Result<String> {
    if let Some(found) = from_file_or_environment(file)? {
        return Ok(found);
    }
    require_terminal()?;
    let first =
        rpassword::prompt_password("设置密钥口令 / New key passphrase: ").context("cannot read the passphrase")?;
    let second =
        rpassword::prompt_password("再次输入口令 / Repeat the passphrase: ").context("cannot read the passphrase")?;
    if first != second {
        bail!("the two passphrases differ; nothing was written");
    }
    Ok(first)
}

fn from_file_or_environment(file: Option<&Path>) -> Result<Option<String>> {
    if let Some(file) = file {
        let text = crate::read_text(file).context("cannot read the passphrase file")?;
        // The first line, without its line ending: editors add one.
        let line = text.lines().next().unwrap_or("");
        if line.is_empty() {
            bail!("the passphrase file {} is empty", file.display());
        }
        return Ok(Some(line.to_owned()));
    }
    match std::env::var(PASSPHRASE_VARIABLE) {
        Ok(value) if !value.is_empty() => Ok(Some(value)),
        Ok(_) => bail!("{PASSPHRASE_VARIABLE} is set but empty"),
        Err(std::env::VarError::NotUnicode(_)) => bail!("{PASSPHRASE_VARIABLE} is not valid UTF-8"),
        Err(std::env::VarError::NotPresent) => Ok(None),
    }
}

fn require_terminal() -> Result<()> {
    if !std::io::stdin().is_terminal() {
        bail!("no passphrase given: type it at a terminal, set {PASSPHRASE_VARIABLE}, or pass --passphrase-file FILE");
    }
    Ok(())
}
