"""JSON read without guessing: no repeated keys, the expected shape, text where text is due.

``json.loads`` keeps the last of two equal keys (``{"threads": [...], "threads": []}`` would lose
every thread), reads ``NaN`` and ``Infinity``, and any document is a value, ``null`` too. Here a
repeated key is a problem naming the line where its object opens, ``NaN`` is no number, a
document of the wrong shape is refused, and :func:`cell_from_json` takes from a value only what
the field can hold (JSON ``true`` is no text). Numbers with a fraction or an exponent are read
exactly, as :class:`~decimal.Decimal` (``30000.0000000000001`` is not 30,000), and whole
numbers of any length without Python's limit on the digits it reads.
"""

from __future__ import annotations

import collections
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from json.decoder import JSONObject  # type: ignore[attr-defined]
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from typing import Any, Literal

from jetrules.errors import WrongType
from jetrules.records._problems import Problems, noun_for

__all__ = ["cell_from_json", "json_kind", "json_object", "parse_json"]


class _RepeatedKey(ValueError):
    """An object gives a key twice: the fast reading stops, the slow one finds where."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _RepeatedKey
    return result


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")


def _whole(text: str) -> int | Decimal:
    """A JSON whole number: an int, or a Decimal when too long for Python to read as one."""
    return int(text) if len(text) <= 40 else Decimal(text)


_NUMBERS: dict[str, Any] = {"parse_float": Decimal, "parse_int": _whole}
"""How every JSON number is read: exactly."""


class _Locating(json.JSONDecoder):
    """A slow decoder that records, with its line, every object that repeats a key."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(parse_constant=_no_constant, **_NUMBERS)
        self.problems = problems
        self.parse_object = self._object
        self.scan_once = py_make_scanner(self)

    def _object(  # noqa: PLR0917 (the signature json.decoder.JSONObject has)
        self,
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: Any,
        object_hook: Any,
        object_pairs_hook: Any,
        memo: dict[str, str] | None = None,
    ) -> tuple[dict[str, Any], int]:
        text, end = s_and_end
        line = text.count("\n", 0, end) + 1

        def check(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            counts = collections.Counter(key for key, _ in pairs)
            for key, count in counts.items():
                if count > 1:
                    self.problems.add(
                        f"line {line}",
                        f"the object that opens here gives the key {json.dumps(key)} "
                        f"{count} times; give each key once",
                    )
            return dict(pairs)

        result: tuple[dict[str, Any], int] = JSONObject(
            s_and_end, strict, scan_once, None, check, memo
        )
        return result


def json_kind(value: object) -> str:
    """What a JSON value is, in words, for a message.

    >>> json_kind(None), json_kind(True), json_kind(3), json_kind("x"), json_kind([]), json_kind({})
    ('null', 'true', 'a number', 'text', 'a list', 'an object')
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def parse_json(
    text: str,
    problems: Problems,
    *,
    expect: type[list[Any]] | type[dict[str, Any]] | None = None,
    what: str = "",
) -> Any:
    """The JSON document in *text*, or ``None`` with its problems recorded in *problems*.

    A key given twice in one object is a problem at the line where the object opens (every such
    object is listed). With *expect* (``list`` or ``dict``), a document of another shape is a
    problem of ``the file``: it must be *what* (such as ``'a JSON list of receipt objects'``).
    Lines are numbered the same whether they end in LF, CRLF or CR alone.
    """
    # A raw CR can only stand between tokens (in a string it is an error either way), so reading
    # it as a line break changes no document and numbers the lines of a CR-only file right.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        document = json.loads(
            text, object_pairs_hook=_unique, parse_constant=_no_constant, **_NUMBERS
        )
    except _RepeatedKey:
        return _locate_repeated_keys(text, problems)
    except json.JSONDecodeError as error:
        problems.add(f"line {error.lineno}", f"not valid JSON: {error.msg}")
    except RecursionError:
        problems.add("the file", "not valid JSON here: nested too deeply")
    except ValueError as error:  # a whole number longer than Python reads by default, NaN
        problems.add("the file", f"not valid JSON here: {error}")
    else:
        if expect is None or isinstance(document, expect):
            return document
        problems.add(
            "the file", f"must be {what or 'a JSON ' + expect.__name__} (got {json_kind(document)})"
        )
    return None


def _locate_repeated_keys(text: str, problems: Problems) -> None:
    try:
        _Locating(problems).decode(text)
    except json.JSONDecodeError as error:  # a key given twice, and later bad JSON too
        problems.add(f"line {error.lineno}", f"not valid JSON: {error.msg}")
    except RecursionError:
        problems.add("the file", "not valid JSON here: nested too deeply")


def json_object(
    value: object,
    position: str,
    problems: Problems,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
) -> Mapping[str, Any] | None:
    """*value* as an object with every *required* key and no key but those and *optional*.

    Returns ``None``, with the problems recorded at *position*, when it is no object, lacks a
    required key or has an unknown one.
    """
    allowed = (*required, *optional)
    if not isinstance(value, dict):
        problems.add(
            position, f"must be a JSON object with {', '.join(required)} (got {json_kind(value)})"
        )
        return None
    missing = [key for key in required if key not in value]
    unknown = [key for key in value if key not in allowed]
    if missing:
        problems.add(position, f"missing {noun_for('key', missing)}: {', '.join(missing)}")
    if unknown:
        problems.add(
            position,
            f"unknown {noun_for('key', unknown)}: {', '.join(unknown)}; "
            f"expected {', '.join(allowed)}",
        )
    return None if missing or unknown else value


def _written(value: object) -> str:
    """*value* as JSON, for a message (a number as written; in a list or object, as a float)."""
    if isinstance(value, Decimal):
        text = str(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=float)
    return text if len(text) <= 40 else text[:39] + "…"


def cell_from_json(
    value: object, field: str, *, kind: Literal["text", "number", "flag"] = "text"
) -> str:
    """The text a CSV cell would hold for the JSON *value* of *field*, read by the vocabulary.

    ``text`` fields (ids, names, dates, words) take JSON text only; ``number`` fields take a
    number, as the text it was written as (a whole one as its digits: ``10000.0`` is
    ``10000``), or text; ``flag`` fields take ``true``/``false`` or text (``"yes"``, ``"はい"``).
    Anything else is refused with :class:`~jetrules.errors.WrongType`, the value shown as JSON.

    >>> cell_from_json(10000, "amount", kind="number"), cell_from_json(True, "insured", kind="flag")
    ('10000', 'true')
    >>> cell_from_json(Decimal("149.50"), "jpy_per_unit", kind="number")
    '149.50'
    >>> cell_from_json(True, "participant")
    Traceback (most recent call last):
    ...
    jetrules.errors.WrongType: 'participant' must be text (got true)
    """
    if isinstance(value, str):
        return value
    if kind == "flag" and isinstance(value, bool):
        return "true" if value else "false"
    if kind == "number" and not isinstance(value, bool):
        if isinstance(value, int):
            return str(value)
        if isinstance(value, Decimal):  # the vocabulary reads it as the text it was written as
            whole = value == value.to_integral_value() and value.adjusted() < 40
            return str(int(value)) if whole else str(value)
    rule = {
        "text": "must be text",
        "number": "must be a number or text",
        "flag": "must be true, false or text such as yes or no",
    }[kind]
    raise WrongType(
        f"{field!r} {rule} (got {_written(value)})", field=field, rule=rule, value=value
    )
