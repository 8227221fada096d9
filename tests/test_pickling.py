"""Every public value and every error pickles and deep-copies to an equal value (issue 12).

Values cross process boundaries: a ``concurrent.futures.ProcessPoolExecutor`` pickles what its
workers return and raise, and so do Dask and Spark. Each public class of every face is checked
here through values made the way a caller makes them (a calendar that has answered questions, a
thread read from a file, a refused booking...), under every pickle protocol and ``copy.deepcopy``.
A test keeps the list complete: a public class added to a face without an example here fails.
"""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import enum
import importlib
import inspect
import io
import json
import multiprocessing
import pickle
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings

import jetrules
from jetrules import booking, calendar, phone, policy, records, subsidy, threads
from jetrules._kernel.lazy import LazyTuple
from jetrules.errors import (
    InvalidInput,
    InvalidRecords,
    JetRulesError,
    NoRuleInForce,
    OutOfRange,
    RecordProblem,
    Refused,
    WrongType,
)
from jetrules.money import Yen
from jetrules.text import Label, Reason, ReasonTemplate, Source

import strategies

FACES = (jetrules, calendar, subsidy, threads, booking, phone, policy, records)
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)
OFFICIAL_CSV = Path(__file__).parent / "data" / "syukujitsu.csv"
WHAT_IF = Path(__file__).parent / "data" / "webmail-what-if.toml"


# --- values as callers make them -----------------------------------------------------------------


def calendar_values() -> Iterator[object]:
    used = calendar.SERVICE_CALENDAR
    used.add_business_days("2019-12-27", 3)  # once used, it holds tables built on first use
    yield used
    yield calendar.BusinessCalendar()  # never used
    own = used.with_closures("2020-06-02").with_working_days("2020-06-06")
    own.add_business_days("2020-06-01", 5)
    yield own
    table = calendar.load_official_holidays(OFFICIAL_CSV)
    yield table
    official = calendar.BusinessCalendar(holidays=table)
    official.add_business_days("2019-04-26", 10)
    yield official
    yield calendar.HolidayTable()
    yield calendar.deadline("2019-12-27T10:00+09:00")
    yield official.deadline("2019-04-26T10:00+09:00", business_days=3)
    yield calendar.deadline("2019-12-27T10:00+09:00").pushed_by[0]
    yield from calendar.holidays_in(2019)
    yield calendar.FiscalYear(2019)
    yield calendar.FIRST_DAY
    yield calendar.LAST_DAY


def kernel_values() -> Iterator[object]:
    yield Yen(30_000)
    yield Label(en="closed", ja="終了")
    yield Source(title="CLAIR", url="https://example.org", quote="within 3 business days")
    template = ReasonTemplate("EXAMPLE", en="{n} days", ja="{n}日")
    yield template
    yield Reason(template=template, params=(("n", 3),), source=Source(title="CLAIR"))
    yield RecordProblem(position="thread 2, message 1", message="'at' must be text (got 1)")


def subsidy_values() -> Iterator[object]:
    receipts = [
        subsidy.Receipt(
            id=f"r{n}",
            participant="P-001",
            service_date=f"2019-05-{n:02}",
            amount=Yen(25_000),
            place=subsidy.Place.JAPAN,
            submitted_on="2020-04-01",
        )
        for n in range(1, 4)
    ]
    yield from receipts
    ledger = subsidy.assess(receipts)
    yield ledger
    statement = ledger.statements[0]
    yield statement
    yield from statement.decisions
    yield subsidy.terms_for(2019)
    yield subsidy.terms_for(2025, assume=2024)
    yield subsidy.assess(
        receipts[:1],
        policy=policy.Policy().supplying("subsidy", calendar.FiscalYear(2019), annual_cap=40_000),
    )
    yield subsidy.ReceiptRows(
        [("P-001", 2019, "2019-05-01", "r1", 7_001, False, True, "japan", "")]
    )


