//! Association keys: Ed25519, stored as an encrypted PKCS#8 PEM file (PBES2 with
//! PBKDF2-SHA256 and AES-256-CBC), named by `did:key` and by a fingerprint for paper forms.
//!
//! Random bytes (the seed, the salt, the IV) are arguments: the core has no RNG.

use std::fmt;

use ed25519_dalek::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, KeypairBytes};
use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
use pkcs8::der::Decode as _;
use pkcs8::pkcs5::pbes2;
use pkcs8::{EncryptedPrivateKeyInfo, LineEnding, PrivateKeyInfo};
use sha2::{Digest as _, Sha256};

use crate::error::Error;

/// PBKDF2-SHA256 iterations for new key files: OWASP's recommendation (2023) for PBKDF2-HMAC-SHA256.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// The fewest PBKDF2 iterations accepted when a key file is written.
pub const MIN_PBKDF2_ITERATIONS: u32 = 600_000;
/// The most PBKDF2 iterations a key file may ask for when it is opened.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// The shortest passphrase accepted for a new key file, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The largest key file accepted, checked before parsing.
pub const MAX_KEY_FILE_BYTES: usize = 16 * 1024;
/// The multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint).
const ED25519_PUB_MULTICODEC: [u8; 2] = [0xed, 0x01];
const PEM_LABEL: &str = "ENCRYPTED PRIVATE KEY";

/// An association's signing key. It is never serialized except encrypted.
pub struct AssociationKey {
    signing: SigningKey,
}

impl fmt::Debug for AssociationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AssociationKey({})", self.public().fingerprint())
    }
}

