"""Counselling Assistance Programme: editions, receipts, assessment, explained statements.

The programme pays a share (50%) of a participant's eligible counselling costs, up to an annual cap
per participant per fiscal year. :func:`assess` takes receipts and gives a :class:`Ledger` of
:class:`Statement` s, one per participant and fiscal year, in which every receipt has a
:class:`Decision`: its eligible amount, its subsidy, what the cap cut, and why.

The terms of each fiscal year are data: the editions of ``jetrules/policy/subsidy.toml``, each
parameter with the source that states it or our documented reading (:func:`editions`,
:func:`terms_for`). Rounding, for one (no source states it; Japanese subsidies round down): the
year's subsidy is ``min(cap, floor(rate x total eligible))``, and each receipt, taken in
service-date order (ties by receipt id), gets the increase it causes in that amount. So the
decisions always sum to the total, however the receipts are ordered or batched.

A year whose terms are not published in full (FY2022; FY2025 publishes only its claim deadline)
pays nothing unless the caller assumes another year's published terms (``assume=``); a what-if
is a policy (``policy=``). Either way every decision says so.

>>> from jetrules import Yen
>>> ledger = assess([
...     Receipt(id="r1", participant="P-001", service_date="2019-05-10", amount=Yen(7_001)),
...     Receipt(id="r2", participant="P-001", service_date="2019-06-10", amount=Yen(7_001)),
... ])
>>> [(d.receipt.id, d.subsidy) for d in ledger[0].decisions]
[('r1', Yen(3500)), ('r2', Yen(3501))]
>>> ledger[0].total_subsidy, ledger[0].remaining_cap
(Yen(7001), Yen(22999))
"""

from jetrules._kernel.participants import (
    TERM_SOURCE,
    ClaimDocument,
    ClaimDocuments,
    Participant,
    Participants,
    Term,
)
from jetrules._subsidy.currency import YEN, Conversion, to_amount, to_rate_per_unit, to_yen_at
from jetrules._subsidy.editions import EDITIONS, SERVICE, editions, terms_for
from jetrules._subsidy.ledger import Ledger, assess
from jetrules._subsidy.model import Decision, Receipt
from jetrules._subsidy.organisations import (
    CLAIM_COLUMNS,
    ORGANISATION_COLUMNS,
    ORGANISATION_LABELS,
    ByOrganisation,
    OrganisationYear,
    ParticipantClaim,
    by_organisation,
)
from jetrules._subsidy.parameters import OPTIONAL, PARAMETERS, REQUIRED, ShareOut
from jetrules._subsidy.place import Place, PlaceRequirement
from jetrules._subsidy.reasons import REASONS
from jetrules._subsidy.rows import CsvLines, ReceiptRow, ReceiptRows, csv_lines_of_rows
from jetrules._subsidy.statement import Statement
from jetrules._subsidy.tables import RECORD_COLUMNS, STATEMENT_COLUMNS
from jetrules._subsidy.terms import SubsidyTerms

__all__ = [
    "CLAIM_COLUMNS",
    "EDITIONS",
    "OPTIONAL",
    "ORGANISATION_COLUMNS",
    "ORGANISATION_LABELS",
    "PARAMETERS",
    "REASONS",
    "RECORD_COLUMNS",
    "REQUIRED",
    "SERVICE",
    "STATEMENT_COLUMNS",
    "TERM_SOURCE",
    "YEN",
    "ByOrganisation",
    "ClaimDocument",
    "ClaimDocuments",
    "Conversion",
    "CsvLines",
    "Decision",
    "Ledger",
    "OrganisationYear",
    "Participant",
    "ParticipantClaim",
    "Participants",
    "Place",
    "PlaceRequirement",
    "Receipt",
    "ReceiptRow",
    "ReceiptRows",
    "ShareOut",
    "Statement",
    "SubsidyTerms",
    "Term",
    "assess",
    "by_organisation",
    "csv_lines_of_rows",
    "editions",
    "terms_for",
    "to_amount",
    "to_rate_per_unit",
    "to_yen_at",
]
