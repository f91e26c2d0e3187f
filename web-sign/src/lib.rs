//! selfcheck-web-sign: the widget's second WebAssembly module, loaded when first needed: key
//! files, signing, verifying imported results and the result's QR code.
//!
//! The questionnaire (`selfcheck-web`) renders, scores and stores the draft; everything here
//! comes later in a session, so the first screen does not wait for it (issue 23). The package's
//! JavaScript loads this module on the first call (or a little before: when the key or import
//! section comes near the view, or in an idle moment), and the widget
//! calls it through `web/src/signing.rs`. Each function is the core's own rule behind a plain
//! boundary: bytes, texts and small objects in and out. The browser's own work (random bytes,
//! WebCrypto's PBKDF2 and AES-CBC) stays in the widget.
//!
//! A failure is thrown as a JSON text `{"zh": …, "en": …}`: the core's message in both
//! languages, for the widget to show next to the control that caused it.

use selfcheck_core::keys::{self, KeyFileEncryption};
use selfcheck_core::{AssociationKey, Catalogue, Error, Timestamp, sign_result, verify_result};
use wasm_bindgen::prelude::*;

/// An error as the widget receives it: the core's message in both languages.
fn thrown(error: &Error) -> JsValue {
    JsValue::from_str(&worded(error))
}

/// `{"zh": …, "en": …}` of the core's message.
pub fn worded(error: &Error) -> String {
    let text = selfcheck_core::Text {
        zh: error.message(selfcheck_core::Lang::Zh),
        en: error.message(selfcheck_core::Lang::En),
    };
    selfcheck_core::json::compact(&text.to_json())
}

/// The catalogue the widget runs: its custom catalogue's JSON text, or the built-in one.
fn catalogue(custom: Option<String>) -> Result<Catalogue, Error> {
    match custom {
        None => Ok(Catalogue::builtin().clone()),
        Some(json) => Catalogue::from_json(&json),
    }
}

/// A new key's PKCS#8 (unencrypted DER) from 32 random bytes, for the widget to encrypt.
///
/// # Errors
/// Thrown when `seed` is not 32 bytes, or the key cannot be encoded.
#[wasm_bindgen(js_name = newKeyPkcs8)]
pub fn new_key_pkcs8(seed: &[u8]) -> Result<Vec<u8>, JsValue> {
    let seed: [u8; 32] = seed.try_into().map_err(|_| JsValue::from_str("a key's seed is 32 bytes"))?;
    AssociationKey::from_seed(seed).with_pkcs8_der(<[u8]>::to_vec).map_err(|error| thrown(&error))
}

/// A new key's SM2 part as PKCS#8 (unencrypted DER) from 32 random bytes, for the widget to
/// encrypt as the key file's second block.
///
/// # Errors
/// Thrown when `random` is not 32 bytes, or in the one case of 2^256 that gives no key (draw
/// again).
#[wasm_bindgen(js_name = newSm2Pkcs8)]
pub fn new_sm2_pkcs8(random: &[u8]) -> Result<Vec<u8>, JsValue> {
    let random: [u8; 32] = random.try_into().map_err(|_| JsValue::from_str("an SM2 key's random bytes are 32"))?;
    let key = selfcheck_core::guomi::Sm2Key::from_random(random).map_err(|error| thrown(&error))?;
    key.with_pkcs8_der(<[u8]>::to_vec).map_err(|error| thrown(&error))
}

/// The IV of a key file's second block (the SM2 part), from the first block's.
#[wasm_bindgen(js_name = sm2Iv)]
pub fn sm2_iv(iv: &[u8]) -> Result<Vec<u8>, JsValue> {
    let iv: [u8; 16] = iv.try_into().map_err(|_| JsValue::from_str("the initialization vector is 16 bytes"))?;
    Ok(keys::sm2_iv(&iv).to_vec())
}