/// An association's public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl AssociationKey {
    /// The key whose Ed25519 seed (secret key) is `seed`; pass 32 random bytes for a new key.
    pub fn from_seed(seed: [u8; 32]) -> AssociationKey {
        AssociationKey { signing: SigningKey::from_bytes(&seed) }
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key())
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// The key as an encrypted PKCS#8 PEM file: PKCS#8 version 1 (no public key), encrypted
    /// with PBES2: PBKDF2-HMAC-SHA256 over `passphrase` with `salt` and `iterations`, and
    /// AES-256-CBC with `iv`. OpenSSL 3 and Python's `cryptography` open it.
    pub fn to_encrypted_pem(
        &self,
        passphrase: &str,
        salt: [u8; 16],
        iv: [u8; 16],
        iterations: u32,
    ) -> Result<String, Error> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::WeakPassphrase { min: MIN_PASSPHRASE_CHARS });
        }
        if iterations < MIN_PBKDF2_ITERATIONS {
            return Err(Error::KeyFile(format!("at least {MIN_PBKDF2_ITERATIONS} PBKDF2 iterations are required")));
        }
        let keypair = KeypairBytes { secret_key: self.signing.to_bytes(), public_key: None };
        let plain = keypair.to_pkcs8_der().map_err(|error| Error::KeyFile(error.to_string()))?;
        let info = PrivateKeyInfo::try_from(plain.as_bytes()).map_err(|error| Error::KeyFile(error.to_string()))?;
        let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(iterations, &salt, &iv)
            .map_err(|error| Error::KeyFile(error.to_string()))?;
        let encrypted =
            info.encrypt_with_params(params, passphrase).map_err(|error| Error::KeyFile(error.to_string()))?;
        encrypted
            .to_pem(PEM_LABEL, LineEnding::LF)
            .map(|pem| pem.to_string())
            .map_err(|error| Error::KeyFile(error.to_string()))
    }

    /// Opens an encrypted PKCS#8 PEM key file with its passphrase.
    pub fn from_encrypted_pem(pem: &str, passphrase: &str) -> Result<AssociationKey, Error> {
        if pem.len() > MAX_KEY_FILE_BYTES {
            return Err(Error::TooLarge {
                what: crate::error::Document::KeyFile,
                size: pem.len(),
                limit: MAX_KEY_FILE_BYTES,
            });
        }
        let (label, der) = pkcs8::der::pem::decode_vec(pem.trim().as_bytes())
            .map_err(|_| Error::KeyFile("it is not a PEM file (-----BEGIN ENCRYPTED PRIVATE KEY----- …)".to_owned()))?;
        if label != PEM_LABEL {
            return Err(Error::KeyFile(format!(
                "it holds a {label:?}, not an encrypted private key; selfcheck keeps keys only encrypted"
            )));
        }
        let encrypted = EncryptedPrivateKeyInfo::from_der(&der)
            .map_err(|error| Error::KeyFile(format!("its encrypted key cannot be read: {error}")))?;
        // A hostile file could ask for billions of iterations or gigabytes of scrypt memory and
        // hang the host; OpenSSL's own scrypt limit is 32 MiB.
        match encrypted.encryption_algorithm.pbes2().map(|params| &params.kdf) {
            Some(pbes2::Kdf::Pbkdf2(pbkdf2)) if pbkdf2.iteration_count > MAX_PBKDF2_ITERATIONS => {
                return Err(Error::KeyFile(format!("it asks for more than {MAX_PBKDF2_ITERATIONS} PBKDF2 iterations")));
            }
            Some(pbes2::Kdf::Scrypt(scrypt)) => {
                // RFC 7914 wants N a power of two above 1; pkcs5 0.7.1 panics (in builds with
                // overflow checks) on N = 0, which the fuzzer found.
                if scrypt.cost_parameter < 2 || !scrypt.cost_parameter.is_power_of_two() {
                    return Err(Error::KeyFile(format!(
                        "its scrypt cost N = {} is not a power of two above 1",
                        scrypt.cost_parameter
                    )));
                }
                let memory = (128 * u64::from(scrypt.block_size)).saturating_mul(scrypt.cost_parameter);
                if memory > 32 * 1024 * 1024 || scrypt.parallelization > 16 {
                    return Err(Error::KeyFile("its scrypt parameters need more than 32 MiB of memory".to_owned()));
                }
            }
            _ => {}
        }
        let plain = encrypted.decrypt(passphrase).map_err(|error| match error {
            // A wrong passphrase gives a wrong key, whose decryption fails its padding check
            // (which pkcs5 0.7.1 reports as EncryptFailed).
            pkcs8::Error::EncryptedPrivateKey(
                pkcs8::pkcs5::Error::DecryptFailed | pkcs8::pkcs5::Error::EncryptFailed,
            ) => Error::WrongPassphrase,
            other => Error::KeyFile(format!("its encryption cannot be used: {other}")),
        })?;
        let keypair = KeypairBytes::from_pkcs8_der(plain.as_bytes()).map_err(|_| {
            // A wrong passphrase usually fails the padding check above; when it happens to pass,
            // the decrypted bytes are not a key.
            Error::WrongPassphrase
        })?;
        let key = AssociationKey::from_seed(keypair.secret_key);
        if let Some(public) = keypair.public_key
            && public.as_ref() != key.public().bytes()
        {
            return Err(Error::KeyFile("its public key does not belong to its private key".to_owned()));
        }
        Ok(key)
    }

    /// Reads an unencrypted PKCS#8 DER key; only for test vectors and tools that hold keys in memory.
    #[doc(hidden)]
    pub fn from_pkcs8_der(der: &[u8]) -> Result<AssociationKey, Error> {
        SigningKey::from_pkcs8_der(der)
            .map(|signing| AssociationKey { signing })
            .map_err(|error| Error::KeyFile(error.to_string()))
    }
}

