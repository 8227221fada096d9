"""Participants: each one's term of appointment, organisation and claim documents (private).

The programme's services are for current participants during their term of appointment (AJET
Peer Support Group, FAQ); a participant belongs to a
contracting organisation, which submits the subsidy claims (FY2021, Saga JET). Every family
takes a participant's term the same way, from here, through its face (``jetrules.subsidy``,
``jetrules.threads``, ``jetrules.booking``).

>>> term = Participant(participant="P-001", appointed_from="2023-08-01",
...                    appointed_to="2024-07-31", organisation="Saga Prefecture")
>>> term.contains("2023-07-31"), term.contains("2024-07-31")
(False, True)
>>> print(term.term.render("en"))
2023-08-01 to 2024-07-31
>>> Participant(participant="P-002", appointed_from="2024-08-01", appointed_to="2024-07-31",
...             organisation="Saga Prefecture")
Traceback (most recent call last):
...
jetrules.errors.InvalidInput: 'appointed_to' must not be before appointed_from (2024-08-01) ...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import DateLike, to_date
from jetrules._kernel.fields import LabelledEnum, named_fields, non_blank
from jetrules._kernel.frozen import FrozenMapping
from jetrules.errors import InvalidInput, WrongType
from jetrules.text import Label, Lang, Source

__all__ = [
    "TERM_SOURCE",
    "ClaimDocument",
    "ClaimDocuments",
    "Participant",
    "Participants",
    "Term",
    "check_term",
    "to_claim_documents",
]

TERM_SOURCE = Source(
    title="AJET Peer Support Group, FAQ",
    url="https://ajetpsg.com/faq",
)
"""Where the services are said to be for current participants during their term."""


class ClaimDocument(LabelledEnum):
    """A document a subsidy claim is made of.

    FY2021, Saga JET: the participant gives them to the contracting organisation, which sends
    them to the programme office.
    """

    APPLICATION_FORM = "application_form"
    RECEIPTS = "receipts"
    BANK_BOOK_COPY = "bank_book_copy"
    """A copy of the inside cover of the bank book (the account the subsidy is paid into)."""

    @property
    def label(self) -> Label:
        """The document's name in English and Japanese."""
        return _DOCUMENT_LABELS[self]


_DOCUMENT_LABELS = {
    ClaimDocument.APPLICATION_FORM: Label(en="application form", ja="申請書"),
    ClaimDocument.RECEIPTS: Label(en="receipts", ja="領収書"),
    ClaimDocument.BANK_BOOK_COPY: Label(
        en="copy of the bank book's inside cover", ja="通帳の見開きページの写し"
    ),
}


def _document(value: object, field: str) -> ClaimDocument:
    if isinstance(value, ClaimDocument):
        return value
    known = ", ".join(document.value for document in ClaimDocument)
    if not isinstance(value, str):
        raise WrongType.for_field(field, f"must name documents among {known}", value)
    try:
        return ClaimDocument(value.strip())
    except ValueError:
        raise InvalidInput.for_field(field, f"must name documents among {known}", value) from None


@final
@attrs.frozen
class ClaimDocuments:
    """Claim documents, each once, in the order given (a policy's list, or what was handed in).

    >>> documents = to_claim_documents(["application_form", "bank_book_copy"])
    >>> print(documents.render("ja"))
    申請書、通帳の見開きページの写し
    >>> ClaimDocument.RECEIPTS in documents, len(documents)
    (False, 2)
    """

    documents: tuple[ClaimDocument, ...]

    def __iter__(self) -> Iterator[ClaimDocument]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __contains__(self, document: object) -> bool:
        return document in self.documents

    def render(self, lang: Lang) -> str:
        """The documents as one list in *lang* (``none`` / ``なし`` when there are none)."""
        if not self.documents:
            return "none" if lang == "en" else "なし"
        separator = ", " if lang == "en" else "、"
        return separator.join(document.render(lang) for document in self.documents)


def to_claim_documents(
    value: ClaimDocuments | Iterable[ClaimDocument | str], field: str = "claim_documents"
) -> ClaimDocuments:
    """*value* (documents or their names) as :class:`ClaimDocuments`; each named once.

    >>> to_claim_documents(["receipts", "receipts"])
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'claim_documents' must name each document once (got ...)
    """
    if isinstance(value, ClaimDocuments):
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongType.for_field(field, "must be a list of document names", value)
    items = list(value)
    documents = tuple(_document(item, field) for item in items)
    if len(set(documents)) != len(documents):
        raise InvalidInput.for_field(field, "must name each document once", items)
    return ClaimDocuments(documents)


def _optional_documents(
    value: ClaimDocuments | Iterable[ClaimDocument | str] | None,
) -> ClaimDocuments | None:
    return None if value is None else to_claim_documents(value, "documents")


