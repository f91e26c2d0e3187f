//! 国密: China's national algorithms for a second signature beside Ed25519: SM2 signatures
//! (GB/T 32918.2) with the SM3 hash (GB/T 32905), the standard's default distinguishing
//! identifier, and the signature DER-encoded as GB/T 35276 specifies, so that GmSSL and OpenSSL 3
//! check it (`openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678`).
//!
//! Random bytes are arguments, as for Ed25519: the core has no RNG. Signing is deterministic
//! (the nonce is derived from the key and the message, RFC 6979 with SM3).

use std::fmt;

use sm2::dsa::signature::{Signer as _, Verifier as _};
use sm2::elliptic_curve::ops::Reduce as _;
use sm2::elliptic_curve::sec1::ToEncodedPoint as _;
use sm2::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncodePublicKey as _};

use crate::error::{Error, KeyFileProblem};

/// The distinguishing identifier every SM2 signature of selfcheck uses: GB/T 35276's default,
/// `1234567812345678`, which GmSSL and OpenSSL also use when none is given.
pub const DISTINGUISHING_ID: &str = "1234567812345678";

/// The multicodec prefix of an SM2 public key (`sm2-pub`, 0x1206, as an unsigned varint).
const SM2_PUB_MULTICODEC: [u8; 2] = [0x86, 0x24];

/// The SM3 hash of `bytes` (GB/T 32905).
///
/// ```
/// let digest = selfcheck_core::guomi::sm3(b"abc");
/// assert_eq!(selfcheck_core::canonical::hex(&digest)[..16], *"66c7f0f462eeedd9");
/// ```
pub fn sm3(bytes: &[u8]) -> [u8; 32] {
    use sm3::Digest as _;
    sm3::Sm3::digest(bytes).into()
}

/// The SM2 part of an association's key: a secret scalar on the SM2 curve (GB/T 32918.5).
#[derive(Clone)]
pub struct Sm2Key {
    signing: sm2::dsa::SigningKey,
}

impl fmt::Debug for Sm2Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sm2Key({})", self.public().multibase())
    }
}

impl PartialEq for Sm2Key {
    fn eq(&self, other: &Sm2Key) -> bool {
        self.public() == other.public() && self.signing.to_bytes() == other.signing.to_bytes()
    }
}

impl Sm2Key {
    /// The key made from 32 random bytes the host supplies, reduced modulo the curve's order.
    ///
    /// # Errors
    /// [`Error::KeyFile`] ([`KeyFileProblem::Sm2Scalar`]) in the one case of 2^256 that gives
    /// zero: draw again.
    pub fn from_random(bytes: [u8; 32]) -> Result<Sm2Key, Error> {
        let scalar = sm2::Scalar::reduce_bytes(&bytes.into());
        let scalar: Option<sm2::NonZeroScalar> = sm2::NonZeroScalar::new(scalar).into();
        let scalar = scalar.ok_or(Error::KeyFile(KeyFileProblem::Sm2Scalar))?;
        sm2::dsa::SigningKey::from_nonzero_scalar(DISTINGUISHING_ID, scalar)
            .map(|signing| Sm2Key { signing })
            .map_err(|_| Error::KeyFile(KeyFileProblem::Sm2Scalar))
    }

    /// The key whose secret scalar is `bytes` (big-endian), as GB/T 32918 writes one.
    ///
    /// # Errors
    /// [`Error::KeyFile`] ([`KeyFileProblem::Sm2Scalar`]) when it is zero or not below the
    /// curve's order.
    pub fn from_scalar(bytes: &[u8; 32]) -> Result<Sm2Key, Error> {
        sm2::dsa::SigningKey::from_bytes(DISTINGUISHING_ID, &(*bytes).into())
            .map(|signing| Sm2Key { signing })
            .map_err(|_| Error::KeyFile(KeyFileProblem::Sm2Scalar))
    }

    /// The public half.
    pub fn public(&self) -> Sm2PublicKey {
        let point = self.signing.verifying_key().as_affine().to_encoded_point(true);
        let mut bytes = [0u8; 33];
        bytes.copy_from_slice(point.as_bytes());
        Sm2PublicKey(bytes)
    }

