//! The bridge to the widget's second WebAssembly module (`selfcheck-web-sign`): key files,
//! signing, verifying imported results and the QR code, loaded when first needed so that the
//! first screen waits for none of it. The package's JavaScript hands `mountWidget` a loader
//! that fetches and starts the module once; every call here awaits it, so a slow network delays
//! only the signing or import it was asked for, never an answer.

use std::rc::Rc;

use selfcheck_core::Text;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::browser::{self, Failure};
use crate::host::Host;
use crate::i18n::S;
use crate::state::QrCode;

#[wasm_bindgen]
extern "C" {
    /// The started module's exports (`selfcheck_web_sign.js`).
    type SigningModule;

    #[wasm_bindgen(method, catch, js_name = newKeyPkcs8)]
    fn new_key_pkcs8(this: &SigningModule, seed: &[u8]) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch, js_name = newSm2Pkcs8)]
    fn new_sm2_pkcs8(this: &SigningModule, random: &[u8]) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch, js_name = sm2Iv)]
    fn sm2_iv(this: &SigningModule, iv: &[u8]) -> Result<Vec<u8>, JsValue>;
    #[wasm_bindgen(method, catch, js_name = keyFacts)]
    fn key_facts(this: &SigningModule, pkcs8: &[u8], sm2_pkcs8: &[u8]) -> Result<KeyFacts, JsValue>;
    #[wasm_bindgen(method, catch, js_name = keyFile)]
    fn key_file(
        this: &SigningModule,
        salt: &[u8],
        iv: &[u8],
        iterations: u32,
        ciphertext: &[u8],
        sm2_ciphertext: &[u8],
    ) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = keyFileEncryption)]
    fn key_file_encryption(this: &SigningModule, pem: &str) -> Result<KeyFileParams, JsValue>;
    #[wasm_bindgen(method, catch, js_name = signResult)]
    fn sign_result(
        this: &SigningModule,
        catalogue: Option<String>,
        answers: &str,
        pkcs8: &[u8],
        sm2_pkcs8: &[u8],
        issued_unix: u32,
        random_id: &[u8],
    ) -> Result<Signed, JsValue>;
    #[wasm_bindgen(method, catch, js_name = verifyResult)]
    fn verify_result(
        this: &SigningModule,
        json: &str,
        catalogue: Option<String>,
        now_unix: u32,
    ) -> Result<Verified, JsValue>;
    #[wasm_bindgen(method, catch, js_name = verifyNotice)]
    fn verify_notice(
        this: &SigningModule,
        json: &str,
        catalogue: Option<String>,
        now_unix: u32,
    ) -> Result<String, JsValue>;
    #[wasm_bindgen(method, js_name = qrPath)]
    fn qr_path(this: &SigningModule, text: &str) -> Option<QrPath>;

    /// What the interface shows of a key.
    pub type KeyFacts;
    /// Its `did:key`.
    #[wasm_bindgen(method, getter)]
    pub fn did(this: &KeyFacts) -> String;
    /// Its fingerprint.
    #[wasm_bindgen(method, getter)]
    pub fn fingerprint(this: &KeyFacts) -> String;
    /// The did:key of its SM2 part; empty when it has none.
    #[wasm_bindgen(method, getter, js_name = sm2Did)]
    pub fn sm2_did(this: &KeyFacts) -> String;

    type KeyFileParams;
    #[wasm_bindgen(method, getter)]
    fn key(this: &KeyFileParams) -> KeyFileBlock;
    #[wasm_bindgen(method, getter)]
    fn sm2(this: &KeyFileParams) -> Option<KeyFileBlock>;

    type KeyFileBlock;
    #[wasm_bindgen(method, getter)]
    fn hash(this: &KeyFileBlock) -> String;
    #[wasm_bindgen(method, getter)]
    fn iterations(this: &KeyFileBlock) -> u32;
    #[wasm_bindgen(method, getter)]
    fn salt(this: &KeyFileBlock) -> Vec<u8>;
    #[wasm_bindgen(method, getter, js_name = keyBytes)]
    fn key_bytes(this: &KeyFileBlock) -> u32;
    #[wasm_bindgen(method, getter)]
    fn iv(this: &KeyFileBlock) -> Vec<u8>;
    #[wasm_bindgen(method, getter)]
    fn ciphertext(this: &KeyFileBlock) -> Vec<u8>;

    /// A result signed and checked.
    pub type Signed;
    /// The signed result's JSON text.
    #[wasm_bindgen(method, getter)]
    pub fn result(this: &Signed) -> String;
    /// SHA-256 of its canonical form.
    #[wasm_bindgen(method, getter)]
    pub fn digest(this: &Signed) -> String;

    /// What verification of an imported result found.
    pub type Verified;
    /// Its answers document.
    #[wasm_bindgen(method, getter)]
    pub fn answers(this: &Verified) -> String;
    /// The digest of the catalogue it pins.
    #[wasm_bindgen(method, getter, js_name = catalogueDigest)]
    pub fn catalogue_digest(this: &Verified) -> String;
    /// The signing key's fingerprint.
    #[wasm_bindgen(method, getter)]
    pub fn fingerprint(this: &Verified) -> String;
    /// SHA-256 of the result's canonical form.
    #[wasm_bindgen(method, getter)]
    pub fn digest(this: &Verified) -> String;
    /// Whether it carries the second signature (SM2/SM3), which held.
    #[wasm_bindgen(method, getter)]
    pub fn sm2(this: &Verified) -> bool;

    type QrPath;
    #[wasm_bindgen(method, getter)]
    fn size(this: &QrPath) -> u32;
    #[wasm_bindgen(method, getter)]
    fn path(this: &QrPath) -> String;
}