/// What the interface shows of a key.
#[wasm_bindgen(getter_with_clone)]
pub struct KeyFacts {
    /// Its `did:key`.
    pub did: String,
    /// Its fingerprint, as the register and the printed summary give it: over both parts when
    /// it has an SM2 part.
    pub fingerprint: String,
    /// The `did:key` of its SM2 part; empty when it has none.
    #[wasm_bindgen(js_name = sm2Did)]
    pub sm2_did: String,
}

/// The key of a decrypted key file: the Ed25519 key, with its SM2 part when `sm2_pkcs8` is
/// not empty.
fn opened(pkcs8: &[u8], sm2_pkcs8: &[u8]) -> Result<AssociationKey, Error> {
    let key = AssociationKey::from_decrypted_pkcs8(pkcs8)?;
    if sm2_pkcs8.is_empty() {
        return Ok(key);
    }
    Ok(key.with_sm2(keys::sm2_from_pkcs8(sm2_pkcs8)?))
}

/// Reads a decrypted key (PKCS#8, and its SM2 part's when it has one, else empty) and says what
/// it is.
///
/// # Errors
/// Thrown as the core's [`AssociationKey::from_decrypted_pkcs8`] says: a wrong passphrase, or
/// a key that is not an Ed25519 key; or as [`keys::sm2_from_pkcs8`] says of the SM2 part.
#[wasm_bindgen(js_name = keyFacts)]
pub fn key_facts(pkcs8: &[u8], sm2_pkcs8: &[u8]) -> Result<KeyFacts, JsValue> {
    let public = opened(pkcs8, sm2_pkcs8).map_err(|error| thrown(&error))?.public();
    Ok(KeyFacts {
        did: public.did(),
        fingerprint: public.fingerprint().into(),
        sm2_did: public.sm2().map(|sm2| sm2.did()).unwrap_or_default(),
    })
}

/// The key file (PEM) of a key the widget encrypted with WebCrypto, in the format the core
/// writes, so that the `selfcheck` program opens it: the key's block, then the SM2 part's when
/// `sm2_ciphertext` is not empty (encrypted with the same derivation and [`sm2_iv`]'s IV).
///
/// # Errors
/// Thrown when the salt or the initialization vector is not 16 bytes, or the file cannot be
/// written.
#[wasm_bindgen(js_name = keyFile)]
pub fn key_file(
    salt: &[u8],
    iv: &[u8],
    iterations: u32,
    ciphertext: &[u8],
    sm2_ciphertext: &[u8],
) -> Result<String, JsValue> {
    let sixteen = |bytes: &[u8], what: &str| -> Result<[u8; 16], JsValue> {
        bytes.try_into().map_err(|_| JsValue::from_str(&format!("the {what} is 16 bytes")))
    };
    keys::key_file_from_ciphertexts(
        sixteen(salt, "salt")?,
        sixteen(iv, "initialization vector")?,
        iterations,
        ciphertext,
        (!sm2_ciphertext.is_empty()).then_some(sm2_ciphertext),
    )
    .map_err(|error| thrown(&error))
}

/// A key file's encryption, for WebCrypto to derive and decrypt: its first block's, and its
/// second's (the key's SM2 part) when it has one.
#[wasm_bindgen(getter_with_clone)]
pub struct KeyFileParams {
    /// The first block: the key.
    pub key: KeyFileBlock,
    /// The second block: the key's SM2 part.
    pub sm2: Option<KeyFileBlock>,
}

/// One block of a key file: how it is encrypted, and what.
#[wasm_bindgen(getter_with_clone)]
#[derive(Clone)]
pub struct KeyFileBlock {
    /// PBKDF2's hash as WebCrypto names it.
    pub hash: String,
    /// PBKDF2's iterations.
    pub iterations: u32,
    /// PBKDF2's salt.
    pub salt: Vec<u8>,
    /// The AES key's length in bytes.
    #[wasm_bindgen(js_name = keyBytes)]
    pub key_bytes: u32,
    /// AES-CBC's initialization vector.
    pub iv: Vec<u8>,
    /// The encrypted PKCS#8.
    pub ciphertext: Vec<u8>,
}