    /// The SM2 signature of `message` (with SM3 and [`DISTINGUISHING_ID`]), DER-encoded.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let signature: sm2::dsa::Signature = self.signing.sign(message);
        signature_der(&signature.r_bytes().into(), &signature.s_bytes().into())
    }

    /// Calls `use_plain` with the key as PKCS#8 DER (an `ECPrivateKey` on the SM2 curve, with
    /// its public key, as OpenSSL 3 writes SM2 keys), which is wiped afterwards.
    ///
    /// # Errors
    /// [`Error::KeyFile`] if it cannot be encoded (never for a valid key).
    pub fn with_pkcs8_der<T>(&self, use_plain: impl FnOnce(&[u8]) -> T) -> Result<T, Error> {
        let secret = sm2::SecretKey::from(self.signing.as_nonzero_scalar());
        let plain = secret.to_pkcs8_der().map_err(|_| Error::KeyFile(KeyFileProblem::Encoding))?;
        Ok(use_plain(plain.as_bytes()))
    }

    /// The key from PKCS#8 DER of an EC key on the SM2 curve.
    ///
    /// # Errors
    /// [`Error::KeyFile`] ([`KeyFileProblem::Sm2Scalar`]) when it is not one, or its public key
    /// is not the one its secret gives.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Sm2Key, Error> {
        let secret = sm2::SecretKey::from_pkcs8_der(der).map_err(|_| Error::KeyFile(KeyFileProblem::Sm2Scalar))?;
        sm2::dsa::SigningKey::new(DISTINGUISHING_ID, &secret)
            .map(|signing| Sm2Key { signing })
            .map_err(|_| Error::KeyFile(KeyFileProblem::Sm2Scalar))
    }
}

/// The public half of an SM2 key: a point of the SM2 curve, kept compressed (SEC 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sm2PublicKey([u8; 33]);

impl Sm2PublicKey {
    /// The key from its SEC 1 encoding (compressed, 33 bytes, or uncompressed, 65).
    ///
    /// # Errors
    /// [`Error::BadDidKey`] when it is not a point of the SM2 curve.
    pub fn from_sec1(bytes: &[u8]) -> Result<Sm2PublicKey, Error> {
        let key = sm2::PublicKey::from_sec1_bytes(bytes)
            .map_err(|_| Error::BadDidKey("its public key is not a point of the SM2 curve".to_owned()))?;
        let mut compressed = [0u8; 33];
        compressed.copy_from_slice(key.to_encoded_point(true).as_bytes());
        Ok(Sm2PublicKey(compressed))
    }

    /// The compressed SEC 1 encoding: 33 bytes.
    pub fn compressed(&self) -> &[u8; 33] {
        &self.0
    }

    /// The uncompressed SEC 1 encoding, `04 ‖ x ‖ y`: 65 bytes, as GB/T 32918 writes a key.
    pub fn uncompressed(&self) -> [u8; 65] {
        let mut bytes = [0u8; 65];
        bytes.copy_from_slice(self.point().to_encoded_point(false).as_bytes());
        bytes
    }

    fn point(&self) -> sm2::PublicKey {
        // Made only from a checked point.
        sm2::PublicKey::from_sec1_bytes(&self.0).unwrap_or_else(|_| unreachable!("an SM2 key is a curve point"))
    }

    /// The key as a PEM `PUBLIC KEY` (SubjectPublicKeyInfo on the SM2 curve), which OpenSSL 3
    /// reads with `-pubin`.
    pub fn to_pem(&self) -> String {
        self.point()
            .to_public_key_pem(sm2::pkcs8::LineEnding::LF)
            .unwrap_or_else(|_| unreachable!("a curve point encodes"))
    }

    /// The multibase form: `z` and base58btc of the multicodec `sm2-pub` (0x1206) and the
    /// compressed key.
    pub fn multibase(&self) -> String {
        crate::did_key::multibase_of(&SM2_PUB_MULTICODEC, &self.0)
    }

    /// `did:key:` and the multibase form.
    pub fn did(&self) -> String {
        format!("did:key:{}", self.multibase())
    }

    /// The verification method of its did:key: the DID, `#`, the multibase form.
    pub fn verification_method(&self) -> String {
        format!("{}#{}", self.did(), self.multibase())
    }

