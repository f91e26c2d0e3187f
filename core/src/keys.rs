//! Association keys: Ed25519, and from issue 27 an SM2 part beside it for a second signature in
//! China's national algorithms ([`crate::guomi`]), stored as an encrypted PKCS#8 PEM file
//! (PBES2 with PBKDF2-SHA256 and AES-256-CBC; the SM2 part a second block after the first),
//! named by `did:key` and by a fingerprint for paper forms.
//!
//! Random bytes (the seed, the salt, the IV) are arguments: the core has no RNG.
//!
//! The key-file format (reading the PBES2 parameters, writing the file from its ciphertext,
//! reading the decrypted PKCS#8) is always here. The derivation and the cipher (PBKDF2, scrypt,
//! AES-CBC) are behind the `key-files` feature (on by default): the browser widget turns it off
//! and runs PBKDF2 and AES-CBC in the browser's WebCrypto ([`KeyFileEncryption`],
//! [`key_file_from_ciphertext`], [`AssociationKey::from_decrypted_pkcs8`]), so that the same
//! files open everywhere.

use std::fmt;

use ed25519_dalek::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, KeypairBytes};
use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
use pkcs8::der::{Decode as _, Encode as _};
use pkcs8::pkcs5::pbes2;
use pkcs8::spki::AlgorithmIdentifierRef;
use pkcs8::{EncryptedPrivateKeyInfo, LineEnding, ObjectIdentifier, PrivateKeyInfo};
use sha2::{Digest as _, Sha256};

use crate::did_key::{did_multibase, multibase_bytes, multibase_of};
use crate::error::Error;
pub use crate::error::{KeyFileParameter, KeyFileProblem, KeyKind};
use crate::guomi::{Sm2Key, Sm2PublicKey};

/// PBKDF2-SHA256 iterations for new key files: OWASP's recommendation (2023) for PBKDF2-HMAC-SHA256.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// The fewest PBKDF2 iterations accepted when a key file is written.
pub const MIN_PBKDF2_ITERATIONS: u32 = 600_000;
/// The most PBKDF2-HMAC-SHA256 iterations a key file may ask for when it is opened: the budget
/// of key-derivation work ([`MAX_KEY_DERIVATION_WORK`]) spent on the PRF new key files use.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;
/// The most key-derivation work a key file may ask for when it is opened, in units of one
/// PBKDF2-HMAC-SHA256 iteration for one 32-byte block (about 0.2 µs natively with SHA
/// extensions, several times that in a browser): see [`KeyDerivationCost`].
pub const MAX_KEY_DERIVATION_WORK: u64 = MAX_PBKDF2_ITERATIONS as u64;
/// The most memory scrypt may need to open a key file, in bytes: OpenSSL's own default limit
/// (`SCRYPT_MAX_MEM`), counted the same way ([`KeyDerivationCost`]).
pub const MAX_SCRYPT_MEMORY_BYTES: u64 = 32 * 1024 * 1024;
/// The largest scrypt cost `N` a key file may have: RFC 7914's largest example (2^20).
pub const MAX_SCRYPT_COST: u64 = 1 << 20;
/// The largest scrypt block size `r` a key file may have: four times what OpenSSL and Python's
/// `cryptography` write (8).
pub const MAX_SCRYPT_BLOCK_SIZE: u64 = 32;
/// The largest scrypt parallelization `p` a key file may have: RFC 7914's largest example (16);
/// key files are written with 1, and selfcheck runs the `p` lanes one after the other.
pub const MAX_SCRYPT_PARALLELIZATION: u64 = 16;
/// The shortest passphrase accepted for a new key file, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The largest key file accepted, checked before parsing.
pub const MAX_KEY_FILE_BYTES: usize = 16 * 1024;
/// The multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint).
const ED25519_PUB_MULTICODEC: [u8; 2] = [0xed, 0x01];
const PEM_LABEL: &str = "ENCRYPTED PRIVATE KEY";

/// An association's signing key. It is never serialized except encrypted.
///
/// The core has no random generator: a new key comes from 32 random bytes the host supplies.
///
/// ```
/// use selfcheck_core::AssociationKey;
/// use selfcheck_core::keys::MIN_PBKDF2_ITERATIONS;
///
/// let key = AssociationKey::from_seed([9; 32]); // use 32 bytes from the system's random source
/// // The fingerprint the association files with the bureau, on paper.
/// let fingerprint = key.public().fingerprint();
/// assert_eq!(fingerprint.split(' ').count(), 8);
/// # #[cfg(feature = "key-files")] {
/// let pem = key.to_encrypted_pem("长口令 correct horse", [1; 16], [2; 16], MIN_PBKDF2_ITERATIONS).unwrap();
/// let opened = AssociationKey::from_encrypted_pem(&pem, "长口令 correct horse").unwrap();
/// assert_eq!(opened.public().fingerprint(), fingerprint);
/// assert!(AssociationKey::from_encrypted_pem(&pem, "wrong passphrase").is_err());
/// # }
/// ```
pub struct AssociationKey {
    signing: SigningKey,
    sm2: Option<Sm2Key>,
}

impl fmt::Debug for AssociationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AssociationKey({})", self.public().fingerprint())
    }
}

/// An association's public key: Ed25519, and the SM2 part when the key has one (then its
/// fingerprint covers both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey {
    ed25519: VerifyingKey,
    sm2: Option<Sm2PublicKey>,
}

impl AssociationKey {
    /// The key whose Ed25519 seed (secret key) is `seed`; pass 32 random bytes for a new key.
    pub fn from_seed(seed: [u8; 32]) -> AssociationKey {
        AssociationKey { signing: SigningKey::from_bytes(&seed), sm2: None }
    }

    /// The key with `sm2` as its SM2 part: results it signs carry a second proof
    /// ([`crate::guomi`]), and its fingerprint covers both parts.
    ///
    /// ```
    /// use selfcheck_core::AssociationKey;
    /// use selfcheck_core::guomi::Sm2Key;
    ///
    /// let key = AssociationKey::from_seed([9; 32]); // 32 random bytes each
    /// let both = AssociationKey::from_seed([9; 32]).with_sm2(Sm2Key::from_random([5; 32]).unwrap());
    /// assert!(both.sm2().is_some() && key.sm2().is_none());
    /// assert_eq!(both.public().did(), key.public().did(), "the same Ed25519 identity");
    /// assert_ne!(both.public().fingerprint(), key.public().fingerprint(), "filed anew");
    /// ```
    pub fn with_sm2(self, sm2: Sm2Key) -> AssociationKey {
        AssociationKey { sm2: Some(sm2), ..self }
    }

