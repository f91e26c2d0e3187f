//! The files a review is computed from, each named with its SHA-256 and its role, as every
//! export and every signed summary lists them.

use super::verdict::InputFile;

/// What a file was used as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InputRole {
    /// A received file, given a verdict.
    File,
    /// The key register.
    Register,
    /// The list of associations expected to report.
    Expected,
    /// The review file.
    Review,
    /// A catalogue results may pin, beyond the built-in ones.
    Catalogue,
    /// A rectification notice followed.
    Notice,
}

impl InputRole {
    /// Every role.
    pub const ALL: [InputRole; 6] = [
        InputRole::File,
        InputRole::Register,
        InputRole::Expected,
        InputRole::Review,
        InputRole::Catalogue,
        InputRole::Notice,
    ];

    /// The word a summary writes: `file`, `register`, `expected`, `review`, `catalogue`, `notice`.
    pub fn code(self) -> &'static str {
        selfcheck_core::wire::INPUT_ROLES[self as usize]
    }

    /// The role read from its word.
    pub fn from_code(code: &str) -> Option<InputRole> {
        selfcheck_core::wire::INPUT_ROLES.iter().position(|word| *word == code).map(|position| InputRole::ALL[position])
    }

    /// The role in a word or two of `lang`.
    pub fn label(self, lang: selfcheck_core::Lang) -> &'static str {
        crate::words::input_role(self, lang)
    }
}

/// A file a review was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Its name where the host had it.
    pub name: String,
    /// Lowercase hex SHA-256 of its bytes.
    pub sha256: String,
    /// What it was used as.
    pub role: InputRole,
}

impl Input {
    /// Names `bytes`, used as `role`.
    pub fn new(name: impl Into<String>, bytes: &[u8], role: InputRole) -> Input {
        Input { name: name.into(), sha256: selfcheck_core::credential::sha256_hex(bytes), role }
    }

    /// A received file.
    pub fn of_file(file: &InputFile) -> Input {
        Input { name: file.name.clone(), sha256: file.sha256.clone(), role: InputRole::File }
    }

    /// A rectification notice followed, named as the desk and the CLI save it
    /// (`整改通知-CREDIT_CODE-YYYYMMDD.json`, the day it was issued in Beijing) where the host
    /// has no name of its own for it.
    pub fn of_notice(notice: &selfcheck_core::notice::VerifiedNotice) -> Input {
        let day = notice.issued.beijing_date().as_str().replace('-', "");
        Input {
            name: format!("整改通知-{}-{day}.json", notice.content.credit_code.as_str()),
            sha256: notice.digest.clone(),
            role: InputRole::Notice,
        }
    }
}
