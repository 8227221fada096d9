"""Every reason and every error message, in English and Japanese, pinned by a reviewed golden file.

``tests/golden/messages.txt`` holds what people read: every reason of every family (its code, its
text in both languages and the source it cites), the reasons a calendar gives for a closed day,
the telephone line's sessions, and the message of each error the public API raises for a
catalogue of bad calls (with the error's ``field``, ``rule`` and ``value``). Each entry comes
from a real call with representative values, so a value dropped from a text (a cap, a cut, a
source) changes the file as surely as a changed word does.

When a message changes on purpose, write the file again and review its diff::

    .venv/bin/python tests/test_golden_messages.py

(docs/development.md, "The golden file of messages").
"""

from __future__ import annotations

import datetime as dt
import difflib
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from jetrules import booking, calendar, phone, subsidy, threads
from jetrules.booking import Appointment, SignUp
from jetrules.calendar import SERVICE_CALENDAR, BusinessCalendar, FiscalYear, HolidayTable
from jetrules.errors import (
    InvalidInput,
    InvalidRecords,
    JetRulesError,
    NoRuleInForce,
    NotFound,
    OutOfRange,
    Refused,
    WrongType,
    as_written,
)
from jetrules.money import Rounding, Yen
from jetrules.policy import Policy
from jetrules.subsidy import Participant, Receipt, assess
from jetrules.text import LANGUAGES, Label, Reason, ReasonTemplate
from jetrules.threads import ContractCode, Message, Registration, Thread

GOLDEN = Path(__file__).parent / "golden" / "messages.txt"
HEADER = (
    "# Every reason and error message jetrules gives, in English and Japanese.\n"
    "# Written by tests/test_golden_messages.py: run it as a script to write this file again,\n"
    "# then review the diff (docs/development.md, 'The golden file of messages').\n"
)
FAMILIES = {"subsidy": subsidy, "threads": threads, "booking": booking}
TOKYO_EVENING = "T18:00+09:00"


# -- how an entry is written ----------------------------------------------------------------------


def reason_lines(family: str, reason: Reason) -> list[str]:
    """A reason in both languages, with the source it cites."""
    return [
        f"{family} {reason.code} {lang}: {reason.render(lang, with_source=True)}"
        for lang in LANGUAGES
    ]


def label_lines(name: str, label: Label) -> list[str]:
    return [f"{name} {lang}: {label.render(lang)}" for lang in LANGUAGES]


def refusal(call: Callable[[], object]) -> Reason:
    """The reason *call* is refused with (it must be refused)."""
    with pytest.raises(Refused) as caught:
        call()
    return caught.value.reason  # a Reason, by its shape


# -- subsidy --------------------------------------------------------------------------------------


def _receipt(id: str, day: str, amount: int, **kw: object) -> Receipt:
    return Receipt(
        id=id,
        participant=kw.pop("participant", "P-001"),
        service_date=day,
        amount=Yen(amount),
        **kw,
    )


def subsidy_reasons() -> Iterator[tuple[str, list[Reason]]]:
    fy2019 = assess(
        [
            _receipt("r1", "2019-05-10", 7_001),
            _receipt("r2", "2019-06-10", 50_000),
            _receipt("r3", "2019-07-10", 10_000),
            _receipt("r4", "2019-08-10", 8_000, insured=True),
            _receipt("r5", "2019-08-11", 8_000, mental_health_professional=False),
            _receipt("r6", "2019-08-12", 8_000, place="abroad"),
            _receipt("r7", "2019-09-01", 2_000),
        ],
        submitted_on="2020-04-10",
    )
    yield (
        "FY2019: eligible, the cap reached, refused, no deadline published",
        [reason for d in fy2019[0].decisions for reason in d.reasons],
    )
    fy2018 = assess(
        [
            _receipt("a", "2018-05-10", 4_000, submitted_on="2019-04-12"),
            _receipt("b", "2018-06-10", 4_000, submitted_on="2019-04-13"),
        ]
    )
    yield (
        "FY2018: a claim by the deadline of 12 April 2019, and one a day late",
        [reason for d in fy2018[0].decisions for reason in d.reasons],
    )
    fy2023 = assess([_receipt("x", "2023-05-10", 6_000, place="abroad")])
    yield "FY2023: no place named, counselling abroad", list(fy2023[0].decisions[0].reasons)
    fy2022 = [_receipt("n", "2022-05-10", 6_000)]
    yield "FY2022: no published terms", list(assess(fy2022)[0].decisions[0].reasons)
    assumed = assess(fy2022, assume=FiscalYear(2021))
    yield "FY2022 under FY2021's published terms, assumed", list(assumed[0].decisions[0].reasons)
    what_if = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=Yen(40_000))
    supplied = assess([_receipt("w", "2019-05-10", 90_000)], policy=what_if)
    yield "FY2019 under a supplied cap of ¥40,000", list(supplied[0].decisions[0].reasons)
    no_deadline = Policy().supplying("subsidy", FiscalYear(2023), claim_deadline=None)
    undated = assess(
        [_receipt("u", "2023-06-10", 8_000, submitted_on="2024-05-01")], policy=no_deadline
    )
    yield (
        "FY2023 under supplied terms without its published deadline",
        list(undated[0].decisions[0].reasons),
    )
    term = Participant(
        participant="P-001",
        appointed_from="2024-08-01",
        appointed_to="2025-07-31",
        organisation="Saga Prefecture",
    )
    fy2024 = assess(
        [
            _receipt("before", "2024-07-31", 6_000),
            Receipt(
                id="usd",
                participant="P-001",
                service_date="2024-09-10",
                amount="100.00",
                place="abroad",
                currency="USD",
                jpy_per_unit="149.5",
            ),
        ],
        participants=[term],
    )
    yield (
        "FY2024: the day before the term of appointment; 100.00 USD at 149.5 yen per dollar",
        [reason for d in fy2024[0].decisions for reason in d.reasons],
    )