    /// The SM2 part, when the key has one.
    pub fn sm2(&self) -> Option<&Sm2Key> {
        self.sm2.as_ref()
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey { ed25519: self.signing.verifying_key(), sm2: self.sm2.as_ref().map(Sm2Key::public) }
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// The key as an encrypted PKCS#8 PEM file: PKCS#8 version 1 (no public key), encrypted
    /// with PBES2: PBKDF2-HMAC-SHA256 over `passphrase` with `salt` and `iterations`, and
    /// AES-256-CBC with `iv`. OpenSSL 3 and Python's `cryptography` open it. A key with an SM2
    /// part has a second block after it: the SM2 key as OpenSSL 3 writes one (an EC key on the
    /// SM2 curve), encrypted the same way with the IV [`sm2_iv`] gives.
    ///
    /// # Errors
    /// [`Error::WeakPassphrase`] for a passphrase shorter than [`MIN_PASSPHRASE_CHARS`],
    /// [`Error::KeyFile`] for fewer than [`MIN_PBKDF2_ITERATIONS`] rounds (or, never in
    /// practice, a failure to encode the file).
    #[cfg(feature = "key-files")]
    pub fn to_encrypted_pem(
        &self,
        passphrase: &str,
        salt: [u8; 16],
        iv: [u8; 16],
        iterations: u32,
    ) -> Result<String, Error> {
        check_new_key_file(passphrase, iterations)?;
        let encrypt = |iv: &[u8; 16], plain: &[u8]| {
            pbes2::Parameters::pbkdf2_sha256_aes256cbc(iterations, &salt, iv)
                .and_then(|params| params.encrypt(passphrase, plain))
                .map_err(|_| Error::KeyFile(KeyFileProblem::Encoding))
        };
        let ciphertext = self.with_pkcs8_der(|plain| encrypt(&iv, plain))??;
        let sm2 = match &self.sm2 {
            Some(sm2) => Some(sm2.with_pkcs8_der(|plain| encrypt(&sm2_iv(&iv), plain))??),
            None => None,
        };
        key_file_from_ciphertexts(salt, iv, iterations, &ciphertext, sm2.as_deref())
    }

    /// Calls `use_plain` with the key's PKCS#8 version 1 DER (no public key), the plaintext of
    /// a key file, which is wiped afterwards: for a host that encrypts it itself (the browser's
    /// WebCrypto) and then writes the file with [`key_file_from_ciphertext`].
    ///
    /// # Errors
    /// [`Error::KeyFile`] if the key cannot be encoded as PKCS#8 (never for a valid key).
    pub fn with_pkcs8_der<T>(&self, use_plain: impl FnOnce(&[u8]) -> T) -> Result<T, Error> {
        let keypair = KeypairBytes { secret_key: self.signing.to_bytes(), public_key: None };
        let plain = keypair.to_pkcs8_der().map_err(|_| Error::KeyFile(KeyFileProblem::Encoding))?;
        Ok(use_plain(plain.as_bytes()))
    }

    /// Opens an encrypted PKCS#8 PEM key file with its passphrase: the Ed25519 key, and the SM2
    /// part from a second block when there is one.
    ///
    /// The file may start with a UTF-8 byte-order mark (Notepad writes one), use Windows line
    /// endings, and hold explanatory text before the `-----BEGIN` line and after the `-----END`
    /// line, which is ignored (RFC 7468, section 2, and OpenSSL do the same); a second block
    /// must be the key's SM2 part and a third is refused, so that it is never unclear which key
    /// signs.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] for a file over [`MAX_KEY_FILE_BYTES`]; [`Error::KeyFile`] for a file
    /// that is not one encrypted PKCS#8 PEM block, whose key derivation asks for more than the
    /// limits ([`KeyDerivationCost`]) or whose key is not Ed25519 (saying what key it holds);
    /// [`Error::WrongPassphrase`] when the passphrase does not decrypt it.
    #[cfg(feature = "key-files")]
    pub fn from_encrypted_pem(pem: &str, passphrase: &str) -> Result<AssociationKey, Error> {
        let ders = key_file_ders(pem)?;
        let key = AssociationKey::from_decrypted_pkcs8(decrypt_block(&ders[0], passphrase)?.as_bytes())?;
        match ders.get(1) {
            None => Ok(key),
            // The same passphrase protects both: once the first opened, a failure is the block's.
            Some(der) => {
                let plain = decrypt_block(der, passphrase).map_err(|_| Error::KeyFile(KeyFileProblem::Sm2Scalar))?;
                Ok(key.with_sm2(sm2_from_pkcs8(plain.as_bytes())?))
            }
        }
    }

    /// The key from the decrypted content of a key file (PKCS#8 DER), for a host that derived
    /// and decrypted with its own cryptography the parameters [`KeyFileEncryption::read`] gave.
    ///
    /// # Errors
    ///
    /// [`Error::WrongPassphrase`] when `plain` is not PKCS#8 (a wrong passphrase passes the
    /// padding check about once in 256 tries, and gives noise); [`Error::KeyFile`] when it
    /// holds a key that is not Ed25519, or a malformed one.
    pub fn from_decrypted_pkcs8(plain: &[u8]) -> Result<AssociationKey, Error> {
        ed25519_from_pkcs8(plain)
    }

    /// Reads an unencrypted PKCS#8 DER key; only for test vectors and tools that hold keys in memory.
    ///
    /// # Errors
    /// [`Error::KeyFile`] when `der` is not an Ed25519 PKCS#8 key.
    #[doc(hidden)]
    pub fn from_pkcs8_der(der: &[u8]) -> Result<AssociationKey, Error> {
        SigningKey::from_pkcs8_der(der)
            .map(|signing| AssociationKey { signing, sm2: None })
            .map_err(|_| Error::KeyFile(KeyFileProblem::Encoding))
    }
}

/// The plaintext of one encrypted block of a key file, its parameters checked before anything is
/// derived.
#[cfg(feature = "key-files")]
fn decrypt_block(der: &[u8], passphrase: &str) -> Result<pkcs8::SecretDocument, Error> {
    let encrypted = EncryptedPrivateKeyInfo::from_der(der).map_err(|_| Error::KeyFile(KeyFileProblem::Unreadable))?;
    // A hostile file could ask for billions of iterations or gigabytes of scrypt memory and
    // hang the host, and a parameter out of range would be blamed on the passphrase: both
    // are checked before anything is derived.
    if let Some(params) = encrypted.encryption_algorithm.pbes2() {
        check_parameters(params)?;
    }
    let plain = encrypted.encryption_algorithm.decrypt(passphrase, encrypted.encrypted_data).map_err(|error| {
        match error {
            // A wrong passphrase gives a wrong key, whose decryption fails its padding check
            // (which pkcs5 0.7.1 reports as EncryptFailed).
            pkcs8::pkcs5::Error::DecryptFailed | pkcs8::pkcs5::Error::EncryptFailed => Error::WrongPassphrase,
            _ => Error::KeyFile(KeyFileProblem::UnsupportedEncryption),
        }
    })?;
    // A wrong passphrase passes the padding check about once in 256 tries; its plaintext is
    // then noise, never DER. (The document wipes the plaintext when dropped.)
    pkcs8::SecretDocument::try_from(plain).map_err(|_| Error::WrongPassphrase)
}

/// The SM2 part from the decrypted second block of a key file, for a host that decrypted it
/// itself as [`AssociationKey::from_decrypted_pkcs8`] the first.
///
/// # Errors
/// [`Error::KeyFile`]: [`KeyFileProblem::SecondBlock`] naming the key it holds when it is not
/// an SM2 key, [`KeyFileProblem::Sm2Scalar`] when it is not a usable one.
pub fn sm2_from_pkcs8(plain: &[u8]) -> Result<Sm2Key, Error> {
    let info = PrivateKeyInfo::try_from(plain).map_err(|_| Error::KeyFile(KeyFileProblem::Sm2Scalar))?;
    match KeyKind::of(&info.algorithm) {
        KeyKind::Ec("SM2") => Sm2Key::from_pkcs8_der(plain),
        kind => Err(Error::KeyFile(KeyFileProblem::SecondBlock(kind))),
    }
}

/// The Ed25519 key from the decrypted first block of a key file.
fn ed25519_from_pkcs8(plain: &[u8]) -> Result<AssociationKey, Error> {
    // Once the plaintext is PKCS#8, the passphrase was right, and whatever is wrong is the
    // key itself.
    let info = PrivateKeyInfo::try_from(plain).map_err(|_| Error::WrongPassphrase)?;
    let kind = KeyKind::of(&info.algorithm);
    if kind != KeyKind::Ed25519 {
        // Short: messages quote at most 80 characters of a detail.
        return Err(Error::KeyFile(KeyFileProblem::NotEd25519(kind)));
    }
    if info.algorithm.parameters.is_some() {
        return Err(Error::KeyFile(KeyFileProblem::AlgorithmParameters));
    }
    // RFC 8410: the private key is an OCTET STRING holding the 32-byte seed.
    let seed = pkcs8::der::asn1::OctetStringRef::from_der(info.private_key)
        .map_err(|_| Error::KeyFile(KeyFileProblem::SeedLength(None)))?;
    let seed: [u8; 32] = seed
        .as_bytes()
        .try_into()
        .map_err(|_| Error::KeyFile(KeyFileProblem::SeedLength(Some(seed.as_bytes().len()))))?;
    let key = AssociationKey::from_seed(seed);
    if let Some(public) = info.public_key
        && public != key.public().bytes()
    {
        return Err(Error::KeyFile(KeyFileProblem::PublicKeyMismatch));
    }
    Ok(key)
}

impl PublicKey {
    /// The 32 bytes of the key.
    pub fn bytes(&self) -> &[u8; 32] {
        self.ed25519.as_bytes()
    }

    /// The key with `sm2` as its SM2 part: what a result with both proofs was signed by.
    pub fn with_sm2(self, sm2: Sm2PublicKey) -> PublicKey {
        PublicKey { sm2: Some(sm2), ..self }
    }

    /// The SM2 part, when the key has one.
    pub fn sm2(&self) -> Option<Sm2PublicKey> {
        self.sm2
    }

    /// The key without its SM2 part: the Ed25519 identity its `did:key` names.
    pub fn ed25519(&self) -> PublicKey {
        PublicKey { sm2: None, ..*self }
    }

    /// The public key from 32 bytes, refusing points that are not on the curve, those of small
    /// order, whose signatures prove nothing, and those with a small-order component.
    ///
    /// # Errors
    /// [`Error::BadDidKey`] saying which of these it is.
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
        Ok(PublicKey { ed25519: key, sm2: None })
    }

