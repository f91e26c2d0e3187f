//! The bureau's register of association keys (密钥备案): which keys each association, by its
//! credit code, has filed. A signature proves only which key signed; the register says whose
//! key it is.
//!
//! The file has one `CREDIT_CODE FINGERPRINT` per line; the code as answers read it (spaces inside
//! it allowed), the fingerprint in any case, with spaces, hyphens or colons; `#` starts a comment;
//! a byte-order mark is ignored. An association that lost its key and made a new one has a line
//! for each key it filed.
//!
//! ```
//! use selfcheck_core::register::{KeyRegister, KeyStatus};
//! use selfcheck_core::{Catalogue, Timestamp, verify_result};
//!
//! let register = KeyRegister::parse(
//!     "# 广东省民政厅 密钥备案\n514400005000031282 4A2C 8D8A 1B48 3C2A 5E6F 7081 92A3 B4C5\n",
//! ).unwrap();
//! let json = include_str!("../../tests/data/golden/result-complete.json");
//! let now = Timestamp::parse("2026-12-01T00:00:00Z").unwrap();
//! let catalogues: Vec<&Catalogue> = Catalogue::builtins().iter().collect();
//! let verified = verify_result(json, &catalogues, &now).unwrap();
//! // The signature is valid, but the association filed another key: this result must not be
//! // taken for the association's statement.
//! assert!(matches!(register.status(&verified), KeyStatus::DifferentKey { .. }));
//! ```

use std::collections::BTreeMap;

use crate::credential::VerifiedResult;
use crate::credit_code::CreditCode;
use crate::error::{Document, Error, Problem, ProblemKind};
use crate::keys::{Fingerprint, PublicKey};

/// The largest register file accepted: room for every social organization of the province many
/// times over.
pub const MAX_REGISTER_BYTES: usize = 4 * 1024 * 1024;

/// Keys filed with the bureau, by credit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyRegister {
    keys: BTreeMap<String, Vec<Fingerprint>>,
}

/// Whose key signed a result, by the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStatus {
    /// The key is one the association filed for its credit code.
    Registered,
    /// No key is filed for the result's credit code.
    UnregisteredCode {
        /// The credit code.
        credit_code: String,
        /// The fingerprint of the key that signed.
        fingerprint: Fingerprint,
    },
    /// The association filed other keys than the one that signed.
    DifferentKey {
        /// The credit code.
        credit_code: String,
        /// The fingerprint of the key that signed.
        fingerprint: Fingerprint,
        /// The fingerprints filed for the code.
        registered: Vec<Fingerprint>,
    },
}

impl KeyStatus {
    /// Whether the key is the association's.
    pub fn is_registered(&self) -> bool {
        matches!(self, KeyStatus::Registered)
    }

    /// A stable code for scripts and bindings.
    pub fn code(&self) -> &'static str {
        match self {
            KeyStatus::Registered => "registered",
            KeyStatus::UnregisteredCode { .. } => "unregistered-code",
            KeyStatus::DifferentKey { .. } => "different-key",
        }
    }
}

impl KeyRegister {
    /// An empty register.
    pub fn new() -> KeyRegister {
        KeyRegister::default()
    }

    /// Reads a register file as received: UTF-8 (a byte-order mark is ignored), else refused
    /// with the encoding named (a file saved as GBK is told to be saved as UTF-8), as every host
    /// reads it.
    ///
    /// # Errors
    /// [`Error::TooLarge`] over [`MAX_REGISTER_BYTES`], [`Error::Json`] with
    /// [`crate::json::JsonErrorKind::NotUtf8`] when the bytes are not UTF-8, and what
    /// [`KeyRegister::parse`] refuses.
    pub fn from_bytes(bytes: &[u8]) -> Result<KeyRegister, Error> {
        if bytes.len() > MAX_REGISTER_BYTES {
            return Err(Error::TooLarge { what: Document::Register, size: bytes.len(), limit: MAX_REGISTER_BYTES });
        }
        let text = crate::json::decode(bytes).map_err(|error| Error::Json { what: Document::Register, error })?;
        KeyRegister::parse(text)
    }