impl From<KeyFileEncryption> for KeyFileBlock {
    fn from(block: KeyFileEncryption) -> KeyFileBlock {
        KeyFileBlock {
            hash: block.pbkdf2_hash.to_owned(),
            iterations: block.iterations,
            salt: block.salt,
            key_bytes: u32::from(block.aes_key_bytes),
            iv: block.iv.to_vec(),
            ciphertext: block.ciphertext,
        }
    }
}

/// Reads a key file's encryption, its cost checked by the core.
///
/// # Errors
/// Thrown as the core's [`KeyFileEncryption::read`] says of the file's form and cost, and
/// when it is protected with scrypt, which WebCrypto lacks.
#[wasm_bindgen(js_name = keyFileEncryption)]
pub fn key_file_encryption(pem: &str) -> Result<KeyFileParams, JsValue> {
    let mut blocks = KeyFileEncryption::read_all(pem).map_err(|error| thrown(&error))?.into_iter();
    let key = blocks.next().ok_or_else(|| JsValue::from_str("a key file has a block"))?.into();
    Ok(KeyFileParams { key, sm2: blocks.next().map(KeyFileBlock::from) })
}

/// A result signed and checked.
#[wasm_bindgen(getter_with_clone)]
pub struct Signed {
    /// The signed result's JSON text.
    pub result: String,
    /// SHA-256 of its canonical form, as the verifier gives it.
    pub digest: String,
}

/// Signs the answers (an answers document with its profile, as the core writes it) with the
/// decrypted key (and its SM2 part's PKCS#8 when not empty: then with both proofs), at
/// `issued_unix` (seconds since 1970; a JavaScript number until 2106), with a random id of 16
/// bytes; then checks the result with the core's verifier, as every verifier will.
///
/// # Errors
/// Thrown as the core's [`sign_result`] and [`verify_result`] say: an incomplete profile,
/// answers of another catalogue, a key that cannot be read.
#[wasm_bindgen(js_name = signResult)]
pub fn sign(
    custom_catalogue: Option<String>,
    answers: &str,
    pkcs8: &[u8],
    sm2_pkcs8: &[u8],
    issued_unix: u32,
    random_id: &[u8],
) -> Result<Signed, JsValue> {
    let random_id: [u8; 16] =
        random_id.try_into().map_err(|_| JsValue::from_str("a result's random id is 16 bytes"))?;
    signed(custom_catalogue, answers, (pkcs8, sm2_pkcs8), issued_unix, random_id).map_err(|error| thrown(&error))
}

fn signed(
    custom_catalogue: Option<String>,
    answers: &str,
    (pkcs8, sm2_pkcs8): (&[u8], &[u8]),
    issued_unix: u32,
    random_id: [u8; 16],
) -> Result<Signed, Error> {
    let catalogue = catalogue(custom_catalogue)?;
    let answers = selfcheck_core::Answers::from_json(&catalogue, answers)?;
    let key = opened(pkcs8, sm2_pkcs8)?;
    let issued = Timestamp::from_unix_seconds(u64::from(issued_unix));
    let result = sign_result(&catalogue, &answers, &key, &issued, random_id)?;
    let digest = verify_result(&result, &[&catalogue], &issued)?.digest;
    Ok(Signed { result, digest })
}

/// What verification of an imported result found, for the widget to show and compare.
#[wasm_bindgen(getter_with_clone)]
pub struct Verified {
    /// The answers it carries (an answers document), checked against its catalogue.
    pub answers: String,
    /// The digest of the catalogue it pins: the widget's own or an earlier built-in version.
    #[wasm_bindgen(js_name = catalogueDigest)]
    pub catalogue_digest: String,
    /// The signing key's fingerprint.
    pub fingerprint: String,
    /// SHA-256 of the result's canonical form.
    pub digest: String,
    /// Whether it carries the second signature in China's national algorithms (SM2/SM3), which
    /// held.
    pub sm2: bool,
}