    /// The multibase form: `z` and base58btc of the multicodec 0xed01 and the key.
    pub fn multibase(&self) -> String {
        multibase_of(&ED25519_PUB_MULTICODEC, self.bytes())
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
    ///
    /// # Errors
    /// [`Error::BadDidKey`] when it is not `did:key:` and the multibase form of a usable
    /// Ed25519 key (see [`PublicKey::from_multibase`]).
    pub fn from_did(did: &str) -> Result<PublicKey, Error> {
        PublicKey::from_multibase(did_multibase(did)?)
    }

    /// Reads the multibase form of an Ed25519 public key.
    ///
    /// # Errors
    /// [`Error::BadDidKey`] when it is not base58btc (`z…`), not the Ed25519 multicodec, not
    /// 32 bytes, or not a usable key ([`PublicKey::from_bytes`]).
    pub fn from_multibase(multibase: &str) -> Result<PublicKey, Error> {
        PublicKey::from_bytes(&multibase_key_bytes(multibase)?)
    }

    /// The fingerprint printed on paper forms, in eight groups of four uppercase hex digits:
    /// the first 16 bytes of SHA-256 of the Ed25519 key; for a key with an SM2 part, of SM3 of
    /// both (the Ed25519 key's 32 bytes, then the SM2 key compressed, 33), so that the one
    /// fingerprint an association files covers both, and a key made before keeps its own.
    pub fn fingerprint(&self) -> Fingerprint {
        match self.sm2 {
            None => Fingerprint::of_key_bytes(self.bytes()),
            Some(sm2) => Fingerprint::of_key_pair(self.bytes(), &sm2),
        }
    }

    /// Checks an Ed25519 signature of `message` by this key, strictly: ed25519-dalek's
    /// `verify_strict`, which refuses a non-canonical `S` (malleable signatures), a small-order
    /// or non-canonically encoded `R`, and points with a small-order component that only a
    /// cofactored check would let through. The one signature check of selfcheck (`verify_proof`
    /// makes it), so that C2SP's edge-case vectors can be run through it.
    ///
    /// # Errors
    /// [`Error::SignatureMismatch`] when the signature is not this key's over `message`.
    pub fn verify_strict(&self, message: &[u8], signature: &[u8; 64]) -> Result<(), Error> {
        self.ed25519.verify_strict(message, &Signature::from_bytes(signature)).map_err(|_| Error::SignatureMismatch)
    }
}

/// The PEM blocks of a key file, `(label, block)`, each from its `-----BEGIN` line to its
/// `-----END` line with `\n` line endings: the key, and its SM2 part when there is one. A
/// leading byte-order mark and text before, between and after the blocks are ignored; a file
/// with no block, a block without its end, or more than two blocks is refused.
fn pem_blocks(text: &str) -> Result<Vec<(String, String)>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = pem_block(text)?;
    let begin = |line: &str| line.trim_end_matches([' ', '\t', '\r']).starts_with("-----BEGIN ");
    // What follows the first block's end line.
    let end = format!("-----END {}-----", first.0);
    let after = text.lines().skip_while(|line| line.trim_end_matches([' ', '\t', '\r']) != end).skip(1);
    let rest: Vec<&str> = after.collect();
    if !rest.iter().any(|line| begin(line)) {
        return Ok(vec![first]);
    }
    let second = pem_block(&rest.join("\n"))?;
    let end = format!("-----END {}-----", second.0);
    let mut after = rest.iter().skip_while(|line| line.trim_end_matches([' ', '\t', '\r']) != end).skip(1);
    if after.any(|line| begin(line)) {
        return Err(Error::KeyFile(KeyFileProblem::SeveralBlocks));
    }
    Ok(vec![first, second])
}

/// The first PEM block of a text, `(label, block)`; text before it is ignored, and what follows
/// its end is for [`pem_blocks`].
fn pem_block(text: &str) -> Result<(String, String), Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let not_pem = || Error::KeyFile(KeyFileProblem::NotPem);
    let mut lines = text.lines().map(|line| line.trim_end_matches([' ', '\t', '\r']));
    let label = lines
        .by_ref()
        .find_map(|line| line.strip_prefix("-----BEGIN ")?.strip_suffix("-----"))
        // No key at all: say what the file is, when it is something else.
        .ok_or_else(|| crate::wire::named_or(text, crate::error::Document::KeyFile, not_pem()))?
        .to_owned();
    let end = format!("-----END {label}-----");
    let mut block = format!("-----BEGIN {label}-----\n");
    let mut ended = false;
    for line in lines.by_ref() {
        block.push_str(line);
        block.push('\n');
        if line == end {
            ended = true;
            break;
        }
    }
    if !ended {
        return Err(Error::KeyFile(KeyFileProblem::CutShort));
    }
    Ok((label, block))
}

/// Refuses what a new key file must not have: a passphrase under [`MIN_PASSPHRASE_CHARS`]
/// characters, fewer than [`MIN_PBKDF2_ITERATIONS`] iterations.
///
/// # Errors
///
/// [`Error::WeakPassphrase`] and [`Error::KeyFile`] ([`KeyFileProblem::TooFewIterations`]).
pub fn check_new_key_file(passphrase: &str, iterations: u32) -> Result<(), Error> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::WeakPassphrase { min: MIN_PASSPHRASE_CHARS });
    }
    if iterations < MIN_PBKDF2_ITERATIONS {
        return Err(Error::KeyFile(KeyFileProblem::TooFewIterations { min: MIN_PBKDF2_ITERATIONS }));
    }
    Ok(())
}

/// The key file (encrypted PKCS#8 PEM, PBES2 with PBKDF2-HMAC-SHA256 over `iterations` and
/// `salt`, AES-256-CBC with `iv`) holding `ciphertext`: the encryption of a key's
/// [`AssociationKey::with_pkcs8_der`] that a host computed itself with these parameters.
/// [`AssociationKey::to_encrypted_pem`] writes its files with this function too, so that both
/// are the same byte for byte.
///
/// # Errors
///
/// [`Error::KeyFile`] ([`KeyFileProblem::Encoding`]) when the structure cannot be encoded.
pub fn key_file_from_ciphertext(
    salt: [u8; 16],
    iv: [u8; 16],
    iterations: u32,
    ciphertext: &[u8],
) -> Result<String, Error> {
    key_file_from_ciphertexts(salt, iv, iterations, ciphertext, None)
}

/// The key file of a key with an SM2 part: as [`key_file_from_ciphertext`], then a second block
/// holding `sm2`, the encryption of [`crate::guomi::Sm2Key::with_pkcs8_der`] with the same
/// passphrase, salt and iterations (one derivation opens both) and the IV [`sm2_iv`] gives.
///
/// # Errors
///
/// [`Error::KeyFile`] ([`KeyFileProblem::Encoding`]) when the structure cannot be encoded.
pub fn key_file_from_ciphertexts(
    salt: [u8; 16],
    iv: [u8; 16],
    iterations: u32,
    ciphertext: &[u8],
    sm2: Option<&[u8]>,
) -> Result<String, Error> {
    let encoding = Error::KeyFile(KeyFileProblem::Encoding);
    let block = |iv: &[u8; 16], ciphertext: &[u8]| {
        let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(iterations, &salt, iv).map_err(|_| encoding.clone())?;
        let info = EncryptedPrivateKeyInfo { encryption_algorithm: params.into(), encrypted_data: ciphertext };
        let der = info.to_der().map_err(|_| encoding.clone())?;
        pkcs8::der::pem::encode_string(PEM_LABEL, LineEnding::LF, &der).map_err(|_| encoding.clone())
    };
    let mut file = block(&iv, ciphertext)?;
    if let Some(sm2) = sm2 {
        file.push_str(&block(&sm2_iv(&iv), sm2)?);
    }
    Ok(file)
}

/// The IV of a key file's SM2 block, from the first block's: the first 16 bytes of SHA-256 of
/// it and `sm2`. The key both blocks are encrypted under is the same, so each needs its own IV;
/// deriving it keeps the host's random bytes as they were.
pub fn sm2_iv(iv: &[u8; 16]) -> [u8; 16] {
    let digest = Sha256::new().chain_update(iv).chain_update(b"sm2").finalize();
    let mut second = [0u8; 16];
    second.copy_from_slice(&digest[..16]);
    second
}