# -- threads --------------------------------------------------------------------------------------

CODES = [ContractCode(code="s3cret", valid_from="2019-08-01", valid_to="2020-07-31")]


def _registered() -> Registration:
    return Registration.submit(
        participant="jet-0042", code="s3cret", codes=CODES, at="2019-12-20T09:00+09:00"
    )


def _inquiry(at: str = "2019-12-27T10:00+09:00", **kw: object) -> Thread:
    first = Message(author="participant", at=at, text="May I ask...?")
    return Thread(id=kw.pop("id", "T1"), participant="jet-0042", messages=[first], **kw)


def _closed() -> Thread:
    """A thread of three replies: inquiry, reply, follow-up, reply, follow-up, reply."""
    return (
        _inquiry()
        .reply("2020-01-06T10:00+09:00", "...")
        .follow_up("2020-01-07T10:00+09:00", "...")
        .reply("2020-01-08T10:00+09:00", "...")
        .follow_up("2020-01-09T10:00+09:00", "...")
        .reply("2020-01-10T10:00+09:00", "Take care.")
    )


def threads_refusals() -> Iterator[tuple[str, list[Reason]]]:
    pending = _registered()
    confirmed = pending.confirm("2019-12-20T09:05+09:00")
    closed = _closed()
    english_only = Policy().supplying("webmail", FiscalYear(2019), languages=("en",))
    yield (
        "registration and opening a thread",
        [
            refusal(
                lambda: Registration.submit(
                    participant="jet-0042", code="wrong", codes=CODES, at="2019-12-20T09:00+09:00"
                )
            ),
            refusal(lambda: pending.open_thread(id="T1", at="2019-12-27T10:00+09:00", text="Hi")),
            refusal(lambda: confirmed.confirm("2019-12-21T09:00+09:00")),
            refusal(lambda: confirmed.open_thread(id="T1", at="2019-12-20T09:00+09:00", text="Hi")),
            refusal(lambda: threads.check_message_text(" \u3000\n")),
            refusal(
                lambda: threads.check_message_text("line\n" * 31, terms=threads.terms_for(2019))
            ),
            refusal(lambda: _inquiry(language="ja", policy=english_only)),
            refusal(
                lambda: Registration.submit(
                    participant="jet-0042",
                    code="s3cret",
                    codes=CODES,
                    at="2019-12-20T09:00+09:00",
                    term=threads.Participant(
                        participant="jet-0042",
                        appointed_from="2020-01-06",
                        appointed_to="2021-01-05",
                        organisation="Saga Prefecture",
                    ),
                )
            ),
        ],
    )
    counsellor_first = Message(author="counsellor", at="2019-12-27T10:00+09:00", text="Hello")
    yield (
        "messages out of turn",
        [
            refusal(lambda: Thread(id="T0", participant="jet-0042", messages=[counsellor_first])),
            refusal(lambda: _inquiry().follow_up("2019-12-27T11:00+09:00", "Anyone?")),
            refusal(
                lambda: (
                    _inquiry()
                    .reply("2020-01-06T10:00+09:00", "A")
                    .reply("2020-01-06T11:00+09:00", "B")
                )
            ),
            refusal(lambda: closed.reply("2020-01-15T10:00+09:00", "One more")),
            refusal(lambda: closed.follow_up("2020-01-15T10:00+09:00", "One more")),
            refusal(lambda: _inquiry().reply("2019-12-26T10:00+09:00", "Before the inquiry")),
        ],
    )
    yield (
        "continuing a thread in a new one",
        [
            _inquiry().continuation_refusal(
                participant="jet-0042", language="en", at=_inquiry().last_at
            ),
            closed.continuation_refusal(participant="jet-0099", language="en", at=closed.last_at),
            closed.continuation_refusal(participant="jet-0042", language="ja", at=closed.last_at),
            closed.continuation_refusal(
                participant="jet-0042", language="en", at=closed.last_at, continued_by="T1.2"
            ),
        ],
    )


