"""Score, sign and verify self-assessments of Guangdong's industry self-discipline and
integrity campaign (广东省行业自律与诚信创建活动), with the same core as the ``selfcheck``
command line and the web widget.

Every function takes and returns plain Python objects (dicts, lists, strings). Documents may be
given as dicts, as their JSON text, or as the file's bytes as received (``bytes``, ``bytearray``
or ``memoryview``): bytes are read by the core exactly as ``selfcheck`` reads a file (a
byte-order mark dropped; GBK, UTF-16 and files of other programs named), never decoded lossily
here. A refusal raises :class:`SelfcheckError`, whose ``code``, ``messages`` and ``problems``
are the same in every language binding; no input raises anything else.

Example::

    import selfcheck
    with open("result.json", encoding="utf-8") as file, open("keys.txt", encoding="utf-8") as keys:
        verdict = selfcheck.verify(file.read(), register=keys.read())
    print(verdict["valid"], verdict["result"]["report"]["score"] if verdict["valid"] else verdict["error"]["message"]["zh"])
"""

from __future__ import annotations

import base64 as _base64
import json as _json
import os as _os
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

Document = Union[str, bytes, bytearray, memoryview, Mapping[str, Any]]
"""A JSON document: its text, the parsed object, or the file's bytes as received."""


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


def _wire(value: Any) -> Any:
    """Bytes as the JSON surface takes them, ``{"base64": …}``; anything else as it is."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"base64": _base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _json_default(value: Any) -> Any:
    # What JSON cannot hold inside a document: bytes as bytes, anything else as its text, which
    # the core then refuses by the field it is in.
    wired = _wire(value)
    return wired if wired is not value else str(value)


def _arguments(given: Mapping[str, Any]) -> str:
    present = {key: value for key, value in given.items() if value is not None}
    try:
        return _json.dumps(present, ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError, RecursionError):
        # A structure JSON cannot write (a cycle): the core refuses the call as bad arguments.
        return "null"


def _call(function: str, **arguments: Any) -> Any:
    return _json.loads(call(function, _arguments(arguments)))


def _now() -> str:
    return _datetime.now(_timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def catalogue(version: Optional[str] = None) -> Dict[str, Any]:
    """The built-in catalogue (the current version, or ``version``)."""
    return _call("catalogue", version=version)


def template(catalogue: Optional[Document] = None, lang: str = "zh") -> Dict[str, Any]:
    """A blank answers document with every criterion's title and allowed values as hints."""
    return _call("template", catalogue=_wire(catalogue), lang=lang)


