"""Reading Web Mail Counselling threads from JSON (the format is in ``docs/threads.md``).

A file is an object with a ``"threads"`` list and no other key; each thread has an ``id``, a
``participant``, an optional ``language`` (``"en"`` by default) and ``continues``, and its
``messages``, each with ``from`` (``"participant"`` or ``"counsellor"``), ``at`` (ISO 8601 with
an offset) and ``text``. The JSON is read without guessing (:mod:`jetrules.records._json`): a key
given twice, a document of another shape and JSON that is not text where text is due are
refused. Ids and names are read as the vocabulary reads text (``docs/files.md``: no control or
invisible characters), ``language`` and ``from`` as words (case and width folded), ``at`` as an
instant, which must fall within the business calendar.

Every malformed thread is reported with its position (``thread 3``, ``thread 3, message 2``),
the field as the file names it and the value as it is written there, and so is every duplicate
ID, every ``continues`` the model would refuse and every second thread continuing the same
thread, among the threads that could be read, in the same run. A thread is held to the terms of
its inquiry's fiscal year (under the caller's ``policy`` and ``assume``); one in a year whose
terms are missing or partial is reported too, saying what is missing. A ``continues`` naming a
thread that is not in the file is accepted unchecked: the thread it continues may be in another
file.

>>> import io
>>> read_threads(io.StringIO('{"threads": [{"id": "T1", "participant": "p", "messages": []}]}'))
Traceback (most recent call last):
...
jetrules.errors.InvalidRecords: <input>: 1 problem
<input>: thread 1: 'messages' must start with the participant's inquiry (got [])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO, TypeVar

from jetrules._kernel.fiscal import to_fiscal_year
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import InvalidInput, JetRulesError
from jetrules.records._json import cell_from_json, json_kind, json_object
from jetrules.records._source import MAX_INPUT_BYTES
from jetrules.records._tabular import Problems, parse_json, read_text
from jetrules.records._vocabulary import to_moment, to_name, to_word
from jetrules.records._words import LANGUAGE_WORDS
from jetrules.threads import Author, Message, Thread, WebMailTerms, terms_for

if TYPE_CHECKING:
    import pendulum

    from jetrules._kernel.policy import Policy

__all__ = ["FROM_WORDS", "read_threads"]

T = TypeVar("T")

_FILE_KEYS = ("threads",)
_THREAD_REQUIRED = ("id", "participant", "messages")
_THREAD_OPTIONAL = ("language", "continues")
_MESSAGE_KEYS = ("from", "at", "text")

FROM_WORDS: Mapping[str, str] = MappingProxyType(
    {"participant": "participant", "counsellor": "counsellor", "counselor": "counsellor"}
)
"""Folded word -> who wrote a message, ``participant`` or ``counsellor`` (the ``from`` key)."""


def read_threads(
    source: str | Path | TextIO,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
    encoding: str = "utf-8",
    max_bytes: int = MAX_INPUT_BYTES,
) -> tuple[Thread, ...]:
    """Read every thread in the JSON file *source*, in file order.

    Each thread is held to the terms of the fiscal year of its inquiry, under *policy* (a
    caller's editions over the published ones) and *assume* (a year whose published terms to
    assume for what a year does not publish), as :func:`jetrules.threads.terms_for` takes them,
    and counts reply deadlines in the business days of *calendar* (``SERVICE_CALENDAR`` by
    default). A file is decoded with *encoding* and refused beyond *max_bytes*, as every reader
    does (``docs/files.md``).

    Raises:
        InvalidRecords: listing every malformed thread and message; nothing is returned then.
    """
    held = _Terms(
        policy=policy,
        assume=None if assume is None else to_fiscal_year(assume, "assume"),
        calendar=BusinessCalendar.check(calendar),
    )
    name, text = read_text(source, encoding=encoding, max_bytes=max_bytes)
    problems = Problems(name)
    threads: list[tuple[int, Thread]] = []
    for number, entry in enumerate(_entries(text, problems), start=1):
        thread = _thread(entry, f"thread {number}", problems, held)
        if thread is not None:
            threads.append((number, thread))
    _check_links(threads, problems)
    problems.raise_if_any()
    return tuple(thread for _, thread in threads)


class _Terms(NamedTuple):
    """What every thread of a file is held to: the caller's policy, assumption and calendar."""

    policy: Policy | None
    assume: FiscalYear | None
    calendar: BusinessCalendar


