"""An independent verifier of W3C Data Integrity ``eddsa-jcs-2022`` proofs, and of the second
proof in China's national algorithms that selfcheck adds beside it (a proof set).

It shares no code with selfcheck: the steps are those of W3C vc-di-eddsa ("Verify Proof
(eddsa-jcs-2022)"), with RFC 8785 (JCS) from the ``rfc8785`` package and Ed25519 and
SHA-256 from ``cryptography``. Only ``did:key`` verification methods of Ed25519 keys are
resolved (no network). The second proof (cryptosuite ``selfcheck-sm2-sm3-jcs-2026``) is an SM2
signature with SM3 and the default identifier ``1234567812345678``, DER-encoded, of the
canonical proof configuration followed by the canonical document without its proofs; it is
checked with ``gmssl`` (a Python SM2 implementation from PyPI), its key read from a did:key of
the ``sm2-pub`` multicodec (0x1206) here.

As a program::

    python verify.py RESULT.json [RESULT.json ...] [--any-issuer]
    python verify.py RESULT.json --sm2-parts DIR

prints ``valid`` (with ``, SM2/SM3 proof valid`` when it has one) or the reason a file is not,
and exits 0 when every file is valid, 1 when one is not, 2 on a wrong command line.
``--sm2-parts`` writes what OpenSSL needs to check the SM2 proof itself: ``message.bin`` (the
bytes signed), ``signature.der`` and ``sm2.pub.pem``, for::

    openssl pkeyutl -verify -pubin -inkey sm2.pub.pem -rawin -digest sm3 \\
        -pkeyopt distid:1234567812345678 -in message.bin -sigfile signature.der

The issuer check: by default the credential's ``issuer`` (a string, or an object's ``id``)
must be the DID of the key that signed it, as selfcheck's results are issued by the key's
own ``did:key``. ``--any-issuer`` (``check_issuer=False``) skips that check, for
credentials whose issuer is a URL bound to the key some other way (the W3C test vector).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"
SM2_CRYPTOSUITE = "selfcheck-sm2-sm3-jcs-2026"
# The multicodec prefix of an SM2 public key (sm2-pub, 0x1206, as an unsigned varint).
SM2_PUB = b"\x86\x24"
# The SM2 curve (GB/T 32918.5): y^2 = x^3 + ax + b over p.
SM2_P = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF
SM2_A = 0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC
SM2_B = 0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93
# SubjectPublicKeyInfo of an SM2 key before its 65-byte point: id-ecPublicKey on the SM2 curve.
SM2_SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200")
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


def did_key_sm2_point(did: str) -> tuple[int, int]:
    """The SM2 public key (x, y) named by a did:key of the sm2-pub multicodec (compressed)."""
    if not did.startswith("did:key:"):
        raise Invalid(f"{did!r} is not a did:key")
    raw = multibase_decode(did[len("did:key:") :])
    if not raw.startswith(SM2_PUB) or len(raw) != len(SM2_PUB) + 33 or raw[2] not in (2, 3):
        raise Invalid(f"{did!r} is not an SM2 did:key (0x1206 + 33 bytes, compressed)")
    x = int.from_bytes(raw[3:], "big")
    rhs = (pow(x, 3, SM2_P) + SM2_A * x + SM2_B) % SM2_P
    y = pow(rhs, (SM2_P + 1) // 4, SM2_P)  # p = 3 mod 4
    if y * y % SM2_P != rhs:
        raise Invalid(f"{did!r} is not a point of the SM2 curve")
    if y % 2 != raw[2] % 2:
        y = SM2_P - y
    return x, y


def _as_list(context: Any) -> list:
    return context if isinstance(context, list) else [context]


def proofs(document: Any) -> tuple[dict, dict | None]:
    """The eddsa-jcs-2022 proof, and the SM2 proof when the document carries a proof set."""
    if not isinstance(document, dict):
        raise Invalid("the document is not a JSON object")
    proof = document.get("proof")
    if isinstance(proof, dict):
        return proof, None
    if isinstance(proof, list) and len(proof) == 2 and all(isinstance(item, dict) for item in proof):
        by_suite = {item.get("cryptosuite"): item for item in proof}
        if set(by_suite) == {CRYPTOSUITE, SM2_CRYPTOSUITE}:
            return by_suite[CRYPTOSUITE], by_suite[SM2_CRYPTOSUITE]
    raise Invalid("the document has no proof, or not one eddsa-jcs-2022 proof and at most one SM2 proof")


def _configuration(document: dict, proof: dict) -> tuple[dict, dict]:
    """A proof's configuration (the proof without its value) and the document without proofs."""
    proof_config = {name: value for name, value in proof.items() if name != "proofValue"}
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    if "@context" in proof_config:
        proof_context = _as_list(proof_config["@context"])
        document_context = _as_list(unsecured.get("@context", []))
        if document_context[: len(proof_context)] != proof_context:
            raise Invalid("the document's @context does not start with the proof's @context")
        # vc-di-eddsa: the unsecured document is hashed with the proof's @context.
        unsecured["@context"] = proof_config["@context"]
    return proof_config, unsecured