impl PublicKey {
    /// The 32 bytes of the key.
    pub fn bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }

    /// The public key from 32 bytes, refusing points that are not on the curve, those of small
    /// order, whose signatures prove nothing, and those with a small-order component.
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<PublicKey, Error> {
        let key = VerifyingKey::from_bytes(bytes)
            .map_err(|_| Error::BadDidKey("its public key is not a point of Ed25519".to_owned()))?;
        if key.is_weak() {
            return Err(Error::BadDidKey(
                "its public key is a small-order point, which any signature matches".to_owned(),
            ));
        }
        // A key with a small-order component would let its owner sign under several keys at
        // once (C2SP's low_order_component_A vectors pass verify_strict with one); Ed25519 key
        // generation never makes such a key.
        if !key.to_edwards().is_torsion_free() {
            return Err(Error::BadDidKey(
                "its public key has a small-order component, which no Ed25519 key generation makes".to_owned(),
            ));
        }
        Ok(PublicKey(key))
    }

    /// The multibase form: `z` and base58btc of the multicodec 0xed01 and the key.
    pub fn multibase(&self) -> String {
        let mut bytes = Vec::with_capacity(34);
        bytes.extend_from_slice(&ED25519_PUB_MULTICODEC);
        bytes.extend_from_slice(self.bytes());
        format!("z{}", bs58::encode(bytes).into_string())
    }

    /// `did:key:` and the multibase form.
    pub fn did(&self) -> String {
        format!("did:key:{}", self.multibase())
    }

    /// The verification method of the did:key: the DID, `#`, the multibase form.
    pub fn verification_method(&self) -> String {
        format!("{}#{}", self.did(), self.multibase())
    }

    /// Reads a `did:key` of an Ed25519 key.
    pub fn from_did(did: &str) -> Result<PublicKey, Error> {
        let multibase = did
            .strip_prefix("did:key:")
            .ok_or_else(|| Error::BadDidKey(format!("{did:?} does not start with did:key:")))?;
        PublicKey::from_multibase(multibase)
    }

    /// Reads the multibase form of an Ed25519 public key.
    pub fn from_multibase(multibase: &str) -> Result<PublicKey, Error> {
        let encoded = multibase
            .strip_prefix('z')
            .ok_or_else(|| Error::BadDidKey("its key is not base58btc multibase (it must start with z)".to_owned()))?;
        let bytes =
            bs58::decode(encoded).into_vec().map_err(|_| Error::BadDidKey("its key is not valid base58".to_owned()))?;
        let key = bytes
            .strip_prefix(&ED25519_PUB_MULTICODEC[..])
            .ok_or_else(|| Error::BadDidKey("it is not an Ed25519 key (multicodec 0xed01)".to_owned()))?;
        let key: &[u8; 32] = key
            .try_into()
            .map_err(|_| Error::BadDidKey(format!("its Ed25519 key has {} bytes instead of 32", key.len())))?;
        PublicKey::from_bytes(key)
    }

    /// The fingerprint printed on paper forms: uppercase hex of the first 16 bytes of
    /// SHA-256 of the key, in eight groups of four.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.bytes());
        let hex = crate::canonical::hex(&digest[..16]).to_ascii_uppercase();
        hex.as_bytes().chunks(4).map(|group| String::from_utf8_lossy(group).into_owned()).collect::<Vec<_>>().join(" ")
    }

    /// Checks an Ed25519 signature of `message` by this key, strictly: ed25519-dalek's
    /// `verify_strict`, which refuses a non-canonical `S` (malleable signatures), a small-order
    /// or non-canonically encoded `R`, and points with a small-order component that only a
    /// cofactored check would let through. The one signature check of selfcheck (`verify_proof`
    /// makes it), so that C2SP's edge-case vectors can be run through it.
    pub fn verify_strict(&self, message: &[u8], signature: &[u8; 64]) -> Result<(), Error> {
        self.0.verify_strict(message, &Signature::from_bytes(signature)).map_err(|_| Error::SignatureMismatch)
    }
}

/// A fingerprint as typed by a person (any case, spaces or hyphens) in its canonical form.
pub fn normalize_fingerprint(text: &str) -> Option<String> {
    let hex: String = text.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != ':').collect();
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let hex = hex.to_ascii_uppercase();
    Some(
        hex.as_bytes().chunks(4).map(|group| String::from_utf8_lossy(group).into_owned()).collect::<Vec<_>>().join(" "),
    )
}
