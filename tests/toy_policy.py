"""A toy service shaped like a real face, for testing jetrules.policy and the rules page.

It has what a real face gives the policy files (SERVICE, PARAMETERS, REQUIRED, editions, terms_for)
and a frozen attrs terms class that refuses what does not hold together, with bundled editions of
its own, so the tests of the policy machinery hold whatever the real editions say.
"""

from __future__ import annotations

import functools

import attrs
import pendulum

from jetrules import FiscalYear, InvalidInput
from jetrules._kernel.fields import to_optional_date
from jetrules._kernel.fiscal import to_fiscal_year
from jetrules._kernel.policy import Policy, merge, resolve
from jetrules._kernel.policyfile import parse_editions, parse_sources
from jetrules._kernel.provenance import EditionRecord, SourceBook
from jetrules.errors import WrongType

SERVICE = "toy"

SOURCES = """
[source.notice]
title = "Toy notice | 2019"
url = "https://example.org/toy"

[source.wiki]
title = "Toy wiki"
undated = true
"""

BUNDLED = """
[reading.no-deadline]
en = "No deadline is published: none is applied."
ja = "期限の定めなし。"
design = "design.md#toy-no-deadline"

[[toy]]
fiscal_year = 2019
cap = { value = 30000, source = "notice", quote = "up to\\n  ¥30,000" }
deadline = { reading = "no-deadline" }
minutes = { value = 20, source = "wiki", paraphrase = "twenty minutes" }

[[toy]]
fiscal_year = 2020
cap = { value = 30000, source = "notice" }
deadline = { value = 2021-04-09, source = "notice", quote = "by 9 April 2021" }
minutes = { value = 20, source = "notice", paraphrase = "twenty minutes" }

[[toy]]
fiscal_year = 2022
deadline = { value = 2023-04-07, source = "notice", quote = "by 7 April 2023" }
"""


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType.for_field("value", "must be a whole number", value)
    return value


def _deadline(value: object) -> pendulum.Date | None:
    if not isinstance(value, str):
        raise WrongType.for_field("value", "must be a date such as 2021-04-09", value)
    return to_optional_date(value, "value")


PARAMETERS = {"cap": _whole, "deadline": _deadline, "minutes": _whole}
REQUIRED = ("cap", "deadline", "minutes")


@attrs.frozen(kw_only=True)
class ToyTerms:
    fiscal_year: FiscalYear
    cap: int = attrs.field()
    deadline: pendulum.Date | None = attrs.field()
    minutes: int = attrs.field()

    @cap.validator
    def _positive(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value < 1:
            raise InvalidInput.for_field("cap", "must be at least 1", value)

    @deadline.validator
    def _after_the_year(self, attribute: object, value: pendulum.Date | None) -> None:
        if value is not None and value <= self.fiscal_year.end:
            raise InvalidInput.for_field(
                "deadline", f"must be after the fiscal year ends ({self.fiscal_year.end})", value
            )

    @minutes.validator
    def _positive_minutes(self, attribute: object, value: int) -> None:
        if value < 1:
            raise InvalidInput.for_field("minutes", "must be at least 1", value)

    def __attrs_post_init__(self) -> None:
        if self.minutes * 100 > self.cap:
            raise InvalidInput("a toy session must cost at most the cap (100 yen a minute)")


@functools.cache
def book() -> SourceBook:
    return parse_sources(SOURCES, "sources.toml").merged(parse_sources(BUNDLED, "toy.toml"))


@functools.cache
def bundled() -> tuple[EditionRecord, ...]:
    return parse_editions(BUNDLED, "toy.toml", {SERVICE: PARAMETERS}, book())[SERVICE]


def editions(policy: Policy | None = None) -> tuple[EditionRecord, ...]:
    return bundled() if policy is None else merge(bundled(), policy.editions(SERVICE))


def terms_for(
    fiscal_year: FiscalYear | int | str,
    *,
    policy: Policy | None = None,
    assume: FiscalYear | None = None,
) -> ToyTerms:
    year = to_fiscal_year(fiscal_year)
    record = resolve(
        editions(policy),
        year,
        REQUIRED,
        assume=assume,
        service="toy",
        hint="assume another",
        published=bundled(),
    )
    return ToyTerms(fiscal_year=year, **{p.name: p.value for p in record.parameters})
