import pytest

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
from jetrules.text import ReasonTemplate


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
