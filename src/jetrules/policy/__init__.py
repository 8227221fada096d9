"""Policy files: a year's terms as data, read, checked and laid over the bundled editions.

Each service's parameters live in editions keyed by fiscal year, in TOML files shipped in this
package (``subsidy.toml``, ``webmail.toml``, ``booking.toml``, with the sources they cite in
``sources.toml``). A programme officer can write next year's terms, or a what-if, in a file of the
same form: :func:`load` reads it into a :class:`Policy`, checked with every service's parameters
and terms (every problem listed, with the file, the edition and the key), and every function that
applies terms takes it as ``policy=``. :func:`check` lists the problems of a file without raising;
``jetrules policy check FILE`` prints them.

A file holds editions of any services (``[[subsidy]]``, ``[[webmail]]``, ``[[booking]]``), each
with its ``fiscal_year`` and the parameters it gives, each citing a source (the bundled ones, or the
file's own ``[source.KEY]``) or a reading (``[reading.KEY]``). A parameter it leaves out keeps its
published value::

    [source.officer-notice]
    title = "Programme office notice of 1 March 2027"

    [[subsidy]]
    fiscal_year = 2019
    annual_cap = { value = 40000, source = "officer-notice", paraphrase = "a what-if cap" }

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "fy2026.toml"
>>> _ = path.write_text('''
... [[subsidy]]
... fiscal_year = 2026
... annual_cap = { value = 40000, source = "no-such-notice" }
... colour = { value = "blue", source = "seed-fy2019" }
... ''', encoding="utf-8")
>>> for line in check(path):
...     print(line.removeprefix(f"{path}: "))
subsidy FY2026, annual_cap: unknown source 'no-such-notice'
subsidy FY2026: unknown parameter 'colour' (known: ...)
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from typing import Protocol

import attrs

from jetrules import booking, phone, subsidy, threads
from jetrules._kernel.files import read_rules_file
from jetrules._kernel.fiscal import FiscalYear
from jetrules._kernel.policy import Policy
from jetrules._kernel.policyfile import Converter, bundled_text, parse_sources, read_editions
from jetrules._kernel.provenance import (
    EditionRecord,
    Origin,
    Parameter,
    Provenance,
    Reading,
    SourceBook,
)
from jetrules.errors import InvalidInput, InvalidRecords, NoRuleInForce, RecordProblem

__all__ = [
    "SERVICES",
    "EditionRecord",
    "Origin",
    "Parameter",
    "Policy",
    "Provenance",
    "Reading",
    "Service",
    "SourceBook",
    "bundled",
    "bundled_book",
    "check",
    "edition_count",
    "load",
]


class Service(Protocol):
    """What a service's face gives the policy files (``jetrules.subsidy`` is one).

    ``SERVICE`` is its key in policy files (``[[subsidy]]``), ``PARAMETERS`` each parameter's
    converter, ``REQUIRED`` the parameters a complete edition publishes; ``editions(policy)`` are
    the bundled editions with *policy*'s laid over them, and ``terms_for`` builds a year's terms
    from them (the attrs terms class refuses what does not hold together).
    """

    @property
    def SERVICE(self) -> str:  # noqa: N802 (a module constant)
        """The service's key in policy files."""
        ...  # pragma: no cover

    @property
    def PARAMETERS(self) -> Mapping[str, Converter]:  # noqa: N802 (a module constant)
        """Each parameter's converter: TOML value -> the value the terms hold."""
        ...  # pragma: no cover

    @property
    def REQUIRED(self) -> Sequence[str]:  # noqa: N802 (a module constant)
        """The parameters a complete edition publishes."""
        ...  # pragma: no cover

    def editions(self, policy: Policy | None = None) -> tuple[EditionRecord, ...]:
        """The bundled editions with *policy*'s laid over them."""
        ...  # pragma: no cover

    def terms_for(
        self,
        fiscal_year: FiscalYear,
        *,
        policy: Policy | None = None,
        assume: FiscalYear | None = None,
    ) -> object:
        """The terms of *fiscal_year* under *policy*."""
        ...  # pragma: no cover


SERVICES: tuple[Service, ...] = (subsidy, threads, booking, phone)
"""The services policy files hold editions of, in the order the rules page shows them."""


@functools.cache
def bundled_book() -> SourceBook:
    """Every source and reading the bundled files define (``sources.toml`` and each service's).

    A user's file may name any of them. Read once, on first use.
    """
    book = parse_sources(bundled_text("sources"), "sources.toml")
    for service in SERVICES:
        book = book.merged(parse_sources(bundled_text(service.SERVICE), f"{service.SERVICE}.toml"))
    return book


def bundled() -> Policy:
    """The policy of the bundled files alone: no supplied edition, every bundled source and reading.

    >>> bundled().supplied, bundled() == Policy()
    ((), True)
    """
    return Policy(book=bundled_book())