impl Failure {
    /// What the signing module threw: its words (`{"zh": …, "en": …}`), or, when it could not
    /// run at all, the browser's.
    fn thrown(error: JsValue) -> Failure {
        let words = error.as_string().and_then(|text| selfcheck_core::json::parse(&text).ok()).and_then(|json| {
            let member = |lang: &str| json.get(lang).and_then(|text| text.as_str()).map(str::to_owned);
            Some(Text { zh: member("zh")?, en: member("en")? })
        });
        match words {
            Some(words) => Failure::Signing(words),
            None => Failure::Browser(browser::describe(error)),
        }
    }
}

/// The started signing module, with the catalogue of the host it signs and verifies against.
pub struct Signing {
    exports: SigningModule,
    catalogue: Option<Rc<str>>,
}

/// The signing module of `host`, loaded and started by the host's loader on the first call.
/// A failure to load it (the network, most likely) is said as such, with the browser's words
/// in the English interface; the loader tries again on the next call.
pub async fn module(host: Option<&Host>) -> Result<Signing, Failure> {
    let unavailable = |detail: String| {
        Failure::Signing(Text {
            zh: S::SigningUnavailable.get(selfcheck_core::Lang::Zh).to_owned(),
            en: format!("{} ({detail})", S::SigningUnavailable.get(selfcheck_core::Lang::En)),
        })
    };
    let loader = host
        .and_then(|host| host.signing.as_ref())
        .ok_or_else(|| unavailable("the page gave the widget no loader for it".to_owned()))?;
    let promise = loader.call0(&JsValue::NULL).map_err(|error| unavailable(browser::describe(error)))?;
    let exports = JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(|error| unavailable(browser::describe(error)))?;
    Ok(Signing { exports: exports.unchecked_into(), catalogue: host.and_then(|host| host.custom_catalogue.clone()) })
}

/// A key file's encryption, as WebCrypto takes it: its first block's, and its second's (the
/// SM2 part) when it has one.
#[derive(Clone, PartialEq)]
pub struct Encryption {
    /// PBKDF2's hash as WebCrypto names it.
    pub hash: String,
    /// PBKDF2's iterations.
    pub iterations: u32,
    /// PBKDF2's salt.
    pub salt: Vec<u8>,
    /// The AES key's length in bytes.
    pub key_bytes: u32,
    /// AES-CBC's initialization vector.
    pub iv: Vec<u8>,
    /// The encrypted PKCS#8.
    pub ciphertext: Vec<u8>,
    /// The SM2 part's block.
    pub sm2: Option<Box<Encryption>>,
}

impl Encryption {
    /// Whether `other` is derived from the passphrase the same way: then one derivation opens
    /// both blocks.
    pub fn same_derivation(&self, other: &Encryption) -> bool {
        (&self.hash, self.iterations, &self.salt, self.key_bytes)
            == (&other.hash, other.iterations, &other.salt, other.key_bytes)
    }
}

