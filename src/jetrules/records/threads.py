"""Reading Web Mail Counselling threads from JSON (the format is in ``docs/threads.md``).

A file is an object with a ``"threads"`` list; each thread has an ``id``, a ``participant``, an
optional ``language`` (``"en"`` by default) and ``continues``, and its ``messages``, each with
``from`` (``"participant"`` or ``"counsellor"``), ``at`` (ISO 8601 with an offset) and ``text``.
Every malformed thread is reported with its position (``thread 3``, ``thread 3, message 2``),
and so is every duplicate ID, every ``continues`` the model would refuse and every second thread
continuing the same thread, among the threads that could be read, in the same run. A thread is
held to the terms of its inquiry's fiscal year (under the caller's ``policy`` and ``assume``); one
in a year whose terms are missing or partial is reported too, saying what is missing.
A ``continues`` naming a thread that is not in the file is accepted unchecked: the thread it
continues may be in another file.

>>> import io
>>> read_threads(io.StringIO('{"threads": [{"id": "T1", "participant": "p", "messages": []}]}'))
Traceback (most recent call last):
...
jetrules.errors.InvalidRecords: <input>: 1 problem
<input>: thread 1: 'messages' must start with the participant's inquiry (got ())
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear
from jetrules.errors import JetRulesError
from jetrules.records._tabular import Problems, parse_json, read_text
from jetrules.threads import Message, Thread, terms_for

if TYPE_CHECKING:
    from jetrules._kernel.policy import Policy

__all__ = ["read_threads"]

_THREAD_KEYS = ("id", "participant", "language", "continues", "messages")
_THREAD_REQUIRED = ("id", "participant", "messages")
_MESSAGE_KEYS = ("from", "at", "text")


def read_threads(
    source: str | Path | TextIO,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | int | str | None = None,
    calendar: BusinessCalendar = SERVICE_CALENDAR,
) -> tuple[Thread, ...]:
    """Read every thread in the JSON file *source*, in file order.

    Each thread is held to the terms of the fiscal year of its inquiry, under *policy* (a
    caller's editions over the published ones) and *assume* (a year whose published terms to
    assume for what a year does not publish), as :func:`jetrules.threads.terms_for` takes them,
    and counts reply deadlines in the business days of *calendar* (``SERVICE_CALENDAR`` by
    default).

    Raises:
        InvalidRecords: listing every malformed thread and message; nothing is returned then.
    """
    checked = BusinessCalendar.check(calendar)
    name, text = read_text(source)
    problems = Problems(name)
    entries = _entries(text, problems)
    threads: list[tuple[int, Thread]] = []
    terms = _Terms(policy=policy, assume=assume, calendar=checked)
    for number, entry in enumerate(entries, start=1):
        thread = _thread(entry, f"thread {number}", problems, terms)
        if thread is not None:
            threads.append((number, thread))
    _check_links(threads, problems)
    problems.raise_if_any()
    return tuple(thread for _, thread in threads)


class _Terms(NamedTuple):
    """What every thread of a file is held to: the caller's policy, assumption and calendar."""

    policy: Policy | None
    assume: FiscalYear | int | str | None
    calendar: BusinessCalendar


def _entries(text: str, problems: Problems) -> list[Any]:
    document = parse_json(text, problems)
    if problems:
        return []
    entries = document.get("threads") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        problems.add("the file", 'must be a JSON object with a "threads" list')
        return []
    return entries


def _keys(
    entry: object,
    position: str,
    problems: Problems,
    *,
    allowed: tuple[str, ...],
    required: tuple[str, ...],
) -> Mapping[str, Any] | None:
    if not isinstance(entry, dict):
        problems.add(position, f"must be a JSON object with {', '.join(required)}")
        return None
    missing = [key for key in required if key not in entry]
    unknown = [key for key in entry if key not in allowed]
    if missing:
        problems.add(position, f"missing key(s): {', '.join(missing)}")
    if unknown:
        problems.add(
            position, f"unknown key(s): {', '.join(unknown)}; expected {', '.join(allowed)}"
        )
    return None if missing or unknown else entry


def _thread(  # noqa: PLR0911 (one return per way a thread can fail)
    entry: object, position: str, problems: Problems, held: _Terms
) -> Thread | None:
    fields = _keys(entry, position, problems, allowed=_THREAD_KEYS, required=_THREAD_REQUIRED)
    if fields is None:
        return None
    raw_messages = fields["messages"]
    if not isinstance(raw_messages, list):
        problems.add(position, f"'messages' must be a list (got {raw_messages!r})")
        return None
    messages = [
        _message(raw, f"{position}, message {number}", problems)
        for number, raw in enumerate(raw_messages, start=1)
    ]
    if any(message is None for message in messages):
        return None
    checked = tuple(message for message in messages if message is not None)
    if not checked:
        problems.add(position, "'messages' must start with the participant's inquiry (got ())")
        return None
    try:
        year = FiscalYear.of(checked[0].at.date())
        terms = terms_for(year, policy=held.policy, assume=held.assume)
    except JetRulesError as error:
        problems.add(position, str(error))
        return None
    for count, message in enumerate(checked):
        try:
            message.check_after(checked[:count], terms, calendar=held.calendar)
        except JetRulesError as error:
            problems.add(f"{position}, message {count + 1}", str(error))
            return None
    try:
        return Thread(
            id=fields["id"],
            participant=fields["participant"],
            language=fields.get("language", "en"),
            continues=fields.get("continues"),
            messages=checked,
            policy=held.policy,
            assume=held.assume,
            calendar=held.calendar,
        )
    except JetRulesError as error:
        problems.add(position, str(error))
    return None


def _message(entry: object, position: str, problems: Problems) -> Message | None:
    fields = _keys(entry, position, problems, allowed=_MESSAGE_KEYS, required=_MESSAGE_KEYS)
    if fields is None:
        return None
    try:
        return Message(
            author=fields["from"],
            at=fields["at"],
            text=fields["text"],
        )
    except JetRulesError as error:
        problems.add(position, str(error))
    return None


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
