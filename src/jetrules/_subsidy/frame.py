"""Records as a pandas DataFrame, each column of the dtype its values call for (private).

pandas is optional (the extra ``jetrules[pandas]``): it is imported here, when a frame is first
asked for, and its absence is named with the extra that installs it. The columns:

- yen, counts and fiscal years: ``int64``; a yen amount that may be absent (``remaining_cap``
  without terms) and ``edition``: pandas' nullable ``Int64`` (``<NA>`` where absent);
- dates: ``datetime64[ns]`` (``NaT`` where absent), on every pandas version, so ``.dt``,
  resampling and comparisons with ``pandas.Timestamp`` work on them (numpy's business-day
  functions take them as days: ``.to_numpy().astype("datetime64[D]")``);
- flags: ``bool``;
- text: ``object`` (pandas' default), and ``reason_codes`` a list of codes per row, which
  ``frame.explode("reason_codes")`` makes one row per code.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from jetrules.errors import JetRulesError

__all__ = ["DTYPES", "MissingPandas", "to_frame"]

DTYPES: Mapping[str, str] = {
    "fiscal_year": "int64",
    "amount": "int64",
    "eligible": "int64",
    "subsidy": "int64",
    "cut_by_cap": "int64",
    "receipts": "int64",
    "total_paid": "int64",
    "total_eligible": "int64",
    "total_subsidy": "int64",
    "total_cut_by_cap": "int64",
    "remaining_cap": "Int64",
    "edition": "Int64",
    "assumed_from": "Int64",
    "service_date": "datetime64[ns]",
    "submitted_on": "datetime64[ns]",
    "insured": "bool",
    "mental_health_professional": "bool",
    "cap_reached": "bool",
}
"""The dtype of each column that is not text (the rest are ``object``)."""


class MissingPandas(JetRulesError, ImportError):
    """pandas is not installed; the message names the extra that installs it."""


def _pandas() -> Any:  # pandas ships no type hints: imported by name, as Any
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingPandas(
            "to_frame needs pandas, which is not installed: pip install 'jetrules[pandas]' "
            "(to_records gives the same rows as plain dicts without it)"
        ) from None


def to_frame(records: Iterable[Mapping[str, object]], columns: Sequence[str]) -> Any:
    """A ``pandas.DataFrame`` of *records*, one row each, with *columns* in order (typed ``Any``).

    The records are taken one at a time into a list per column, so that no more than the
    columns are held while the frame is made.

    Raises:
        MissingPandas: pandas is not installed.
    """
    pandas = _pandas()
    cells: list[list[object]] = [[] for _ in columns]
    appends = [column.append for column in cells]
    for record in records:
        for append, name in zip(appends, columns, strict=True):
            append(record[name])
    return pandas.DataFrame(
        {
            name: pandas.Series(values, dtype=DTYPES.get(name, "object"))
            for name, values in zip(columns, cells, strict=True)
        },
        columns=list(columns),
    )
