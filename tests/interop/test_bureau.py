"""Interop of the bureau's exports: `selfcheck summary`'s XLSX is read back by openpyxl, its CSV
starts with a byte-order mark, and its signed summary verifies in the independent verifier
(verify.py) and lists the SHA-256 of every file it was computed from, as hashlib computes them.

Run by `cargo xtask test` with SELFCHECK_BIN set to the CLI, like test_interop.py.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import verify  # noqa: E402
from test_interop import PROFILE, Key, keygen, selfcheck, write_json  # noqa: E402

BUREAU_PASSPHRASE = "广东省民政厅 审核台 口令"
MONTHS = [("2026-09-01", "2026-09-30"), ("2026-10-01", "2026-10-31")]
# Two associations report (each key unlock takes seconds in a debug build); a third, on the
# expected list, never does.
ASSOCIATIONS = [
    ("广东省甲行业协会", "514400005000031282"),
    ("广东省乙商会", "51440000500000007H"),
]
SILENT = ("广东省丙联合会", "51440000500158381B")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answers(template: dict, name: str, code: str, period: tuple[str, str], variant: int) -> dict:
    """An answers document from the template's hints, its answers varying with `variant`."""
    document = {key: template[key] for key in ("format", "catalogue")}
    document["profile"] = copy.deepcopy(PROFILE)
    document["profile"].update({"name": name, "credit_code": code, "period": {"from": period[0], "to": period[1]}})
    document["answers"] = {}
    for index, (criterion, hints) in enumerate(sorted(template["answers"].items())):
        if "items" in hints:
            items = list(hints["items"])
            entry: dict[str, Any] = {"checked": items[: (index + variant) % (len(items) + 1)]}
        else:
            no = (index + variant) % 3 == 0 and "no" in hints["allowed"]
            entry = {"value": "no" if no else "yes"}
        document["answers"][criterion] = entry
    return document


