"""jetrules: the JET Programme's mental-health support policies as exact, explainable code.

>>> from jetrules import FiscalYear, Yen
>>> FiscalYear.of("2020-03-31"), Yen.parse("¥30,000")
(FiscalYear(2019), Yen(30000))
"""

from jetrules._version import __version__
from jetrules.calendar import FiscalYear
from jetrules.errors import (
    InvalidInput,
    InvalidRecords,
    JetRulesError,
    NoRuleInForce,
    OutOfRange,
    Refused,
    WrongType,
)
from jetrules.money import Rounding, Yen
from jetrules.text import Label, Reason, ReasonTemplate, Source

__all__ = [
    "FiscalYear",
    "InvalidInput",
    "InvalidRecords",
    "JetRulesError",
    "Label",
    "NoRuleInForce",
    "OutOfRange",
    "Reason",
    "ReasonTemplate",
    "Refused",
    "Rounding",
    "Source",
    "WrongType",
    "Yen",
    "__version__",
]