impl Signing {
    /// A new key's PKCS#8 from 32 random bytes.
    pub fn new_key(&self, seed: &[u8; 32]) -> Result<Vec<u8>, Failure> {
        self.exports.new_key_pkcs8(seed).map_err(Failure::thrown)
    }

    /// A new key's SM2 part (PKCS#8) from 32 random bytes.
    pub fn new_sm2_part(&self, random: &[u8; 32]) -> Result<Vec<u8>, Failure> {
        self.exports.new_sm2_pkcs8(random).map_err(Failure::thrown)
    }

    /// The IV of a key file's SM2 block, from its first block's.
    pub fn sm2_iv(&self, iv: &[u8]) -> Result<Vec<u8>, Failure> {
        self.exports.sm2_iv(iv).map_err(Failure::thrown)
    }

    /// The did:key and fingerprint of a decrypted key, with its SM2 part's PKCS#8 (empty: none).
    pub fn facts(&self, pkcs8: &[u8], sm2_pkcs8: &[u8]) -> Result<KeyFacts, Failure> {
        self.exports.key_facts(pkcs8, sm2_pkcs8).map_err(Failure::thrown)
    }

    /// The key file of a key encrypted with WebCrypto, with its SM2 part's block when
    /// `sm2_ciphertext` is not empty.
    pub fn write_key_file(
        &self,
        salt: &[u8],
        iv: &[u8],
        iterations: u32,
        ciphertext: &[u8],
        sm2_ciphertext: &[u8],
    ) -> Result<String, Failure> {
        self.exports.key_file(salt, iv, iterations, ciphertext, sm2_ciphertext).map_err(Failure::thrown)
    }

    /// A key file's encryption, its cost checked.
    pub fn encryption(&self, pem: &str) -> Result<Encryption, Failure> {
        let params = self.exports.key_file_encryption(pem).map_err(Failure::thrown)?;
        let encryption = |block: KeyFileBlock, sm2| Encryption {
            hash: block.hash(),
            iterations: block.iterations(),
            salt: block.salt(),
            key_bytes: block.key_bytes(),
            iv: block.iv(),
            ciphertext: block.ciphertext(),
            sm2,
        };
        let sm2 = params.sm2().map(|block| Box::new(encryption(block, None)));
        Ok(encryption(params.key(), sm2))
    }

    /// Signs an answers document of the host's catalogue with a decrypted key (with both
    /// proofs when `sm2_pkcs8`, its SM2 part, is not empty), and checks the result.
    pub fn sign(
        &self,
        answers: &str,
        (pkcs8, sm2_pkcs8): (&[u8], &[u8]),
        issued_unix: u32,
        random_id: &[u8; 16],
    ) -> Result<Signed, Failure> {
        let catalogue = self.catalogue.as_deref().map(str::to_owned);
        self.exports.sign_result(catalogue, answers, pkcs8, sm2_pkcs8, issued_unix, random_id).map_err(Failure::thrown)
    }

    /// Verifies a signed result against the host's catalogue and every other built-in version.
    pub fn verify(&self, json: &str, now_unix: u32) -> Result<Verified, Failure> {
        self.exports
            .verify_result(json, self.catalogue.as_deref().map(str::to_owned), now_unix)
            .map_err(Failure::thrown)
    }

    /// Verifies the bureau's rectification notice: what the widget shows of it, as JSON (see
    /// `selfcheck_web_sign::verify_notice`).
    pub fn notice(&self, json: &str, now_unix: u32) -> Result<String, Failure> {
        self.exports
            .verify_notice(json, self.catalogue.as_deref().map(str::to_owned), now_unix)
            .map_err(Failure::thrown)
    }

    /// The QR code of `text`, when it fits in one.
    pub fn qr(&self, text: &str) -> Option<QrCode> {
        self.exports.qr_path(text).map(|qr| QrCode { size: qr.size(), path: qr.path() })
    }
}

/// The clock for a signature or a verification, as the module takes it (seconds since 1970).
pub fn now_unix() -> u32 {
    u32::try_from(browser::now_unix_seconds()).unwrap_or(u32::MAX)
}
