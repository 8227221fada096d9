"""Why a receipt was paid what it was: the subsidy's reason codes (private; see ``subsidy``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, final

from jetrules.text import Reason, ReasonTemplate, Source, check_templates

if TYPE_CHECKING:
    import pendulum

    from jetrules._subsidy.model import Receipt
    from jetrules._subsidy.terms import SubsidyTerms

__all__ = [
    "CAP_PARTLY_REACHED",
    "CAP_REACHED",
    "CLAIM_IN_TIME",
    "DEADLINE_NOT_PUBLISHED",
    "ELIGIBLE",
    "INSURED_COST",
    "LATE_CLAIM",
    "NOT_A_PROFESSIONAL",
    "NO_EDITION",
    "OUTSIDE_JAPAN",
    "REASONS",
    "ReasonMemo",
    "refusals",
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
    en="No published terms cover {fiscal_year}, so nothing was assessed or paid; "
    "pass terms for that year to assess it.",
    ja="{fiscal_year}の要件は公表されていないため、審査・助成していません。"
    "その年度の要件を指定すれば審査できます。",
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

    def __call__(self, template: ReasonTemplate, source: Source | None, **params: object) -> Reason:
        key = (template.code, source, *sorted(params.items()))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = template.with_params(source=source, **params)
        return made


def refusals(terms: SubsidyTerms, receipt: Receipt, reason: ReasonMemo) -> list[Reason]:
    """Why *terms* do not cover *receipt* at all (insured, no professional, the wrong place)."""
    source = terms.source
    found = []
    if receipt.insured:
        found.append(reason(INSURED_COST, source, terms=terms))
    if not receipt.mental_health_professional:
        found.append(reason(NOT_A_PROFESSIONAL, source, terms=terms))
    if not terms.place.allows(receipt.place):
        found.append(reason(OUTSIDE_JAPAN, source, terms=terms, place=receipt.place))
    return found


def timing(
    terms: SubsidyTerms, submitted_on: pendulum.Date | None, reason: ReasonMemo
) -> tuple[bool, list[Reason]]:
    """Whether the claim is late, and what to say about its timing."""
    if submitted_on is None:
        return False, []
    deadline = terms.claim_deadline
    if deadline is None:
        said = reason(
            DEADLINE_NOT_PUBLISHED,
            terms.source,
            fiscal_year=terms.fiscal_year,
            submitted_on=submitted_on,
        )
        return False, [said]
    late = submitted_on > deadline
    template = LATE_CLAIM if late else CLAIM_IN_TIME
    return late, [reason(template, terms.source, submitted_on=submitted_on, deadline=deadline)]