def threads_statuses() -> Iterator[tuple[str, list[Reason]]]:
    thread = _inquiry()
    replied = thread.reply("2020-01-09T10:00+09:00", "Sorry for the wait.")
    yield (
        "a thread's status, and a late reply",
        [
            thread.status_at("2020-01-08T12:00+09:00").reason,
            thread.status_at("2020-01-10T12:00+09:00").reason,
            replied.status_at("2020-01-09T12:00+09:00").reason,
            _closed().status_at("2020-01-15T12:00+09:00").reason,
            *replied.late_replies()[0].reasons,
        ],
    )
    assumed = _inquiry("2024-05-07T10:00+09:00", assume=FiscalYear(2023))
    what_if = Policy().supplying("webmail", FiscalYear(2019), line_limit=40)
    supplied = _inquiry(policy=what_if)
    yield (
        "terms assumed from FY2023 for FY2024, and a supplied line limit of 40",
        [
            *assumed.status_at("2024-05-07T12:00+09:00").reasons,
            *supplied.status_at("2019-12-27T12:00+09:00").reasons,
        ],
    )


# -- booking --------------------------------------------------------------------------------------


def _sign_up(*times: str, requested: str = "2020-01-06T10:00+09:00", **kw: object) -> SignUp:
    return SignUp(
        participant="P-01",
        requested_at=requested,
        preferred_times=list(times),
        minutes=kw.pop("minutes", 40),
        language="en",
        **kw,
    )


def booking_refusals() -> Iterator[tuple[str, list[Reason]]]:
    opening = Policy().supplying("booking", FiscalYear(2019), sessions_start_from=dt.time(9))
    by_start = Policy().supplying("booking", FiscalYear(2019), hours_bound="start")
    four = [
        "2020-01-14T18:00+09:00",
        "2020-01-15T18:00+09:00",
        "2020-01-16T18:00+09:00",
        "2020-01-17T18:00+09:00",
    ]
    yield (
        "sign-ups refused",
        [
            refusal(lambda: _sign_up("2020-01-14T18:00+09:00", minutes=30)),
            refusal(lambda: _sign_up(*four)),
            refusal(lambda: _sign_up("2020-01-09T18:00+09:00")),
            refusal(lambda: _sign_up("2020-01-18T18:00+09:00")),
            refusal(lambda: _sign_up("2020-02-11T18:00+09:00")),
            refusal(lambda: _sign_up("2020-01-14T08:00+09:00", policy=opening)),
            refusal(lambda: _sign_up("2020-01-14T21:00+09:00")),
            refusal(lambda: _sign_up("2020-01-14T21:31+09:00", policy=by_start)),
            refusal(
                lambda: _sign_up("2020-01-14T18:00+09:00").confirm(
                    "2020-01-15T18:00+09:00", id="A-1"
                )
            ),
            refusal(
                lambda: _sign_up(
                    "2020-01-14T18:00+09:00",
                    term=booking.Participant(
                        participant="P-01",
                        appointed_from="2019-08-01",
                        appointed_to="2020-01-13",
                        organisation="Saga Prefecture",
                    ),
                )
            ),
        ],
    )
    appointment = _sign_up("2020-01-14T18:00+09:00").confirm("2020-01-14T18:00+09:00", id="A-1")
    yield (
        "an appointment's changes refused",
        [
            refusal(lambda: appointment.complete().cancel(contacted_at="2020-01-14T19:00+09:00")),
            refusal(lambda: appointment.cancel(contacted_at="2020-01-05T10:00+09:00")),
            refusal(
                lambda: appointment.reschedule(
                    "2020-01-21T18:00+09:00", contacted_at="2020-01-14T18:00+09:00"
                )
            ),
        ],
    )
    yield (
        "sessions counted though not held",
        [
            appointment.cancel(contacted_at="2020-01-14T18:05+09:00").reason,
            appointment.miss().reason,
        ],
    )


