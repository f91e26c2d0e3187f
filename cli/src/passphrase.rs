//! Where a passphrase comes from: `--passphrase-file`, the `SELFCHECK_PASSPHRASE` variable, or
//! an interactive prompt, in that order.

use std::io::IsTerminal as _;
use std::path::Path;

use selfcheck_core::Lang;

use crate::i18n;

/// The environment variable scripts set to the passphrase.
pub const PASSPHRASE_VARIABLE: &str = "SELFCHECK_PASSPHRASE";

/// The passphrase of an existing key.
///
/// # Errors
///
/// The message (in `lang`) when there is none or it cannot be read.
pub fn existing(file: Option<&Path>, lang: Lang) -> Result<String, String> {
    if let Some(found) = from_file_or_environment(file, lang)? {
        return Ok(found);
    }
    require_terminal(lang)?;
    prompt(i18n::Words::PromptPassphrase.get(lang), lang)
}

/// The passphrase of a new key, typed twice when prompted.
///
/// # Errors
///
/// The message (in `lang`) when there is none, it cannot be read, or the two typed differ.
pub fn new(file: Option<&Path>, lang: Lang) -> Result<String, String> {
    if let Some(found) = from_file_or_environment(file, lang)? {
        return Ok(found);
    }
    require_terminal(lang)?;
    let first = prompt(i18n::Words::PromptNewPassphrase.get(lang), lang)?;
    let second = prompt(i18n::Words::PromptRepeatPassphrase.get(lang), lang)?;
    if first != second {
        return Err(i18n::passphrases_differ(lang).to_owned());
    }
    Ok(first)
}

fn prompt(text: &str, lang: Lang) -> Result<String, String> {
    rpassword::prompt_password(text).map_err(|error| i18n::cannot_read_passphrase(lang, &error))
}

fn from_file_or_environment(file: Option<&Path>, lang: Lang) -> Result<Option<String>, String> {
    if let Some(file) = file {
        // Bounded, regular files or standard input only, without a byte-order mark.
        let text = crate::read_input(file, i18n::Words::PassphraseFile, lang)?;
        // The first line, without its line ending: editors add one.
        let line = text.lines().next().unwrap_or("");
        if line.is_empty() {
            return Err(i18n::passphrase_file_empty(lang, &crate::escape::path(file)));
        }
        return Ok(Some(line.to_owned()));
    }
    match std::env::var(PASSPHRASE_VARIABLE) {
        Ok(value) if !value.is_empty() => Ok(Some(value)),
        Ok(_) => Err(i18n::passphrase_variable_empty(lang, PASSPHRASE_VARIABLE)),
        Err(std::env::VarError::NotUnicode(_)) => Err(i18n::passphrase_variable_not_utf8(lang, PASSPHRASE_VARIABLE)),
        Err(std::env::VarError::NotPresent) => Ok(None),
    }
}

fn require_terminal(lang: Lang) -> Result<(), String> {
    if !std::io::stdin().is_terminal() {
        return Err(i18n::no_passphrase(lang, PASSPHRASE_VARIABLE));
    }
    Ok(())
}