/// The DER inside a key file: size, the one PEM block and its label checked.
/// Checks a key file before any passphrase is asked for or tried: its form (one encrypted
/// PKCS#8 PEM block), each parameter of its encryption against what selfcheck accepts (scrypt's
/// `N`, `r` and `p`, PBKDF2's iterations, the key length the cipher needs: each refused with its
/// name and its limit), and the work and memory its key derivation asks for
/// ([`KeyDerivationCost`]).
///
/// # Errors
/// [`Error::KeyFile`] saying what is wrong, or [`Error::TooLarge`] for a file over
/// [`MAX_KEY_FILE_BYTES`].
pub fn check_key_file(pem: &str) -> Result<(), Error> {
    for der in key_file_ders(pem)? {
        let encrypted =
            EncryptedPrivateKeyInfo::from_der(&der).map_err(|_| Error::KeyFile(KeyFileProblem::Unreadable))?;
        match encrypted.encryption_algorithm.pbes2() {
            Some(params) => check_parameters(params)?,
            None => return Err(Error::KeyFile(KeyFileProblem::UnsupportedEncryption)),
        }
    }
    Ok(())
}

/// Each parameter of PBES2 `params` within what selfcheck accepts, then the cost of the whole.
fn check_parameters(params: &pbes2::Parameters<'_>) -> Result<(), Error> {
    let out_of_range = |parameter, found: u64, min: u64, max: u64| {
        if (min..=max).contains(&found) {
            Ok(())
        } else {
            Err(Error::KeyFile(KeyFileProblem::OutOfRange { parameter, found, min, max }))
        }
    };
    let key_bytes = params.encryption.key_size() as u64;
    let key_length = match &params.kdf {
        pbes2::Kdf::Pbkdf2(pbkdf2) => {
            // The most iterations are what the work budget allows this PRF (past it, the cost
            // check below says how much work they are).
            let (_, per_iteration) = pbkdf2_iteration_work(pbkdf2.prf, key_bytes);
            let most = MAX_KEY_DERIVATION_WORK / per_iteration.max(1);
            if pbkdf2.iteration_count == 0 {
                out_of_range(KeyFileParameter::Pbkdf2Iterations, 0, 1, most)?;
            }
            pbkdf2.key_length
        }
        pbes2::Kdf::Scrypt(scrypt) => {
            let (n, r, p) = (scrypt.cost_parameter, u64::from(scrypt.block_size), u64::from(scrypt.parallelization));
            out_of_range(KeyFileParameter::ScryptBlockSize, r, 1, MAX_SCRYPT_BLOCK_SIZE)?;
            out_of_range(KeyFileParameter::ScryptParallelization, p, 1, MAX_SCRYPT_PARALLELIZATION)?;
            // RFC 7914 also wants N below 2^(128·r/8): only r = 1 (N up to 2^15) is below the
            // largest N accepted.
            let max_n = MAX_SCRYPT_COST.min(1u64.checked_shl(16 * r as u32 - 1).unwrap_or(u64::MAX));
            if n >= 2 && n.is_power_of_two() {
                out_of_range(KeyFileParameter::ScryptCost, n, 2, max_n)?;
            }
            scrypt.key_length
        }
        _ => return Err(Error::KeyFile(KeyFileProblem::UnsupportedKdf)),
    };
    if let Some(length) = key_length {
        out_of_range(KeyFileParameter::KeyLength, u64::from(length), key_bytes, key_bytes)?;
    }
    KeyDerivationCost::of(params)?.check()
}

/// The DER of each block of a key file (the key, then its SM2 part when there is one): size,
/// the blocks and their labels checked.
fn key_file_ders(pem: &str) -> Result<Vec<Vec<u8>>, Error> {
    if pem.len() > MAX_KEY_FILE_BYTES {
        return Err(Error::TooLarge {
            what: crate::error::Document::KeyFile,
            size: pem.len(),
            limit: MAX_KEY_FILE_BYTES,
        });
    }
    pem_blocks(pem)?
        .into_iter()
        .map(|(label, block)| {
            if label != PEM_LABEL {
                return Err(Error::KeyFile(wrong_label(&label)));
            }
            Ok(pkcs8::der::pem::decode_vec(block.as_bytes())
                .map_err(|_| Error::KeyFile(KeyFileProblem::Undecodable))?
                .1)
        })
        .collect()
}

/// How a key file is encrypted, for a host that derives and decrypts with its own
/// cryptography (the browser's WebCrypto, which has PBKDF2 and AES-CBC but not scrypt): PBES2
/// with PBKDF2 and AES-128-CBC or AES-256-CBC. The size, the form and the cost limits of the
/// file are checked as [`AssociationKey::from_encrypted_pem`] checks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFileEncryption {
    /// PBKDF2's hash, as WebCrypto names it: `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
    pub pbkdf2_hash: &'static str,
    /// PBKDF2's iterations.
    pub iterations: u32,
    /// PBKDF2's salt.
    pub salt: Vec<u8>,
    /// The AES key's length in bytes: 16 or 32.
    pub aes_key_bytes: u16,
    /// AES-CBC's initialization vector.
    pub iv: [u8; 16],
    /// The encrypted PKCS#8 (padded as PKCS#7, which AES-CBC in WebCrypto removes).
    pub ciphertext: Vec<u8>,
}

impl KeyFileEncryption {
    /// Reads a key file's encryption.
    ///
    /// # Errors
    ///
    /// What [`AssociationKey::from_encrypted_pem`] says of the file's form and cost, and
    /// [`KeyFileProblem::ScryptNeedsNative`] for a file protected with scrypt (which only the
    /// `selfcheck` program opens), [`KeyFileProblem::UnsupportedEncryption`] for other schemes.
    pub fn read(pem: &str) -> Result<KeyFileEncryption, Error> {
        let mut blocks = KeyFileEncryption::read_all(pem)?;
        Ok(blocks.swap_remove(0))
    }

    /// Reads the encryption of each block of a key file: the key's, then its SM2 part's when it
    /// has one (decrypted, it is read with [`crate::guomi::Sm2Key::from_pkcs8_der`]).
    ///
    /// # Errors
    ///
    /// As [`KeyFileEncryption::read`], for either block.
    pub fn read_all(pem: &str) -> Result<Vec<KeyFileEncryption>, Error> {
        key_file_ders(pem)?.iter().map(|der| KeyFileEncryption::of_block(der)).collect()
    }

    fn of_block(der: &[u8]) -> Result<KeyFileEncryption, Error> {
        let encrypted =
            EncryptedPrivateKeyInfo::from_der(der).map_err(|_| Error::KeyFile(KeyFileProblem::Unreadable))?;
        let params =
            encrypted.encryption_algorithm.pbes2().ok_or(Error::KeyFile(KeyFileProblem::UnsupportedEncryption))?;
        check_parameters(params)?;
        let (aes_key_bytes, iv) = match params.encryption {
            pbes2::EncryptionScheme::Aes128Cbc { iv } => (16, *iv),
            pbes2::EncryptionScheme::Aes256Cbc { iv } => (32, *iv),
            _ => return Err(Error::KeyFile(KeyFileProblem::UnsupportedEncryption)),
        };
        let pbkdf2 = match &params.kdf {
            pbes2::Kdf::Pbkdf2(pbkdf2) => pbkdf2,
            pbes2::Kdf::Scrypt(_) => return Err(Error::KeyFile(KeyFileProblem::ScryptNeedsNative)),
            _ => return Err(Error::KeyFile(KeyFileProblem::UnsupportedKdf)),
        };
        let pbkdf2_hash = match pbkdf2.prf {
            pbes2::Pbkdf2Prf::HmacWithSha1 => "SHA-1",
            pbes2::Pbkdf2Prf::HmacWithSha256 => "SHA-256",
            pbes2::Pbkdf2Prf::HmacWithSha384 => "SHA-384",
            pbes2::Pbkdf2Prf::HmacWithSha512 => "SHA-512",
            _ => return Err(Error::KeyFile(KeyFileProblem::UnsupportedKdf)),
        };
        Ok(KeyFileEncryption {
            pbkdf2_hash,
            iterations: pbkdf2.iteration_count,
            salt: pbkdf2.salt.to_vec(),
            aes_key_bytes,
            iv,
            ciphertext: encrypted.encrypted_data.to_vec(),
        })
    }
}

/// Why a PEM block with another label than `ENCRYPTED PRIVATE KEY` is not a key file.
fn wrong_label(label: &str) -> KeyFileProblem {
    let shown: String = label.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').take(40).collect();
    let unencrypted = matches!(label, "PRIVATE KEY" | "EC PRIVATE KEY" | "RSA PRIVATE KEY" | "OPENSSH PRIVATE KEY");
    KeyFileProblem::WrongLabel { label: shown, unencrypted }
}