def booking_limits() -> Iterator[tuple[str, list[Reason]]]:
    days = ["05-11", "05-18", "06-08", "06-15", "07-06", "07-13", "09-07", "09-14"]
    times = [f"2021-{day}{TOKYO_EVENING}" for day in days]
    appointments = [
        _sign_up(start, requested="2021-04-12T10:00+09:00").confirm(start, id=f"A-{n}").complete()
        for n, start in enumerate(times, start=1)
    ]
    yield (
        "FY2021: an eighth session over the limit of seven",
        [refusal(lambda: booking.ledger_of(appointments))],
    )
    later = _sign_up(
        "2024-05-14T18:00+09:00", requested="2024-05-01T10:00+09:00", assume=FiscalYear(2023)
    )
    what_if = Policy().supplying("booking", FiscalYear(2021), yearly_session_limit=8)
    yield (
        "terms assumed from FY2023 for FY2024, and a supplied limit of eight",
        [
            *later.notes,
            *booking.terms_for(FiscalYear(2021), policy=what_if).notes,
        ],
    )


# -- the calendar and the telephone line ----------------------------------------------------------


def calendar_lines() -> Iterator[tuple[str, list[str]]]:
    cal = SERVICE_CALENDAR.with_closures("2019-12-26")
    days = ["2019-12-26", "2019-12-28", "2019-12-29", "2020-01-01", "2020-01-05"]
    holidays = ["2019-05-01", "2019-05-06", "2019-04-30", "2019-04-29"]
    lines = []
    for day in days + holidays:
        reason = cal.closure_reason(day)
        assert reason is not None, day
        lines += label_lines(f"calendar closed {day}", reason)
    for kind in calendar.HolidayKind:
        lines += label_lines(f"calendar kind {kind.name}", kind.label)
    yield "why a day is closed", lines
    late = calendar.deadline("2019-12-23T17:01+09:00", cutoff=dt.time(17, 0))
    note = late.counting_note
    assert note is not None
    pushed = calendar.deadline("2019-12-27T10:00+09:00").pushed_by
    yield (
        "a deadline's counting note and the days that pushed it",
        [
            *label_lines("deadline counting note", note),
            *(f"deadline pushed by {lang}: {pushed[0].render(lang)}" for lang in LANGUAGES),
        ],
    )


def phone_lines() -> Iterator[tuple[str, list[str]]]:
    sessions = phone.sessions_in(FiscalYear(2020))
    first_of_kind: dict[tuple[str, ...], phone.PhoneSession] = {}
    for session in sessions:
        first_of_kind.setdefault(tuple(kind.value for kind in session.kinds), session)
    assumed = phone.next_session("2021-06-01T00:00+09:00", assume=FiscalYear(2020))
    lines = []
    for kinds, session in [*first_of_kind.items(), (("assumed",), assumed)]:
        lines += [f"phone {'+'.join(kinds)} {lang}: {session.render(lang)}" for lang in LANGUAGES]
    yield "the telephone line's sessions", lines


# -- errors ---------------------------------------------------------------------------------------

