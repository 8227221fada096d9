"""What is claimed and what is decided: receipts and decisions (private; see jetrules.subsidy)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import DateLike, to_date
from jetrules._kernel.fields import named_fields, non_blank, of_type, to_optional_date
from jetrules._subsidy.place import Place, to_place
from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput
from jetrules.money import Yen
from jetrules.text import Lang, Reason

__all__ = ["Decision", "Receipt"]


def _one_line(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Validator: the text has no control characters (statements print it in tables, as headings).

    It follows :func:`~jetrules._kernel.fields.non_blank`, which leaves line breaks and tabs be.
    Printable text (nearly every id and name) has none, and is told so at C speed; only other
    text (with a full-width space, say) is looked at character by character.
    """
    if value.isprintable():
        return
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise InvalidInput.for_field(
            attribute.name, "must be one line of text, without control characters", value
        )


_FLAG = of_type(bool, "must be True or False")


def to_yen(value: Yen | int | Decimal | str) -> Yen:
    """Converter: :meth:`Yen.of` (type checkers take a named function as a converter)."""
    return Yen.of(value)


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields, init=False)
class Receipt:
    """One counselling fee a participant paid and claims.

    Attributes:
        id: the receipt's id, unique across everything assessed together.
        participant: who paid (any stable id: a name, a JET number).
        service_date: the day of the counselling; it decides the fiscal year.
        amount: what was paid, more than ¥0.
        insured: whether health insurance covered the cost (then it is not eligible).
        mental_health_professional: whether a mental health professional provided it.
        place: where the counselling took place.
        submitted_on: the day this receipt's claim reached the programme office, when known; it
            takes precedence over the ``submitted_on`` given to :func:`assess` for a batch.

    >>> Receipt(id="r1", participant="P-001", service_date="2019-05-10", amount=0)
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'amount' must be more than ¥0 (got ¥0)
    """

    id: str = attrs.field(validator=[non_blank, _one_line])
    participant: str = attrs.field(validator=[non_blank, _one_line])
    service_date: pendulum.Date = attrs.field(converter=to_date)
    amount: Yen = attrs.field(converter=to_yen)
    insured: bool = attrs.field(default=False, validator=_FLAG)
    mental_health_professional: bool = attrs.field(default=True, validator=_FLAG)
    place: Place = attrs.field(default=Place.JAPAN, converter=to_place)
    submitted_on: pendulum.Date | None = attrs.field(default=None, converter=to_optional_date)

    def __init__(
        self,
        *,
        id: str,
        participant: str,
        service_date: DateLike,
        amount: Yen | int | Decimal | str,
        insured: bool = False,
        mental_health_professional: bool = True,
        place: Place | str = Place.JAPAN,
        submitted_on: DateLike | None = None,
    ) -> None:
        """Check and convert the fields (see the class); values already checked go straight in.

        A reader of a large file gives values of their final types that pass every check; they
        are seen to pass with a few comparisons (this is the one place they are set without
        attrs' converters and validators). Anything else goes through those, which name the
        field, the rule and the value.
        """
        if (
            id.__class__ is str
            and participant.__class__ is str
            and service_date.__class__ is pendulum.Date
            and amount.__class__ is Yen
            and insured.__class__ is bool
            and mental_health_professional.__class__ is bool
            and place.__class__ is Place
            and (submitted_on is None or submitted_on.__class__ is pendulum.Date)
            and id.isprintable()
            and participant.isprintable()
            and id.strip()
            and participant.strip()
            and amount.amount > 0
            and (submitted_on is None or submitted_on >= service_date)
        ):
            fill = object.__setattr__
            fill(self, "id", id)
            fill(self, "participant", participant)
            fill(self, "service_date", service_date)
            fill(self, "amount", amount)
            fill(self, "insured", insured)
            fill(self, "mental_health_professional", mental_health_professional)
            fill(self, "place", place)
            fill(self, "submitted_on", submitted_on)
            return
        self.__attrs_init__(
            id=id,
            participant=participant,
            service_date=service_date,
            amount=amount,
            insured=insured,
            mental_health_professional=mental_health_professional,
            place=place,
            submitted_on=submitted_on,
        )

    @amount.validator
    def _more_than_nothing(self, attribute: attrs.Attribute[Yen], value: Yen) -> None:
        if not value:
            raise InvalidInput.for_field(attribute.name, "must be more than ¥0", value)

    @submitted_on.validator
    def _not_before_the_service(
        self, attribute: attrs.Attribute[pendulum.Date | None], value: pendulum.Date | None
    ) -> None:
        if value is not None and value < self.service_date:
            raise InvalidInput.for_field(
                attribute.name, f"must not be before the service date ({self.service_date})", value
            )

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year of the service date: the year whose terms and cap apply."""
        return FiscalYear.of(self.service_date)


@final
@attrs.frozen(kw_only=True)
class Decision:
    """What one receipt is paid, and why.

    Attributes:
        receipt: the receipt decided on.
        eligible: the part of its amount that counts toward the subsidy (all of it or nothing).
        subsidy: what it is paid.
        cut_by_cap: what it would have been paid without the annual cap, less what it is paid.
        reasons: why, in order: eligibility (and a note where no place is named), the claim's
            timing, the cap, then what the terms were: values assumed from another year
            (``ASSUMED_TERMS``) or supplied by the caller (``SUPPLIED_TERMS``).
        submitted_on: the day its claim reached the programme office, when given: the receipt's
            own ``submitted_on``, else the one given to :func:`assess` with it.
    """

    receipt: Receipt
    eligible: Yen
    subsidy: Yen
    cut_by_cap: Yen
    reasons: tuple[Reason, ...]
    submitted_on: pendulum.Date | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        """The reasons' stable codes, such as ``("ELIGIBLE", "CAP_PARTLY_REACHED")``."""
        return tuple(reason.code for reason in self.reasons)

    def explain(self, lang: Lang = "en") -> str:
        """The reasons as one line of *lang* (Japanese sentences follow one another unspaced)."""
        separator = "" if lang == "ja" else " "
        return separator.join(reason.render(lang) for reason in self.reasons)