    /// Reads the multibase form of an SM2 public key.
    ///
    /// # Errors
    /// [`Error::BadDidKey`] when it is not base58btc (`z…`), not the `sm2-pub` multicodec, not
    /// 33 bytes, or not a point of the curve.
    pub fn from_multibase(multibase: &str) -> Result<Sm2PublicKey, Error> {
        let key: [u8; 33] = crate::did_key::multibase_bytes(multibase, &SM2_PUB_MULTICODEC, ("SM2", "0x1206"))?;
        Sm2PublicKey::from_sec1(&key)
    }

    /// Reads a `did:key` of an SM2 key.
    ///
    /// # Errors
    /// [`Error::BadDidKey`] as [`Sm2PublicKey::from_multibase`], or when it is not `did:key:`.
    pub fn from_did(did: &str) -> Result<Sm2PublicKey, Error> {
        Sm2PublicKey::from_multibase(crate::did_key::did_multibase(did)?)
    }

    /// Checks an SM2 signature (DER, strictly encoded) of `message` by this key, with SM3 and
    /// [`DISTINGUISHING_ID`].
    ///
    /// # Errors
    /// [`Error::Sm2SignatureMismatch`] when it is not this key's signature of `message`, or not
    /// a DER-encoded SM2 signature.
    pub fn verify(&self, message: &[u8], der: &[u8]) -> Result<(), Error> {
        let (r, s) = signature_from_der(der).ok_or(Error::Sm2SignatureMismatch)?;
        let signature = sm2::dsa::Signature::from_scalars(r, s).map_err(|_| Error::Sm2SignatureMismatch)?;
        let key =
            sm2::dsa::VerifyingKey::new(DISTINGUISHING_ID, self.point()).map_err(|_| Error::Sm2SignatureMismatch)?;
        key.verify(message, &signature).map_err(|_| Error::Sm2SignatureMismatch)
    }
}

/// `SEQUENCE { r INTEGER, s INTEGER }`, as GB/T 35276 encodes an SM2 signature.
fn signature_der(r: &[u8; 32], s: &[u8; 32]) -> Vec<u8> {
    fn integer(bytes: &[u8; 32], out: &mut Vec<u8>) {
        let start = bytes.iter().position(|byte| *byte != 0).unwrap_or(31);
        let digits = &bytes[start..];
        let pad = digits[0] & 0x80 != 0;
        out.push(0x02);
        out.push((digits.len() + usize::from(pad)) as u8);
        if pad {
            out.push(0);
        }
        out.extend_from_slice(digits);
    }
    let mut body = Vec::with_capacity(70);
    integer(r, &mut body);
    integer(s, &mut body);
    let mut der = Vec::with_capacity(body.len() + 2);
    der.push(0x30);
    der.push(body.len() as u8);
    der.extend_from_slice(&body);
    der
}

