"""The Python binding: the golden cases byte for byte, Python objects in and out, structured
errors, and no crash of the interpreter on any input."""

import json
import os
import pathlib
import subprocess

import pytest

import selfcheck

DATA = pathlib.Path(__file__).resolve().parents[3] / "tests" / "data"
CASES = json.loads((DATA / "bindings" / "cases.json").read_text(encoding="utf-8"))
PASSPHRASE = "selfcheck fuzzing passphrase"
NOW = "2026-12-01T00:00:00Z"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_every_golden_case_gives_the_same_bytes_as_the_core(case):
    arguments = (DATA / "bindings" / f"{case['name']}.args.json").read_text(encoding="utf-8")
    expected = (DATA / "bindings" / f"{case['name']}.out.json").read_text(encoding="utf-8")
    if case["ok"]:
        assert selfcheck.call(case["function"], arguments) == expected
    else:
        with pytest.raises(selfcheck.SelfcheckError) as raised:
            selfcheck.call(case["function"], arguments)
        assert json.loads(expected)["code"] == raised.value.code


def test_documents_go_in_as_objects_or_text_and_come_back_as_objects():
    answers_text = (DATA / "golden" / "answers-complete.json").read_text(encoding="utf-8")
    from_text = selfcheck.score(answers_text)
    from_object = selfcheck.score(json.loads(answers_text))
    assert from_text == from_object
    assert (from_text["total"], from_text["maximum"], from_text["score"]) == (703, 942, 746)