def score(answers: Document, catalogue: Optional[Document] = None) -> Dict[str, Any]:
    """The report (``selfcheck-report/1``) of an answers document."""
    return _call("score", answers=_wire(answers), catalogue=_wire(catalogue))


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
    the operating system; another length is refused as bad arguments) make the result
    reproducible in tests."""
    random = _os.urandom(16) if random is None else random
    hex_digits = bytes(random).hex() if isinstance(random, (bytes, bytearray, memoryview)) else str(random)
    return _call(
        "sign",
        answers=_wire(answers),
        key=key,
        passphrase=passphrase,
        time=time or _now(),
        random=hex_digits,
        catalogue=_wire(catalogue),
    )


def verify(
    result: Document,
    *,
    register: Optional[Union[str, bytes]] = None,
    catalogues: Optional[Iterable[Document]] = None,
    now: Optional[str] = None,
) -> Dict[str, Any]:
    """Verifies a signed result (its text, the parsed object, or the file's bytes as received)
    and returns the verdict: ``valid``, ``class``, ``error``, ``key_status`` (with a
    ``register``: the bureau's key register, text or bytes), ``warnings`` and, when valid, what
    the ``result`` says. An invalid result, or a file that is not one, is a verdict, not an
    error; without a register, a valid signature proves only who holds the key, not who that
    is."""
    return _call(
        "verify",
        result=_wire(result),
        register=_wire(register),
        catalogues=None if catalogues is None else [_wire(catalogue) for catalogue in catalogues],
        now=now or _now(),
    )


def verify_all(
    results: Iterable[Document],
    *,
    register: Optional[Union[str, bytes]] = None,
    catalogues: Optional[Iterable[Document]] = None,
    now: Optional[str] = None,
) -> List[Dict[str, Any]]:
    """Verifies many results against one register and clock: a verdict each, in order."""
    catalogues = None if catalogues is None else list(catalogues)
    now = now or _now()
    return [verify(result, register=register, catalogues=catalogues, now=now) for result in results]


ReceivedFile = Union[Document, Mapping[str, Any]]
"""A received file: its content (text, parsed or bytes), or ``{"name": ..., "content": ...}``."""


def _received(file: Any) -> Any:
    if isinstance(file, Mapping) and "content" in file and "format" not in file:
        return {**file, "content": _wire(file["content"])}
    return _wire(file)


def _summary_options(
    *,
    register: Any = None,
    expected: Any = None,
    reviews: Any = None,
    deadline: Any = None,
    months: Any = None,
    month: Any = None,
    longest_period: Any = None,
    catalogues: Any = None,
    lang: str = "zh",
    now: Optional[str] = None,
) -> Dict[str, Any]:
    """The options of :func:`summary` as the JSON surface takes them (bytes as ``{"base64"}``)."""
    return {
        "register": _wire(register),
        "expected": _wire(expected),
        "reviews": _wire(reviews),
        "deadline": deadline,
        "months": months,
        "month": month,
        "longest_period": longest_period,
        "catalogues": None if catalogues is None else [_wire(catalogue) for catalogue in catalogues],
        "lang": lang,
        "now": now or _now(),
    }


def summary(
    results: Iterable[ReceivedFile],
    *,
    register: Optional[Union[str, bytes]] = None,
    expected: Optional[Union[str, bytes]] = None,
    reviews: Optional[Document] = None,
    deadline: Optional[int] = None,
    months: Optional[str] = None,
    month: Optional[str] = None,
    longest_period: Optional[int] = None,
    catalogues: Optional[Iterable[Document]] = None,
    lang: str = "zh",
    now: Optional[str] = None,
) -> Dict[str, Any]:
    """The bureau's analysis of a set of received files (``selfcheck-analysis/3``, the same
    document as ``selfcheck summary --format json``): a verdict per file, the association ×
    month ``matrix``, the monthly figures, the ``ranking``, the province's figures and the
    ``anomalies``. ``register`` is the key register, ``expected`` the list of associations
    expected to report (CSV/TSV, text or bytes: Excel's UTF-16 "Unicode text" as bytes),
    ``deadline`` the day (1–28) of the next month a month's result is due, ``months``
    ``"YYYY-MM..YYYY-MM"``, ``month`` the month of the ranking; messages are in ``lang``."""
    options = _summary_options(
        register=register, expected=expected, reviews=reviews, deadline=deadline, months=months, month=month,
        longest_period=longest_period, catalogues=catalogues, lang=lang, now=now,
    )
    return _call("summary", results=[_received(file) for file in results], **options)


def summary_of_folder(
    folder: Union[str, bytes, "_os.PathLike[str]", "_os.PathLike[bytes]"], **options: Any
) -> Dict[str, Any]:
    """:func:`summary` of every file under ``folder``, read by the command line's own reader as
    ``selfcheck summary FOLDER`` reads it: each file once, as bytes, links never followed, each
    named by its path from ``folder`` as given; every entry not read (a pipe, a link, a file
    that cannot be read) is listed under ``not_read`` with why, in ``lang``. ``options`` are
    :func:`summary`'s (``register``, ``expected``, ``deadline``, …)."""
    options = _summary_options(**options)
    if not isinstance(folder, (str, bytes, _os.PathLike)):
        # Not a path at all: named by its text, which the reader then says it cannot find.
        folder = str(folder)
    ok, answer = _native.summary_of_folder(folder, _arguments(options))
    if not ok:
        raise SelfcheckError(_json.loads(answer))
    return _json.loads(answer)
