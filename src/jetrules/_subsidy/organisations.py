"""Claims by contracting organisation: totals per organisation and year, and what claims lack.

Participants give their claims to their contracting organisation, which sends them to the
programme office; staff work organisation by organisation. :func:`by_organisation` groups the
statements of a :class:`~jetrules.subsidy.Ledger` by the organisation of each participant (from
their :class:`~jetrules.subsidy.Participant` record) and by fiscal year, with the receipts, the
amount claimed, the amount payable and the late receipts, and for each participant the claim
documents the year's terms ask for (``claim_documents``) that the participant has not handed in.
(private; :mod:`jetrules.subsidy` is its face.)

>>> from jetrules.subsidy import Receipt, assess
>>> ledger = assess([
...     Receipt(id="r1", participant="P-1", service_date="2021-05-10", amount=8_000),
...     Receipt(id="r2", participant="P-2", service_date="2021-06-10", amount=4_000),
... ])
>>> people = [
...     Participant(participant="P-1", appointed_from="2020-08-01", appointed_to="2022-07-31",
...                 organisation="Saga", documents=["application_form", "receipts"]),
...     Participant(participant="P-2", appointed_from="2021-04-01", appointed_to="2022-03-31",
...                 organisation="Saga", documents=["application_form", "receipts",
...                                                 "bank_book_copy"]),
... ]
>>> [saga] = by_organisation(ledger, people)
>>> saga.participants, saga.receipts, saga.claimed, saga.payable, saga.late_receipts
(2, 2, Yen(12000), Yen(6000), 0)
>>> print(saga.claims[0].lacking.render("en"))
copy of the bank book's inside cover
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Literal, final

import attrs

from jetrules._kernel.output import format_table
from jetrules._kernel.participants import ClaimDocuments, Participant, Participants
from jetrules._kernel.provenance import Origin
from jetrules._subsidy.ledger import Ledger
from jetrules._subsidy.reasons import LATE_CLAIM
from jetrules._subsidy.statement import Statement
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Yen
from jetrules.text import Label, Lang, to_lang

__all__ = [
    "CLAIM_COLUMNS",
    "ORGANISATION_COLUMNS",
    "ORGANISATION_LABELS",
    "ByOrganisation",
    "OrganisationLevel",
    "OrganisationYear",
    "ParticipantClaim",
    "by_organisation",
]

OrganisationLevel = Literal["organisation", "participant"]
"""What a record of :meth:`ByOrganisation.to_records` is of: an organisation's year, or a claim."""

ORGANISATION_COLUMNS: tuple[str, ...] = (
    "organisation",
    "fiscal_year",
    "participants",
    "receipts",
    "claimed",
    "payable",
    "late_receipts",
    "incomplete_claims",
    "terms_origin",
)
"""The keys of a record per organisation and fiscal year, in the order CSV lists them."""

CLAIM_COLUMNS: tuple[str, ...] = (
    "organisation",
    "fiscal_year",
    "participant",
    "appointed_from",
    "appointed_to",
    "receipts",
    "claimed",
    "payable",
    "late_receipts",
    "lacking",
    "lacking_codes",
    "terms_origin",
)
"""The keys of a record per participant's claim, in the order CSV lists them."""

ORGANISATION_LABELS: Mapping[str, Label] = {
    "organisation": Label(en="organisation", ja="任用団体"),
    "fiscal_year": Label(en="fiscal year", ja="年度"),
    "participants": Label(en="participants", ja="参加者数"),
    "participant": Label(en="participant", ja="参加者"),
    "appointed_from": Label(en="appointed from", ja="任用開始日"),
    "appointed_to": Label(en="appointed to", ja="任用終了日"),
    "receipts": Label(en="receipts", ja="領収書数"),
    "claimed": Label(en="claimed", ja="申請額"),
    "payable": Label(en="payable", ja="助成額"),
    "late_receipts": Label(en="late receipts", ja="期限後の領収書"),
    "incomplete_claims": Label(en="claims lacking documents", ja="書類不足の申請"),
    "lacking": Label(en="documents lacking", ja="不足書類"),
    "lacking_codes": Label(en="lacking (codes)", ja="不足書類（コード）"),
    "terms_origin": Label(en="terms", ja="要件"),
}
"""Each column's heading in English and Japanese."""

_NOT_RECORDED = Label(en="not recorded", ja="未記録")
_NO_TERMS = Label(en="not published (nothing paid)", ja="未公表（助成なし）")
_NO_LIST = Label(en="no list published", ja="書類の定めなし")


