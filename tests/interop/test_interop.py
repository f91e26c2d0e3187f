"""Interop: results signed by `selfcheck sign` verify in an independent Python verifier, and
selfcheck's key files are standard encrypted PKCS#8 that `cryptography` and OpenSSL open.

Run by `cargo xtask test` with SELFCHECK_BIN set to the CLI; by hand:

    cargo build -p selfcheck-cli
    python -m pytest tests/interop -q

Every test shares one temporary directory and the keys and results made once per session.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import verify  # noqa: E402  (the module under test, beside this file)

VECTORS = ROOT / "tests" / "data" / "vectors" / "vc-di-eddsa-jcs-2022"
# Non-ASCII on purpose: PKCS#5 passphrases are bytes, and every tool must agree on UTF-8.
PASSPHRASE = "自查口令 correct horse battery"
OTHER_PASSPHRASE = "another passphrase 2"
PROFILE = {
    "name": "广东省某某行业协会",
    "credit_code": "514400005000031282",
    "contact": {"person": "张三", "phone": "020-12345678", "email": "office@example.org"},
    "period": {"from": "2026-10-01", "to": "2026-10-31"},
}
# Strings that canonicalization must get right: JSON escapes, control characters, DEL,
# U+2028, non-BMP characters (surrogate pairs when \\u-escaped), combining marks.
TRICKY = "说明：\"引号\" \\ 反斜杠\n换行\t制表 \u007f \u2028 é e\u0301 😀 𠀀 </script>"


def selfcheck_bin() -> str:
    """The CLI under test: SELFCHECK_BIN, else the debug build in the target directory."""
    if os.environ.get("SELFCHECK_BIN"):
        return os.environ["SELFCHECK_BIN"]
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    binary = target / "debug" / ("selfcheck.exe" if os.name == "nt" else "selfcheck")
    if not binary.is_file():
        pytest.exit(f"no selfcheck at {binary}: set SELFCHECK_BIN or run `cargo build -p selfcheck-cli`", 2)
    return str(binary)


def selfcheck(*args: Any, passphrase: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Runs the CLI with the passphrase (if any) in SELFCHECK_PASSPHRASE; output as text."""
    env = {name: value for name, value in os.environ.items() if name != "SELFCHECK_PASSPHRASE"}
    if passphrase is not None:
        env["SELFCHECK_PASSPHRASE"] = passphrase
    argv = [selfcheck_bin(), *map(str, args)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    if check and done.returncode != 0:
        pytest.fail(f"`selfcheck {' '.join(map(str, args))}` exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done


@dataclass
class Key:
    """A key file and what `selfcheck keygen` said about it."""

    path: Path
    passphrase: str
    did: str
    fingerprint: str
    # The did:key of its SM2 part (keygen makes both parts).
    sm2_did: str


def keygen(path: Path, passphrase: str) -> Key:
    out = selfcheck("keygen", "--out", path, passphrase=passphrase).stdout
    did = re.search(r"^did: (did:key:z\S+)$", out, re.M)
    fingerprint = re.search(r"^fingerprint: ((?:[0-9A-F]{4} ){7}[0-9A-F]{4})$", out, re.M)
    sm2_did = re.search(r"^sm2: (did:key:z\S+)$", out, re.M)
    assert did and fingerprint and sm2_did, f"keygen printed no did/fingerprint/sm2 line:\n{out}"
    return Key(path, passphrase, did.group(1), fingerprint.group(1), sm2_did.group(1))


def eddsa_proof(document: Any) -> dict:
    """The eddsa-jcs-2022 proof: the first of selfcheck's proof set, or the one proof."""
    proof = document["proof"]
    return proof[0] if isinstance(proof, list) else proof


def pem_blocks(pem: bytes) -> list[bytes]:
    """The PEM blocks of a key file: the Ed25519 key, then its SM2 part."""
    text = pem.decode("ascii")
    return [block.encode() + b"\n" for block in re.findall(r"-----BEGIN [^-]+-----\n.*?-----END [^-]+-----", text, re.S)]


def write_json(path: Path, document: Any, **options: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, **options), encoding="utf-8")
    return path


def load(path: Path) -> Any:
    return verify.loads(path.read_bytes())


def did_public_bytes(did: str) -> bytes:
    return verify.did_key_public_key(did).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


# ---------------------------------------------------------------------------------------------
# Answer sets and the results signed from them (made once per session)


def answer_sets(template: dict, catalogue: dict) -> dict[str, dict]:
    """Several answers documents: a blank draft, a complete one, checklists only, na only."""
    criteria = [criterion for area in catalogue["areas"] for criterion in area["criteria"]]
    base = {"format": template["format"], "catalogue": template["catalogue"], "profile": PROFILE}

    blank = copy.deepcopy(template)  # the template as written, hints and all
    blank["profile"] = copy.deepcopy(PROFILE)
    blank["profile"]["contact"] = {"person": "", "phone": "", "email": ""}

    complete: dict[str, dict] = {}
    for index, criterion in enumerate(criteria):
        entry: dict[str, Any]
        if criterion["kind"] == "checklist":
            items = [item["id"] for item in criterion["items"]]
            entry = {"checked": items[: (index % (len(items) + 1))]}
        elif criterion["kind"] == "scale":
            entry = {"value": ["yes", "partly", "no"][index % 3]}
        else:
            entry = {"value": "yes" if index % 4 else "no"}
        if criterion.get("not_applicable") and index % 2:
            entry = {"value": "na"}
        entry["note"] = f"{criterion['id']}：已于2026年10月完成，详见会议纪要。"
        if index % 5 == 0:
            entry["note"] += TRICKY
        if index % 3 == 0:
            content = f"{criterion['id']} 证明材料".encode()
            entry["evidence"] = [
                {"type": "link", "url": f"https://example.org/公开/{criterion['id']}?页=1#条"},
                {"type": "file", "name": f"{criterion['id']} 会议纪要.pdf", "size": len(content) * 1000,
                 "sha256": hashlib.sha256(content).hexdigest()},
            ]
        complete[criterion["id"]] = entry

    checklists = {}
    for index, criterion in enumerate(c for c in criteria if c["kind"] == "checklist"):
        items = [item["id"] for item in criterion["items"]]
        checklists[criterion["id"]] = {"checked": list(reversed(items[index % 2 :: 2]))}
    na = {criterion["id"]: {"value": "na"} for criterion in criteria if criterion.get("not_applicable")}
    assert na, "the catalogue has criteria that allow na"

    # Format 2: this month's report to the bureau and a reply to a rectification notice.
    monthly = {
        "progress": "本月召开理事会，审议通过自律公约修订稿。" + TRICKY,
        "areas": {"A": "公约修订稿已公开征求意见。"},
        "problems": [
            {"title": "部分会员对收费标准有异议", "description": "已组织座谈。", "help_requested": True,
             "evidence": [{"type": "link", "url": "https://example.org/座谈?第=1"}]},
        ],
    }
    reply = {"notice": hashlib.sha256("整改通知".encode()).hexdigest(),
             "items": {criteria[1]["id"]: {"note": "已整改。", "evidence": []}}}

    return {
        "blank-draft": blank,
        "complete": {**base, "answers": complete},
        "checklists": {**base, "answers": checklists},
        "na": {**base, "answers": na},
        "monthly": {**base, "format": "selfcheck-answers/2", "answers": complete, "monthly": monthly,
                    "rectification": reply},
    }


@pytest.fixture(scope="session")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("interop")


@pytest.fixture(scope="session")
def key(work: Path) -> Key:
    return keygen(work / "association.pem", PASSPHRASE)


@pytest.fixture(scope="session")
def other_key(work: Path) -> Key:
    return keygen(work / "other.pem", OTHER_PASSPHRASE)


@pytest.fixture(scope="session")
def answers(work: Path) -> dict[str, Path]:
    template = json.loads(selfcheck("template").stdout)
    catalogue = json.loads(selfcheck("catalog", "--format", "json").stdout)
    return {name: write_json(work / f"answers-{name}.json", doc, indent=2)
            for name, doc in answer_sets(template, catalogue).items()}


def sign(answers_path: Path, key: Key, out: Path) -> Path:
    selfcheck("sign", answers_path, "--key", key.path, "--out", out, passphrase=key.passphrase)
    return out


@pytest.fixture(scope="session")
def results(work: Path, key: Key, answers: dict[str, Path]) -> dict[str, Path]:
    return {name: sign(path, key, work / f"result-{name}.json") for name, path in answers.items()}


@pytest.fixture(scope="session")
def other_result(work: Path, other_key: Key, answers: dict[str, Path]) -> Path:
    return sign(answers["complete"], other_key, work / "result-other-key.json")


RESULT_NAMES = ["blank-draft", "complete", "checklists", "na", "monthly"]


# ---------------------------------------------------------------------------------------------
# 1. Signed results verify


@pytest.mark.parametrize("name", RESULT_NAMES)
def test_signed_results_verify(name: str, results: dict[str, Path], key: Key) -> None:
    path = results[name]
    document = load(path)
    proof = eddsa_proof(document)
    assert document["issuer"] == key.did
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == "eddsa-jcs-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == f"{key.did}#{key.did.removeprefix('did:key:')}"
    assert proof["@context"] == document["@context"]
    assert len(verify.multibase_decode(proof["proofValue"])) == 64

    public = verify.verify(document)
    assert public.public_bytes_raw() == did_public_bytes(key.did)

    # The second proof, in China's national algorithms, by the key's SM2 part.
    sm2_proof = document["proof"][1]
    assert sm2_proof["cryptosuite"] == "selfcheck-sm2-sm3-jcs-2026"
    assert sm2_proof["verificationMethod"] == f"{key.sm2_did}#{key.sm2_did.removeprefix('did:key:')}"
    assert verify.verify_sm2(document) == verify.did_key_sm2_point(key.sm2_did)

    cli = subprocess.run([sys.executable, str(HERE / "verify.py"), str(path)], capture_output=True, text=True)
    assert (cli.returncode, cli.stdout) == (0, "valid, SM2/SM3 proof valid\n"), cli.stdout + cli.stderr
    selfcheck("verify", path, "--require-sm2")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not on PATH")
def test_openssl_verifies_the_sm2_proof(work: Path, results: dict[str, Path]) -> None:
    """OpenSSL 3 checks the SM2 signature over the same canonical bytes, with the files
    verify.py writes (the closing note's commands)."""
    parts = work / "sm2-parts"
    done = subprocess.run([sys.executable, str(HERE / "verify.py"), str(results["complete"]), "--sm2-parts", str(parts)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    command = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "sm2.pub.pem", "-rawin", "-digest", "sm3",
               "-pkeyopt", "distid:1234567812345678", "-in", "message.bin", "-sigfile", "signature.der"]
    done = subprocess.run(command, cwd=parts, capture_output=True, text=True)
    assert done.returncode == 0 and "Signature Verified Successfully" in done.stdout, done.stdout + done.stderr
    # A changed message fails there too; so does another distinguishing identifier.
    message = (parts / "message.bin").read_bytes()
    (parts / "message.bin").write_bytes(message.replace(b'"score":', b'"score": ', 1))
    assert subprocess.run(command, cwd=parts, capture_output=True).returncode != 0
    (parts / "message.bin").write_bytes(message)
    other_id = [arg.replace("1234567812345678", "ALICE123@YAHOO.COM") for arg in command]
    assert subprocess.run(other_id, cwd=parts, capture_output=True).returncode != 0


def test_tampering_breaks_both_proofs(results: dict[str, Path]) -> None:
    """Any change to the document breaks the Ed25519 proof and the SM2 proof alike."""
    original = load(results["complete"])
    for path in (("credentialSubject", "report", "score"), ("issuer",), ("validFrom",)):
        tampered = copy.deepcopy(original)
        set_at(tampered, path, mutated(tampered[path[0]] if len(path) == 1 else tampered[path[0]][path[1]][path[2]]))
        with pytest.raises(verify.Invalid, match="signature does not match"):
            verify.verify(tampered, check_issuer=False)
        with pytest.raises(verify.Invalid, match="SM2/SM3 signature does not match"):
            verify.verify_sm2(tampered)


def test_a_rectification_notice_verifies_in_python(work: Path, results: dict[str, Path], other_key: Key) -> None:
    """The bureau's notice is a credential like a result: verify.py checks its proof too."""
    out = work / "notice.json"
    selfcheck("notice", "--key", other_key.path, "--from", results["complete"], "--item", "A1=请公开章程。",
              "--deadline", "2099-12-31", "--out", out, passphrase=other_key.passphrase)
    notice = load(out)
    assert notice["type"] == ["VerifiableCredential", "SelfcheckRectificationNoticeCredential"]
    assert notice["issuer"] == other_key.did
    public = verify.verify(notice)
    assert public.public_bytes_raw() == did_public_bytes(other_key.did)
    tampered = copy.deepcopy(notice)
    tampered["credentialSubject"]["deadline"] = "2100-01-31"
    with pytest.raises(verify.Invalid):
        verify.verify(tampered)


def test_results_carry_the_answers(results: dict[str, Path], answers: dict[str, Path]) -> None:
    """What was signed is what was answered (the tricky strings survive byte for byte)."""
    signed = load(results["complete"])["credentialSubject"]
    given = load(answers["complete"])
    assert signed["profile"] == given["profile"]
    assert signed["answers"] == given["answers"]
    assert any(TRICKY in entry.get("note", "") for entry in signed["answers"].values())
    completeness = signed["report"]["completeness"]
    assert completeness["answered"] == completeness["total"] == len(given["answers"])
    # Format 2 carries the month's report and the reply as they were given.
    second = load(results["monthly"])["credentialSubject"]
    given_second = load(answers["monthly"])
    assert second["format"] == "selfcheck-result/2" and signed["format"] == "selfcheck-result/1"
    assert (second["monthly"], second["rectification"]) == (given_second["monthly"], given_second["rectification"])
    # The blank draft was the template, hints and all; the result carries no hints.
    blank = load(results["blank-draft"])["credentialSubject"]["answers"]
    assert not any({"title", "allowed", "items"} & entry.keys() for entry in blank.values())


# ---------------------------------------------------------------------------------------------
# 2. Tampering is detected


def leaves(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every leaf of a JSON value with its path (object keys and array indexes)."""
    if isinstance(value, dict):
        for name, child in value.items():
            yield from leaves(child, (*path, name))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from leaves(child, (*path, index))
    else:
        yield path, value


def mutated(value: Any) -> Any:
    if isinstance(value, bool):  # before int: bool is an int in Python
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    raise AssertionError(f"unexpected leaf {value!r}")


def set_at(document: Any, path: tuple, value: Any) -> None:
    for step in path[:-1]:
        document = document[step]
    document[path[-1]] = value


def assert_rejected(document: Any, what: str, **options: Any) -> str:
    """Asserts that verify.py rejects `document`; returns the reason it gave."""
    try:
        verify.verify(document, **options)
    except verify.Invalid as rejected:
        return str(rejected)
    pytest.fail(f"verify.py accepted a tampered document ({what})")


@pytest.mark.parametrize("name", RESULT_NAMES)
def test_every_leaf_is_signed(name: str, results: dict[str, Path], mutations: dict[str, int]) -> None:
    original = load(results[name])
    verify.verify(original)
    count = 0
    for path, value in leaves(original):
        if path == ("proof", "proofValue"):
            continue
        tampered = copy.deepcopy(original)
        set_at(tampered, path, mutated(value))
        assert_rejected(tampered, "/".join(map(str, path)))
        count += 1
    assert count > 50
    mutations[f"leaves of {name}"] = count


def test_added_removed_and_swapped_fields(
    results: dict[str, Path], other_result: Path, mutations: dict[str, int]
) -> None:
    original = load(results["complete"])
    other = load(other_result)
    verify.verify(other)
    assert other["issuer"] != original["issuer"]
    cases: list[tuple[str, Any, dict]] = []

    for where in ([], ["credentialSubject"], ["credentialSubject", "profile"], ["proof", 0], ["proof", 1]):
        tampered = copy.deepcopy(original)
        target = tampered
        for step in where:
            target = target[step]
        target["extra"] = "x"
        cases.append((f"a field added to /{'/'.join(map(str, where))}", tampered, {}))

    for name in [n for n in original if n != "proof"] + ["credentialSubject/answers/A1", "proof/0/created", "proof/1/created"]:
        tampered = copy.deepcopy(original)
        *parents, last = name.split("/")
        target = tampered
        for step in parents:
            target = target[int(step)] if step.isdigit() else target[step]
        del target[last]
        cases.append((f"{name} removed", tampered, {}))

    tampered = copy.deepcopy(original)
    tampered["credentialSubject"]["answers"]["A1"]["evidence"] = []
    cases.append(("an array emptied", tampered, {}))

    swapped = copy.deepcopy(original)
    swapped["proof"] = copy.deepcopy(other["proof"])
    cases.append(("the proof of another key's result", swapped, {}))
    cases.append(("the proof of another key's result (no issuer check)", swapped, {"check_issuer": False}))
    swapped_issuer = copy.deepcopy(swapped)
    swapped_issuer["issuer"] = other["issuer"]
    cases.append(("another key's proof and issuer", swapped_issuer, {}))
    cases.append(("the Ed25519 proof alone in an array", {**original, "proof": [original["proof"][0]]}, {}))
    cases.append(("the SM2 proof alone", {**original, "proof": original["proof"][1]}, {}))
    mixed = {**original, "proof": [original["proof"][0], other["proof"][1]]}
    cases.append(("another key's SM2 proof", mixed, {}))

    for what, document, options in cases:
        assert_rejected(document, what, **options)
    mutations["added, removed, swapped"] = len(cases)


def test_proof_value_is_checked(results: dict[str, Path], mutations: dict[str, int]) -> None:
    original = load(results["complete"])
    value = original["proof"][0]["proofValue"]
    signature = verify.multibase_decode(value)
    alphabet = verify.BASE58_ALPHABET

    def b58encode(data: bytes) -> str:
        number, text = int.from_bytes(data, "big"), ""
        while number:
            number, digit = divmod(number, 58)
            text = alphabet[digit] + text
        return "1" * (len(data) - len(data.lstrip(b"\0"))) + text

    assert "z" + b58encode(signature) == value
    flipped = [bytes([*signature[:i], signature[i] ^ 1, *signature[i + 1 :]]) for i in (0, 31, 32, 63)]
    bad_values = {
        "no multibase prefix": value[1:],
        "base64url prefix": "u" + value[1:],
        "not base58": value[:10] + "0" + value[11:],
        "truncated": value[:-2],
        "one character changed": value[:20] + ("2" if value[20] != "2" else "3") + value[21:],
        "empty": "",
        **{f"bit flipped in byte {i}": "z" + b58encode(sig) for i, sig in zip((0, 31, 32, 63), flipped)},
    }
    for what, bad in bad_values.items():
        tampered = copy.deepcopy(original)
        tampered["proof"][0]["proofValue"] = bad
        assert_rejected(tampered, what)
    tampered = copy.deepcopy(original)
    del tampered["proof"][0]["proofValue"]
    assert_rejected(tampered, "no proofValue")
    mutations["proofValue"] = len(bad_values) + 1


def test_selfcheck_verify_rejects_tampering(work: Path, results: dict[str, Path], other_result: Path) -> None:
    """A sample of the tampered documents, through the Rust verifier too."""
    original = load(results["complete"])
    other = load(other_result)
    samples = {
        "note": ("credentialSubject", "answers", "A1", "note"),
        "score": ("credentialSubject", "report", "score"),
        "issuer": ("issuer",),
        "created": ("proof", 0, "created"),
        "SM2 proof's created": ("proof", 1, "created"),
    }
    for what, path in samples.items():
        tampered = copy.deepcopy(original)
        value = tampered
        for step in path:
            value = value[step]
        set_at(tampered, path, mutated(value))
        file = write_json(work / f"tampered-{what}.json", tampered, indent=2)
        assert selfcheck("verify", file, check=False).returncode == 1, what
        cli = subprocess.run([sys.executable, str(HERE / "verify.py"), str(file)], capture_output=True, text=True)
        assert cli.returncode == 1 and cli.stdout.startswith("invalid: "), cli.stdout + cli.stderr
    swapped = {**original, "proof": other["proof"]}
    file = write_json(work / "tampered-swapped-proof.json", swapped, indent=2)
    assert selfcheck("verify", file, check=False).returncode == 1


# ---------------------------------------------------------------------------------------------
# 3. Re-serialisation that keeps the meaning keeps the signature


def reverse_sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {name: reverse_sorted(value[name]) for name in sorted(value, reverse=True)}
    if isinstance(value, list):
        return [reverse_sorted(child) for child in value]
    return value


RESERIALISATIONS = {
    "compact": lambda doc: json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
    "indent-4": lambda doc: json.dumps(doc, ensure_ascii=False, indent=4),
    "keys-reversed": lambda doc: json.dumps(reverse_sorted(doc), ensure_ascii=False, indent=1),
    "ascii-escaped": lambda doc: json.dumps(doc, ensure_ascii=True, indent=2),
}


@pytest.mark.parametrize("form", RESERIALISATIONS)
@pytest.mark.parametrize("name", RESULT_NAMES)
def test_reserialised_results_verify(name: str, form: str, work: Path, results: dict[str, Path]) -> None:
    original_text = results[name].read_text(encoding="utf-8")
    text = RESERIALISATIONS[form](verify.loads(original_text))
    assert text != original_text
    if form == "ascii-escaped":
        assert text.isascii()
        if name == "complete":
            assert "\\ud83d\\ude00" in text and "\\u2028" in text  # surrogate pairs, U+2028
    path = work / f"reserialised-{name}-{form}.json"
    path.write_text(text, encoding="utf-8")
    verify.verify_file(str(path))
    selfcheck("verify", path)


# ---------------------------------------------------------------------------------------------
# 4. The W3C test vector


def test_w3c_vector_verifies() -> None:
    document = load(VECTORS / "signedJCS.json")
    key = verify.verify(document, check_issuer=False)
    key_pair = json.loads((VECTORS / "keyPair.json").read_text())
    assert document["proof"]["verificationMethod"].startswith(f"did:key:{key_pair['publicKeyMultibase']}")
    assert key.public_bytes_raw() == verify.multibase_decode(key_pair["publicKeyMultibase"])[2:]
    # Its issuer is a URL, which the default issuer check (issuer == the signer's did:key) refuses.
    assert "issuer" in assert_rejected(document, "URL issuer")
    cli = subprocess.run([sys.executable, str(HERE / "verify.py"), "--any-issuer", str(VECTORS / "signedJCS.json")],
                         capture_output=True, text=True)
    assert (cli.returncode, cli.stdout) == (0, "valid\n"), cli.stdout + cli.stderr


def test_w3c_vector_intermediate_values() -> None:
    """The steps of verify.py give the vector's canonical forms, hashes and signature."""
    import rfc8785

    document = load(VECTORS / "signedJCS.json")
    proof_config = {name: value for name, value in document["proof"].items() if name != "proofValue"}
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    text = lambda name: (VECTORS / name).read_text(encoding="utf-8").strip()  # noqa: E731
    assert rfc8785.dumps(proof_config).decode() == text("proofCanonJCS.txt")
    assert rfc8785.dumps(unsecured).decode() == text("canonDocJCS.txt")
    proof_hash = hashlib.sha256(rfc8785.dumps(proof_config)).hexdigest()
    doc_hash = hashlib.sha256(rfc8785.dumps(unsecured)).hexdigest()
    assert proof_hash == text("proofHashJCS.txt") and doc_hash == text("docHashJCS.txt")
    assert proof_hash + doc_hash == text("combinedHashJCS.txt")
    signature = verify.multibase_decode(document["proof"]["proofValue"])
    assert signature.hex() == text("sigHexJCS.txt")
    assert document["proof"]["proofValue"] == text("sigBTC58JCS.txt")


def test_w3c_vector_tampered_is_rejected() -> None:
    document = load(VECTORS / "signedJCS.json")
    document["credentialSubject"]["alumniOf"] += "x"
    assert_rejected(document, "vector tampered", check_issuer=False)


# ---------------------------------------------------------------------------------------------
# 5. The key file is standard encrypted PKCS#8


def der(data: bytes) -> list[tuple[int, bytes]]:
    """The DER elements (tag, contents) that follow one another in `data`."""
    elements, at = [], 0
    while at < len(data):
        tag, length = data[at], data[at + 1]
        at += 2
        if length & 0x80:
            size = length & 0x7F
            length = int.from_bytes(data[at : at + size], "big")
            at += size
        elements.append((tag, data[at : at + length]))
        at += length
    assert at == len(data), "DER overrun"
    return elements


def der_one(data: bytes, tag: int) -> bytes:
    ((found, contents),) = der(data)
    assert found == tag, f"tag {found:#x}, expected {tag:#x}"
    return contents


def oid(dotted: str) -> bytes:
    """The DER contents of an OBJECT IDENTIFIER."""
    first, second, *rest = map(int, dotted.split("."))
    out = bytearray()
    for arc in [40 * first + second, *rest]:
        chunk = [arc & 0x7F]
        while arc > 0x7F:
            arc >>= 7
            chunk.insert(0, 0x80 | (arc & 0x7F))
        out += bytes(chunk)
    return bytes(out)


SEQUENCE, INTEGER, OCTET_STRING, OBJECT_ID, NULL = 0x30, 0x02, 0x04, 0x06, 0x05
PBES2, PBKDF2 = oid("1.2.840.113549.1.5.13"), oid("1.2.840.113549.1.5.12")
HMAC_SHA256, AES_256_CBC = oid("1.2.840.113549.2.9"), oid("2.16.840.1.101.3.4.1.42")
ED25519 = oid("1.3.101.112")


@dataclass
class Pbes2:
    salt: bytes
    iterations: int
    prf: bytes
    cipher: bytes
    iv: bytes
    encrypted: bytes


def read_encrypted_pkcs8(pem: bytes) -> Pbes2:
    """Parses an ENCRYPTED PRIVATE KEY PEM as PBES2 with PBKDF2 (fails on anything else)."""
    import base64

    text = pem.decode("ascii")
    match = re.fullmatch(
        r"-----BEGIN ENCRYPTED PRIVATE KEY-----\n([A-Za-z0-9+/=\n]+)-----END ENCRYPTED PRIVATE KEY-----\n?", text
    )
    assert match, f"not an ENCRYPTED PRIVATE KEY PEM:\n{text}"
    info = der_one(base64.b64decode(match.group(1)), SEQUENCE)
    (algorithm_tag, algorithm), (data_tag, encrypted) = der(info)
    assert (algorithm_tag, data_tag) == (SEQUENCE, OCTET_STRING)
    (scheme_tag, scheme), (params_tag, params) = der(algorithm)
    assert (scheme_tag, scheme, params_tag) == (OBJECT_ID, PBES2, SEQUENCE), "not PBES2"
    (kdf_tag, kdf), (enc_tag, enc) = der(params)
    (kdf_oid_tag, kdf_oid), (_, kdf_params) = der(kdf)
    assert (kdf_oid_tag, kdf_oid) == (OBJECT_ID, PBKDF2), "not PBKDF2"
    salt_el, iterations_el, *rest = der(kdf_params)
    assert salt_el[0] == OCTET_STRING and iterations_el[0] == INTEGER
    if rest and rest[0][0] == INTEGER:  # optional keyLength
        assert int.from_bytes(rest.pop(0)[1], "big") == 32
    prf = oid("1.2.840.113549.2.7")  # DEFAULT hmacWithSHA1
    if rest:
        prf_oid, *prf_params = der(rest.pop(0)[1])
        assert prf_oid[0] == OBJECT_ID and prf_params in ([], [(NULL, b"")])
        prf = prf_oid[1]
    assert not rest
    (cipher_tag, cipher), (iv_tag, iv) = der(enc)
    assert (cipher_tag, iv_tag) == (OBJECT_ID, OCTET_STRING)
    return Pbes2(salt_el[1], int.from_bytes(iterations_el[1], "big"), prf, cipher, iv, encrypted)


def decrypt_pkcs8(params: Pbes2, passphrase: str) -> bytes:
    """Decrypts PBES2(PBKDF2-HMAC-SHA256, AES-256-CBC) by hand: the PKCS#8 bytes as stored."""
    assert (params.prf, params.cipher) == (HMAC_SHA256, AES_256_CBC)
    secret = PBKDF2HMAC(hashes.SHA256(), 32, params.salt, params.iterations).derive(passphrase.encode())
    decryptor = Cipher(algorithms.AES(secret), modes.CBC(params.iv)).decryptor()
    padded = decryptor.update(params.encrypted) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return unpadder.update(padded) + unpadder.finalize()


def test_key_file_is_standard_encrypted_pkcs8(key: Key) -> None:
    ed25519_block, sm2_block = pem_blocks(key.path.read_bytes())
    params = read_encrypted_pkcs8(ed25519_block)
    assert params.prf == HMAC_SHA256, "PBKDF2 must use HMAC-SHA256"
    assert params.iterations >= 600_000
    assert params.cipher == AES_256_CBC and len(params.iv) == 16
    assert len(params.salt) >= 16

    # The PKCS#8 as stored: version 0 (v1), Ed25519, the seed, no attributes, no public key.
    elements = der(der_one(decrypt_pkcs8(params, key.passphrase), SEQUENCE))
    assert [tag for tag, _ in elements] == [INTEGER, SEQUENCE, OCTET_STRING], elements
    assert elements[0][1] == b"\x00", "PKCS#8 version must be 0 (v1)"
    assert der(elements[1][1]) == [(OBJECT_ID, ED25519)]
    seed = der_one(elements[2][1], OCTET_STRING)
    assert len(seed) == 32
    from_seed = ed25519.Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()
    assert from_seed == did_public_bytes(key.did)

    # The SM2 part: the same passphrase, salt and iterations, its own IV; an EC key on the SM2
    # curve (OID 1.2.156.10197.1.301) whose public key is the one its did:key names.
    second = read_encrypted_pkcs8(sm2_block)
    assert (second.salt, second.iterations, second.prf, second.cipher) == (
        params.salt, params.iterations, params.prf, params.cipher)
    assert second.iv != params.iv
    elements = der(der_one(decrypt_pkcs8(second, key.passphrase), SEQUENCE))
    assert der(elements[1][1]) == [(OBJECT_ID, oid("1.2.840.10045.2.1")), (OBJECT_ID, oid("1.2.156.10197.1.301"))]

    # The fingerprint the association files covers both parts: SM3 of the Ed25519 key and the
    # SM2 key (compressed), its first 16 bytes.
    from gmssl import func, sm3

    compressed = verify.multibase_decode(key.sm2_did.removeprefix("did:key:"))[2:]
    digest = sm3.sm3_hash(func.bytes_to_list(did_public_bytes(key.did) + compressed))[:32].upper()
    assert key.fingerprint == " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def test_cryptography_opens_the_key_file(key: Key) -> None:
    ed25519_block = pem_blocks(key.path.read_bytes())[0]
    private = serialization.load_pem_private_key(ed25519_block, key.passphrase.encode())
    assert isinstance(private, ed25519.Ed25519PrivateKey)
    public = private.public_key().public_bytes_raw()
    assert public == did_public_bytes(key.did)
    with pytest.raises(ValueError):
        serialization.load_pem_private_key(ed25519_block, b"wrong passphrase")
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(ed25519_block, None)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not on PATH")
def test_openssl_opens_the_key_file(work: Path, key: Key) -> None:
    env = {**os.environ, "SELFCHECK_PASSPHRASE": key.passphrase}
    command = ["openssl", "pkey", "-in", str(key.path), "-passin", "env:SELFCHECK_PASSPHRASE", "-noout"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # Its SM2 part, the second block, read alone: the public key its did:key names.
    sm2_block = work / "sm2-part.pem"
    sm2_block.write_bytes(pem_blocks(key.path.read_bytes())[1])
    command_sm2 = ["openssl", "pkey", "-in", str(sm2_block), "-passin", "env:SELFCHECK_PASSPHRASE", "-pubout"]
    done = subprocess.run(command_sm2, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == verify.sm2_public_key_pem(verify.did_key_sm2_point(key.sm2_did))
    env["SELFCHECK_PASSPHRASE"] = "wrong passphrase"
    assert subprocess.run(command, env=env, capture_output=True).returncode != 0
    assert subprocess.run(command_sm2, env=env, capture_output=True).returncode != 0


def test_keygen_refuses_to_overwrite(key: Key) -> None:
    before = key.path.read_bytes()
    done = selfcheck("keygen", "--out", key.path, passphrase=PASSPHRASE, check=False)
    assert done.returncode != 0, done.stdout
    assert key.path.read_bytes() == before


def test_sign_refuses_a_wrong_passphrase(work: Path, key: Key, answers: dict[str, Path]) -> None:
    out = work / "never-written.json"
    done = selfcheck("sign", answers["na"], "--key", key.path, "--out", out, passphrase="wrong passphrase", check=False)
    assert done.returncode != 0 and not out.exists(), done.stdout + done.stderr


def test_sign_reads_the_passphrase_from_a_file(work: Path, key: Key, answers: dict[str, Path]) -> None:
    passphrase_file = work / "passphrase.txt"
    passphrase_file.write_text(key.passphrase + "\n", encoding="utf-8")
    out = work / "result-passphrase-file.json"
    selfcheck("sign", answers["na"], "--key", key.path, "--passphrase-file", passphrase_file, "--out", out)
    assert verify.verify_file(str(out)).public_bytes_raw() == did_public_bytes(key.did)


# ---------------------------------------------------------------------------------------------
# 6. Keys written by other tools sign


def foreign_key(maker: str, path: Path, passphrase: str) -> bytes:
    """Writes an encrypted Ed25519 PKCS#8 PEM with another tool; returns its raw public key."""
    if maker == "cryptography":
        private = ed25519.Ed25519PrivateKey.generate()
        encryption = serialization.BestAvailableEncryption(passphrase.encode())
        pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
        path.write_bytes(pem)
        params = read_encrypted_pkcs8(path.read_bytes())
        if (params.prf, params.cipher) != (HMAC_SHA256, AES_256_CBC):
            pytest.skip("this cryptography's BestAvailableEncryption is not PBKDF2-SHA256/AES-256-CBC")
        return private.public_key().public_bytes_raw()
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not on PATH")
    env = {**os.environ, "SELFCHECK_PASSPHRASE": passphrase}
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "env:SELFCHECK_PASSPHRASE",
                    "-out", str(path)], env=env, check=True, capture_output=True)
    private = serialization.load_pem_private_key(path.read_bytes(), passphrase.encode())
    return private.public_key().public_bytes_raw()


@pytest.mark.parametrize("maker", ["cryptography", "openssl"])
def test_keys_of_other_tools_sign(maker: str, work: Path, answers: dict[str, Path]) -> None:
    key_path = work / f"{maker}-key.pem"
    public = foreign_key(maker, key_path, PASSPHRASE)
    result = sign(answers["complete"], Key(key_path, PASSPHRASE, "", "", ""), work / f"result-{maker}-key.json")
    document = load(result)
    assert did_public_bytes(document["issuer"]) == public
    assert verify.verify(document).public_bytes_raw() == public
    # A key without an SM2 part signs with the one proof, as keys made before do.
    assert isinstance(document["proof"], dict)
    assert "国密签名（SM2/SM3）：无" in selfcheck("verify", result).stdout