const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const OID_X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");
const OID_DH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.3.1");
const OID_X942_DH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10046.2.1");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_SM2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.156.10197.1.301");
/// Named curves, by the OID of their `ECParameters` (RFC 5480, SEC 2, GM/T 0006).
const CURVES: [(ObjectIdentifier, &str); 8] = [
    (ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"), "P-256 (prime256v1)"),
    (ObjectIdentifier::new_unwrap("1.3.132.0.34"), "P-384 (secp384r1)"),
    (ObjectIdentifier::new_unwrap("1.3.132.0.35"), "P-521 (secp521r1)"),
    (ObjectIdentifier::new_unwrap("1.3.132.0.10"), "secp256k1"),
    (ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.1"), "P-192 (prime192v1)"),
    (ObjectIdentifier::new_unwrap("1.3.132.0.33"), "P-224 (secp224r1)"),
    (OID_SM2, "SM2"),
    (ObjectIdentifier::new_unwrap("1.3.36.3.3.2.8.1.1.7"), "brainpoolP256r1"),
];

impl KeyKind {
    fn of(algorithm: &AlgorithmIdentifierRef<'_>) -> KeyKind {
        match algorithm.oid {
            OID_ED25519 => KeyKind::Ed25519,
            OID_ED448 => KeyKind::Ed448,
            OID_X25519 => KeyKind::X25519,
            OID_X448 => KeyKind::X448,
            OID_RSA => KeyKind::Rsa,
            OID_RSA_PSS => KeyKind::RsaPss,
            OID_DSA => KeyKind::Dsa,
            OID_DH | OID_X942_DH => KeyKind::DiffieHellman,
            OID_SM2 => KeyKind::Ec("SM2"),
            OID_EC => match algorithm.parameters_oid() {
                Ok(curve) => match CURVES.iter().find(|(oid, _)| *oid == curve) {
                    Some((_, name)) => KeyKind::Ec(name),
                    None => KeyKind::EcCurve(Some(curve.to_string())),
                },
                Err(_) => KeyKind::EcCurve(None),
            },
            other => KeyKind::Other(other.to_string()),
        }
    }
}

/// What opening a key file costs: the work and memory its key derivation asks for, computed
/// from its parameters before anything is derived, and bounded by [`MAX_KEY_DERIVATION_WORK`]
/// and [`MAX_SCRYPT_MEMORY_BYTES`].
///
/// **Work** is counted in PBKDF2-HMAC-SHA256 iterations for one 32-byte block. PBKDF2 (RFC 8018,
/// section 5.2) runs its iterations once for each `hLen`-byte block of the derived key, so an
/// AES-256 key (32 bytes) takes one block of SHA-256 or SHA-512 but two of SHA-224. An iteration
/// of HMAC-SHA384 or HMAC-SHA512 counts [`SHA512_ITERATION_WORK`] times: measured with the
/// `sha2` crate on x86-64 with SHA extensions, a million iterations took 0.20–0.22 s with SHA-256
/// and 0.99–1.40 s with SHA-512 (so ten million SHA-512 rounds, which the old limit let
/// through, took seven seconds). scrypt (RFC 7914) runs scryptROMix once per each of its `p`
/// blocks, and scryptROMix runs BlockMix `2·N` times, each of `2·r` Salsa20/8 cores: `4·N·r·p`
/// cores, which count [`SALSA_CORE_WORK`] each (measured 155–311 ns a core with the
/// `scrypt` crate, its PBKDF2 over `B` included).
///
/// **Memory** is scrypt's: RFC 7914 keeps `B`, `p` blocks of `128·r` bytes (section 6, step 1),
/// and for each scryptROMix the vector `V` of `N` blocks of `128·r` bytes (section 5, step 2)
/// and the working blocks `X` and `T` of `128·r` bytes each: `128·r·(N + p + 2)` bytes in all,
/// which is also how OpenSSL counts it against its 32 MiB default (`crypto/evp/pbe_scrypt.c`).
/// The check before this one left out `B`: N = 4, r = 65535, p = 16 passed as 32 MiB and took
/// 172 MiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyDerivationCost {
    /// The work, in PBKDF2-HMAC-SHA256 iterations for one 32-byte block.
    pub work: u64,
    /// The memory, in bytes (what scrypt needs; PBKDF2 needs none to speak of).
    pub memory: u64,
    /// The key derivation function, for messages: `"PBKDF2-HMAC-SHA512"`, `"scrypt"`.
    pub what: &'static str,
}

/// The work of one PBKDF2 iteration with HMAC-SHA384 or HMAC-SHA512, in HMAC-SHA256 iterations.
pub const SHA512_ITERATION_WORK: u64 = 6;
/// The work of one Salsa20/8 core of scrypt, in PBKDF2-HMAC-SHA256 iterations.
pub const SALSA_CORE_WORK: u64 = 2;

impl KeyDerivationCost {
    /// The cost of the key derivation of PBES2 `params`.
    ///
    /// # Errors
    ///
    /// [`Error::KeyFile`] for scrypt parameters RFC 7914 does not allow (N not a power of two
    /// above 1), on which the `scrypt` crate would fail or panic.
    pub fn of(params: &pbes2::Parameters<'_>) -> Result<KeyDerivationCost, Error> {
        let key_bytes = params.encryption.key_size() as u64;
        match &params.kdf {
            pbes2::Kdf::Pbkdf2(pbkdf2) => {
                let (what, per_iteration) = pbkdf2_iteration_work(pbkdf2.prf, key_bytes);
                let work = u64::from(pbkdf2.iteration_count).saturating_mul(per_iteration);
                Ok(KeyDerivationCost { work, memory: 0, what })
            }
            pbes2::Kdf::Scrypt(scrypt) => {
                let (n, r, p) =
                    (scrypt.cost_parameter, u64::from(scrypt.block_size), u64::from(scrypt.parallelization));
                // RFC 7914 wants N a power of two above 1; pkcs5 0.7.1 panics (in builds with
                // overflow checks) on N = 0, which the fuzzer found.
                if n < 2 || !n.is_power_of_two() {
                    return Err(Error::KeyFile(KeyFileProblem::BadScryptCost(n)));
                }
                let memory = 128u64.saturating_mul(r).saturating_mul(n.saturating_add(p).saturating_add(2));
                let work = 4u64.saturating_mul(n).saturating_mul(r).saturating_mul(p).saturating_mul(SALSA_CORE_WORK);
                Ok(KeyDerivationCost { work, memory, what: "scrypt" })
            }
            _ => Err(Error::KeyFile(KeyFileProblem::UnsupportedKdf)),
        }
    }

    /// Refuses a cost over the limits.
    ///
    /// # Errors
    ///
    /// [`Error::KeyFile`] saying which limit it exceeds and by how much.
    pub fn check(&self) -> Result<(), Error> {
        // Short: messages quote at most 80 characters of a detail.
        if self.memory > MAX_SCRYPT_MEMORY_BYTES {
            return Err(Error::KeyFile(KeyFileProblem::TooMuchMemory {
                bytes: self.memory,
                limit: MAX_SCRYPT_MEMORY_BYTES,
            }));
        }
        if self.work > MAX_KEY_DERIVATION_WORK {
            return Err(Error::KeyFile(KeyFileProblem::TooMuchWork {
                what: self.what,
                work: self.work,
                limit: MAX_KEY_DERIVATION_WORK,
            }));
        }
        Ok(())
    }
}

/// The name of a PBKDF2 PRF and the work of one of its iterations deriving a key of `key_bytes`.
fn pbkdf2_iteration_work(prf: pbes2::Pbkdf2Prf, key_bytes: u64) -> (&'static str, u64) {
    use pbes2::Pbkdf2Prf::*;
    let (what, block_bytes, weight) = match prf {
        HmacWithSha1 => ("PBKDF2-HMAC-SHA1", 20, 1),
        HmacWithSha224 => ("PBKDF2-HMAC-SHA224", 28, 1),
        HmacWithSha256 => ("PBKDF2-HMAC-SHA256", 32, 1),
        HmacWithSha384 => ("PBKDF2-HMAC-SHA384", 48, SHA512_ITERATION_WORK),
        HmacWithSha512 => ("PBKDF2-HMAC-SHA512", 64, SHA512_ITERATION_WORK),
        // A PRF added to pkcs5 later: counted as the costliest known.
        _ => ("PBKDF2", 20, SHA512_ITERATION_WORK),
    };
    (what, key_bytes.div_ceil(block_bytes).saturating_mul(weight))
}

/// The key-derivation cost of a key file, when it is an encrypted PKCS#8 PEM file with PBES2
/// (for the fuzz target, which skips what would take seconds).
#[doc(hidden)]
pub fn key_file_cost(pem: &str) -> Option<KeyDerivationCost> {
    let costs = key_file_ders(pem).ok()?.into_iter().map(|der| {
        let encrypted = EncryptedPrivateKeyInfo::from_der(&der).ok()?;
        KeyDerivationCost::of(encrypted.encryption_algorithm.pbes2()?).ok()
    });
    // The costliest block: each is derived in turn.
    costs.collect::<Option<Vec<_>>>()?.into_iter().max_by_key(|cost| (cost.work, cost.memory))
}

/// A fingerprint as typed by a person (any case, spaces or hyphens) in its canonical form: the
/// text of [`Fingerprint::parse`].
pub fn normalize_fingerprint(text: &str) -> Option<String> {
    Fingerprint::parse(text).map(String::from)
}

/// The 32 bytes of an Ed25519 key in multibase form (`z` and base58btc of the multicodec
/// 0xed01 and the key), not yet checked to be a usable key.
fn multibase_key_bytes(multibase: &str) -> Result<[u8; 32], Error> {
    multibase_bytes(multibase, &ED25519_PUB_MULTICODEC, ("Ed25519", "0xed01"))
}

/// A public key's fingerprint as people file it with the bureau on paper: the first 16 bytes of
/// the SHA-256 of the key, as eight groups of four uppercase hexadecimal digits
/// (`65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0`). Only [`PublicKey::fingerprint`],
/// [`Fingerprint::of_did`] and [`Fingerprint::parse`] make one, so a `Fingerprint` is always in
/// that one spelling.
///
/// ```
/// use selfcheck_core::keys::Fingerprint;
///
/// let typed = Fingerprint::parse("65b6-0673-d6ed-884b-f01c-2c22-2d82-ada0").unwrap();
/// assert_eq!(typed, "65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0");
/// assert!(Fingerprint::parse("65B6 0673").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// A fingerprint as a person types it: any case, with spaces, hyphens or colons anywhere;
    /// `None` unless it is 32 hexadecimal digits.
    pub fn parse(text: &str) -> Option<Fingerprint> {
        let hex: String = text.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != ':').collect();
        if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        Some(Fingerprint::of_hex(&hex))
    }

    /// The fingerprint of the key a `did:key` names, its key read but not checked to be a
    /// usable Ed25519 point (which takes the curve's arithmetic): for a did:key the caller
    /// wrote itself, such as the widget's stored key. Any other is read with
    /// [`PublicKey::from_did`].
    ///
    /// # Errors
    /// [`Error::BadDidKey`] when it is not `did:key:` and the multibase form of an Ed25519 key.
    pub fn of_did(did: &str) -> Result<Fingerprint, Error> {
        Ok(Fingerprint::of_key_bytes(&multibase_key_bytes(did_multibase(did)?)?))
    }

    /// The fingerprint of a key with an SM2 part, from its two `did:key`s: for the caller's
    /// own stored key, as [`Fingerprint::of_did`].
    ///
    /// # Errors
    /// [`Error::BadDidKey`] when either is not the `did:key` of its kind.
    pub fn of_dids(ed25519: &str, sm2: &str) -> Result<Fingerprint, Error> {
        let ed25519 = multibase_key_bytes(did_multibase(ed25519)?)?;
        Ok(Fingerprint::of_key_pair(&ed25519, &Sm2PublicKey::from_did(sm2)?))
    }

    /// Uppercase hex of the first 16 bytes of SHA-256 of the key, in eight groups of four.
    fn of_key_bytes(key: &[u8; 32]) -> Fingerprint {
        let digest = Sha256::digest(key);
        Fingerprint::of_hex(&crate::canonical::hex(&digest[..16]))
    }

    /// Uppercase hex of the first 16 bytes of SM3 of both keys, in eight groups of four.
    fn of_key_pair(ed25519: &[u8; 32], sm2: &Sm2PublicKey) -> Fingerprint {
        let mut both = Vec::with_capacity(65);
        both.extend_from_slice(ed25519);
        both.extend_from_slice(sm2.compressed());
        Fingerprint::of_hex(&crate::canonical::hex(&crate::guomi::sm3(&both)[..16]))
    }

    /// The fingerprint of 32 hexadecimal digits, in groups of four.
    fn of_hex(hex: &str) -> Fingerprint {
        let hex = hex.to_ascii_uppercase();
        Fingerprint(
            hex.as_bytes()
                .chunks(4)
                .map(|group| String::from_utf8_lossy(group).into_owned())
                .collect::<Vec<_>>()
                .join(" "),
        )
    }

    /// Its text, in the one spelling.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// Read as the text it is (its length, its characters); it is made only by `parse`, `of_did` and
