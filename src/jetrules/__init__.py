"""jetrules: the JET Programme's mental-health support policies as exact, explainable code.

>>> from jetrules import FiscalYear, Yen
>>> FiscalYear.of("2020-03-31"), Yen.parse("¥30,000")
(FiscalYear(2019), Yen(30000))
"""

import importlib
from typing import TYPE_CHECKING

from jetrules._version import __version__
from jetrules.errors import (
    InvalidInput,
    InvalidRecords,
    JetRulesError,
    NoRuleInForce,
    NotFound,
    OutOfRange,
    Refused,
    WrongType,
)

if TYPE_CHECKING:
    from jetrules import booking as booking
    from jetrules import calendar as calendar
    from jetrules import records as records
    from jetrules import subsidy as subsidy
    from jetrules import threads as threads
    from jetrules._kernel.fiscal import FiscalYear as FiscalYear
    from jetrules.money import Rounding as Rounding
    from jetrules.money import Yen as Yen
    from jetrules.text import Label as Label
    from jetrules.text import Reason as Reason
    from jetrules.text import ReasonTemplate as ReasonTemplate
    from jetrules.text import Source as Source

_SUBMODULES = frozenset({"booking", "calendar", "records", "subsidy", "threads"})
_VALUES = {
    "FiscalYear": "jetrules._kernel.fiscal",
    "Label": "jetrules.text",
    "Reason": "jetrules.text",
    "ReasonTemplate": "jetrules.text",
    "Rounding": "jetrules.money",
    "Source": "jetrules.text",
    "Yen": "jetrules.money",
}
"""The values ``jetrules`` offers, each imported from its module on first use."""


def __getattr__(name: str) -> object:
    """Import a rule module on first use, so that ``import jetrules`` gives ``jetrules.subsidy``.

    Importing ``jetrules`` itself stays cheap: no rule module is imported until it is asked for,
    nor the values it offers (``Yen``, ``FiscalYear``...) until one is: a start that needs only
    the calendar builds no money or fiscal-year class.
    """
    if name in _SUBMODULES:
        return importlib.import_module(f"jetrules.{name}")
    if name in _VALUES:
        return getattr(importlib.import_module(_VALUES[name]), name)
    raise AttributeError(f"module 'jetrules' has no attribute {name!r}")


__all__ = [
    "FiscalYear",
    "InvalidInput",
    "InvalidRecords",
    "JetRulesError",
    "Label",
    "NoRuleInForce",
    "NotFound",
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
