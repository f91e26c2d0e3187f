//! The `did:key` forms of a public key: `did:key:` and its multibase form, `z` and base58btc of
//! its multicodec prefix and its bytes (Ed25519's `0xed01`, SM2's `0x1206`).

use crate::error::Error;

/// The multibase form a `did:key` ends with.
pub(crate) fn did_multibase(did: &str) -> Result<&str, Error> {
    did.strip_prefix("did:key:").ok_or_else(|| Error::BadDidKey(format!("\"{did}\" does not start with did:key:")))
}

/// A did:key's multibase form of a key: `z` and base58btc of its multicodec prefix and its bytes.
pub(crate) fn multibase_of(multicodec: &[u8], key: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(multicodec.len() + key.len());
    bytes.extend_from_slice(multicodec);
    bytes.extend_from_slice(key);
    format!("z{}", bs58::encode(bytes).into_string())
}

/// The `N` bytes of a key of `kind` (`Ed25519`, `SM2`) in multibase form after its `multicodec`
/// (named `codec` in messages), not yet checked to be a usable key.
pub(crate) fn multibase_bytes<const N: usize>(
    multibase: &str,
    multicodec: &[u8],
    (kind, codec): (&str, &str),
) -> Result<[u8; N], Error> {
    let encoded = multibase
        .strip_prefix('z')
        .ok_or_else(|| Error::BadDidKey("its key is not base58btc multibase (it must start with z)".to_owned()))?;
    let bytes =
        bs58::decode(encoded).into_vec().map_err(|_| Error::BadDidKey("its key is not valid base58".to_owned()))?;
    let key = bytes
        .strip_prefix(multicodec)
        .ok_or_else(|| Error::BadDidKey(format!("it is not an {kind} key (multicodec {codec})")))?;
    key.try_into().map_err(|_| Error::BadDidKey(format!("its {kind} key has {} bytes instead of {N}", key.len())))
}