# (what is called, the call, the error class, the field and the value the error must name)
ERRORS: list[tuple[str, Callable[[], object], type[JetRulesError], str | None, object]] = [
    ("Yen(1.5)", lambda: Yen(1.5), WrongType, "amount", 1.5),
    ("Yen(True)", lambda: Yen(True), WrongType, "amount", True),
    ('Yen("1000")', lambda: Yen("1000"), WrongType, "amount", "1000"),
    ('Yen(Decimal("1.5"))', lambda: Yen(Decimal("1.5")), InvalidInput, "amount", Decimal("1.5")),
    ("Yen(-1)", lambda: Yen(-1), InvalidInput, "amount", -1),
    ('Yen.parse("¥1,00")', lambda: Yen.parse("¥1,00"), InvalidInput, "amount", "¥1,00"),
    ("Yen.parse(100)", lambda: Yen.parse(100), WrongType, "amount", 100),
    ("Yen(1).times(0.5)", lambda: Yen(1).times(0.5), WrongType, "rate", 0.5),
    ("Yen(1).times(-1)", lambda: Yen(1).times(-1), InvalidInput, "rate", -1),
    ('Yen(1).times(1, "floor")', lambda: Yen(1).times(1, "floor"), WrongType, "rounding", "floor"),
    ("Yen(1) - Yen(2)", lambda: Yen(1) - Yen(2), InvalidInput, "amount", -1),
    ('FiscalYear("2019")', lambda: FiscalYear("2019"), WrongType, "year", "2019"),
    ("FiscalYear(0)", lambda: FiscalYear(0), OutOfRange, "year", 0),
    (
        'FiscalYear.parse("FY 2019")',
        lambda: FiscalYear.parse("FY 2019"),
        InvalidInput,
        "fiscal_year",
        "FY 2019",
    ),
    (
        'FiscalYear.of("2019-04-31")',
        lambda: FiscalYear.of("2019-04-31"),
        InvalidInput,
        "day",
        "2019-04-31",
    ),
    (
        "holiday_on(datetime)",
        lambda: calendar.holiday_on(dt.datetime(2019, 5, 1, 9)),
        WrongType,
        "day",
        dt.datetime(2019, 5, 1, 9),
    ),
    ("holiday_on(20190501)", lambda: calendar.holiday_on(20190501), WrongType, "day", 20190501),
    (
        'holiday_on("1948-07-19")',
        lambda: calendar.holiday_on("1948-07-19"),
        OutOfRange,
        "day",
        "1948-07-19",
    ),
    ("holidays_in(2151)", lambda: calendar.holidays_in(2151), OutOfRange, "year", 2151),
    (
        'deadline("2019-12-27T10:00")',
        lambda: calendar.deadline("2019-12-27T10:00"),
        WrongType,
        "received_at",
        "2019-12-27T10:00",
    ),
    (
        'deadline("27 Dec")',
        lambda: calendar.deadline("27 Dec"),
        InvalidInput,
        "received_at",
        "27 Dec",
    ),
    (
        "deadline(a date)",
        lambda: calendar.deadline(dt.date(2019, 12, 27)),
        WrongType,
        "received_at",
        dt.date(2019, 12, 27),
    ),
    (
        "deadline(business_days=-1)",
        lambda: calendar.deadline("2019-12-27T10:00+09:00", -1),
        InvalidInput,
        "business_days",
        -1,
    ),
    (
        "deadline(business_days=1.0)",
        lambda: calendar.deadline("2019-12-27T10:00+09:00", 1.0),
        WrongType,
        "business_days",
        1.0,
    ),
    (
        'deadline(cutoff="17:00")',
        lambda: calendar.deadline("2019-12-27T10:00+09:00", cutoff="17:00"),
        WrongType,
        "cutoff",
        "17:00",
    ),
    (
        "deadline(2150-12-28, 3)",
        lambda: calendar.deadline("2150-12-28T10:00+09:00"),
        OutOfRange,
        "business_days",
        3,
    ),
    (
        "deadline(2150-12-29)",
        lambda: calendar.deadline("2150-12-29T10:00+09:00"),
        OutOfRange,
        "received_at",
        "2150-12-29T10:00+09:00",
    ),
    (
        "add_business_days(n=True)",
        lambda: SERVICE_CALENDAR.add_business_days("2019-12-27", True),
        WrongType,
        "n",
        True,
    ),
    (
        "add_business_days(n=60000)",
        lambda: SERVICE_CALENDAR.add_business_days("2019-12-27", 60_000),
        OutOfRange,
        "n",
        60_000,
    ),
    (
        "previous_business_day(1948-07-20)",
        lambda: SERVICE_CALENDAR.previous_business_day("1948-07-20"),
        OutOfRange,
        "day",
        "1948-07-20",
    ),
    (
        "BusinessCalendar(weekend=[7])",
        lambda: BusinessCalendar(weekend=[7]),
        InvalidInput,
        "weekend",
        [7],
    ),
    (
        "BusinessCalendar(weekend=range(7))",
        lambda: BusinessCalendar(weekend=range(7)),
        InvalidInput,
        "weekend",
        range(7),
    ),
    (
        'BusinessCalendar(weekend="56")',
        lambda: BusinessCalendar(weekend="56"),
        WrongType,
        "weekend",
        "56",
    ),
    (
        'BusinessCalendar(closures="2019-12-27")',
        lambda: BusinessCalendar(closures="2019-12-27"),
        WrongType,
        "closures",
        "2019-12-27",
    ),
    (
        'with_working_days("2151-01-01")',
        lambda: SERVICE_CALENDAR.with_working_days("2151-01-01"),
        OutOfRange,
        "days",
        "2151-01-01",
    ),
    (
        "BusinessCalendar(holidays=None)",
        lambda: BusinessCalendar(holidays=None),
        WrongType,
        "holidays",
        None,
    ),
    (
        "BusinessCalendar(year_end_closure=1)",
        lambda: BusinessCalendar(year_end_closure=1),
        WrongType,
        "year_end_closure",
        1,
    ),
    ("HolidayTable(official=[])", lambda: HolidayTable(official=[]), InvalidInput, "official", ()),
    (
        "HolidayTable(official=[('2030-01-01', 1)])",
        lambda: HolidayTable(official=[("2030-01-01", 1)]),
        WrongType,
        "official",
        ("2030-01-01", 1),
    ),
    ("Receipt(amount=0)", lambda: _receipt("r1", "2019-05-10", 0), InvalidInput, "amount", Yen(0)),
    ('Receipt(id=" ")', lambda: _receipt(" ", "2019-05-10", 1), InvalidInput, "id", " "),
    (
        'Receipt(participant="P\\t1")',
        lambda: _receipt("r1", "2019-05-10", 1, participant="P\t1"),
        InvalidInput,
        "participant",
        "P\t1",
    ),
    (
        'Receipt(place="mars")',
        lambda: _receipt("r1", "2019-05-10", 1, place="mars"),
        InvalidInput,
        "place",
        "mars",
    ),
    (
        'Receipt(insured="no")',
        lambda: _receipt("r1", "2019-05-10", 1, insured="no"),
        WrongType,
        "insured",
        "no",
    ),
    (
        'Receipt(submitted_on="2019-05-09")',
        lambda: _receipt("r1", "2019-05-10", 1, submitted_on="2019-05-09"),
        InvalidInput,
        "submitted_on",
        dt.date(2019, 5, 9),
    ),
    (
        'Receipt(service_date="10/05/2019")',
        lambda: _receipt("r1", "10/05/2019", 1),
        InvalidInput,
        "service_date",
        "10/05/2019",
    ),
    (
        "assess(a repeated id)",
        lambda: assess([_receipt("r1", "2019-05-10", 1), _receipt("r1", "2019-05-11", 1)]),
        InvalidInput,
        "id",
        "r1",
    ),
    (
        "assess(submitted_on before a service date)",
        lambda: assess([_receipt("r1", "2019-05-10", 1)], submitted_on="2019-05-09"),
        InvalidInput,
        "submitted_on",
        dt.date(2019, 5, 9),
    ),
    (
        'assess(previous="ledger")',
        lambda: assess([], previous="ledger"),
        WrongType,
        "previous",
        "ledger",
    ),
    (
        'subsidy.terms_for(2019, policy="cap")',
        lambda: subsidy.terms_for(2019, policy="cap"),
        WrongType,
        "policy",
        "cap",
    ),
    (
        "subsidy.terms_for(2019, assume=1.5)",
        lambda: subsidy.terms_for(2019, assume=1.5),
        WrongType,
        "assume",
        1.5,
    ),
    (
        'Policy().supplying("subsidies", 2019, annual_cap=1)',
        lambda: Policy().supplying("subsidies", 2019, annual_cap=1),
        InvalidInput,
        "service",
        "subsidies",
    ),
    ("subsidy.terms_for(2025)", lambda: subsidy.terms_for(2025), NoRuleInForce, None, None),
    (
        'assess([]).statement("JET-0142", 2019)',
        lambda: assess([]).statement("JET-0142", 2019),
        NotFound,
        None,
        None,
    ),
    ("threads.terms_for(2022)", lambda: threads.terms_for(2022), NoRuleInForce, None, None),
    ("booking.terms_for(2024)", lambda: booking.terms_for(2024), NoRuleInForce, None, None),
    ("phone.sessions_in(2021)", lambda: phone.sessions_in(2021), NoRuleInForce, None, None),
    (
        'Message(author="staff")',
        lambda: Message(author="staff", at="2019-12-27T10:00+09:00", text="Hi"),
        InvalidInput,
        "author",
        "staff",
    ),
    ('Thread(language="fr")', lambda: _inquiry(language="fr"), InvalidInput, "language", "fr"),
    ('Thread(continues="T1")', lambda: _inquiry(continues="T1"), InvalidInput, "continues", "T1"),
    (
        "Thread(messages=[])",
        lambda: Thread(id="T1", participant="p", messages=[]),
        InvalidInput,
        "messages",
        (),
    ),
    (
        "Thread.status_at(before the inquiry)",
        lambda: _inquiry().status_at("2019-12-26T10:00+09:00"),
        OutOfRange,
        "at",
        "2019-12-26T10:00+09:00",
    ),
    (
        "SignUp(minutes=True)",
        lambda: _sign_up("2020-01-14T18:00+09:00", minutes=True),
        WrongType,
        "minutes",
        True,
    ),
    (
        'SignUp(preferred_times="2020-01-14")',
        lambda: SignUp(
            participant="P-01",
            requested_at="2020-01-06T10:00+09:00",
            preferred_times="2020-01-14T18:00+09:00",
            minutes=40,
            language="en",
        ),
        WrongType,
        "preferred_times",
        "2020-01-14T18:00+09:00",
    ),
    ("SignUp(preferred_times=[])", _sign_up, InvalidInput, "preferred_times", ()),
    (
        "Appointment(minutes=0)",
        lambda: Appointment(
            id="A-1",
            participant="P-01",
            requested_at="2020-01-06T10:00+09:00",
            start="2020-01-14T18:00+09:00",
            minutes=0,
            language="en",
        ),
        InvalidInput,
        "minutes",
        0,
    ),
    (
        'Appointment(status="done")',
        lambda: Appointment(
            id="A-1",
            participant="P-01",
            requested_at="2020-01-06T10:00+09:00",
            start="2020-01-14T18:00+09:00",
            minutes=40,
            language="en",
            status="done",
        ),
        InvalidInput,
        "status",
        "done",
    ),
    ('Rounding("up")', lambda: Rounding("up"), InvalidInput, "rounding", "up"),
    (
        'Appointment(calendar="service")',
        lambda: Appointment(
            id="A-1",
            participant="P-01",
            requested_at="2020-01-06T10:00+09:00",
            start="2020-01-14T18:00+09:00",
            minutes=40,
            language="en",
            calendar="service",
        ),
        WrongType,
        "calendar",
        "service",
    ),
    (
        'to_instant("2019-12-27T10:00+09:00" past 9999)',
        lambda: calendar.deadline(dt.datetime(9999, 12, 31, 20, tzinfo=dt.UTC)),
        OutOfRange,
        "received_at",
        dt.datetime(9999, 12, 31, 20, tzinfo=dt.UTC),
    ),
    ('Label(en="", ja="x")', lambda: Label(en="", ja="x"), InvalidInput, "en", ""),
    (
        'ReasonTemplate("late")',
        lambda: ReasonTemplate("late", en="x", ja="y"),
        InvalidInput,
        "code",
        "late",
    ),
    (
        "Reason.render(lang='fr')",
        lambda: subsidy.REASONS[0].with_params(terms="t", eligible="e", rate="r").render("fr"),
        InvalidInput,
        "lang",
        "fr",
    ),
    (
        "load_official_holidays(bad rows)",
        lambda: calendar.load_official_holidays("date,name\n2030/1/32,元日\n2030/1/2,\n".encode()),
        InvalidRecords,
        None,
        None,
    ),
]