def thread_values() -> Iterator[object]:
    code = threads.ContractCode(code="s3cret", valid_from="2019-08-01", valid_to="2020-07-31")
    yield code
    pending = threads.Registration.submit(
        participant="jet-0042", code="s3cret", codes=[code], at="2019-12-20T09:00+09:00"
    )
    yield pending
    me = pending.confirm("2019-12-20T09:05+09:00")
    yield me
    thread = me.open_thread(id="T1", at="2019-12-27T10:00+09:00", text="May I ask?")
    late = thread.reply("2020-01-09T10:00+09:00", "Sorry for the wait.")
    yield thread
    yield late
    yield late.messages[0]
    yield late.late_replies()[0]
    yield late.status_at("2020-01-10T10:00+09:00")
    yield thread.status_at("2020-01-14T10:00+09:00")
    answered = me.open_thread(id="T3", at="2019-12-27T10:00+09:00", text="May I ask?")
    yield threads.report(
        [late, answered.reply("2019-12-28T10:00+09:00", "Yes.")], at="2020-01-16T12:00+09:00"
    )
    yield threads.terms_for(2019)
    yield threads.reply_deadline("2019-12-27T10:00+09:00")
    closed = calendar.SERVICE_CALENDAR.with_closures("2020-01-08")
    yield me.open_thread(id="T2", at="2019-12-27T10:00+09:00", text="Hi", calendar=closed)
    yield threads.Thread(
        id="T9",
        participant="jet-0042",
        messages=[threads.Message(author="participant", at="2024-06-03T10:00+09:00", text="Hi")],
        assume=calendar.FiscalYear(2023),
    )
    what_if = policy.Policy().supplying("webmail", calendar.FiscalYear(2019), reply_business_days=5)
    yield threads.Thread(id="T10", participant="p", messages=[late.messages[0]], policy=what_if)
    document = {
        "threads": [
            {
                "id": "R1",
                "participant": "p",
                "language": "ja",
                "messages": [
                    {"from": "participant", "at": "2019-12-27T10:00+09:00", "text": "a\rb"}
                ],
            }
        ]
    }
    yield from records.read_threads(io.StringIO(json.dumps(document)))
    official = calendar.BusinessCalendar(holidays=calendar.load_official_holidays(OFFICIAL_CSV))
    from_file = policy.load(WHAT_IF)
    yield from_file
    yield from records.read_threads(
        io.StringIO(json.dumps(document)), policy=from_file, calendar=official
    )


def booking_values() -> Iterator[object]:
    sign_up = booking.SignUp(
        participant="P-01",
        requested_at="2020-06-01T10:00+09:00",
        preferred_times=["2020-06-10T18:00+09:00", "2020-06-11T18:00+09:00"],
        minutes=40,
        language="en",
    )
    yield sign_up
    appointment = sign_up.confirm("2020-06-10T18:00+09:00", id="A-1")
    yield appointment
    moved = appointment.reschedule("2020-06-17T18:00+09:00", contacted_at="2020-06-05T10:00+09:00")
    yield moved
    yield moved.reschedules[0]
    yield moved.complete()
    yield appointment.cancel(contacted_at="2020-06-09T10:00+09:00")
    yield appointment.miss()
    ledger = booking.ledger_of([moved.complete()])
    yield ledger
    yield ledger.usage("P-01", calendar.FiscalYear(2020))
    yield booking.terms_for(2020)
    yield booking.terms_for(2024, assume=2023)
    own = calendar.SERVICE_CALENDAR.with_closures("2020-06-02")
    yield booking.SignUp(
        participant="P-02",
        requested_at="2020-06-01T10:00+09:00",
        preferred_times=["2020-06-12T18:00+09:00"],
        minutes=20,
        language="ja",
        calendar=own,
        assume=2020,
    )


def phone_values() -> Iterator[object]:
    schedule = phone.terms_for(2020)
    yield schedule
    yield from phone.sessions_in(2020)[:3]
    yield phone.terms_for(2021, assume=2020)
    yield from phone.sessions_in(2021, assume=2020)[:1]
    yield phone.Hours(start=dt.time(17, 30), end=dt.time(21))
    yield phone.MonthlyDay(week=phone.Week.THIRD, weekday=phone.Weekday.WEDNESDAY)
    yield phone.WeeklyRun(weekday=phone.Weekday.MONDAY, first="2020-05-04", last="2020-05-25")


def participant_values() -> Iterator[object]:
    member = subsidy.Participant(
        participant="P-1",
        appointed_from="2020-08-01",
        appointed_to="2022-07-31",
        organisation="Saga",
        documents=["application_form"],
    )
    yield member
    yield member.term
    yield member.documents
    yield subsidy.Participants([member])
    ledger = subsidy.assess(
        [subsidy.Receipt(id="r1", participant="P-1", service_date="2021-05-10", amount=8_000)]
    )
    view = subsidy.by_organisation(ledger, [member])
    yield view
    yield view[0]
    yield view[0].claims[0]
    yield subsidy.to_yen_at("100.00", "USD", jpy_per_unit="149.5")


def policy_values() -> Iterator[object]:
    bundled = policy.bundled()
    yield bundled
    yield policy.bundled_book()
    yield policy.Policy()
    yield policy.Policy().supplying("webmail", calendar.FiscalYear(2019), reply_business_days=5)
    for service in policy.SERVICES:
        record = service.editions()[0]
        yield record
        yield record.parameters[0]
        yield record.parameters[0].provenance
    readings = [
        parameter.provenance.reading
        for record in threads.editions()
        for parameter in record.parameters
        if parameter.provenance.reading is not None
    ]
    yield readings[0]


