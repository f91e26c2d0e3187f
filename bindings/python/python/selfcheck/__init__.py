"""Score, sign and verify self-assessments of Guangdong's industry self-discipline and
integrity campaign (广东省行业自律与诚信创建活动), with the same core as the ``selfcheck``
command line and the web widget.

Every function takes and returns plain Python objects (dicts, lists, strings). Documents may be
given as dicts or as their JSON text. A refusal raises :class:`SelfcheckError`, whose ``code``,
``messages`` and ``problems`` are the same in every language binding.

Example::

    import selfcheck
    with open("result.json", encoding="utf-8") as file, open("keys.txt", encoding="utf-8") as keys:
        verdict = selfcheck.verify(file.read(), register=keys.read())
    print(verdict["valid"], verdict["result"]["report"]["score"] if verdict["valid"] else verdict["error"]["message"]["zh"])
"""

from __future__ import annotations

import json as _json
import os as _os
import pathlib as _pathlib
from datetime import datetime as _datetime, timezone as _timezone
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _native

__all__ = [
    "SelfcheckError",
    "call",
    "catalogue",
    "template",
    "score",
    "sign",
    "verify",
    "verify_all",
    "summary",
    "summary_of_folder",
]

Document = Union[str, Mapping[str, Any]]
"""A JSON document: its text, or the parsed object."""


class SelfcheckError(Exception):
    """A refusal by selfcheck: a stable ``code`` (``"malformed"``, ``"wrong-passphrase"``, …),
    its ``kind`` (``"not-a-result"``, ``"malformed"``, ``"invalid"`` or ``"other"``), the
    message in Chinese and English, and each field's problem with its path."""

    def __init__(self, error: Dict[str, Any]) -> None:
        self.code: str = error["code"]
        self.kind: str = error["class"]
        self.messages: Dict[str, str] = error["message"]
        self.problems: List[Dict[str, Any]] = error["problems"]
        super().__init__(self.messages["en"])

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.messages["en" if lang.startswith("en") else "zh"]


def call(function: str, arguments: str) -> str:
    """Calls the JSON surface directly: ``arguments`` and the answer are JSON text, exactly as
    the Node and C bindings pass them. Raises :class:`SelfcheckError` on a refusal."""
    ok, answer = _native.call(function, arguments)
    if not ok:
        raise SelfcheckError(_json.loads(answer))
    return answer


def _call(function: str, **arguments: Any) -> Any:
    given = {key: value for key, value in arguments.items() if value is not None}
    return _json.loads(call(function, _json.dumps(given, ensure_ascii=False)))


def _now() -> str:
    return _datetime.now(_timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def catalogue(version: Optional[str] = None) -> Dict[str, Any]:
    """The built-in catalogue (the current version, or ``version``)."""
    return _call("catalogue", version=version)


def template(catalogue: Optional[Document] = None, lang: str = "zh") -> Dict[str, Any]:
    """A blank answers document with every criterion's title and allowed values as hints."""
    return _call("template", catalogue=catalogue, lang=lang)


def score(answers: Document, catalogue: Optional[Document] = None) -> Dict[str, Any]:
    """The report (``selfcheck-report/1``) of an answers document."""
    return _call("score", answers=answers, catalogue=catalogue)


def sign(
    answers: Document,
    key: str,
    passphrase: str,
    *,
    time: Optional[str] = None,
    random: Optional[bytes] = None,
    catalogue: Optional[Document] = None,
) -> Dict[str, Any]:
    """Scores and signs ``answers`` with the association's encrypted key file (PEM text):
    the signed result. ``time`` (RFC 3339, default now) and ``random`` (16 bytes, default from
    the operating system) make the result reproducible in tests."""
    random = _os.urandom(16) if random is None else random
    if len(random) != 16:
        raise ValueError("random must be 16 bytes")
    return _call(
        "sign",
        answers=answers,
        key=key,
        passphrase=passphrase,
        time=time or _now(),
        random=random.hex(),
        catalogue=catalogue,
    )


def verify(
    result: Document,
    *,
    register: Optional[str] = None,
    catalogues: Optional[Iterable[Document]] = None,
    now: Optional[str] = None,
) -> Dict[str, Any]:
    """Verifies a signed result and returns the verdict: ``valid``, ``class``, ``error``,
    ``key_status`` (with a ``register``: the text of the bureau's key register), ``warnings``
    and, when valid, what the ``result`` says. An invalid result is a verdict, not an error;
    without a register, a valid signature proves only who holds the key, not who that is."""
    return _call(
        "verify",
        result=result,
        register=register,
        catalogues=None if catalogues is None else list(catalogues),
        now=now or _now(),
    )


def verify_all(
    results: Iterable[Document],
    *,
    register: Optional[str] = None,
    catalogues: Optional[Iterable[Document]] = None,
    now: Optional[str] = None,
) -> List[Dict[str, Any]]:
    """Verifies many results against one register and clock: a verdict each, in order."""
    catalogues = None if catalogues is None else list(catalogues)
    now = now or _now()
    return [verify(result, register=register, catalogues=catalogues, now=now) for result in results]


ReceivedFile = Union[Document, Mapping[str, Any]]
"""A received file: its content (text or parsed), or ``{"name": ..., "content": ...}``."""


def summary(
    results: Iterable[ReceivedFile],
    *,
    register: Optional[str] = None,
    expected: Optional[str] = None,
    reviews: Optional[Document] = None,
    deadline: Optional[int] = None,
    months: Optional[str] = None,
    month: Optional[str] = None,
    longest_period: Optional[int] = None,
    catalogues: Optional[Iterable[Document]] = None,
    lang: str = "zh",
    now: Optional[str] = None,
) -> Dict[str, Any]:
    """The bureau's analysis of a set of received files (``selfcheck-analysis/2``, the same
    document as ``selfcheck summary --format json``): a verdict per file, the association ×
    month ``matrix``, the monthly figures, the ``ranking``, the province's figures and the
    ``anomalies``. ``register`` is the key register's text, ``expected`` the list of
    associations expected to report (CSV/TSV text), ``deadline`` the day (1–28) of the next
    month a month's result is due, ``months`` ``"YYYY-MM..YYYY-MM"``, ``month`` the month of
    the ranking; messages are in ``lang``."""
    return _call(
        "summary",
        results=list(results),
        register=register,
        expected=expected,
        reviews=reviews,
        deadline=deadline,
        months=months,
        month=month,
        longest_period=longest_period,
        catalogues=None if catalogues is None else list(catalogues),
        lang=lang,
        now=now or _now(),
    )


def summary_of_folder(folder: Union[str, "_os.PathLike[str]"], **options: Any) -> Dict[str, Any]:
    """:func:`summary` of every file in ``folder`` and its subfolders, as ``selfcheck summary
    FOLDER`` reads them (a file that is not a result gets that verdict), each named by its path
    relative to ``folder``; symbolic links are not followed."""
    root = _pathlib.Path(folder)
    files = []
    for directory, subfolders, names in _os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            path = _pathlib.Path(directory) / name
            if path.is_file() and not path.is_symlink():
                content = path.read_bytes().decode("utf-8", errors="replace")
                files.append({"name": str(path.relative_to(root)), "content": content})
    return summary(sorted(files, key=lambda file: file["name"]), **options)