class _Read(NamedTuple):
    """A message as read, with its ``at`` as the file writes it (for messages about it)."""

    message: Message
    at: str


def _entries(text: str, problems: Problems) -> list[Any]:
    r"""The thread entries of the document: its ``"threads"`` list, or none with the problem.

    Line breaks are made ``\n`` first, so that problems name the right line in a file with old
    Mac (``\r``) line endings: outside JSON text they are blanks, and JSON text holds none raw
    (a message's own line breaks are written ``\r`` or ``\n`` there, and kept).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    document = parse_json(lines, problems, expect=dict, what='a JSON object with a "threads" list')
    if document is None:
        return []
    json_object(document, "the file", problems, required=_FILE_KEYS)
    entries = document.get("threads", [])
    if not isinstance(entries, list):
        problems.add(
            "the file", f"'threads' must be a list of thread objects (got {json_kind(entries)})"
        )
        return []
    return entries


def _value(
    problems: Problems,
    position: str,
    fields: Mapping[str, Any],
    field: str,
    converter: Callable[[object, str], T],
) -> T | None:
    """``converter(fields[field], field)``, or ``None`` with the problem recorded."""
    try:
        return converter(fields[field], field)
    except InvalidInput as error:
        problems.add(position, str(error))
    return None


def _name(value: object, field: str) -> str:
    return to_name(cell_from_json(value, field), field)


def _language(value: object, field: str) -> str:
    return "en" if value is None else to_word(cell_from_json(value, field), field, LANGUAGE_WORDS)


def _continues(value: object, field: str) -> str | None:
    return None if value is None else _name(value, field)


def _author(value: object, field: str) -> Author:
    return Author(to_word(cell_from_json(value, field), field, FROM_WORDS))


def _instant(value: object, field: str) -> tuple[pendulum.DateTime, str]:
    raw = cell_from_json(value, field)
    return to_moment(raw, field), raw


def _text(value: object, field: str) -> str:
    return cell_from_json(value, field)


def _as_typed(error: JetRulesError, at: str) -> JetRulesError:
    """*error*, showing the value of ``at`` as the file writes it when it is about ``at``."""
    if isinstance(error, InvalidInput) and error.field == "at" and error.rule is not None:
        return type(error).for_field("at", error.rule, at)
    return error


def _message(entry: object, position: str, problems: Problems) -> _Read | None:
    """The message of *entry*, or ``None`` with every problem of its keys and values recorded."""
    known = json_object(entry, position, problems, required=_MESSAGE_KEYS)
    if not isinstance(entry, dict):
        return None
    author = _value(problems, position, entry, "from", _author) if "from" in entry else None
    at = _value(problems, position, entry, "at", _instant) if "at" in entry else None
    text = _value(problems, position, entry, "text", _text) if "text" in entry else None
    if known is None or author is None or at is None or text is None:
        return None
    try:
        return _Read(Message(author=author, at=at[0], text=text), at[1])
    except JetRulesError as error:
        problems.add(position, str(_as_typed(error, at[1])))
    return None


def _messages(value: object, position: str, problems: Problems) -> tuple[_Read, ...] | None:
    """The messages of a thread's ``messages`` value, or ``None`` with every problem recorded."""
    if not isinstance(value, list):
        problems.add(
            position, f"'messages' must be a list of message objects (got {json_kind(value)})"
        )
        return None
    read = [
        _message(raw, f"{position}, message {number}", problems)
        for number, raw in enumerate(value, start=1)
    ]
    if not read:
        problems.add(position, "'messages' must start with the participant's inquiry (got [])")
        return None
    checked = tuple(message for message in read if message is not None)
    return checked if len(checked) == len(read) else None