/// Verifies a signed result against the widget's catalogue and every earlier built-in version,
/// with the clock at `now_unix` (seconds since 1970).
///
/// # Errors
/// Thrown as the core's [`verify_result`] says.
#[wasm_bindgen(js_name = verifyResult)]
pub fn verify(json: &str, custom_catalogue: Option<String>, now_unix: u32) -> Result<Verified, JsValue> {
    verified(json, custom_catalogue, now_unix).map_err(|error| thrown(&error))
}

fn verified(json: &str, custom_catalogue: Option<String>, now_unix: u32) -> Result<Verified, Error> {
    let current = catalogue(custom_catalogue)?;
    let result = verify_result(json, &current.and_builtins(), &Timestamp::from_unix_seconds(u64::from(now_unix)))?;
    Ok(Verified {
        answers: result.answers.to_json_string(&result.catalogue),
        catalogue_digest: result.catalogue.digest().to_owned(),
        fingerprint: result.key.fingerprint().into(),
        sm2: result.key.sm2().is_some(),
        digest: result.digest,
    })
}

/// Verifies the bureau's rectification notice against the widget's catalogue and every other
/// built-in version, with the clock at `now_unix`: what the widget shows of it, as JSON
/// (`digest` of its bytes, the signing key's `fingerprint`, `issued`, and the notice's
/// `subject` as the format writes it, from what was verified).
///
/// # Errors
/// Thrown as the core's [`selfcheck_core::notice::verify_notice`] says (a result, a key file or a
/// changed notice named as such).
#[wasm_bindgen(js_name = verifyNotice)]
pub fn verify_notice(json: &str, custom_catalogue: Option<String>, now_unix: u32) -> Result<String, JsValue> {
    let verified = || -> Result<String, Error> {
        let current = catalogue(custom_catalogue)?;
        let now = Timestamp::from_unix_seconds(u64::from(now_unix));
        let notice = selfcheck_core::notice::verify_notice(json, &current.and_builtins(), &now)?;
        use selfcheck_core::wire::Subject as _;
        let subject = notice.content.to_subject(&notice.catalogue).to_json();
        let facts = selfcheck_core::wire::read::object([
            ("digest", notice.digest.as_str().into()),
            ("fingerprint", notice.key.fingerprint().into()),
            ("issued", notice.issued.as_str().into()),
            ("subject", subject),
        ]);
        Ok(selfcheck_core::json::compact(&facts))
    };
    verified().map_err(|error| thrown(&error))
}

/// A QR code as an SVG path: one unit per module, with a four-module quiet zone.
#[wasm_bindgen(getter_with_clone)]
pub struct QrPath {
    /// The width and height of the whole code, quiet zone included, in modules.
    pub size: u32,
    /// The dark modules as an SVG path.
    pub path: String,
}

/// The QR code of `text` (error correction M), or `undefined` when the text is too long for one.
#[wasm_bindgen(js_name = qrPath)]
pub fn qr_path(text: &str) -> Option<QrPath> {
    use qrcode::{Color, EcLevel, QrCode};
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let mut path = String::new();
    for (index, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", index % width + 4, index / width + 4));
        }
    }
    Some(QrPath { size: u32::try_from(width + 8).ok()?, path })
}

#[cfg(test)]
mod tests {
    use super::*;
    use selfcheck_core::wire::{ContactDoc, PeriodDoc, ProfileDoc};

    fn answers_json(catalogue: &Catalogue) -> String {
        let mut answers = selfcheck_core::Answers::blank(catalogue);
        let profile = ProfileDoc {
            name: "广东省示例行业协会".to_owned(),
            credit_code: "514400005000031282".to_owned(),
            contact: ContactDoc {
                person: "王敏".to_owned(),
                phone: "020-83000000".to_owned(),
                email: "office@example.org".to_owned(),
            },
            period: PeriodDoc { from: "2026-11-01".to_owned(), to: "2026-11-30".to_owned() },
        };
        answers.set_profile(&profile).expect("a complete profile");
        answers.to_json_string(catalogue)
    }