def error_entry(name: str, call: Callable[[], object], kind: type[Exception]) -> list[str]:
    with pytest.raises(kind) as caught:
        call()
    error = caught.value
    lines = [f"error {name}: {type(error).__name__}"]
    if isinstance(error, InvalidInput):
        lines.append(f"  field {error.field!r}, rule {error.rule!r}")
    lines += [f"  {line}" for line in str(error).splitlines()]
    return lines


def error_lines() -> Iterator[tuple[str, list[str]]]:
    lines: list[str] = []
    for name, call, kind, _, _ in ERRORS:
        lines += error_entry(name, call, kind)
    yield "errors of the public API for bad calls", lines


# -- the file -------------------------------------------------------------------------------------

REASON_SOURCES: list[tuple[str, Callable[[], Iterator[tuple[str, list[Reason]]]]]] = [
    ("subsidy", subsidy_reasons),
    ("threads", threads_refusals),
    ("threads", threads_statuses),
    ("booking", booking_refusals),
    ("booking", booking_limits),
]
TEXT_SOURCES: list[Callable[[], Iterator[tuple[str, list[str]]]]] = [
    calendar_lines,
    phone_lines,
    error_lines,
]


def reasons_by_family() -> dict[str, list[Reason]]:
    found: dict[str, list[Reason]] = {family: [] for family in FAMILIES}
    for family, source in REASON_SOURCES:
        for _, reasons in source():
            found[family] += reasons
    return found


