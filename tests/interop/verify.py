"""An independent verifier of W3C Data Integrity ``eddsa-jcs-2022`` proofs.

It shares no code with selfcheck: the steps are those of W3C vc-di-eddsa ("Verify Proof
(eddsa-jcs-2022)"), with RFC 8785 (JCS) from the ``rfc8785`` package and Ed25519 and
SHA-256 from ``cryptography``. Only ``did:key`` verification methods of Ed25519 keys are
resolved (no network).

As a program::

    python verify.py RESULT.json [RESULT.json ...] [--any-issuer]

prints ``valid`` or the reason a file is not, and exits 0 when every file is valid, 1 when
one is not, 2 on a wrong command line.

The issuer check: by default the credential's ``issuer`` (a string, or an object's ``id``)
must be the DID of the key that signed it, as selfcheck's results are issued by the key's
own ``did:key``. ``--any-issuer`` (``check_issuer=False``) skips that check, for
credentials whose issuer is a URL bound to the key some other way (the W3C test vector).
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_PURPOSE = "assertionMethod"
# The multicodec prefix of an Ed25519 public key (0xed as an unsigned varint).
ED25519_PUB = b"\xed\x01"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


class Invalid(Exception):
    """The document is not a valid eddsa-jcs-2022 credential; the message says why."""


def base58btc_decode(text: str) -> bytes:
    """Decodes base58 (Bitcoin alphabet): each leading '1' is a zero byte."""
    number = 0
    for char in text:
        digit = BASE58_ALPHABET.find(char)
        if digit < 0:
            raise Invalid(f"{char!r} is not a base58btc character")
        number = number * 58 + digit
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def multibase_decode(text: str) -> bytes:
    """Decodes multibase base58btc (the 'z' prefix)."""
    if not isinstance(text, str) or not text.startswith("z"):
        raise Invalid("multibase value must be base58btc (start with 'z')")
    return base58btc_decode(text[1:])


def did_key_public_key(did: str) -> Ed25519PublicKey:
    """The Ed25519 public key named by a ``did:key:z6Mk...``."""
    if not did.startswith("did:key:"):
        raise Invalid(f"{did!r} is not a did:key")
    raw = multibase_decode(did[len("did:key:") :])
    if not raw.startswith(ED25519_PUB) or len(raw) != len(ED25519_PUB) + 32:
        raise Invalid(f"{did!r} is not an Ed25519 did:key (0xed01 + 32 bytes)")
    try:
        return Ed25519PublicKey.from_public_bytes(raw[len(ED25519_PUB) :])
    except ValueError as error:
        raise Invalid(f"{did!r} holds no Ed25519 public key: {error}") from None


def _as_list(context: Any) -> list:
    return context if isinstance(context, list) else [context]


def verify(document: Any, *, check_issuer: bool = True) -> Ed25519PublicKey:
    """Verifies the eddsa-jcs-2022 proof of ``document`` (parsed JSON) and returns the key.

    Raises :class:`Invalid` with the reason when it does not verify.
    """
    if not isinstance(document, dict):
        raise Invalid("the document is not a JSON object")
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise Invalid("the document has no proof, or more than one")
    for name, expected in (("type", PROOF_TYPE), ("cryptosuite", CRYPTOSUITE), ("proofPurpose", PROOF_PURPOSE)):
        if proof.get(name) != expected:
            raise Invalid(f"proof.{name} is {proof.get(name)!r}, not {expected!r}")

    method = proof.get("verificationMethod")
    if not isinstance(method, str) or "#" not in method:
        raise Invalid("proof.verificationMethod must be a did:key URL with a #fragment")
    did, fragment = method.split("#", 1)
    key = did_key_public_key(did)
    if fragment != did[len("did:key:") :]:
        raise Invalid("proof.verificationMethod's fragment is not the did:key's key")
    if check_issuer:
        issuer = document.get("issuer")
        issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
        if issuer_id != did:
            raise Invalid(f"issuer {issuer_id!r} is not the signer {did!r}")

    # The proof configuration: the proof without its value.
    proof_config = {name: value for name, value in proof.items() if name != "proofValue"}
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    if "@context" in proof_config:
        proof_context = _as_list(proof_config["@context"])
        document_context = _as_list(unsecured.get("@context", []))
        if document_context[: len(proof_context)] != proof_context:
            raise Invalid("the document's @context does not start with the proof's @context")
        # vc-di-eddsa: the unsecured document is hashed with the proof's @context.
        unsecured["@context"] = proof_config["@context"]

    signature = multibase_decode(proof.get("proofValue"))
    if len(signature) != 64:
        raise Invalid(f"proof.proofValue holds {len(signature)} bytes, not a 64-byte Ed25519 signature")
    try:
        proof_hash = hashlib.sha256(rfc8785.dumps(proof_config)).digest()
        document_hash = hashlib.sha256(rfc8785.dumps(unsecured)).digest()
    except rfc8785.CanonicalizationError as error:
        raise Invalid(f"the document cannot be canonicalized (RFC 8785): {error}") from None
    try:
        key.verify(signature, proof_hash + document_hash)
    except InvalidSignature:
        raise Invalid("the signature does not match the document") from None
    return key


def _reject_duplicates(pairs: list) -> dict:
    names = [name for name, _ in pairs]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise Invalid(f"duplicate keys: {', '.join(duplicates)}")
    return dict(pairs)


def _reject_constant(name: str) -> Any:
    raise Invalid(f"{name} is not JSON")


def loads(text: str | bytes) -> Any:
    """Parses JSON strictly: duplicate keys and NaN/Infinity are errors (JCS cannot sign them)."""
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    except ValueError as error:
        raise Invalid(f"not JSON: {error}") from None


def verify_file(path: str, *, check_issuer: bool = True) -> Ed25519PublicKey:
    """Reads and verifies one file."""
    with open(path, "rb") as file:
        return verify(loads(file.read()), check_issuer=check_issuer)


def main(argv: list[str]) -> int:
    check_issuer = "--any-issuer" not in argv
    paths = [arg for arg in argv if arg != "--any-issuer"]
    if not paths or any(path.startswith("-") for path in paths):
        print("usage: python verify.py RESULT.json [RESULT.json ...] [--any-issuer]", file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        prefix = f"{path}: " if len(paths) > 1 else ""
        try:
            verify_file(path, check_issuer=check_issuer)
            print(f"{prefix}valid")
        except (Invalid, OSError) as error:
            print(f"{prefix}invalid: {error}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