/// `r` and `s` of a DER-encoded SM2 signature, each as 32 big-endian bytes; `None` unless it is
/// the one strict DER encoding (short lengths, minimal positive integers of at most 32 bytes,
/// nothing after).
pub fn signature_from_der(der: &[u8]) -> Option<([u8; 32], [u8; 32])> {
    fn integer(bytes: &[u8]) -> Option<([u8; 32], &[u8])> {
        let (&[0x02, length], rest) = bytes.split_first_chunk::<2>()? else { return None };
        let length = usize::from(length);
        if length == 0 || length > 33 || rest.len() < length {
            return None;
        }
        let (digits, rest) = rest.split_at(length);
        // Negative, or a leading zero that is not needed: not DER.
        if digits[0] & 0x80 != 0 || (digits.len() > 1 && digits[0] == 0 && digits[1] & 0x80 == 0) {
            return None;
        }
        let digits = if digits.len() == 33 { digits.strip_prefix(&[0])? } else { digits };
        let mut value = [0u8; 32];
        value[32 - digits.len()..].copy_from_slice(digits);
        Some((value, rest))
    }
    let (&[0x30, length], body) = der.split_first_chunk::<2>()? else { return None };
    if usize::from(length) != body.len() || length >= 0x80 {
        return None;
    }
    let (r, rest) = integer(body)?;
    let (s, rest) = integer(rest)?;
    rest.is_empty().then_some((r, s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        let digits: String = text.chars().filter(char::is_ascii_hexdigit).collect();
        (0..digits.len()).step_by(2).map(|at| u8::from_str_radix(&digits[at..at + 2], 16).unwrap()).collect()
    }

    #[test]
    fn sm3_gives_the_standards_examples() {
        // GB/T 32905-2016, Annex A: "abc" and "abcd" sixteen times.
        assert_eq!(
            sm3(b"abc").to_vec(),
            hex("66c7f0f4 62eeedd9 d1f2d46b dc10e4e2 4167c487 5cf2f7a2 297da02b 8f4ba8e0")
        );
        assert_eq!(
            sm3("abcd".repeat(16).as_bytes()).to_vec(),
            hex("debe9ff9 2275b8a1 38604889 c18e5a4d 6fdb70e5 387e5765 293dcba3 9c0c5732")
        );
    }

    /// GB/T 32918.5-2017, Annex A.2: the signature example on the recommended curve, with the
    /// default identifier. The nonce here is derived (RFC 6979), so signing the same message
    /// gives another signature, which verifies as well.
    #[test]
    fn the_standards_key_and_signature_check() {
        let scalar: [u8; 32] =
            hex("3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8").try_into().unwrap();
        let key = Sm2Key::from_scalar(&scalar).unwrap();
        let public = key.public();
        assert_eq!(
            public.uncompressed().to_vec(),
            hex("04 09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020
                 CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13")
        );
        let r: [u8; 32] =
            hex("F5A03B06 48D2C463 0EEAC513 E1BB81A1 5944DA38 27D5B741 43AC7EAC EEE720B3").try_into().unwrap();
        let s: [u8; 32] =
            hex("B1B6AA29 DF212FD8 763182BC 0D421CA1 BB9038FD 1F7F42D4 840B69C4 85BBC1AA").try_into().unwrap();
        let standard = signature_der(&r, &s);
        assert_eq!(public.verify(b"message digest", &standard), Ok(()));
        assert_eq!(public.verify(b"message digesT", &standard), Err(Error::Sm2SignatureMismatch));
        let ours = key.sign(b"message digest");
        assert_eq!(public.verify(b"message digest", &ours), Ok(()));
        assert_eq!(key.sign(b"message digest"), ours, "deterministic");
    }

    #[test]
    fn a_signature_is_read_only_in_its_one_der_encoding() {
        let key = Sm2Key::from_random([7; 32]).unwrap();
        let der = key.sign(b"x");
        let (r, s) = signature_from_der(&der).unwrap();
        assert_eq!(signature_der(&r, &s), der);
        // Small integers keep their minimal form; a high bit gets its zero byte.
        let mut small = [0u8; 32];
        small[31] = 1;
        let mut high = [0u8; 32];
        high[0] = 0x80;
        let encoded = signature_der(&small, &high);
        assert_eq!(&encoded[..5], &[0x30, 3 + 35, 0x02, 0x01, 0x01]);
        assert_eq!(signature_from_der(&encoded), Some((small, high)));
        let mut trailing = der.clone();
        trailing.push(0);
        assert_eq!(signature_from_der(&trailing), None);
        let mut padded = vec![0x30, der[1] + 1, 0x02, der[3] + 1, 0x00];
        padded.extend_from_slice(&der[4..]);
        assert_eq!(signature_from_der(&padded), None, "a needless zero byte");
        assert_eq!(signature_from_der(&[]), None);
        assert_eq!(signature_from_der(&[0x30, 0x00]), None);
    }

    #[test]
    fn a_public_key_reads_back_from_its_did_and_its_pem() {
        let key = Sm2Key::from_random([3; 32]).unwrap();
        let public = key.public();
        assert!(public.did().starts_with("did:key:z"));
        assert_eq!(Sm2PublicKey::from_did(&public.did()), Ok(public));
        assert_eq!(Sm2PublicKey::from_sec1(&public.uncompressed()), Ok(public));
        assert!(public.to_pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
        let ed25519 = crate::AssociationKey::from_seed([1; 32]).public().did();
        assert!(Sm2PublicKey::from_did(&ed25519).is_err(), "an Ed25519 did:key is not an SM2 key");
        let mut off_curve = *public.compressed();
        off_curve[32] ^= 1;
        off_curve[0] = 0x05;
        assert!(Sm2PublicKey::from_sec1(&off_curve).is_err());
        let back = key.with_pkcs8_der(Sm2Key::from_pkcs8_der).unwrap().unwrap();
        assert_eq!(back, key);
        assert!(Sm2Key::from_scalar(&[0; 32]).is_err());
        assert!(Sm2Key::from_scalar(&[0xFF; 32]).is_err(), "not below the order");
    }
}