def _signer(proof: dict, what: str, cryptosuite: str) -> str:
    """The did:key that made ``proof``, its fixed members and verification method checked."""
    for name, expected in (("type", PROOF_TYPE), ("cryptosuite", cryptosuite), ("proofPurpose", PROOF_PURPOSE)):
        if proof.get(name) != expected:
            raise Invalid(f"{what}.{name} is {proof.get(name)!r}, not {expected!r}")
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or "#" not in method:
        raise Invalid(f"{what}.verificationMethod must be a did:key URL with a #fragment")
    did, fragment = method.split("#", 1)
    if fragment != did[len("did:key:") :]:
        raise Invalid(f"{what}.verificationMethod's fragment is not the did:key's key")
    return did


def sm2_parts(document: Any) -> tuple[bytes, bytes, tuple[int, int]] | None:
    """The SM2 proof's signed bytes, its DER signature and its key, or None without one."""
    _, proof = proofs(document)
    if proof is None:
        return None
    point = did_key_sm2_point(_signer(proof, "the SM2 proof", SM2_CRYPTOSUITE))
    proof_config, unsecured = _configuration(document, proof)
    try:
        message = rfc8785.dumps(proof_config) + rfc8785.dumps(unsecured)
    except rfc8785.CanonicalizationError as error:
        raise Invalid(f"the document cannot be canonicalized (RFC 8785): {error}") from None
    return message, multibase_decode(proof.get("proofValue")), point


def verify_sm2(document: Any) -> tuple[int, int] | None:
    """Verifies the SM2 proof of ``document`` with gmssl, and returns its key (x, y); None when
    the document has one proof. Raises :class:`Invalid` when it does not verify."""
    from gmssl import sm2  # noqa: PLC0415 (only documents with a proof set need it)

    parts = sm2_parts(document)
    if parts is None:
        return None
    message, signature, (x, y) = parts
    checker = sm2.CryptSM2(private_key="", public_key=f"{x:064x}{y:064x}", asn1=True)
    try:
        valid = checker.verify_with_sm3(signature.hex(), message)
    except (ValueError, IndexError, TypeError):
        valid = False
    if not valid:
        raise Invalid("the SM2/SM3 signature does not match the document")
    return x, y


def sm2_public_key_pem(point: tuple[int, int]) -> str:
    """The SM2 key as a PEM PUBLIC KEY (SubjectPublicKeyInfo), which OpenSSL reads with -pubin."""
    x, y = point
    der = SM2_SPKI_PREFIX + b"\x04" + x.to_bytes(32, "big") + y.to_bytes(32, "big")
    body = base64.encodebytes(der).decode().replace("\n", "")
    lines = [body[at : at + 64] for at in range(0, len(body), 64)]
    return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(lines) + "\n-----END PUBLIC KEY-----\n"


def verify(document: Any, *, check_issuer: bool = True) -> Ed25519PublicKey:
    """Verifies the eddsa-jcs-2022 proof of ``document`` (parsed JSON) and returns the key; in a
    proof set, the SM2 proof too (:func:`verify_sm2`).

    Raises :class:`Invalid` with the reason when it does not verify.
    """
    proof, sm2_proof = proofs(document)
    did = _signer(proof, "proof", CRYPTOSUITE)
    key = did_key_public_key(did)
    if check_issuer:
        issuer = document.get("issuer")
        issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
        if issuer_id != did:
            raise Invalid(f"issuer {issuer_id!r} is not the signer {did!r}")

    # The proof configuration: the proof without its value.
    proof_config, unsecured = _configuration(document, proof)

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
    if sm2_proof is not None:
        verify_sm2(document)
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


def write_sm2_parts(path: str, folder: str) -> None:
    """Writes message.bin, signature.der and sm2.pub.pem of a result's SM2 proof into ``folder``."""
    with open(path, "rb") as file:
        parts = sm2_parts(loads(file.read()))
    if parts is None:
        raise Invalid("it has no SM2 proof")
    message, signature, point = parts
    os.makedirs(folder, exist_ok=True)
    for name, content in (("message.bin", message), ("signature.der", signature)):
        with open(os.path.join(folder, name), "wb") as file:
            file.write(content)
    with open(os.path.join(folder, "sm2.pub.pem"), "w", encoding="ascii") as file:
        file.write(sm2_public_key_pem(point))


def main(argv: list[str]) -> int:
    usage = "usage: python verify.py RESULT.json [RESULT.json ...] [--any-issuer] | RESULT.json --sm2-parts DIR"
    if "--sm2-parts" in argv:
        if len(argv) != 3 or argv[1] != "--sm2-parts":
            print(usage, file=sys.stderr)
            return 2
        try:
            write_sm2_parts(argv[0], argv[2])
        except (Invalid, OSError) as error:
            print(f"invalid: {error}")
            return 1
        return 0
    check_issuer = "--any-issuer" not in argv
    paths = [arg for arg in argv if arg != "--any-issuer"]
    if not paths or any(path.startswith("-") for path in paths):
        print(usage, file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        prefix = f"{path}: " if len(paths) > 1 else ""
        try:
            with open(path, "rb") as file:
                document = loads(file.read())
            verify(document, check_issuer=check_issuer)
            both = isinstance(document.get("proof"), list)
            print(f"{prefix}valid" + (", SM2/SM3 proof valid" if both else ""))
        except (Invalid, OSError) as error:
            print(f"{prefix}invalid: {error}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