// `PublicKey::fingerprint`, so it cannot be changed into another spelling.
impl std::ops::Deref for Fingerprint {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Fingerprint {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Fingerprint> for String {
    fn from(fingerprint: Fingerprint) -> String {
        fingerprint.0
    }
}

impl PartialEq<str> for Fingerprint {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Fingerprint {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Fingerprint {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl From<Fingerprint> for crate::json::Json {
    fn from(fingerprint: Fingerprint) -> crate::json::Json {
        crate::json::Json::String(fingerprint.0)
    }
}

// The tests open key files natively, which needs the `key-files` feature.
#[cfg(all(test, feature = "key-files"))]
mod tests {
    use pkcs8::pkcs5::pbes2::{EncryptionScheme, Kdf, Parameters, Pbkdf2Params, Pbkdf2Prf, ScryptParams};

    use super::*;

    /// The passphrase of the test key files (`tests/data/keys/README.md`).
    const PASSPHRASE: &str = "selfcheck fuzzing passphrase";
    const IV: [u8; 16] = [7; 16];

    /// A key file of `tests/data/keys/`, built in (the core reads no files, not even in tests).
    fn key_file(name: &str) -> String {
        match name {
            "openssl-p256.pem" => include_str!("../../tests/data/keys/openssl-p256.pem"),
            "openssl-secp256k1.pem" => include_str!("../../tests/data/keys/openssl-secp256k1.pem"),
            "openssl-sm2.pem" => include_str!("../../tests/data/keys/openssl-sm2.pem"),
            "openssl-x25519.pem" => include_str!("../../tests/data/keys/openssl-x25519.pem"),
            "openssl-ed448.pem" => include_str!("../../tests/data/keys/openssl-ed448.pem"),
            "openssl-rsa2048.pem" => include_str!("../../tests/data/keys/openssl-rsa2048.pem"),
            "ed25519-seed-31-bytes.pem" => include_str!("../../tests/data/keys/ed25519-seed-31-bytes.pem"),
            "openssl-pbkdf2-sha512-1000.pem" => include_str!("../../tests/data/keys/openssl-pbkdf2-sha512-1000.pem"),
            "openssl-pbkdf2-sha512-2000000.pem" => {
                include_str!("../../tests/data/keys/openssl-pbkdf2-sha512-2000000.pem")
            }
            "openssl-pbkdf2-20000000.pem" => include_str!("../../tests/data/keys/openssl-pbkdf2-20000000.pem"),
            "openssl-pbkdf2-1000.pem" => include_str!("../../tests/data/keys/openssl-pbkdf2-1000.pem"),
            "openssl-scrypt-16.pem" => include_str!("../../tests/data/keys/openssl-scrypt-16.pem"),
            "scrypt-n4-r65535-p16.pem" => include_str!("../../tests/data/keys/scrypt-n4-r65535-p16.pem"),
            "scrypt-p17.pem" => include_str!("../../tests/data/keys/scrypt-p17.pem"),
            other => panic!("no test key file {other}"),
        }
        .to_owned()
    }

    fn opened(pem: &str) -> Result<AssociationKey, Error> {
        AssociationKey::from_encrypted_pem(pem, PASSPHRASE)
    }

    /// The message people read (English); a detail longer than the 80 characters a message
    /// quotes would end in "…".
    fn message(result: Result<AssociationKey, Error>) -> String {
        let said = result.unwrap_err().message(crate::Lang::En);
        assert!(!said.trim_end_matches('.').ends_with('…'), "cut short: {said}");
        said
    }