    /// Reads a register file, reporting every problem at once (each at `line N`).
    ///
    /// # Errors
    /// [`Error::TooLarge`] over [`MAX_REGISTER_BYTES`], and [`Error::Malformed`] listing each
    /// line whose credit code or fingerprint is wrong, a key filed twice, or a key filed for
    /// two associations.
    ///
    /// A file of another kind (a signed result, a key file, the expected list, …) is named as such
    /// ([`Error::WrongDocument`]).
    pub fn parse(text: &str) -> Result<KeyRegister, Error> {
        if text.len() > MAX_REGISTER_BYTES {
            return Err(Error::TooLarge { what: Document::Register, size: text.len(), limit: MAX_REGISTER_BYTES });
        }
        KeyRegister::read_lines(text).map_err(|error| crate::wire::named_or(text, Document::Register, error))
    }

    /// Reads a register's lines, reporting every problem at once.
    fn read_lines(text: &str) -> Result<KeyRegister, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut register = KeyRegister::new();
        let mut problems = Vec::new();
        let mut owners: BTreeMap<Fingerprint, String> = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let at = format!("line {}", number + 1);
            let Some((code, fingerprint)) = entry_words(line) else { continue };
            let code = match CreditCode::parse(code) {
                Ok(code) => code,
                Err(error) => {
                    problems.push(Problem::new(at, ProblemKind::CreditCode(error)));
                    continue;
                }
            };
            let Some(fingerprint) = Fingerprint::parse(fingerprint) else {
                problems.push(Problem::new(at, ProblemKind::BadFingerprint));
                continue;
            };
            match owners.get(&fingerprint) {
                Some(owner) if owner == code.as_str() => {
                    problems.push(Problem::new(at, ProblemKind::DuplicateId));
                    continue;
                }
                Some(owner) => {
                    problems.push(Problem::new(at, ProblemKind::KeyOfAnotherAssociation(owner.clone())));
                    continue;
                }
                None => {}
            }
            owners.insert(fingerprint.clone(), code.as_str().to_owned());
            register.keys.entry(code.as_str().to_owned()).or_default().push(fingerprint);
        }
        if problems.is_empty() { Ok(register) } else { Err(Error::Malformed { what: Document::Register, problems }) }
    }

    /// Files `fingerprint` for `code`.
    ///
    /// # Errors
    /// [`Error::Malformed`] when the fingerprint is not 32 hexadecimal digits, or is filed
    /// already (for this association or another).
    pub fn insert(&mut self, code: &CreditCode, fingerprint: &str) -> Result<(), Error> {
        let malformed = |kind| Error::Malformed { what: Document::Register, problems: vec![Problem::new("", kind)] };
        let fingerprint = Fingerprint::parse(fingerprint).ok_or_else(|| malformed(ProblemKind::BadFingerprint))?;
        if let Some(owner) = self.owner(&fingerprint) {
            return Err(malformed(if owner == code.as_str() {
                ProblemKind::DuplicateId
            } else {
                ProblemKind::KeyOfAnotherAssociation(owner.to_owned())
            }));
        }
        self.keys.entry(code.as_str().to_owned()).or_default().push(fingerprint);
        Ok(())
    }

    /// Withdraws `fingerprint` from `code`; whether it was filed.
    pub fn remove(&mut self, code: &CreditCode, fingerprint: &str) -> bool {
        let Some(fingerprint) = Fingerprint::parse(fingerprint) else { return false };
        let Some(keys) = self.keys.get_mut(code.as_str()) else { return false };
        let before = keys.len();
        keys.retain(|key| *key != fingerprint);
        let removed = keys.len() < before;
        if keys.is_empty() {
            self.keys.remove(code.as_str());
        }
        removed
    }

    fn owner(&self, fingerprint: &Fingerprint) -> Option<&str> {
        self.keys.iter().find(|(_, keys)| keys.contains(fingerprint)).map(|(code, _)| code.as_str())
    }

    /// The fingerprints filed for `code`, in the order filed.
    pub fn lookup(&self, code: &CreditCode) -> &[Fingerprint] {
        self.keys.get(code.as_str()).map_or(&[], Vec::as_slice)
    }

    /// Whose key signed `verified`, by this register.
    pub fn status(&self, verified: &VerifiedResult) -> KeyStatus {
        let credit_code = verified.answers.profile.credit_code.as_ref().map(CreditCode::as_str).unwrap_or_default();
        self.status_of(credit_code, &verified.key)
    }

    /// Whether `key` is filed for `credit_code` (its canonical form): the register's stage of
    /// the bureau's verdict, asked once the signature holds and before the content is checked.
    pub fn status_of(&self, credit_code: &str, key: &PublicKey) -> KeyStatus {
        let fingerprint = key.fingerprint();
        match self.keys.get(credit_code) {
            Some(keys) if keys.contains(&fingerprint) => KeyStatus::Registered,
            Some(keys) => {
                KeyStatus::DifferentKey { credit_code: credit_code.to_owned(), fingerprint, registered: keys.clone() }
            }
            None => KeyStatus::UnregisteredCode { credit_code: credit_code.to_owned(), fingerprint },
        }
    }

    /// Every (credit code, fingerprint) filed, by code.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.keys.iter().flat_map(|(code, keys)| keys.iter().map(move |key| (code.as_str(), key.as_str())))
    }

    /// How many keys are filed.
    pub fn len(&self) -> usize {
        self.keys.values().map(Vec::len).sum()
    }

    /// Whether no key is filed.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The register as a file that [`KeyRegister::parse`] reads back.
    pub fn to_text(&self) -> String {
        let mut text = String::from("# 统一社会信用代码 密钥指纹 / CREDIT_CODE FINGERPRINT\n"); // both languages by design
        for (code, fingerprint) in self.entries() {
            text.push_str(code);
            text.push(' ');
            text.push_str(fingerprint);
            text.push('\n');
        }
        text
    }
}