@pytest.fixture(scope="module")
def bureau(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A folder of received results, the register, the expected list, and `summary`'s outputs."""
    work = tmp_path_factory.mktemp("bureau")
    results = work / "results"
    results.mkdir()
    template = json.loads(selfcheck("template").stdout)
    keys: list[Key] = []
    for index, (name, code) in enumerate(ASSOCIATIONS):
        key = keygen(work / f"key-{index}.pem", f"association passphrase {index}")
        keys.append(key)
        for month, period in enumerate(MONTHS):
            document = write_json(work / f"answers-{index}-{month}.json", answers(template, name, code, period, index + month))
            selfcheck("sign", document, "--key", key.path, "--out", results / f"{code}-{month}.json",
                      passphrase=key.passphrase)
    # A copy of one result, and one changed after signing.
    shutil.copy(results / f"{ASSOCIATIONS[0][1]}-0.json", results / "副本.json")
    tampered = (results / f"{ASSOCIATIONS[1][1]}-1.json").read_text(encoding="utf-8").replace(
        ASSOCIATIONS[1][0], ASSOCIATIONS[1][0] + "（改）", 1)
    (results / f"{ASSOCIATIONS[1][1]}-1.json").write_text(tampered, encoding="utf-8")
    register = work / "register.txt"
    register.write_text("".join(f"{code} {key.fingerprint}\n" for (_, code), key in zip(ASSOCIATIONS, keys)),
                        encoding="utf-8")
    expected = work / "expected.csv"
    rows = ["序号,单位名称,统一社会信用代码"] + [f"{i + 1},{name},{code}" for i, (name, code) in
                                          enumerate([*ASSOCIATIONS, SILENT])]
    expected.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    bureau_key = keygen(work / "bureau.pem", BUREAU_PASSPHRASE)
    outputs = {name: work / name for name in ("summary.xlsx", "summary.csv", "summary.json", "plain.csv")}
    analysis = json.loads(selfcheck(
        "summary", results, "--trusted-keys", register, "--expected", expected, "--deadline", "10",
        "--xlsx", outputs["summary.xlsx"], "--csv", outputs["summary.csv"],
        "--sign", bureau_key.path, "--kind", "matrix", "--out", outputs["summary.json"], "--format", "json",
        passphrase=BUREAU_PASSPHRASE,
    ).stdout)
    selfcheck("--lang", "en", "summary", results, "--csv", outputs["plain.csv"], "--no-bom")
    return {"work": work, "results": results, "register": register, "expected": expected,
            "bureau_key": bureau_key, "analysis": analysis, **outputs}


def sheet(workbook: openpyxl.Workbook, title: str) -> list[tuple]:
    return list(workbook[title].iter_rows(values_only=True))


def test_the_workbook_reads_back_in_openpyxl_with_every_sheet(bureau: dict[str, Any]) -> None:
    workbook = openpyxl.load_workbook(bureau["summary.xlsx"], read_only=False)
    # Issue 26 added the month's progress, the problems reported and the notices followed.
    assert workbook.sheetnames == ["排名", "报送情况", "月度报送率", "评价标准", "领域得分", "等级分布", "异常", "本月活动进展",
                                   "新情况、新问题", "整改通知", "文件", "设置"]
    analysis = bureau["analysis"]
    # The ranking: the same associations, ranks and scores as the JSON, best first.
    ranking = sheet(workbook, "排名")
    assert ranking[0][:3] == ("名次", "统一社会信用代码", "名称")
    rows = [(row[0], row[1], row[6]) for row in ranking[1:]]
    assert rows == [(entry["rank"], entry["credit_code"], entry["score"]) for entry in analysis["ranking"]]
    assert all(isinstance(score, int) for _, _, score in rows), "scores are numbers, not text"
    # The matrix: a column per month, the silent association missing every month.
    matrix = sheet(workbook, "报送情况")
    assert matrix[0][3:5] == ("2026-09", "2026-10")
    silent = next(row for row in matrix if row[0] == SILENT[1])
    assert silent[1:5] == (SILENT[0], "是", "未报送", "未报送")
    tampered = next(row for row in matrix if row[0] == ASSOCIATIONS[1][1])
    assert tampered[4] == "无效"
    # Criteria, areas and grades add up to the ranked results.
    catalogue = json.loads(selfcheck("catalog").stdout)
    criteria = sheet(workbook, "评价标准")
    assert len(criteria) == 1 + sum(len(area["criteria"]) for area in catalogue["areas"])
    grades = sheet(workbook, "等级分布")
    # Every grade's row, then the unfinished results' (尚未完成), then those with a veto.
    assert grades[-2][1] == "尚未完成"
    assert sum(row[2] for row in grades[1:-1]) == len(analysis["ranking"])
    # The anomalies name the copy: its kind in words first, its code for programs last.
    anomalies = sheet(workbook, "异常")
    assert anomalies[0][0] == "类别" and anomalies[0][-1] == "代码（供程序使用）"
    assert any(row[-1] == "same-file-twice" and row[0] == "同一文件重复" and "副本.json" in row[3] for row in anomalies[1:])
    # The settings it was computed with.
    settings = dict(sheet(workbook, "设置")[1:])
    assert settings["排名月份"] == "各协会最近一期结果"
    assert "审核时间（北京时间）" in settings


def test_every_export_names_its_files_with_their_sha256(bureau: dict[str, Any]) -> None:
    workbook = openpyxl.load_workbook(bureau["summary.xlsx"])
    files = {row[0]: row[1] for row in sheet(workbook, "文件")[1:]}
    received = sorted(bureau["results"].iterdir())
    for path in received:
        assert files[str(path)] == sha256(path), path.name
    assert files[str(bureau["register"])] == sha256(bureau["register"])
    assert files[str(bureau["expected"])] == sha256(bureau["expected"])
    table = bureau["summary.csv"].read_bytes()
    assert table.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte-order mark"
    rows = list(csv.reader(io.StringIO(table.decode("utf-8-sig"))))
    digests = {row[0]: row[1] for row in rows[1:]}
    assert all(digests[str(path)] == sha256(path) for path in received)
    plain = bureau["plain.csv"].read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and plain.startswith(b"File,SHA-256,")


def test_the_signed_summary_verifies_in_the_independent_verifier(bureau: dict[str, Any]) -> None:
    path: Path = bureau["summary.json"]
    document = verify.loads(path.read_bytes())
    assert document["type"] == ["VerifiableCredential", "SelfcheckBureauSummaryCredential"]
    assert document["issuer"] == bureau["bureau_key"].did
    public = verify.verify(document)
    assert public.public_bytes_raw() == verify.did_key_public_key(bureau["bureau_key"].did).public_bytes_raw()
    cli = subprocess.run([sys.executable, str(HERE / "verify.py"), str(path)], capture_output=True, text=True)
    # The bureau's key (made by keygen) has an SM2 part: the summary carries both proofs.
    assert (cli.returncode, cli.stdout) == (0, "valid, SM2/SM3 proof valid\n"), cli.stdout + cli.stderr
    # It lists every file it was computed from, with the SHA-256 hashlib computes.
    subject = document["credentialSubject"]
    listed = {(entry["role"], entry["sha256"]) for entry in subject["inputs"]}
    given = {("file", sha256(p)) for p in bureau["results"].iterdir()}
    given |= {("register", sha256(bureau["register"])), ("expected", sha256(bureau["expected"]))}
    assert listed == given
    assert subject["kind"] == "matrix" and subject["matrix"]["months"] == ["2026-09", "2026-10"]
    # Changed after signing, it no longer verifies.
    changed = copy.deepcopy(document)
    changed["credentialSubject"]["matrix"]["rows"][0]["cells"][0] = "received"
    changed["credentialSubject"]["matrix"]["rows"][0]["cells"][1] = "missing"
    with pytest.raises(verify.Invalid, match="signature does not match"):
        verify.verify(changed)


def test_selfcheck_verify_reproduces_the_summary_from_the_same_files_under_other_names(bureau: dict[str, Any]) -> None:
    work: Path = bureau["work"]
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    for index, path in enumerate(sorted(bureau["results"].iterdir())):
        shutil.copy(path, elsewhere / f"收到-{index:03}.json")
    shutil.copy(bureau["register"], elsewhere / "备案.txt")
    shutil.copy(bureau["expected"], elsewhere / "名单.csv")
    done = selfcheck("--lang", "en", "verify", bureau["summary.json"], "--inputs", elsewhere)
    assert done.stdout.startswith("valid: ") and "Computed again from the files it lists, it is the same." in done.stdout
    (elsewhere / "备案.txt").unlink()
    done = selfcheck("--lang", "en", "verify", bureau["summary.json"], "--inputs", elsewhere, check=False)
    assert done.returncode == 1 and "were not given" in done.stdout, done.stdout