def load(path: str | os.PathLike[str]) -> Policy:
    """The policy in the TOML file at *path*, checked whole.

    Each edition is read with its service's ``PARAMETERS`` and then built into that service's
    terms, laid over the bundled editions, so that every rule the terms class holds is checked
    too (a claim deadline inside its own fiscal year, say). A partial edition is checked with the
    nearest complete edition's values for what it leaves out.

    Raises:
        InvalidRecords: the file is not UTF-8 TOML, is larger than 16 MiB, or has problems:
            every one is listed with the file, the edition and the key (an unknown key, a wrong
            type, a value the terms refuse, an unknown source or reading).
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    data = read_rules_file(name, "a policy file")
    try:
        text = data.decode("utf-8-sig")  # an editor on Windows may start the file with a BOM
    except UnicodeDecodeError as error:
        problem = RecordProblem(position="file", message=f"is not UTF-8 text ({error.reason})")
        raise InvalidRecords(name, [problem]) from None
    converters = {service.SERVICE: service.PARAMETERS for service in SERVICES}
    read = read_editions(text, name, converters, bundled_book())
    policy = Policy(supplied=read.editions, book=read.book, files=(name,))
    problems = [*read.problems, *_reading_problems(policy), *_terms_problems(policy)]
    if problems:
        raise InvalidRecords(name, problems)
    return policy


def check(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """Every problem of the policy file at *path*, one line each; none when it is sound.

    Each line names the file and the position (``subsidy FY2026, annual_cap``); a file that cannot
    be read is one problem.
    """
    try:
        load(path)
    except InvalidRecords as error:
        return error.lines()
    except OSError as error:
        return (f"{os.fspath(path)}: cannot be read ({error.strerror})",)
    return ()


def edition_count(policy: Policy) -> int:
    """How many editions *policy* supplies, over every service.

    >>> edition_count(Policy())
    0
    """
    return sum(len(editions) for _, editions in policy.supplied)


def _reading_problems(policy: Policy) -> list[RecordProblem]:
    """Each supplied value resting on a reading that only another service's editions rest on.

    A reading is the choice made for one service's rules (``round-down`` for the subsidy's
    rounding); a value of another service cannot rest on it. A reading no bundled edition
    rests on (the file's own) may be named by any service.
    """
    owners: dict[str, set[str]] = {}
    for service in SERVICES:
        for edition in service.editions():
            for name in edition.names():
                reading = edition.provenance(name).reading
                if reading is not None:
                    owners.setdefault(reading.key, set()).add(service.SERVICE)
    found: list[RecordProblem] = []
    for service in SERVICES:
        for edition in policy.editions(service.SERVICE):
            for name in sorted(edition.names()):
                reading = edition.provenance(name).reading
                owner = set() if reading is None else owners.get(reading.key, set())
                if reading is not None and owner and service.SERVICE not in owner:
                    found.append(
                        RecordProblem(
                            position=f"{service.SERVICE} {edition.fiscal_year}, {name}",
                            message=f"rests on the reading {reading.key!r}, which is the "
                            f"{', '.join(sorted(owner))} service's: a {service.SERVICE} value "
                            f"rests on a {service.SERVICE} reading, or on one the file defines",
                        )
                    )
    return found


def _terms_problems(policy: Policy) -> list[RecordProblem]:
    """What each supplied edition's terms class refuses, for every service."""
    found: list[RecordProblem] = []
    for service in SERVICES:
        for edition in policy.editions(service.SERVICE):
            found += _edition_problems(service, policy, edition)
    return found


def _edition_problems(
    service: Service, policy: Policy, edition: EditionRecord
) -> list[RecordProblem]:
    """Each parameter of *edition* its terms class refuses, one problem each.

    The class stops at the first value it refuses; that value is set aside (the published one, or
    none, takes its place) and the terms built again, until they build. A refusal naming no
    parameter of the edition is reported against the edition.
    """
    position = f"{service.SERVICE} {edition.fiscal_year}"
    left = set(edition.names())
    found: list[RecordProblem] = []
    while (error := _refusal(service, policy, edition.fiscal_year, left)) is not None:
        if error.field not in left:
            found.append(RecordProblem(position=position, message=str(error)))
            break
        found.append(RecordProblem(position=f"{position}, {error.field}", message=str(error)))
        left.discard(error.field)
        policy = _without(policy, service.SERVICE, edition.fiscal_year, error.field)
    return found


def _refusal(
    service: Service, policy: Policy, year: FiscalYear, given: set[str]
) -> InvalidInput | None:
    """What building *year*'s terms under *policy* raises, if anything.

    A partial edition borrows what it leaves out from a complete published edition, the nearest
    first (only published terms are assumed); a refusal that names no parameter in *given* may be
    the borrowed values' (another year's claim deadline falls inside this year), so the next
    complete edition is tried. With none left, the edition's own values are taken as sound.
    """
    try:
        service.terms_for(year, policy=policy)
    except InvalidInput as error:
        return error
    except NoRuleInForce:
        for donor in _complete_years(service, year):
            try:
                service.terms_for(year, policy=policy, assume=donor)
            except InvalidInput as error:
                if error.field in given:
                    return error
                continue
            return None
    return None


def _complete_years(service: Service, year: FiscalYear) -> list[FiscalYear]:
    """The years of complete published editions, nearest *year* first (earlier on a tie)."""
    required = set(service.REQUIRED)
    complete = [
        edition.fiscal_year
        for edition in service.editions()
        if required <= edition.names() and edition.fiscal_year != year
    ]
    return sorted(complete, key=lambda other: (abs(other.year - year.year), other.year > year.year))


def _without(policy: Policy, service: str, year: FiscalYear, name: str) -> Policy:
    """*policy* with parameter *name* of *service*'s *year* left out."""
    editions = tuple(
        attrs.evolve(edition, parameters=tuple(p for p in edition.parameters if p.name != name))
        if edition.fiscal_year == year
        else edition
        for edition in policy.editions(service)
    )
    return attrs.evolve(policy, supplied={**dict(policy.supplied), service: editions})