def test_a_result_signed_in_python_verifies_here_and_in_the_cli(tmp_path):
    answers = json.loads((DATA / "golden" / "answers-complete.json").read_text(encoding="utf-8"))
    key = (DATA / "keys" / "openssl-pbkdf2-1000.pem").read_text(encoding="utf-8")
    result = selfcheck.sign(answers, key, PASSPHRASE)
    verdict = selfcheck.verify(result)
    assert verdict["valid"] and verdict["class"] == "valid", verdict
    assert verdict["result"]["profile"]["name"] == "广东省示例行业协会"
    binary = os.environ.get("SELFCHECK_BIN")
    if binary:
        path = tmp_path / "result.json"
        path.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run([binary, "verify", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_register_says_whose_key_signed():
    result = (DATA / "golden" / "result-complete.json").read_text(encoding="utf-8")
    fingerprint = selfcheck.verify(result, now=NOW)["result"]["fingerprint"]
    register = f"# test register\n514400005000031282 {fingerprint}\n"
    assert selfcheck.verify(result, register=register, now=NOW)["key_status"]["code"] == "registered"
    other = "514400005000031282 0011 2233 4455 6677 8899 AABB CCDD EEFF\n"
    verdict = selfcheck.verify(result, register=other, now=NOW)
    assert not verdict["valid"] and verdict["error"]["code"] == "different-key"
    assert "备案" in verdict["error"]["message"]["zh"]


def test_refusals_are_structured_errors_in_both_languages():
    with pytest.raises(selfcheck.SelfcheckError) as raised:
        selfcheck.score({"format": "selfcheck-answers/1"})
    assert (raised.value.code, raised.value.kind) == ("malformed", "malformed")
    assert raised.value.problems[0]["at"] == "catalogue"
    assert "缺少此字段" in raised.value.message("zh")
    with pytest.raises(selfcheck.SelfcheckError) as raised:
        selfcheck.sign(
            (DATA / "golden" / "answers-complete.json").read_text(encoding="utf-8"),
            (DATA / "keys" / "openssl-pbkdf2-1000.pem").read_text(encoding="utf-8"),
            "wrong passphrase",
        )
    assert raised.value.code == "wrong-passphrase"
    with pytest.raises(selfcheck.SelfcheckError) as raised:
        selfcheck.call("register", "{}")
    assert raised.value.code == "unknown-function"


@pytest.mark.parametrize(
    "text",
    ["", "\x00", "{", "[" * 10000, '{"a":' * 5000, "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
     "x" * (5 << 20), json.dumps({"result": 1, "now": NOW})],
)
def test_no_input_crashes_the_interpreter(text):
    for function in ["verify", "score", "sign", "template", "catalogue"]:
        try:
            selfcheck.call(function, text)
        except selfcheck.SelfcheckError as error:
            assert error.code and error.messages["zh"] and error.messages["en"]
    verdict = selfcheck.verify(text, now=NOW)
    assert verdict["valid"] is False and verdict["error"]["code"]


def test_results_signed_in_python_and_node_verify_in_the_other(tmp_path):
    package = os.environ.get("SELFCHECK_NODE_PACKAGE")
    if not package:
        pytest.skip("SELFCHECK_NODE_PACKAGE names the built Node package (cargo xtask test sets it)")
    answers = (DATA / "golden" / "answers-complete.json").read_text(encoding="utf-8")
    key = (DATA / "keys" / "openssl-pbkdf2-1000.pem").read_text(encoding="utf-8")
    signed_here = tmp_path / "python.json"
    signed_here.write_text(json.dumps(selfcheck.sign(answers, key, PASSPHRASE), ensure_ascii=False), encoding="utf-8")
    script = """
        const selfcheck = require(process.argv[1]);
        const fs = require('node:fs');
        const verdict = selfcheck.verify(fs.readFileSync(process.argv[2], 'utf8'));
        if (!verdict.valid) { console.error(JSON.stringify(verdict.error)); process.exit(1); }
        fs.writeFileSync(process.argv[3], JSON.stringify(selfcheck.sign(
            fs.readFileSync(process.argv[4], 'utf8'), fs.readFileSync(process.argv[5], 'utf8'), process.argv[6])));
    """
    signed_there = tmp_path / "node.json"
    done = subprocess.run(
        ["node", "-e", script, package, str(signed_here), str(signed_there),
         str(DATA / "golden" / "answers-complete.json"), str(DATA / "keys" / "openssl-pbkdf2-1000.pem"), PASSPHRASE],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    verdict = selfcheck.verify(signed_there.read_text(encoding="utf-8"))
    assert verdict["valid"], verdict["error"]


GOLDEN_REGISTER = "514400005000031282 65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0\n"


def test_a_folder_is_summarised_against_a_register_as_the_cli_does(tmp_path):
    result = (DATA / "golden" / "result-complete.json").read_text(encoding="utf-8")
    (tmp_path / "2026-10").mkdir()
    (tmp_path / "2026-10" / "514400005000031282-2026-10.json").write_text(result, encoding="utf-8")
    (tmp_path / "tampered.json").write_text(result.replace("广东省示例行业协会", "广东省冒名行业协会", 1), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("a covering note, not a result", encoding="utf-8")
    expected = "广东省示例行业协会,514400005000031282\n广东省未报送行业协会,51440000500000007H\n"
    analysis = selfcheck.summary_of_folder(tmp_path, register=GOLDEN_REGISTER, expected=expected, now=NOW)
    assert (analysis["counts"]["files"], analysis["counts"]["accepted"]) == (3, 1)
    assert analysis["counts"]["rejected"]["signature"] == 1
    assert analysis["counts"]["rejected"]["not-a-result"] == 1
    cells = {row["credit_code"]: row["cells"] for row in analysis["matrix"]["rows"]}
    assert cells == {"514400005000031282": ["received"], "51440000500000007H": ["missing"]}
    assert [row["score"] for row in analysis["ranking"]] == [746]
    binary = os.environ.get("SELFCHECK_BIN")
    if binary:
        register = tmp_path.parent / "register.txt"
        register.write_text(GOLDEN_REGISTER, encoding="utf-8")
        expected_file = tmp_path.parent / "expected.csv"
        expected_file.write_text(expected, encoding="utf-8")
        done = subprocess.run(
            [binary, "summary", str(tmp_path), "--format", "json", "--trusted-keys", str(register),
             "--expected", str(expected_file)],
            capture_output=True, text=True,
        )
        assert done.returncode in (0, 1), done.stderr
        cli = json.loads(done.stdout)
        # The CLI reads its own clock; both clocks are after the month, so the figures agree.
        for key in ("counts", "matrix", "province"):
            assert cli[key] == analysis[key], key
        assert [row["score"] for row in cli["ranking"]] == [746]


def test_a_summary_refuses_bad_options_with_the_field_named():
    with pytest.raises(selfcheck.SelfcheckError) as raised:
        selfcheck.summary([], deadline=40, now=NOW)
    assert raised.value.code == "bad-arguments"
    assert raised.value.problems[0]["at"] == "arguments.deadline"
    assert "1 至 28" in raised.value.problems[0]["message"]["zh"]


def test_the_hardening_classes_hold_here_too():
    # A byte-order mark (Notepad writes one) is ignored; a validly re-signed result with a
    # control character in the name, or one from the future, is refused with its code.
    answers = (DATA / "golden" / "answers-complete.json").read_text(encoding="utf-8")
    assert selfcheck.score("\ufeff" + answers)["score"] == 746
    escape = (DATA / "hostile" / "result-name-with-escape.json").read_text(encoding="utf-8")
    verdict = selfcheck.verify(escape, now=NOW)
    assert (verdict["valid"], verdict["error"]["code"]) == (False, "invalid-answers")
    assert "控制字符" in verdict["error"]["message"]["zh"]
    future = (DATA / "hostile" / "result-not-yet-valid.json").read_text(encoding="utf-8")
    assert selfcheck.verify(future, now=NOW)["error"]["code"] == "not-yet-valid"


# The CLI's hostile files (tests/tests/hostile_files.rs keeps them), and the entries a folder can
# hold besides files: each binding must give the verdicts, digests and messages the CLI gives.

import ctypes
import re
import shutil
import socket

HOSTILE = DATA / "hostile"
CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _run_cli(*arguments):
    binary = os.environ.get("SELFCHECK_BIN")
    if not binary:
        pytest.skip("SELFCHECK_BIN names the selfcheck binary (cargo xtask test sets it)")
    done = subprocess.run([binary, *arguments], capture_output=True)
    assert done.returncode in (0, 1), done.stderr
    return done


def _cli(*arguments):
    return json.loads(_run_cli(*arguments).stdout)


def _rows(files):
    """What a user relies on in each row; the verifier's clock (in a not-yet-valid message) aside."""
    return [
        (row["name"], row["sha256"], row["size"], row["verdict"], row["reason"], CLOCK.sub("…", row["message"]))
        for row in files
    ]


def _received_folder(tmp_path):
    """The hostile files, and what else people's folders hold: a subfolder, a file whose name is
    not UTF-8, a file over the size limit, a pipe, a socket, links (broken, to a file inside, out
    of the folder)."""
    folder = tmp_path / "received"
    shutil.copytree(HOSTILE, folder)
    (folder / "2026-10").mkdir()
    shutil.copy(DATA / "golden" / "result-complete.json", folder / "2026-10" / "result.json")
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe-latin1-name.json"), "wb") as out:
        out.write((DATA / "golden" / "result-complete.json").read_bytes())
    with open(folder / "video.json", "wb") as big:
        big.truncate(17 * 1024 * 1024)
    os.mkfifo(folder / "pipe.json")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "socket.json"))
    os.symlink("/nonexistent/result.json", folder / "broken.json")
    os.symlink(folder / "result-golden.json", folder / "link-to-golden.json")
    (tmp_path / "elsewhere.json").write_bytes(b"{}")
    os.symlink(tmp_path / "elsewhere.json", folder / "outside.json")
    return folder, listener


def _c_summary_of_folder(folder, options):
    library = os.environ.get("SELFCHECK_C_LIBRARY")
    if not library:
        return None
    c = ctypes.CDLL(library)
    c.selfcheck_summary_folder.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    c.selfcheck_summary_folder.restype = ctypes.c_int
    c.selfcheck_free.argtypes = [ctypes.c_void_p]
    answer = ctypes.c_void_p()
    status = c.selfcheck_summary_folder(os.fsencode(folder), json.dumps(options).encode(), ctypes.byref(answer))
    text = ctypes.string_at(answer.value).decode("utf-8")
    c.selfcheck_free(answer)
    assert status == 0, text
    return json.loads(text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_received_folder_gives_the_clis_verdicts_digests_and_messages(tmp_path, lang):
    folder, listener = _received_folder(tmp_path)
    try:
        cli = _cli("--lang", lang, "summary", str(folder), "--format", "json")
        here = selfcheck.summary_of_folder(folder, lang=lang)
        c = _c_summary_of_folder(folder, {"lang": lang, "now": here["settings"]["now"]})
    finally:
        listener.close()
    assert _rows(here["files"]) == _rows(cli["files"])
    assert here["not_read"] == cli["not_read"]
    assert here["counts"] == cli["counts"]
    assert [anomaly["code"] for anomaly in here["anomalies"]] == [anomaly["code"] for anomaly in cli["anomalies"]]
    if c is not None:
        assert _rows(c["files"]) == _rows(cli["files"]) and c["not_read"] == cli["not_read"]
    # What the user relies on: every kind is named, none silently read or dropped.
    reasons = {row["name"].rsplit("/", 1)[-1]: row["reason"] for row in here["files"]}
    assert reasons["result-gbk.json"] == reasons["result-utf16.json"] == "not-utf8"
    assert reasons["word-document-named.json"] == "wrong-document"
    assert reasons["empty.json"] == "not-json"
    assert any(name.endswith("-latin1-name.json") for name in reasons), "a name that is not UTF-8 is read"
    not_read = {entry["name"].rsplit("/", 1)[-1] for entry in here["not_read"]}
    assert not_read == {"video.json", "pipe.json", "socket.json", "broken.json", "link-to-golden.json", "outside.json"}
    assert "same-file-twice" in {anomaly["code"] for anomaly in here["anomalies"]}


@pytest.mark.parametrize("name", sorted(path.name for path in HOSTILE.iterdir()))
def test_each_hostile_file_gets_the_clis_verdict_as_bytes(name):
    path = HOSTILE / name
    verdict = selfcheck.verify(path.read_bytes())
    done = _run_cli("--lang", "en", "report", str(path), "--format", "json")
    if not done.stdout:
        # Not a result at all: `report` says so on standard error, in the core's words.
        said = done.stderr.decode("utf-8")
        assert verdict["class"] == "not-a-result", verdict
        assert f"{path} is not a signed result: {verdict['error']['message']['en']}" in said, said
        return
    cli = json.loads(done.stdout)
    assert verdict["valid"] == cli["valid"], verdict
    if not cli["valid"]:
        assert verdict["error"]["code"] == cli["error_code"]
        assert CLOCK.sub("…", verdict["error"]["message"]["en"]) == CLOCK.sub("…", cli["error"])
    else:
        assert verdict["result"]["digest"] == cli["digest"]
    # And as one received file among others, named: the same row as the folder's.
    analysis = selfcheck.summary([{"name": str(path), "content": path.read_bytes()}], lang="en")
    listed = _cli("--lang", "en", "summary", str(path), "--format", "json")
    assert _rows(analysis["files"]) == _rows(listed["files"])


def test_no_input_raises_anything_but_the_documented_error(tmp_path):
    for document in [b"\xff\xfe\x00", bytearray(b"\x89PNG\r\n\x1a\n"), memoryview(b"{}"), object(), {"a": {1, 2}}]:
        try:
            selfcheck.score(document)
        except selfcheck.SelfcheckError as error:
            assert error.code and error.messages["zh"] and error.messages["en"]
        verdict = selfcheck.verify(document, now=NOW)
        assert verdict["valid"] is False
    with pytest.raises(selfcheck.SelfcheckError) as raised:
        selfcheck.summary_of_folder(tmp_path / "missing")
    assert raised.value.code == "unreadable-folder" and "missing" in raised.value.message("en")
    with pytest.raises(selfcheck.SelfcheckError) as raised:
        selfcheck.sign("{}", "", "", random=b"short")
    assert raised.value.code == "bad-arguments"