def constants() -> Iterator[object]:
    """The faces' published constants: editions, reasons, labels, sources, limits, column names.

    Tables of words and parameters (read-only mappings) are left out: a ``mappingproxy`` is never
    picklable, and a worker imports its own.
    """
    for face in FACES:
        for name in face.__all__:
            value = getattr(face, name)
            if not (callable(value) or isinstance(value, Mapping)) and not any(
                inspect.ismodule(item) for item in _items(value)
            ):
                yield value


def _items(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple) else ()


def enum_members() -> Iterator[object]:
    for face in FACES:
        for name in face.__all__:
            value = getattr(face, name)
            if inspect.isclass(value) and issubclass(value, enum.Enum):
                yield from value


VALUES = (
    calendar_values,
    kernel_values,
    subsidy_values,
    thread_values,
    booking_values,
    phone_values,
    participant_values,
    policy_values,
    constants,
    enum_members,
)


def all_values() -> list[object]:
    return [value for make in VALUES for value in make()]


def value_id(value: object) -> str:
    return type(value).__qualname__


# --- errors, as jetrules raises them -------------------------------------------------------------


def raised(action: Callable[[], object]) -> BaseException:
    try:
        action()
    except JetRulesError as error:
        return error
    raise AssertionError("nothing was raised")  # pragma: no cover


def refused_booking() -> object:
    """A sign-up for a Saturday: the booking rules refuse it."""
    return booking.SignUp(
        participant="P-01",
        requested_at="2020-06-01T10:00+09:00",
        preferred_times=["2020-06-13T18:00+09:00"],
        minutes=40,
        language="en",
    )


def all_errors() -> list[BaseException]:
    bad_file = io.StringIO('{"threads": [{"id": true}], "threads": []}')
    return [
        raised(lambda: Yen.parse("abc")),  # InvalidInput
        raised(lambda: Yen(1.5)),  # WrongType
        raised(lambda: calendar.is_national_holiday("1900-01-01")),  # OutOfRange
        raised(lambda: subsidy.terms_for(2022)),  # NoRuleInForce
        raised(lambda: subsidy.assess([]).statement("JET-0142", 2019)),  # NotFound, its key
        raised(refused_booking),  # Refused, with its reason
        raised(lambda: records.read_threads(bad_file)),  # InvalidRecords
        raised(lambda: records.read_threads(io.StringIO('{"threads": [{"id": "T1"}]}'))),
        records.MissingExtra("reading Excel workbooks needs openpyxl", name="openpyxl"),
        JetRulesError("plain"),
        InvalidInput.for_field("amount", "must be more than ¥0", Yen(0)),
        OutOfRange.for_field("day", "must be from 1948-07-20", dt.date(1900, 1, 1)),
        WrongType.for_field("amount", "must be Yen", 1.5),
        NoRuleInForce("no terms for FY2022"),
        InvalidRecords("claims.csv", [RecordProblem(position="line 2", message="bad")]),
    ]


def every_error_class() -> set[type]:
    for module in pkgutil.walk_packages(jetrules.__path__, "jetrules."):
        if not module.name.endswith("__main__"):  # that one runs the command
            importlib.import_module(module.name)
    found: set[type] = set()
    todo = [JetRulesError]
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return found


def errors_to_check() -> list[BaseException]:
    """:func:`all_errors`, and each other error class of the package built from a message alone.

    An error whose constructor takes more than a message (as ``Refused`` and ``InvalidRecords``
    do) needs its own example in :func:`all_errors`: built from a message, it fails here.
    """
    examples = all_errors()
    covered = {type(error) for error in examples}
    others = sorted(every_error_class() - covered, key=lambda cls: cls.__qualname__)
    return [
        *examples,
        *(cls("a message naming the field, the rule and the value") for cls in others),
    ]


def error_id(error: BaseException) -> str:
    return type(error).__name__


def same_error(copied: BaseException, original: BaseException) -> bool:
    """Errors have no ``==``: the same type, message, arguments and attributes is equal."""
    return (
        type(copied) is type(original)
        and str(copied) == str(original)
        and copied.args == original.args
        and vars(copied) == vars(original)
    )


# --- the checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", all_values(), ids=value_id)
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_public_value_pickles_to_an_equal_value(value, protocol):
    copied = pickle.loads(pickle.dumps(value, protocol=protocol))
    assert copied == value
    # a LazyTuple (the faces' EDITIONS) is the tuple it loads, and pickles as that tuple
    assert type(copied) is (tuple if isinstance(value, LazyTuple) else type(value))