def render() -> str:
    """The golden file as the code writes it now."""
    parts = [HEADER]
    for family, source in REASON_SOURCES:
        for title, reasons in source():
            # a reason said of several receipts alike is written once
            lines = list(
                dict.fromkeys(line for reason in reasons for line in reason_lines(family, reason))
            )
            parts.append(f"\n== {family}: {title}\n" + "\n".join(lines) + "\n")
    for text_source in TEXT_SOURCES:
        for title, lines in text_source():
            parts.append(f"\n== {title}\n" + "\n".join(lines) + "\n")
    return "".join(parts)


def diff(expected: str, actual: str) -> str:
    return "\n".join(
        difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), "golden", "now", lineterm="", n=1
        )
    )


# -- the tests ------------------------------------------------------------------------------------


def test_every_message_reads_as_the_golden_file():
    expected, actual = GOLDEN.read_text(encoding="utf-8"), render()
    assert actual == expected, (
        "messages changed; if on purpose, run `.venv/bin/python tests/test_golden_messages.py` "
        "and review the diff:\n" + diff(expected, actual)
    )


@pytest.mark.parametrize("family", FAMILIES)
def test_the_golden_file_holds_every_reason_of_every_family(family):
    codes = {reason.code for reason in reasons_by_family()[family]}
    assert codes == {template.code for template in FAMILIES[family].REASONS}


