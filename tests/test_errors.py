import datetime as dt
import zoneinfo
from decimal import Decimal

import pendulum
import pytest

from jetrules.calendar import FiscalYear
from jetrules.errors import (
    InvalidInput,
    InvalidRecords,
    JetRulesError,
    NoRuleInForce,
    NotFound,
    OutOfRange,
    RecordProblem,
    Refused,
    WrongType,
    as_written,
)
from jetrules.money import Yen
from jetrules.subsidy import Receipt, assess
from jetrules.text import ReasonTemplate
from jetrules.threads import ContractCode, Message, Registration, Thread, report


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (InvalidInput, ValueError),
        (WrongType, TypeError),
        (WrongType, ValueError),
        (OutOfRange, ValueError),
        (NoRuleInForce, LookupError),
        (Refused, ValueError),
        (InvalidRecords, ValueError),
    ],
)
def test_every_error_refines_a_builtin(error, builtin):
    assert issubclass(error, JetRulesError)
    assert issubclass(error, builtin)


def test_for_field_names_the_field_the_rule_and_the_value():
    error = OutOfRange.for_field("day", "must be from 1948-07-20", "1900-01-01")
    assert str(error) == "'day' must be from 1948-07-20 (got '1900-01-01')"
    assert isinstance(error, OutOfRange)
    assert (error.field, error.rule, error.value) == (
        "day",
        "must be from 1948-07-20",
        "1900-01-01",
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (pendulum.date(2019, 4, 1), "2019-04-01"),
        (dt.date(2019, 4, 1), "2019-04-01"),
        (pendulum.datetime(2019, 12, 27, 10, tz="Asia/Tokyo"), "2019-12-27T10:00:00+09:00"),
        (
            dt.datetime(2019, 12, 27, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo")),
            "2019-12-27T10:00:00+09:00",
        ),
        (dt.datetime(2019, 12, 27, 10), "2019-12-27T10:00:00"),  # a naive one, as refused
        (pendulum.time(10, 30), "10:30:00"),
        (Yen(1_000), "¥1,000"),
        (Yen(0), "¥0"),
        ("2019-02-30", "'2019-02-30'"),  # text in quotes: blanks and empty text are seen
        ("", "''"),
        (1.5, "1.5"),
        (Decimal("1.5"), "Decimal('1.5')"),
        (None, "None"),
        (dt.date, "<class 'datetime.date'>"),  # the type itself is no date
    ],
)
def test_values_are_shown_as_a_user_writes_them(value, shown):
    assert as_written(value) == shown
    error = InvalidInput.for_field("field", "must be right", value)
    assert str(error) == f"'field' must be right (got {shown})"
    assert error.value is value  # the value itself is kept for programs


def test_a_type_may_show_itself_its_own_way():
    class Code:
        def __jetrules_display__(self) -> str:
            return "FY2019"

    assert as_written(Code()) == "FY2019"


def test_refused_carries_its_reason():
    template = ReasonTemplate("LIMIT", en="Only {n} allowed.", ja="{n}件までです。")
    error = Refused(template.with_params(n=3))
    assert str(error) == "Only 3 allowed."
    assert error.reason.render("ja") == "3件までです。"


def test_invalid_records_lists_every_problem():
    error = InvalidRecords(
        "claims.csv",
        [
            RecordProblem(position="line 2", message="bad"),
            RecordProblem(position="line 5", message="worse"),
        ],
    )
    assert error.lines() == ("claims.csv: line 2: bad", "claims.csv: line 5: worse")
    assert str(error).splitlines()[0] == "claims.csv: 2 problems"


def test_invalid_records_needs_a_problem():
    with pytest.raises(ValueError, match="at least one"):
        InvalidRecords("x.csv", [])