@final
@attrs.frozen(kw_only=True)
class ParticipantClaim:
    """One participant's claim for one fiscal year: their statement, and what the claim lacks.

    Attributes:
        participant: the participant's record (term, organisation, documents handed in).
        statement: the participant's statement for the year.
        required: the documents the year's terms ask for; ``None`` where the year has no terms
            or its terms publish no list.
    """

    participant: Participant
    statement: Statement
    required: ClaimDocuments | None

    @property
    def receipts(self) -> int:
        """How many receipts the claim holds."""
        return len(self.statement.decisions)

    @property
    def claimed(self) -> Yen:
        """What the receipts add up to: the amount claimed."""
        return self.statement.total_paid

    @property
    def payable(self) -> Yen:
        """What the programme pays on the claim."""
        return self.statement.total_subsidy

    @property
    def late_receipts(self) -> int:
        """How many receipts reached the programme office after the claim deadline."""
        code = LATE_CLAIM.code
        return sum(code in decision.codes for decision in self.statement.decisions)

    @property
    def lacking(self) -> ClaimDocuments | None:
        """The required documents not handed in (none: complete); ``None`` when unknown.

        Unknown when the participant's documents are not recorded or the year asks for none.
        """
        return None if self.required is None else self.participant.lacking(self.required)

    def lacking_text(self, lang: Lang) -> str:
        """:attr:`lacking` in *lang*, saying why when it is unknown."""
        if self.required is None:
            return _NO_LIST.render(lang)
        lacking = self.lacking
        return _NOT_RECORDED.render(lang) if lacking is None else lacking.render(lang)

    @property
    def terms_origin(self) -> str | None:
        """The year's terms: ``published``, ``assumed``, ``supplied``, or ``None`` (no terms)."""
        return self.statement.terms_origin

    def to_record(self, lang: Lang = "en") -> dict[str, object]:
        """The claim as a flat record of :data:`CLAIM_COLUMNS` (text in *lang*)."""
        lacking = self.lacking
        return {
            "organisation": self.participant.organisation,
            "fiscal_year": self.statement.fiscal_year.year,
            "participant": self.participant.participant,
            "appointed_from": _plain_date(self.participant.appointed_from),
            "appointed_to": _plain_date(self.participant.appointed_to),
            "receipts": self.receipts,
            "claimed": self.claimed.amount,
            "payable": self.payable.amount,
            "late_receipts": self.late_receipts,
            "lacking": self.lacking_text(lang),
            "lacking_codes": None if lacking is None else [d.value for d in lacking],
            "terms_origin": self.terms_origin,
        }