def _terms(reads: tuple[_Read, ...], position: str, problems: Problems, held: _Terms) -> bool:
    """Whether the messages keep the terms of the inquiry's year; each problem recorded."""
    try:
        terms: WebMailTerms = terms_for(
            FiscalYear.of(reads[0].message.at.date()), policy=held.policy, assume=held.assume
        )
    except JetRulesError as error:
        problems.add(position, str(error))
        return False
    messages = tuple(read.message for read in reads)
    for count, read in enumerate(reads):
        try:
            read.message.check_after(messages[:count], terms, calendar=held.calendar)
        except JetRulesError as error:
            problems.add(f"{position}, message {count + 1}", str(_as_typed(error, read.at)))
            return False
    return True


def _thread(entry: object, position: str, problems: Problems, held: _Terms) -> Thread | None:
    """The thread of *entry*, or ``None`` with every problem of its keys and values recorded.

    Every key the entry has is read, even when another is missing or unknown, so that one run
    lists every problem.
    """
    found = problems.of_record()  # the thread's own problems decide whether rules apply
    try:
        fields = _fields(entry, position, found)
        if fields is None or found or not _terms(fields.messages, position, found, held):
            return None
        return Thread(
            id=fields.id,
            participant=fields.participant,
            language=fields.language,
            continues=fields.continues,
            messages=[read.message for read in fields.messages],
            policy=held.policy,
            assume=held.assume,
            calendar=held.calendar,
        )
    except JetRulesError as error:
        found.add(position, str(error))
        return None
    finally:
        problems.extend(found)


class _Fields(NamedTuple):
    """The values of a thread's keys, each read and checked on its own."""

    id: str
    participant: str
    language: str
    continues: str | None
    messages: tuple[_Read, ...]


def _fields(entry: object, position: str, problems: Problems) -> _Fields | None:
    known = json_object(
        entry, position, problems, required=_THREAD_REQUIRED, optional=_THREAD_OPTIONAL
    )
    if not isinstance(entry, dict):
        return None
    fields = {"language": None, "continues": None, **entry}
    ident = _value(problems, position, fields, "id", _name) if "id" in entry else None
    who = (
        _value(problems, position, fields, "participant", _name) if "participant" in entry else None
    )
    language = _value(problems, position, fields, "language", _language)
    continues = _value(problems, position, fields, "continues", _continues)
    reads = _messages(entry["messages"], position, problems) if "messages" in entry else None
    if known is None or ident is None or who is None or language is None or reads is None:
        return None
    return _Fields(ident, who, language, continues, reads)


def _check_links(threads: list[tuple[int, Thread]], problems: Problems) -> None:
    """Report duplicate IDs and refused continuations; *threads* pairs file positions and threads.

    A ``continues`` naming a thread not in the file (or one that could not be read) is not
    checked; with duplicate IDs, it names the first thread with that ID. A thread is continued
    by as many threads as its terms' ``continuations_per_thread`` (one: our reading of the
    source's "create a new thread and continue the topic" is a chain); a thread past that is
    refused (the first in file order stand).
    """
    first: dict[str, tuple[int, Thread]] = {}
    for number, thread in threads:
        if thread.id in first:
            problems.add(
                f"thread {number}",
                f"'id' must be unique in the file (got {thread.id!r}, "
                f"also thread {first[thread.id][0]})",
            )
        first.setdefault(thread.id, (number, thread))
    continued_by: dict[str, list[tuple[int, Thread]]] = {}
    for number, thread in threads:
        if thread.continues is None or thread.continues not in first:
            continue
        earlier_number, earlier = first[thread.continues]
        taken = continued_by.setdefault(thread.continues, [])
        reason = earlier.continuation_refusal(
            participant=thread.participant,
            language=thread.language,
            at=thread.opened_at,
            continued_by=[other.id for _, other in taken],
        )
        if reason is None:
            taken.append((number, thread))
        elif reason.code == "CONTINUE_TAKEN":
            which = ", ".join(str(other) for other, _ in taken)
            verb = (
                "threads {} already continue" if len(taken) > 1 else "thread {} already continues"
            )
            problems.add(
                f"thread {number}",
                f"'continues' names {thread.continues!r} (thread {earlier_number}), which "
                f"{verb.format(which)}: {reason.render('en')}",
            )
        else:
            problems.add(
                f"thread {number}",
                f"'continues' names {thread.continues!r} (thread {earlier_number}), which it "
                f"may not continue: {reason.render('en')}",
            )
