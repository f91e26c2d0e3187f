//! The unified social credit code (统一社会信用代码) of GB 32100-2015.
//!
//! Eighteen characters from a 31-character alphabet (digits and capital letters
//! without I, O, Z, S and V): the registration authority, the organization type,
//! the six-digit administrative division, the nine-character organization code of
//! GB 11714 and a check character over the first seventeen.

use std::fmt;

/// The code's alphabet; a character's value is its index.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// GB 32100-2015 weights of positions 1–17: 3^(i-1) mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/// GB 11714 weights of the organization code's first eight characters.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
/// Registration-authority and type prefixes of social organizations registered
/// by civil affairs: 社会团体, 民办非企业单位, 基金会, other.
const SOCIAL_ORGANIZATION_PREFIXES: [&str; 4] = ["51", "52", "53", "59"];

/// A unified social credit code whose check character is right.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CreditCode(String);

/// Why a string is not a unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Not 18 characters long.
    WrongLength {
        /// How many characters were given.
        found: usize,
    },
    /// A character outside the code's alphabet (I, O, Z, S, V and punctuation are never used).
    InvalidCharacter {
        /// 1-based position.
        position: usize,
        /// The character found.
        found: char,
    },
    /// Positions 3–8 are the administrative division code and must be digits.
    DivisionNotDigits,
    /// The 18th character does not match the check computed from the first 17.
    CheckMismatch {
        /// The check character the first 17 characters call for.
        expected: char,
        /// The check character given.
        found: char,
    },
}

/// Something unusual about a valid code, worth a second look but not an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditCodeWarning {
    /// Social organizations registered by civil affairs have codes starting 51, 52, 53 or 59.
    NotSocialOrganization,
    /// The organization code part (positions 9–17) fails its GB 11714 check.
    OrganizationCodeCheck,
}

impl fmt::Display for CreditCodeWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CreditCodeWarning::NotSocialOrganization => write!(
                f,
                "the code does not start with 51, 52, 53 or 59 as a social organization's does; \
                 check it against the registration certificate"
            ),
            CreditCodeWarning::OrganizationCodeCheck => write!(
                f,
                "the organization code part (characters 9 to 17) fails its GB 11714 check; \
                 check it against the registration certificate"
            ),
        }
    }
}

impl CreditCode {
    /// Parses a code as people type or paste it: spaces and hyphens anywhere are ignored, lower
    /// case letters and full-width characters (ＡＢＣ１２３, from a Chinese input method) are
    /// read as their upper-case ASCII forms.
    ///
    /// # Errors
    /// [`CreditCodeError`] saying what is wrong: the length, which character, the division
    /// code, or the check character.
    pub fn parse(input: &str) -> Result<CreditCode, CreditCodeError> {
        let code = normalize(input);
        let found = code.chars().count();
        if found != 18 {
            return Err(CreditCodeError::WrongLength { found });
        }
        let mut values = [0u32; 18];
        for (index, ch) in code.chars().enumerate() {
            values[index] = value_of(ch).ok_or(CreditCodeError::InvalidCharacter { position: index + 1, found: ch })?;
        }
        if !code.as_bytes()[2..8].iter().all(u8::is_ascii_digit) {
            return Err(CreditCodeError::DivisionNotDigits);
        }
        let sum: u32 = values[..17].iter().zip(WEIGHTS).map(|(value, weight)| value * weight).sum();
        let check = (31 - sum % 31) % 31;
        if values[17] != check {
            return Err(CreditCodeError::CheckMismatch {
                expected: char::from(ALPHABET[check as usize]),
                found: char::from(code.as_bytes()[17]),
            });
        }
        Ok(CreditCode(code))
    }

    /// The code, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What is unusual about this code for a social organization.
    pub fn warnings(&self) -> Vec<CreditCodeWarning> {
        let mut warnings = Vec::new();
        if !SOCIAL_ORGANIZATION_PREFIXES.contains(&&self.0[..2]) {
            warnings.push(CreditCodeWarning::NotSocialOrganization);
        }
        if !organization_code_is_valid(&self.0[8..17]) {
            warnings.push(CreditCodeWarning::OrganizationCodeCheck);
        }
        warnings
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn value_of(ch: char) -> Option<u32> {
    let byte = u8::try_from(ch).ok()?;
    ALPHABET.iter().position(|&a| a == byte).map(|index| index as u32)
}

/// GB 11714: characters valued 0–9 and A=10 … Z=35; check = 11 − (Σ mod 11), 10 → X, 11 → 0.
fn organization_code_is_valid(code: &str) -> bool {
    let bytes = code.as_bytes();
    let sum: u32 = bytes[..8]
        .iter()
        .zip(ORG_WEIGHTS)
        .map(|(&byte, weight)| {
            let value = match byte {
                b'0'..=b'9' => u32::from(byte - b'0'),
                _ => u32::from(byte - b'A') + 10,
            };
            value * weight
        })
        .sum();
    let expected = match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        digit => b'0' + digit as u8,
    };
    bytes[8] == expected
}

/// The code as typed, without spaces or hyphens, full-width forms read as ASCII, upper case.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .map(|character| match character {
            // Full-width ASCII (U+FF01 to U+FF5E) is ASCII shifted by 0xFEE0.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(character) - 0xFEE0).unwrap_or(character),
            other => other,
        })
        .filter(|character| !character.is_whitespace() && !matches!(character, '-' | '\u{2010}'..='\u{2015}'))
        .map(|character| character.to_ascii_uppercase())
        .collect()
}