    #[test]
    fn a_result_signed_here_verifies_here_with_its_answers_and_key() {
        let catalogue = Catalogue::builtin();
        let pkcs8 = new_key_pkcs8(&[7; 32]).expect("a key");
        let answers = answers_json(catalogue);
        // A key made before (Ed25519 only), and one with its SM2 part: each signs, and the
        // verifier says which.
        let sm2 = new_sm2_pkcs8(&[8; 32]).expect("an SM2 part");
        for (sm2_pkcs8, both) in [(&[][..], false), (&sm2[..], true)] {
            let facts = key_facts(&pkcs8, sm2_pkcs8).expect("its facts");
            assert_eq!(facts.sm2_did.is_empty(), !both);
            let signed = signed(None, &answers, (&pkcs8, sm2_pkcs8), 1_796_000_000, [1; 16]).expect("signed");
            let found = verified(&signed.result, None, 1_796_000_100).expect("verified");
            assert_eq!(found.digest, signed.digest);
            assert_eq!(found.fingerprint, facts.fingerprint);
            assert_eq!(found.catalogue_digest, catalogue.digest());
            assert_eq!(found.answers, answers);
            assert_eq!(found.sm2, both);
        }
        // The SM2 part's slot with another kind of key in it is named.
        let Err(error) = opened(&pkcs8, &pkcs8) else { panic!("an Ed25519 key as the SM2 part") };
        assert!(error.message(selfcheck_core::Lang::En).contains("second block holds an Ed25519 key"));
    }

    #[test]
    fn an_altered_result_gives_the_cores_words_in_both_languages() {
        let pkcs8 = new_key_pkcs8(&[7; 32]).expect("a key");
        let answers = answers_json(Catalogue::builtin());
        let signed = signed(None, &answers, (&pkcs8, &[]), 1_796_000_000, [1; 16]).expect("signed");
        let altered = signed.result.replacen("广东省示例行业协会", "广东省另一行业协会", 1);
        let Err(error) = verified(&altered, None, 1_796_000_100) else { panic!("an altered result verified") };
        let words = selfcheck_core::json::parse(&worded(&error)).expect("JSON");
        assert_eq!(
            words.get("zh").and_then(|text| text.as_str()),
            Some(error.message(selfcheck_core::Lang::Zh).as_str())
        );
        assert_eq!(
            words.get("en").and_then(|text| text.as_str()),
            Some(error.message(selfcheck_core::Lang::En).as_str())
        );
    }

    #[test]
    fn a_key_file_written_here_is_read_back_with_its_parameters() {
        let pem = key_file(&[1; 16], &[2; 16], 600_000, &[3; 48], &[]).expect("a key file");
        let params = key_file_encryption(&pem).expect("its encryption");
        assert!(params.sm2.is_none());
        let params = params.key;
        assert_eq!((params.salt, params.iv, params.iterations), (vec![1; 16], vec![2; 16], 600_000));
        assert_eq!((params.hash.as_str(), params.key_bytes, params.ciphertext), ("SHA-256", 32, vec![3; 48]));
        // With its SM2 part: the same derivation, the second block's own IV.
        let pem = key_file(&[1; 16], &[2; 16], 600_000, &[3; 48], &[4; 144]).expect("a key file of two blocks");
        let params = key_file_encryption(&pem).expect("its encryption");
        let sm2 = params.sm2.expect("the SM2 part's block");
        assert_eq!((sm2.salt, sm2.iterations, sm2.ciphertext), (vec![1; 16], 600_000, vec![4; 144]));
        assert_eq!(sm2.iv, sm2_iv(&[2; 16]).unwrap());
    }

    #[test]
    fn a_qr_code_has_its_quiet_zone_and_a_text_too_long_has_none() {
        let code = qr_path("0123456789abcdef").expect("a code");
        assert_eq!(code.size, 21 + 8);
        assert!(code.path.starts_with("M4 4h1v1h-1z"), "the finder pattern's corner is dark: {}", &code.path[..20]);
        assert!(qr_path(&"x".repeat(4000)).is_none());
    }
}
