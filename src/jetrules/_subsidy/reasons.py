"""Why a receipt was paid what it was: the subsidy's reason codes (private; see ``subsidy``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast, final

from jetrules._subsidy.parameters import ChangedValues, ParameterNames
from jetrules._subsidy.place import Place, PlaceRequirement
from jetrules.money import Yen
from jetrules.text import Reason, ReasonTemplate, Source, check_templates

if TYPE_CHECKING:
    import pendulum

    from jetrules._subsidy.model import Receipt
    from jetrules._subsidy.terms import SubsidyTerms
    from jetrules.calendar import FiscalYear

T = TypeVar("T")

__all__ = [
    "ASSUMED_TERMS",
    "CAP_PARTLY_REACHED",
    "CAP_REACHED",
    "CLAIM_IN_TIME",
    "CONVERTED",
    "DEADLINE_NOT_PUBLISHED",
    "DEADLINE_NOT_SUPPLIED",
    "ELIGIBLE",
    "INSURED_COST",
    "LATE_CLAIM",
    "NOT_A_PROFESSIONAL",
    "NO_EDITION",
    "OUTSIDE_JAPAN",
    "OUTSIDE_TERM",
    "PLACE_NOT_NAMED",
    "REASONS",
    "SUPPLIED_TERMS",
    "ReasonMemo",
    "no_edition",
    "place_note",
    "refusals",
    "terms_notes",
    "timing",
]

ELIGIBLE = ReasonTemplate(
    "ELIGIBLE",
    en="Eligible under the {terms}: {eligible} counts at {rate}.",
    ja="{terms}により対象：{eligible}の{rate}が助成対象です。",
)
INSURED_COST = ReasonTemplate(
    "INSURED_COST",
    en="Covered by health insurance, so not eligible under the {terms}.",
    ja="健康保険が適用されているため、{terms}の対象外です。",
)
NOT_A_PROFESSIONAL = ReasonTemplate(
    "NOT_A_PROFESSIONAL",
    en="Not provided by a mental health professional, so not eligible under the {terms}.",
    ja="メンタルヘルスの専門家によるものではないため、{terms}の対象外です。",
)
OUTSIDE_JAPAN = ReasonTemplate(
    "OUTSIDE_JAPAN",
    en="Counselling took place {place}; the {terms} require it to be in Japan.",
    ja="カウンセリングの場所が{place}です。{terms}では日本国内に限られます。",
)
NO_EDITION = ReasonTemplate(
    "NO_EDITION",
    en="No published terms cover {fiscal_year} in full (not published: {missing}), so nothing was "
    "assessed or paid; to assess it, assume another year's published terms "
    "(assume=FiscalYear({example}), or --assume-terms-from {example} on the command line) or "
    "supply the missing ones in a policy.",
    ja="{fiscal_year}の要件は公表されていない部分があるため（未公表：{missing}）、審査・助成して"
    "いません。審査するには、他の年度の公表された要件を仮定する（assume=FiscalYear({example})、"
    "コマンドでは --assume-terms-from {example}）か、足りない要件をポリシーで指定してください。",
)
PLACE_NOT_NAMED = ReasonTemplate(
    "PLACE_NOT_NAMED",
    en="The {terms} name no place for counselling; read as no requirement, so counselling "
    "{place} counts.",
    ja="{terms}はカウンセリングの場所を定めていないため、場所の要件はないものと解釈し、"
    "{place}でのカウンセリングも対象とします。",
)
ASSUMED_TERMS = ReasonTemplate(
    "ASSUMED_TERMS",
    en="{fiscal_year} does not publish {parameters}: assumed, at the caller's request, from the "
    "published {assumed_from} terms.",
    ja="{fiscal_year}は{parameters}を公表していないため、利用者の指定により{assumed_from}の"
    "公表された要件を仮定しています。",
)
SUPPLIED_TERMS = ReasonTemplate(
    "SUPPLIED_TERMS",
    en="Decided under supplied terms, not the published ones: {changes}.",
    ja="公表された要件ではなく、指定された要件によります：{changes}。",
)
CAP_REACHED = ReasonTemplate(
    "CAP_REACHED",
    en="The annual cap of {cap} was already reached; {cut} is cut.",
    ja="年間上限額{cap}に既に達しているため、{cut}は助成されません。",
)
CAP_PARTLY_REACHED = ReasonTemplate(
    "CAP_PARTLY_REACHED",
    en="This receipt reaches the annual cap of {cap}; {cut} is cut.",
    ja="この領収書で年間上限額{cap}に達するため、{cut}は助成されません。",
)
LATE_CLAIM = ReasonTemplate(
    "LATE_CLAIM",
    en="The claim arrived after the deadline: it reached the programme office on {submitted_on}, "
    "after {deadline}, so nothing is paid.",
    ja="申請が期限後に到着しました（{submitted_on}着、期限{deadline}）。助成されません。",
)
CLAIM_IN_TIME = ReasonTemplate(
    "CLAIM_IN_TIME",
    en="The claim arrived on {submitted_on}, by the deadline of {deadline}.",
    ja="申請は{submitted_on}に到着し、期限{deadline}に間に合っています。",
)
DEADLINE_NOT_PUBLISHED = ReasonTemplate(
    "DEADLINE_NOT_PUBLISHED",
    en="No claim deadline is published for {fiscal_year}; the claim that arrived on "
    "{submitted_on} is not refused as late.",
    ja="{fiscal_year}の申請期限は公表されていないため、{submitted_on}着の申請を期限後として"
    "扱いません。",
)
DEADLINE_NOT_SUPPLIED = ReasonTemplate(
    "DEADLINE_NOT_SUPPLIED",
    en="The supplied terms for {fiscal_year} have no claim deadline (the published one is "
    "{published}); the claim that arrived on {submitted_on} is not refused as late.",
    ja="{fiscal_year}の利用者指定の条件には申請期限がないため（公表された期限は{published}）、"
    "{submitted_on}着の申請を期限後として扱いません。",
)
OUTSIDE_TERM = ReasonTemplate(
    "OUTSIDE_TERM",
    en="{day} is outside {participant}'s term of appointment ({term}): the programme is for "
    "participants during their term, so nothing is paid.",
    ja="{day}は{participant}の任用期間（{term}）外です。このプログラムは任用期間中の参加者が"
    "対象のため、助成されません。",
)
CONVERTED = ReasonTemplate(
    "CONVERTED",
    en="Paid {conversion} (rounded down to whole yen); the rate is the caller's, as no source "
    "gives one (reading rate-is-the-callers).",
    ja="支払額は{conversion}です（円未満切り捨て）。換算レートを定める資料がないため、レートは"
    "利用者の指定によります（解釈 rate-is-the-callers）。",
)

REASONS: tuple[ReasonTemplate, ...] = check_templates(
    (
        ELIGIBLE,
        INSURED_COST,
        NOT_A_PROFESSIONAL,
        OUTSIDE_JAPAN,
        NO_EDITION,
        CAP_REACHED,
        CAP_PARTLY_REACHED,
        LATE_CLAIM,
        CLAIM_IN_TIME,
        DEADLINE_NOT_PUBLISHED,
        DEADLINE_NOT_SUPPLIED,
        PLACE_NOT_NAMED,
        ASSUMED_TERMS,
        SUPPLIED_TERMS,
        OUTSIDE_TERM,
        CONVERTED,
    )
)
"""Every reason a subsidy decision can give; applications switch on the codes."""


@final
class ReasonMemo:
    """Makes each distinct reason once per assessment and shares it (reasons are immutable).

    Most receipts give the same few reasons; sharing them halves the time an assessment takes.
    """

    def __init__(self) -> None:
        self._made: dict[tuple[object, ...], Reason] = {}
        self._under: dict[int, tuple[SubsidyTerms, object]] = {}
        self._yen: dict[int, Yen] = {}
        self._converted: dict[tuple[object, ...], tuple[tuple[Reason, ...], ...]] = {}

    def __call__(self, template: ReasonTemplate, source: Source | None, **params: object) -> Reason:
        key = (template.code, source, *sorted(params.items()))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = template.with_params(source=source, **params)
        return made

    def under(self, terms: SubsidyTerms, make: Callable[[SubsidyTerms, ReasonMemo], T]) -> T:
        """``make(terms, self)``, made once per terms value (by identity) and assessment."""
        found = self._under.get(id(terms))
        if found is None:  # the key object is held in the value: its id is not reused
            found = self._under[id(terms)] = (terms, make(terms, self))
        return cast("T", found[1])

    def converted(self, reasons: tuple[Reason, ...], receipt: Receipt) -> tuple[Reason, ...]:
        """*reasons* after ``CONVERTED`` (what *receipt* was paid in its currency, at what rate).

        The decisions that say the same share one tuple: it is looked up by the identity of
        *reasons* (shared by such decisions, and kept here) and the receipt's conversion.
        """
        # by text: 100.0 and 100.00 are equal decimals, each shown as given
        key = (
            id(reasons),
            receipt.currency,
            str(receipt.amount_in_currency),
            str(receipt.jpy_per_unit),
        )
        found = self._converted.get(key)
        if found is None:  # the key object is held in the value: its id is not reused
            said = CONVERTED.with_params(conversion=receipt.conversion)
            found = self._converted[key] = (reasons, (said, *reasons))
        return found[1]

    def together(self, first: Reason, then: tuple[Reason, ...]) -> tuple[Reason, ...]:
        """``(first, *then)``, one tuple per distinct pair (by identity) of the assessment."""
        key = ("together", id(first), id(then))
        found = self._converted.get(key)
        if found is None:  # *then* is held here, *first* by the memo: ids not reused
            found = self._converted[key] = (then, (first, *then))
        return found[1]

    def yen(self, amount: int) -> Yen:
        """``Yen(amount)``, one value per distinct amount of the assessment."""
        found = self._yen.get(amount)
        if found is None:
            found = self._yen[amount] = Yen(amount)
        return found


def refusals(terms: SubsidyTerms, receipt: Receipt, reason: ReasonMemo) -> list[Reason]:
    """Why *terms* do not cover *receipt* at all (insured, no professional, the wrong place).

    Each refusal cites the source of the condition it applies (none for a reading).
    """
    found = []
    if receipt.insured and terms.insured_costs_excluded:
        found.append(reason(INSURED_COST, terms.cited("insured_costs_excluded"), terms=terms))
    if not receipt.mental_health_professional and terms.professional_required:
        found.append(reason(NOT_A_PROFESSIONAL, terms.cited("professional_required"), terms=terms))
    if not terms.place.allows(receipt.place):
        found.append(reason(OUTSIDE_JAPAN, terms.cited("place"), terms=terms, place=receipt.place))
    return found


def place_note(terms: SubsidyTerms, receipt: Receipt, reason: ReasonMemo) -> list[Reason]:
    """``PLACE_NOT_NAMED`` when *terms* name no place and *receipt* is from abroad."""
    if terms.place is PlaceRequirement.ANY_PLACE and receipt.place is Place.ABROAD:
        return [reason(PLACE_NOT_NAMED, terms.cited("place"), terms=terms, place=receipt.place)]
    return []


def timing(
    terms: SubsidyTerms, submitted_on: pendulum.Date | None, reason: ReasonMemo
) -> tuple[bool, list[Reason]]:
    """Whether the claim is late, and what to say about its timing."""
    if submitted_on is None:
        return False, []
    deadline = terms.claim_deadline
    source = terms.cited("claim_deadline")
    if deadline is None:
        dropped = terms.dropped_deadline
        if dropped is not None:  # a what-if without the year's published deadline
            said = reason(
                DEADLINE_NOT_SUPPLIED,
                source,
                fiscal_year=terms.fiscal_year,
                published=dropped,
                submitted_on=submitted_on,
            )
        else:
            said = reason(
                DEADLINE_NOT_PUBLISHED,
                source,
                fiscal_year=terms.fiscal_year,
                submitted_on=submitted_on,
            )
        return False, [said]
    late = submitted_on > deadline
    template = LATE_CLAIM if late else CLAIM_IN_TIME
    return late, [reason(template, source, submitted_on=submitted_on, deadline=deadline)]


@functools.lru_cache(maxsize=256)
def terms_notes(terms: SubsidyTerms) -> tuple[Reason, ...]:
    """What every decision under *terms* says of them: assumed or supplied values, if any.

    Worked out once per terms (terms are values, and their reasons too).
    """
    notes = []
    if terms.assumed_from is not None:
        notes.append(
            ASSUMED_TERMS.with_params(
                fiscal_year=terms.fiscal_year,
                parameters=ParameterNames(terms.assumed),
                assumed_from=terms.assumed_from,
            )
        )
    changed = terms.changes
    if changed:
        notes.append(SUPPLIED_TERMS.with_params(changes=ChangedValues(changed)))
    return tuple(notes)


def no_edition(
    year: FiscalYear, missing: tuple[str, ...], example: int, reason: ReasonMemo
) -> Reason:
    """``NO_EDITION``: *year*'s terms leave *missing* unpublished; *example* is a year to assume."""
    return reason(
        NO_EDITION, None, fiscal_year=year, missing=ParameterNames(missing), example=example
    )