@final
@attrs.frozen
class Term:
    """A term of appointment: its first and last day, both included."""

    first: pendulum.Date
    last: pendulum.Date

    def render(self, lang: Lang) -> str:
        """``2023-08-01 to 2024-07-31`` / ``2023-08-01から2024-07-31まで``."""
        if lang == "en":
            return f"{self.first} to {self.last}"
        return f"{self.first}から{self.last}まで"


@final
@attrs.frozen(kw_only=True, field_transformer=named_fields)
class Participant:
    """A participant's term of appointment, contracting organisation and claim documents.

    Attributes:
        participant: the participant's id, as receipts, threads and appointments name them.
        appointed_from: the first day of the term (Tokyo date), included.
        appointed_to: the last day of the term, included.
        organisation: the contracting organisation, which submits the participant's claims.
        documents: the claim documents the participant has handed in, or ``None`` when not
            recorded (then nothing is said of what a claim lacks).
    """

    participant: str = attrs.field(validator=non_blank)
    appointed_from: pendulum.Date = attrs.field(converter=to_date)
    appointed_to: pendulum.Date = attrs.field(converter=to_date)
    organisation: str = attrs.field(validator=non_blank)
    documents: ClaimDocuments | None = attrs.field(
        default=None, converter=_optional_documents, kw_only=True
    )

    @appointed_to.validator
    def _not_before_the_start(
        self, attribute: attrs.Attribute[pendulum.Date], value: pendulum.Date
    ) -> None:
        if value < self.appointed_from:
            raise InvalidInput.for_field(
                attribute.name, f"must not be before appointed_from ({self.appointed_from})", value
            )

    @property
    def term(self) -> Term:
        """The term of appointment, for messages: ``2023-08-01 to 2024-07-31``."""
        return Term(self.appointed_from, self.appointed_to)

    def contains(self, day: DateLike) -> bool:
        """Whether *day* (a date or ISO text) falls in the term, both ends included."""
        return self.appointed_from <= to_date(day, "day") <= self.appointed_to

    def lacking(self, required: Iterable[ClaimDocument]) -> ClaimDocuments | None:
        """The *required* documents not handed in, or ``None`` when none are recorded.

        >>> p = Participant(participant="P-1", appointed_from="2021-08-01",
        ...                 appointed_to="2022-07-31", organisation="Saga",
        ...                 documents=["application_form", "receipts"])
        >>> print(p.lacking(ClaimDocument).render("en"))
        copy of the bank book's inside cover
        """
        if self.documents is None:
            return None
        return ClaimDocuments(tuple(d for d in required if d not in self.documents))


def check_term(term: Participant | None, participant: str) -> Participant | None:
    """*term*, checked to be ``None`` or the :class:`Participant` record of *participant*.

    Raises:
        WrongType: *term* is not a Participant.
        InvalidInput: *term* is another participant's.
    """
    if term is None:
        return None
    if not isinstance(term, Participant):
        raise WrongType.for_field("term", "must be a Participant (or None)", term)
    if term.participant != participant:
        raise InvalidInput.for_field(
            "term", f"must be the term of {participant!r}", term.participant
        )
    return term


@final
class Participants(FrozenMapping[str, Participant]):
    """Participants by id: each participant once (every id given twice is reported at once).

    >>> one = Participant(participant="P-1", appointed_from="2023-08-01",
    ...                   appointed_to="2024-07-31", organisation="Saga")
    >>> Participants([one])["P-1"].organisation
    'Saga'
    >>> Participants([one, one])
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'participants' must name each participant once (got ['P-1'])
    """

    __slots__ = ()

    def __init__(self, participants: Iterable[Participant] = ()) -> None:
        if isinstance(participants, Participants):
            self._items: dict[str, Participant] = dict(participants._items)
            return
        if isinstance(participants, str | bytes | Mapping) or not isinstance(
            participants, Iterable
        ):
            raise WrongType.for_field(
                "participants", "must be a list of Participant values", participants
            )
        members = list(participants)
        for member in members:
            if not isinstance(member, Participant):
                raise WrongType.for_field(
                    "participants", "must hold only Participant values", member
                )
        counts = Counter(member.participant for member in members)
        twice = sorted(name for name, count in counts.items() if count > 1)
        if twice:
            raise InvalidInput.for_field("participants", "must name each participant once", twice)
        self._items = {member.participant: member for member in members}

    __hash__ = FrozenMapping.__hash__  # defining __eq__ alone would unset it

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Participants) and self._items == other._items

    def __repr__(self) -> str:
        return f"Participants({list(self._items.values())!r})"

    def __reduce__(self) -> tuple[type[Participants], tuple[list[Participant]]]:
        return (Participants, (list(self._items.values()),))

    @property
    def organisations(self) -> tuple[str, ...]:
        """The contracting organisations, each once, sorted."""
        return tuple(sorted({member.organisation for member in self._items.values()}))