def _plain_date(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


@final
@attrs.frozen(kw_only=True)
class OrganisationYear:
    """One contracting organisation's claims of one fiscal year, with their totals.

    Attributes:
        organisation: the contracting organisation.
        fiscal_year: the year of the receipts.
        claims: one per participant with receipts in the year, by participant id.
    """

    organisation: str
    fiscal_year: FiscalYear
    claims: tuple[ParticipantClaim, ...]

    @property
    def participants(self) -> int:
        """How many participants claim in the year."""
        return len(self.claims)

    @property
    def receipts(self) -> int:
        """How many receipts the claims hold."""
        return sum(claim.receipts for claim in self.claims)

    @property
    def claimed(self) -> Yen:
        """The amount claimed: the receipts' amounts added up."""
        return Yen(sum(claim.claimed.amount for claim in self.claims))

    @property
    def payable(self) -> Yen:
        """The amount payable: the participants' subsidies added up."""
        return Yen(sum(claim.payable.amount for claim in self.claims))

    @property
    def late_receipts(self) -> int:
        """How many receipts reached the programme office after the claim deadline."""
        return sum(claim.late_receipts for claim in self.claims)

    @property
    def terms_origin(self) -> str | None:
        """The year's terms, as its claims' statements say (:attr:`Statement.terms_origin`)."""
        return self.claims[0].terms_origin

    @property
    def incomplete(self) -> tuple[ParticipantClaim, ...]:
        """The claims known to lack at least one document."""
        return tuple(claim for claim in self.claims if claim.lacking)

    def to_record(self) -> dict[str, object]:
        """The organisation's year as a flat record of :data:`ORGANISATION_COLUMNS`."""
        return {
            "organisation": self.organisation,
            "fiscal_year": self.fiscal_year.year,
            "participants": self.participants,
            "receipts": self.receipts,
            "claimed": self.claimed.amount,
            "payable": self.payable.amount,
            "late_receipts": self.late_receipts,
            "incomplete_claims": len(self.incomplete),
            "terms_origin": self.terms_origin,
        }

    def render(self, lang: Lang) -> str:
        """A heading with the totals, then a table of the claims, in *lang*."""
        year = self.fiscal_year.render(lang)
        totals = ", ".join(
            f"{ORGANISATION_LABELS[name].render(lang)} {value}"
            for name, value in (
                ("participants", self.participants),
                ("receipts", self.receipts),
                ("claimed", self.claimed),
                ("payable", self.payable),
                ("late_receipts", self.late_receipts),
                ("terms_origin", _origin_text(self.terms_origin, lang)),
            )
        )
        heading = f"{self.organisation}, {year}: {totals}"
        if lang == "ja":
            heading = f"{self.organisation}　{year}：{totals.replace(', ', '、')}"
        columns = ("participant", "receipts", "claimed", "payable", "late_receipts", "lacking")
        rows = [
            [
                claim.participant.participant,
                claim.receipts,
                claim.claimed,
                claim.payable,
                claim.late_receipts,
                claim.lacking_text(lang),
            ]
            for claim in self.claims
        ]
        headers = [ORGANISATION_LABELS[name].render(lang) for name in columns]
        return f"{heading}\n{format_table(headers, rows)}"


def _origin_text(origin: str | None, lang: Lang) -> str:
    """The terms' origin as the table says it: ``assumed``, ``not published (nothing paid)``."""
    return _NO_TERMS.render(lang) if origin is None else Origin(origin).render(lang)


def _level(value: object) -> OrganisationLevel:
    if value == "organisation":
        return "organisation"
    if value == "participant":
        return "participant"
    raise InvalidInput.for_field("level", "must be 'organisation' or 'participant'", value)


@final
@attrs.frozen
class ByOrganisation(Sequence[OrganisationYear]):
    """Every organisation's claims, by organisation and then fiscal year."""

    groups: tuple[OrganisationYear, ...]

    def __len__(self) -> int:
        return len(self.groups)

    def __getitem__(self, index: int) -> OrganisationYear:  # type: ignore[override]
        return self.groups[index]

    def __iter__(self) -> Iterator[OrganisationYear]:
        return iter(self.groups)

    def to_records(
        self, lang: Lang = "en", *, level: OrganisationLevel = "organisation"
    ) -> list[dict[str, object]]:
        """Plain dicts for a table, CSV or JSON: one per organisation's year, or per claim.

        Args:
            lang: the language of the text (what a claim lacks).
            level: ``"organisation"`` (the keys of :data:`ORGANISATION_COLUMNS`) or
                ``"participant"`` (:data:`CLAIM_COLUMNS`).
        """
        lang = to_lang(lang)
        if _level(level) == "organisation":
            return [group.to_record() for group in self.groups]
        return [claim.to_record(lang) for group in self.groups for claim in group.claims]

    def render(self, lang: Lang = "en") -> str:
        """Each organisation's year as a heading and a table, in *lang*."""
        lang = to_lang(lang)
        if not self.groups:
            return "No claims." if lang == "en" else "申請はありません。"
        return "\n\n".join(group.render(lang) for group in self.groups)


def _participants(value: Participants | Iterable[Participant]) -> Participants:
    return value if isinstance(value, Participants) else Participants(value)


def by_organisation(
    ledger: Ledger, participants: Participants | Iterable[Participant] | None = None
) -> ByOrganisation:
    """The statements of *ledger* grouped by each participant's organisation and fiscal year.

    *participants* default to those the ledger was assessed with (``assess(participants=)``).

    The documents a claim needs are those its statement's terms ask for (``claim_documents``):
    the year's published list, one assumed from another year, or one a policy supplies.

    Raises:
        WrongType: *ledger* is not a Ledger, or *participants* not Participant values.
        InvalidInput: a participant of the ledger has no record in *participants* (every one
            is named; none is assumed), or *participants* names a participant twice.
    """
    if not isinstance(ledger, Ledger):
        raise WrongType.for_field("ledger", "must be a Ledger (see assess)", ledger)
    if participants is None:
        participants = ledger.participants
        if participants is None:
            raise InvalidInput.for_field(
                "participants",
                "must be given when the ledger was assessed without participants",
                None,
            )
    known = _participants(participants)
    unknown = sorted({s.participant for s in ledger.statements if s.participant not in known})
    if unknown:
        raise InvalidInput.for_field(
            "participants", "must hold every participant of the ledger (missing)", unknown
        )
    grouped: defaultdict[tuple[str, FiscalYear], list[ParticipantClaim]] = defaultdict(list)
    for statement in ledger.statements:
        member = known[statement.participant]
        terms = statement.terms
        required = None if terms is None else terms.claim_documents
        claim = ParticipantClaim(participant=member, statement=statement, required=required)
        grouped[member.organisation, statement.fiscal_year].append(claim)
    return ByOrganisation(
        tuple(
            OrganisationYear(
                organisation=organisation,
                fiscal_year=year,
                claims=tuple(sorted(claims, key=lambda c: c.participant.participant)),
            )
            for (organisation, year), claims in sorted(grouped.items())
        )
    )