def test_a_statement_the_ledger_does_not_hold_is_not_found_and_says_which_it_holds():
    ledger = assess([Receipt(id="a", participant="P", service_date="2019-05-01", amount=10_000)])
    with pytest.raises(NotFound) as error:
        ledger.statement("P", "FY2020")
    assert isinstance(error.value, KeyError | JetRulesError)  # a mapping's missing key, too
    assert error.value.key == ("P", FiscalYear(2020))
    assert str(error.value) == (
        "no statement of 'P' for FY2020 in the ledger ('P' has some for FY2019 only)"
    )
    assert ledger.statement(" Ｐ ", 2019) is ledger.statement("P", 2019)  # as receipts hold it
    with pytest.raises(NotFound) as error:
        ledger.statement("Q", 2019)
    assert str(error.value) == "no statement of 'Q' for FY2019 in the ledger (none of 'Q')"
    with pytest.raises(WrongType) as wrong:
        ledger.statement(5, 2019)  # type: ignore[arg-type]  (a bare TypeError before)
    assert (wrong.value.field, wrong.value.rule, wrong.value.value) == (
        "participant",
        "must be text",
        5,
    )


def test_one_receipt_or_a_file_name_where_a_list_is_expected_names_receipts():
    # assess(r), assess(None), ledger.add(r) raised bare TypeErrors; assess("claims.csv") named
    # the path's first character
    receipt = Receipt(id="a", participant="P", service_date="2019-05-01", amount=10_000)
    rule = (
        "must be a list of Receipt values (a file's are read with jetrules.records.read_receipts)"
    )
    for call, value in [
        (lambda: assess(receipt), receipt),
        (lambda: assess(None), None),
        (lambda: assess("claims.csv"), "claims.csv"),
        (lambda: assess([receipt]).add(receipt), receipt),
    ]:
        with pytest.raises(WrongType) as error:
            call()
        assert (error.value.field, error.value.rule, error.value.value) == ("receipts", rule, value)
    assert str(assess(iter([receipt])).statement("P", 2019).total_subsidy) == "¥5,000"


def test_a_long_value_shows_its_first_characters_in_a_message():
    long = tuple(range(100))
    message = str(InvalidInput.for_field("x", "must be short", long))
    assert message == f"'x' must be short (got {repr(long)[:60]}…)"
    assert as_written(tuple(range(10))) == repr(tuple(range(10)))  # short ones whole


def test_a_report_counts_each_thread_once_and_names_bad_arguments():
    # report([t, later_copy_of_t]) counted one thread twice: "2 threads, 50% on time, 1 overdue"
    # for one thread answered on time; report(t) and on_time_percent("half_up") were bare errors
    opened = Message(author="participant", at="2019-12-27T10:00+09:00", text="Hi")
    before = Thread(id="T", participant="p", messages=[opened])
    after = before.reply("2020-01-08T10:00+09:00", "ok")
    at = "2020-01-10T10:00+09:00"
    with pytest.raises(InvalidInput) as error:
        report([before, after], at=at)
    assert (error.value.field, error.value.value) == ("threads", "T")
    assert error.value.rule == (
        "must hold each thread once (give the latest copy of a thread, not two): two have the id"
    )
    with pytest.raises(WrongType) as error:
        report(before, at=at)  # type: ignore[arg-type]
    assert (error.value.field, error.value.rule) == ("threads", "must be a list of Thread values")
    with pytest.raises(WrongType) as error:
        report([after], at=at).on_time_percent("half_up")  # type: ignore[arg-type]
    assert (error.value.field, error.value.value) == ("rounding", "half_up")
    assert report(iter([after]), at=at).on_time_percent() == 100


def test_a_thread_and_a_registration_read_their_participant_as_files_do():
    # Thread(participant=" jet-0042 ") and full-width forms were participants of their own
    opened = Message(author="participant", at="2019-12-27T10:00+09:00", text="Hi")
    assert Thread(id="T", participant=" ＪＥＴ－００４２ ", messages=[opened]).participant == (
        "JET-0042"
    )
    code = ContractCode(code="s3cret", valid_from="2019-08-01", valid_to="2020-07-31")
    registration = Registration.submit(
        participant=" jet-0042\u3000", code="s3cret", codes=[code], at="2019-12-20T09:00+09:00"
    )
    assert registration.participant == "jet-0042"
    with pytest.raises(InvalidInput) as error:
        Thread(id="T", participant="jet\u200b-0042", messages=[opened])
    assert error.value.field == "participant"