/// A register line's credit code and fingerprint as written, without its comment; `None` for a
/// line that is blank or only a comment. The code is read as the answers read it (spaces inside
/// it, as printed on certificates, are allowed: `514400 005000 031282`): the words before the
/// fingerprint that make up its 18 characters at most; the fingerprint is the rest.
fn entry_words(line: &str) -> Option<(&str, &str)> {
    let line = line.split('#').next().unwrap_or("").trim();
    if line.is_empty() {
        return None;
    }
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or(line);
    let mut code_end = first.len();
    let mut characters = crate::credit_code::normalize(first).chars().count();
    for word in words {
        let more = crate::credit_code::normalize(word).chars().count();
        if characters >= CODE_CHARACTERS || characters + more > CODE_CHARACTERS {
            break;
        }
        characters += more;
        // Words are slices of the line: where this one ends.
        code_end = word.as_ptr() as usize - line.as_ptr() as usize + word.len();
    }
    Some((&line[..code_end], line[code_end..].trim_start()))
}

/// How many characters a unified social credit code has.
const CODE_CHARACTERS: usize = 18;

/// Whether `line` is a register's entry, a valid credit code and a fingerprint: a file with one is
/// a register, even when other lines are wrong.
#[doc(hidden)] // For the readers of `selfcheck-bureau`, not an API of its own.
pub fn looks_like_entry(line: &str) -> bool {
    entry_words(line)
        .is_some_and(|(code, fingerprint)| CreditCode::parse(code).is_ok() && Fingerprint::parse(fingerprint).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "514400005000031282";

    fn code(text: &str) -> CreditCode {
        CreditCode::parse(text).unwrap()
    }

    #[test]
    fn reads_what_people_type_and_writes_it_back() {
        let text = "\u{feff}# register\n\n514400005000031282  4a2c-8d8a-1b48-3c2a-5e6f-7081-92a3-b4c5 # first key\n\
                    514400005000031282 00112233445566778899AABBCCDDEEFF\n";
        let register = KeyRegister::parse(text).unwrap();
        assert_eq!(register.len(), 2);
        assert_eq!(
            register.lookup(&code(CODE)),
            ["4A2C 8D8A 1B48 3C2A 5E6F 7081 92A3 B4C5", "0011 2233 4455 6677 8899 AABB CCDD EEFF"]
        );
        assert_eq!(KeyRegister::parse(&register.to_text()).unwrap(), register);
    }

    #[test]
    fn a_code_is_read_as_the_answers_read_it() {
        // Before: a code with spaces inside was refused ("this one has 6"), though answers,
        // results and the expected list read it.
        let fingerprint = "4A2C 8D8A 1B48 3C2A 5E6F 7081 92A3 B4C5";
        let full_width = |text: &str| -> String {
            text.chars()
                .map(|c| if c == ' ' { '\u{3000}' } else { char::from_u32(c as u32 + 0xfee0).unwrap() })
                .collect()
        };
        for written in [
            "514400 005000 031282".to_owned(),
            "5144 0000 5000 0312 82".to_owned(),
            "5144-0000-5000-0312-82".to_owned(),
            full_width(CODE),
            full_width("5144 0000 5000 0312 82"),
            CODE.to_owned(),
        ] {
            let register = KeyRegister::parse(&format!("{written} {fingerprint}\n"))
                .unwrap_or_else(|error| panic!("{written}: {error}"));
            assert_eq!(register.lookup(&code(CODE)), [fingerprint], "{written}");
        }
        // A code one character short is still said to be one character short.
        let error = KeyRegister::parse(&format!("51440000500003128 {fingerprint}\n")).unwrap_err();
        assert!(error.to_string().contains("this one has 17"), "{error}");
    }

    #[test]
    fn reports_every_bad_line_at_once() {
        let text = "514400005000031283 4A2C8D8A1B483C2A5E6F708192A3B4C5\n\
                    514400005000031282 4A2C\n\
                    514400005000031282 4A2C8D8A1B483C2A5E6F708192A3B4C5\n\
                    514400005000031282 4A2C8D8A1B483C2A5E6F708192A3B4C5\n\
                    91440300MA5FXXXX0Y 4A2C8D8A1B483C2A5E6F708192A3B4C5\n";
        let Err(Error::Malformed { what: Document::Register, problems }) = KeyRegister::parse(text) else {
            panic!("accepted")
        };
        let kinds: Vec<(&str, &str)> = problems.iter().map(|problem| (problem.at.as_str(), problem.code())).collect();
        assert_eq!(
            kinds,
            [
                ("line 1", "credit-code"),
                ("line 2", "bad-fingerprint"),
                ("line 4", "duplicate-id"),
                ("line 5", "credit-code"),
            ]
        );
    }

    #[test]
    fn one_key_cannot_be_filed_for_two_associations() {
        let mut register = KeyRegister::new();
        register.insert(&code(CODE), "4A2C8D8A1B483C2A5E6F708192A3B4C5").unwrap();
        let other = code("91440101MA5CJQ4N59");
        let error = register.insert(&other, "4a2c 8d8a 1b48 3c2a 5e6f 7081 92a3 b4c5").unwrap_err();
        assert_eq!(error.problems()[0].kind, ProblemKind::KeyOfAnotherAssociation(CODE.into()));
        assert!(register.remove(&code(CODE), "4A2C-8D8A-1B48-3C2A-5E6F-7081-92A3-B4C5"));
        assert!(register.is_empty());
    }
}