def test_every_reason_in_the_golden_file_is_rendered_from_real_values():
    # no placeholder is left unfilled, and nothing shows as Python writes it
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    reasons = [line for line in lines if line.startswith(tuple(FAMILIES))]
    assert len(reasons) >= 2 * sum(len(face.REASONS) for face in FAMILIES.values())
    for python_form in ("Date(", "DateTime(", "Yen(", "Label(", "FiscalYear(20", "{", "}"):
        # NO_EDITION tells the caller to write assume=FiscalYear(2024): code, on purpose
        assert [line for line in reasons if python_form in line and "assume=" not in line] == []


ALL_TEMPLATES = [
    (family, template) for family, face in FAMILIES.items() for template in face.REASONS
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("family", "template"), ALL_TEMPLATES, ids=[f"{f}-{t.code}" for f, t in ALL_TEMPLATES]
)
def test_a_changed_word_in_any_reason_changes_the_golden_file(family, template, lang):
    # a template's text changed in place, as an edit of its module would: the file no longer
    # matches, so the golden test fails
    original = getattr(template, lang)
    words = original.split(" ") if lang == "en" else [original[:-1], original[-1]]
    changed = (
        "".join(words[:-1]) + "X" + words[-1]
        if lang == "ja"
        else " ".join([*words[:-1], "X" + words[-1]])
    )
    object.__setattr__(template, lang, changed)  # the test's own edit; restored below
    try:
        assert render() != GOLDEN.read_text(encoding="utf-8")
    finally:
        object.__setattr__(template, lang, original)
    assert render() == GOLDEN.read_text(encoding="utf-8")


def test_a_monkeypatched_template_fails_the_golden_comparison(monkeypatch):
    # the golden test itself fails (not just the text): run it with one template replaced
    import jetrules._subsidy.reasons as subsidy_reasons_module

    cap = subsidy_reasons_module.CAP_REACHED
    monkeypatch.setattr(
        subsidy_reasons_module,
        "CAP_REACHED",
        ReasonTemplate(cap.code, en=cap.en.replace("already ", ""), ja=cap.ja),
    )
    with pytest.raises(AssertionError, match="messages changed"):
        test_every_message_reads_as_the_golden_file()


@pytest.mark.parametrize(
    ("name", "call", "kind", "field", "value"), ERRORS, ids=[entry[0] for entry in ERRORS]
)
def test_each_error_names_its_field_rule_and_value(name, call, kind, field, value):
    with pytest.raises(kind) as caught:
        call()
    error = caught.value
    assert isinstance(error, JetRulesError) or kind is ValueError
    if not isinstance(error, InvalidInput):
        assert field is None, "only InvalidInput and its subclasses name a field"
        return
    assert error.field == field
    assert error.value == value
    assert type(error.value) is type(value) or isinstance(error.value, dt.date)
    assert error.rule is not None
    if name in OWN_WORDS:
        return
    # 'field' rule (got value), a type's name before the value where the type is the fault
    message = str(error)
    assert message.startswith(f"{field!r} {error.rule} ")
    assert message.endswith(f"{as_written(value)})")


OWN_WORDS = {"Yen(1) - Yen(2)"}
"""Errors whose message says what went wrong in its own words: a subtraction names both amounts
(``¥1 - ¥2 would be negative; ...``), not the field and the negative difference."""


def test_every_error_class_is_in_the_catalogue():
    kinds = {kind for _, _, kind, _, _ in ERRORS}
    assert {InvalidInput, WrongType, OutOfRange, NoRuleInForce, InvalidRecords} <= kinds
    # Refused is every refusal of the reasons above
    assert issubclass(Refused, JetRulesError)


def write() -> None:
    """Write the golden file from the code as it is now."""
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {GOLDEN}")
    sys.exit(0)