    #[test]
    fn a_key_of_another_kind_is_named_never_blamed_on_the_passphrase() {
        for (file, kind) in [
            ("openssl-p256.pem", "an elliptic-curve key on P-256 (prime256v1)"),
            ("openssl-secp256k1.pem", "an elliptic-curve key on secp256k1"),
            ("openssl-sm2.pem", "an elliptic-curve key on SM2"),
            ("openssl-x25519.pem", "an X25519 key"),
            ("openssl-ed448.pem", "an Ed448 key"),
            ("openssl-rsa2048.pem", "an RSA key"),
        ] {
            let pem = key_file(file);
            let error = opened(&pem).unwrap_err();
            assert!(matches!(error, Error::KeyFile(_)), "{file}: {error}");
            let said = error.to_string();
            assert!(said.contains(&format!("it holds {kind}; an Ed25519 key is needed")), "{file}: {said}");
            assert!(said.contains("an Ed25519 key is needed"), "{file}: {said}");
            // The passphrase is checked first: a wrong one is still a wrong passphrase.
            let wrong = AssociationKey::from_encrypted_pem(&pem, "not the passphrase").unwrap_err();
            assert!(matches!(wrong, Error::WrongPassphrase), "{file}: {wrong}");
        }
        let said = message(opened(&key_file("ed25519-seed-31-bytes.pem")));
        assert!(said.contains("its Ed25519 private key has 31 bytes, not 32"), "{said}");
        assert!(said.contains("an Ed25519 key is needed"), "{said}");
    }

    #[test]
    fn ed25519_keys_openssl_made_with_sha512_open() {
        let key = opened(&key_file("openssl-pbkdf2-sha512-1000.pem")).unwrap();
        assert_eq!(key.public().fingerprint().len(), 39);
    }

    fn pbkdf2(prf: Pbkdf2Prf, iteration_count: u32, encryption: EncryptionScheme<'static>) -> Parameters<'static> {
        Parameters {
            kdf: Kdf::Pbkdf2(Pbkdf2Params { salt: b"0123456789abcdef", iteration_count, key_length: None, prf }),
            encryption,
        }
    }

    fn scrypt(n: u64, r: u16, p: u16) -> Parameters<'static> {
        Parameters {
            kdf: Kdf::Scrypt(ScryptParams {
                salt: b"0123456789abcdef",
                cost_parameter: n,
                block_size: r,
                parallelization: p,
                key_length: None,
            }),
            encryption: EncryptionScheme::Aes256Cbc { iv: &IV },
        }
    }

    fn cost(params: &Parameters<'_>) -> KeyDerivationCost {
        KeyDerivationCost::of(params).unwrap()
    }

    #[test]
    fn pbkdf2_work_counts_the_hash_and_the_blocks_of_the_key() {
        let aes256 = EncryptionScheme::Aes256Cbc { iv: &IV };
        let aes128 = EncryptionScheme::Aes128Cbc { iv: &IV };
        // At the limit and one past it, for each hash: SHA-256 and SHA-512 need one block for
        // AES-256's 32-byte key, SHA-224 (28 bytes) two, SHA-1 (20 bytes) two.
        for (prf, encryption, limit) in [
            (Pbkdf2Prf::HmacWithSha256, aes256, 10_000_000),
            (Pbkdf2Prf::HmacWithSha256, aes128, 10_000_000),
            (Pbkdf2Prf::HmacWithSha224, aes256, 5_000_000),
            (Pbkdf2Prf::HmacWithSha224, aes128, 10_000_000),
            (Pbkdf2Prf::HmacWithSha1, aes256, 5_000_000),
            (Pbkdf2Prf::HmacWithSha512, aes256, 1_666_666),
            (Pbkdf2Prf::HmacWithSha384, aes256, 1_666_666),
        ] {
            assert!(cost(&pbkdf2(prf, limit, encryption)).check().is_ok(), "{prf:?} {limit}");
            let over = cost(&pbkdf2(prf, limit + 1, encryption)).check().unwrap_err().to_string();
            let limit_said =
                if prf == Pbkdf2Prf::HmacWithSha256 { "more than 10000000 PBKDF2" } else { "over 10000000" };
            assert!(over.contains(limit_said), "{prf:?}: {over}");
        }
        assert_eq!(cost(&pbkdf2(Pbkdf2Prf::HmacWithSha512, 1_000, aes256)).work, 6_000);
        assert_eq!(cost(&pbkdf2(Pbkdf2Prf::HmacWithSha256, u32::MAX, aes256)).work, u64::from(u32::MAX));
        let said = cost(&pbkdf2(Pbkdf2Prf::HmacWithSha512, 2_000_000, aes256)).check().unwrap_err().to_string();
        assert!(said.contains("PBKDF2-HMAC-SHA512 is as much work as 12000000 SHA-256 iterations"), "{said}");
    }

    #[test]
    fn scrypt_memory_counts_b_v_and_the_working_blocks() {
        // The case the adversarial corpus found: V alone is just under 32 MiB, B is 128 MiB.
        let found = cost(&scrypt(4, 65535, 16));
        assert_eq!(found.memory, 128 * 65535 * (4 + 16 + 2));
        let said = found.check().unwrap_err().to_string();
        assert!(said.contains("scrypt needs 184546560 bytes (128·r·(N + p + 2)), more than 33554432"), "{said}");
        // At the limit of 32 MiB and one block of r past it.
        assert_eq!(cost(&scrypt(4, 11915, 16)).memory, 33_552_640);
        assert!(cost(&scrypt(4, 11915, 16)).check().is_ok());
        assert!(cost(&scrypt(4, 11916, 16)).check().unwrap_err().to_string().contains("scrypt needs 33555456 bytes"));
        // OpenSSL's own default: N = 16384, r = 8, p = 1 is 16 MiB and little work.
        let default = cost(&scrypt(16384, 8, 1));
        assert_eq!((default.memory, default.work), (16_780_288, 1_048_576));
        assert!(default.check().is_ok());
        // Little memory, much work: N·r·p large through p.
        let busy = cost(&scrypt(2, 1, 65535));
        assert!(busy.memory < MAX_SCRYPT_MEMORY_BYTES && busy.check().is_ok(), "{busy:?}");
        let busy = cost(&scrypt(1024, 64, 40));
        assert!(busy.memory < MAX_SCRYPT_MEMORY_BYTES, "{busy:?}");
        let said = busy.check().unwrap_err().to_string();
        assert!(said.contains("scrypt is as much work as 20971520 SHA-256 iterations, over 10000000"), "{said}");
        for n in [0, 1, 3, 6] {
            let error = KeyDerivationCost::of(&scrypt(n, 8, 1)).unwrap_err().to_string();
            assert!(error.contains(&format!("N = {n} is not a power of two above 1")), "{error}");
        }
        assert_eq!(cost(&scrypt(1 << 62, u16::MAX, u16::MAX)).work, u64::MAX, "saturates");
    }

    #[test]
    fn key_files_over_the_limits_are_refused_before_deriving() {
        // Each of these would take seconds or gigabytes if derived; refused at once.
        for (file, words) in [
            ("scrypt-n4-r65535-p16.pem", "scrypt's block size r is 65535; selfcheck accepts 1 to 32"),
            ("openssl-pbkdf2-sha512-2000000.pem", "PBKDF2-HMAC-SHA512 is as much work as 12000000 SHA-256 iterations"),
            ("openssl-pbkdf2-20000000.pem", "it asks for 20000000 PBKDF2 iterations"),
        ] {
            let said = message(opened(&key_file(file)));
            assert!(said.contains(words), "{file}: {said}");
            assert_eq!(key_file_cost(&key_file(file)).map(|cost| cost.check().is_err()), Some(true), "{file}");
        }
    }

    #[test]
    fn each_parameter_out_of_range_is_named_with_its_limit_before_any_passphrase_is_tried() {
        // The case the adversarial corpus found: scrypt with p = 17 (the file of
        // openssl-scrypt-16.pem with p changed) was "the passphrase is wrong".
        let p17 = key_file("scrypt-p17.pem");
        for passphrase in [PASSPHRASE, "another passphrase"] {
            let said = message(AssociationKey::from_encrypted_pem(&p17, passphrase));
            assert!(said.contains("scrypt's parallelization p is 17; selfcheck accepts 1 to 16"), "{said}");
        }
        assert!(message(check_key_file(&p17).map(|()| AssociationKey::from_seed([0; 32]))).contains("p is 17"));
        let zh = crate::messages::error(&check_key_file(&p17).unwrap_err(), crate::Lang::Zh);
        assert!(zh.contains("其 scrypt 参数“p”（并行度）为 17，本工具接受 1 至 16"), "{zh}");
        let aes256 = EncryptionScheme::Aes256Cbc { iv: &IV };
        let said = |params: &Parameters<'_>| check_parameters(params).unwrap_err().message(crate::Lang::En);
        for (params, words) in [
            (scrypt(16, 8, 17), "scrypt's parallelization p is 17; selfcheck accepts 1 to 16"),
            (scrypt(16, 8, 0), "scrypt's parallelization p is 0; selfcheck accepts 1 to 16"),
            (scrypt(16, 33, 1), "scrypt's block size r is 33; selfcheck accepts 1 to 32"),
            (scrypt(16, 0, 1), "scrypt's block size r is 0; selfcheck accepts 1 to 32"),
            (scrypt(1 << 21, 8, 1), "scrypt's cost N is 2097152; selfcheck accepts 2 to 1048576"),
            // RFC 7914: N below 2^(16·r), on which the scrypt crate fails (it was "its encryption
            // cannot be used").
            (scrypt(1 << 16, 1, 1), "scrypt's cost N is 65536; selfcheck accepts 2 to 32768"),
            (scrypt(6, 8, 1), "N = 6 is not a power of two above 1"),
            (
                pbkdf2(Pbkdf2Prf::HmacWithSha256, 0, aes256),
                "PBKDF2 iteration count is 0; selfcheck accepts 1 to 10000000",
            ),
            (
                pbkdf2(Pbkdf2Prf::HmacWithSha512, 0, aes256),
                "PBKDF2 iteration count is 0; selfcheck accepts 1 to 1666666",
            ),
        ] {
            assert!(said(&params).contains(words), "{params:?}: {}", said(&params));
        }
        let mut wrong_length = pbkdf2(Pbkdf2Prf::HmacWithSha256, 1000, aes256);
        if let Kdf::Pbkdf2(kdf) = &mut wrong_length.kdf {
            kdf.key_length = Some(16);
        }
        assert!(
            said(&wrong_length).contains("derived key length (bytes) is 16; it must be 32"),
            "{}",
            said(&wrong_length)
        );
        // Within every range, the cost limits still hold.
        assert!(said(&scrypt(1 << 20, 8, 1)).contains("scrypt needs"));
        assert!(check_parameters(&scrypt(16384, 8, 1)).is_ok());
        assert!(check_parameters(&scrypt(16, 1, 16)).is_ok());
    }