@pytest.mark.parametrize("value", all_values(), ids=value_id)
def test_every_public_value_deep_copies_to_an_equal_value(value):
    assert copy.deepcopy(value) == value
    assert copy.copy(value) == value


@pytest.mark.parametrize("error", errors_to_check(), ids=error_id)
@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_error_pickles_to_an_equal_error(error, protocol):
    copied = pickle.loads(pickle.dumps(error, protocol=protocol))
    assert same_error(copied, error)


@pytest.mark.parametrize("error", errors_to_check(), ids=error_id)
def test_every_error_deep_copies_to_an_equal_error(error):
    assert same_error(copy.deepcopy(error), error)
    assert same_error(copy.copy(error), error)


def test_a_refused_keeps_its_reason_across_a_pickle():
    error = raised(refused_booking)
    assert isinstance(error, Refused)
    copied = pickle.loads(pickle.dumps(error))
    assert copied.reason == error.reason
    assert copied.reason.render("ja") == error.reason.render("ja")


def test_invalid_records_keep_every_problem_across_a_pickle():
    error = raised(lambda: records.read_threads(io.StringIO('{"threads": [1, 2]}')))
    copied = pickle.loads(pickle.dumps(error))
    assert copied.problems == error.problems
    assert copied.lines() == error.lines()


def test_values_that_hold_a_calendar_answer_the_same_after_a_pickle():
    own = calendar.SERVICE_CALENDAR.with_closures("2020-06-02")
    own.add_business_days("2020-06-01", 3)
    copied = pickle.loads(pickle.dumps(own))
    assert copied.add_business_days("2020-06-01", 3) == own.add_business_days("2020-06-01", 3)
    [thread] = [value for value in thread_values() if getattr(value, "id", None) == "T2"]
    copied_thread = pickle.loads(pickle.dumps(thread))
    assert copied_thread.deadlines() == thread.deadlines()


@settings(max_examples=50)
@given(strategies.threads())
def test_any_thread_pickles_and_deep_copies_to_an_equal_thread(thread):
    at = thread.last_at
    for copied in (pickle.loads(pickle.dumps(thread)), copy.deepcopy(thread)):
        assert copied == thread
        assert copied.status_at(at) == thread.status_at(at)
        assert copied.late_replies() == thread.late_replies()


# --- completeness: every public class has an example above ---------------------------------------


def _is_value_class(value: object) -> bool:
    return (
        inspect.isclass(value)
        and not issubclass(value, BaseException)
        and not getattr(value, "_is_protocol", False)
    )


def public_classes() -> set[type]:
    return {
        getattr(face, name)
        for face in (*FACES, jetrules.text, jetrules.money, jetrules.errors)
        for name in face.__all__
        if _is_value_class(getattr(face, name))
    }


NOT_VALUES = {records.Problems, subsidy.CsvLines}
"""Public classes that are no values: a reader's collector of problems, mutable by design; the
CSV path's result, whose lines are a generator made as they are asked for (its rows pickle)."""


def test_every_public_class_has_an_example():
    covered = {type(value) for value in all_values()}
    missing = public_classes() - covered - NOT_VALUES
    assert not missing, sorted(cls.__qualname__ for cls in missing)


def test_every_error_class_is_checked():
    assert every_error_class() <= {type(error) for error in errors_to_check()}
    assert {JetRulesError, Refused, InvalidRecords, NoRuleInForce, records.MissingExtra} <= {
        type(error) for error in all_errors()
    }


# --- across processes ----------------------------------------------------------------------------


def _book_refused() -> object:
    return refused_booking()


def _read_bad_threads() -> object:
    return records.read_threads(io.StringIO('{"threads": null}'))


def _thread_in_worker() -> object:
    return next(value for value in thread_values() if isinstance(value, threads.Thread))


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_refused_booking_in_a_process_pool_comes_back_as_refused(start):
    """Not ``BrokenProcessPool``: the worker's ``Refused`` is unpickled as it was raised."""
    context = multiprocessing.get_context(start)
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(_book_refused)
        with pytest.raises(Refused) as info:
            future.result(timeout=120)
        assert info.value.reason.code == raised(refused_booking).reason.code
        assert str(info.value) == str(raised(refused_booking))
        with pytest.raises(InvalidRecords) as bad:
            pool.submit(_read_bad_threads).result(timeout=120)
        assert bad.value.lines() == (
            "<input>: the file: 'threads' must be a list of thread objects (got null)",
        )
        assert pool.submit(_thread_in_worker).result(timeout=120) == _thread_in_worker()