    #[test]
    fn text_around_the_pem_blocks_is_ignored_and_a_second_block_only_an_sm2_part() {
        let pem = key_file("openssl-pbkdf2-1000.pem");
        let fingerprint = opened(&pem).unwrap().public().fingerprint();
        for (name, variant) in [
            ("a byte-order mark", format!("\u{feff}{pem}")),
            ("Windows line endings", pem.replace('\n', "\r\n")),
            ("text before", format!("协会密钥，2026 年 11 月生成\n\n{pem}")),
            ("text after", format!("{pem}\n保管人：张三\n")),
            ("both, with a BOM and CRLF", format!("\u{feff}note\r\n{}\r\nend note", pem.replace('\n', "\r\n"))),
            ("trailing spaces", pem.replace('\n', "  \n")),
        ] {
            let key = opened(&variant).unwrap_or_else(|error| panic!("{name}: {error}"));
            assert_eq!(key.public().fingerprint(), fingerprint, "{name}");
        }
        let two = format!("{pem}{}", key_file("openssl-p256.pem"));
        assert!(message(opened(&two)).contains("its second block holds an elliptic-curve key on P-256"));
        let two = format!("{pem}\nnote\n{pem}");
        assert!(message(opened(&two)).contains("its second block holds an Ed25519 key"));
        let sm2 = key_file("openssl-sm2.pem");
        let crlf = |text: &str| text.replace('\n', "\r\n");
        let noted = format!("\u{feff}{}{}{}{}", crlf("协会密钥\n"), crlf(&pem), crlf("国密部分：\n"), crlf(&sm2));
        assert!(opened(&noted).unwrap().sm2().is_some(), "notes and Windows line endings around both blocks");
        let three = format!("{pem}{sm2}\n{sm2}");
        assert!(message(opened(&three)).contains("more than two PEM blocks"));
        let cut = &pem[..pem.len() - 20];
        assert!(message(opened(cut)).contains("it is not a PEM file: no -----END line (cut short)"));
        assert_eq!(message(opened("just some text\n")), "This is a plain text file, not a key file.");
        let result = include_str!("../../tests/data/golden/result-complete.json");
        assert_eq!(message(opened(result)), "This is a signed result, not a key file.");
        let plain = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\n-----END PRIVATE KEY-----\n";
        assert!(message(opened(plain)).contains("not an encrypted private key; keys are kept encrypted"));
    }

    #[test]
    fn the_cost_of_a_key_file_is_read_from_its_parameters() {
        let cost = key_file_cost(&key_file("openssl-pbkdf2-1000.pem")).unwrap();
        assert_eq!((cost.work, cost.memory, cost.what), (1000, 0, "PBKDF2-HMAC-SHA256"));
        let cost = key_file_cost(&key_file("openssl-scrypt-16.pem")).unwrap();
        assert_eq!(
            (cost.work, cost.memory, cost.what),
            (4 * 16 * 8 * SALSA_CORE_WORK, 128 * 8 * (16 + 1 + 2), "scrypt")
        );
        assert_eq!(key_file_cost("not a key file"), None);
    }

    /// What a host with its own cryptography does: reads the parameters, decrypts (here with
    /// pkcs5, as WebCrypto would) and hands the plaintext back.
    fn opened_as_a_host(pem: &str, passphrase: &str) -> Result<AssociationKey, Error> {
        let encryption = KeyFileEncryption::read(pem)?;
        let iv = encryption.iv;
        let scheme = match encryption.aes_key_bytes {
            16 => EncryptionScheme::Aes128Cbc { iv: &iv },
            _ => EncryptionScheme::Aes256Cbc { iv: &iv },
        };
        let prf = match encryption.pbkdf2_hash {
            "SHA-1" => Pbkdf2Prf::HmacWithSha1,
            "SHA-256" => Pbkdf2Prf::HmacWithSha256,
            "SHA-384" => Pbkdf2Prf::HmacWithSha384,
            _ => Pbkdf2Prf::HmacWithSha512,
        };
        let kdf =
            Pbkdf2Params { salt: &encryption.salt, iteration_count: encryption.iterations, key_length: None, prf };
        let params = Parameters { kdf: Kdf::Pbkdf2(kdf), encryption: scheme };
        let plain = params.decrypt(passphrase, &encryption.ciphertext).map_err(|_| Error::WrongPassphrase)?;
        AssociationKey::from_decrypted_pkcs8(&plain)
    }

    #[test]
    fn a_host_with_its_own_cryptography_reads_and_writes_the_same_files() {
        let key = AssociationKey::from_seed([42; 32]);
        let salt = [3; 16];
        let pem = key.to_encrypted_pem(PASSPHRASE, salt, IV, PBKDF2_ITERATIONS).unwrap();
        let encryption = KeyFileEncryption::read(&pem).unwrap();
        assert_eq!(
            (encryption.pbkdf2_hash, encryption.iterations, encryption.salt.as_slice(), encryption.aes_key_bytes),
            ("SHA-256", PBKDF2_ITERATIONS, &salt[..], 32)
        );
        assert_eq!(encryption.iv, IV);
        // The file a host writes from the same ciphertext is the same file, byte for byte.
        let rewritten = key_file_from_ciphertext(salt, IV, PBKDF2_ITERATIONS, &encryption.ciphertext).unwrap();
        assert_eq!(rewritten, pem);
        assert_eq!(opened_as_a_host(&pem, PASSPHRASE).unwrap().public(), key.public());
        assert!(matches!(opened_as_a_host(&pem, "not the passphrase"), Err(Error::WrongPassphrase)));
        // OpenSSL's files with SHA-512 open the same way.
        let openssl = key_file("openssl-pbkdf2-sha512-1000.pem");
        assert_eq!(
            opened_as_a_host(&openssl, PASSPHRASE).unwrap().public(),
            AssociationKey::from_encrypted_pem(&openssl, PASSPHRASE).unwrap().public()
        );
    }

    #[test]
    fn a_host_without_scrypt_is_told_so_and_limits_still_hold() {
        let scrypt = KeyFileEncryption::read(&key_file("openssl-scrypt-16.pem"));
        assert_eq!(scrypt, Err(Error::KeyFile(KeyFileProblem::ScryptNeedsNative)));
        let message = crate::messages::error(&scrypt.unwrap_err(), crate::Lang::Zh);
        assert!(message.contains("scrypt"), "{message}");
        assert!(matches!(
            KeyFileEncryption::read(&key_file("openssl-pbkdf2-20000000.pem")),
            Err(Error::KeyFile(KeyFileProblem::TooMuchWork { .. }))
        ));
        // Another kind of key is named after decryption, as natively.
        assert!(matches!(
            opened_as_a_host(&key_file("openssl-p256.pem"), PASSPHRASE),
            Err(Error::KeyFile(KeyFileProblem::NotEd25519(_)))
        ));
        assert!(matches!(check_new_key_file("short", PBKDF2_ITERATIONS), Err(Error::WeakPassphrase { .. })));
        assert!(check_new_key_file("long enough passphrase", 1000).is_err());
    }
}
