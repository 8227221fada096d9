"""Bilingual labels and sources: the pieces of explanations every module needs (private).

:mod:`jetrules.text` is their face, with the reasons built of them; the calendar imports them
from here, so that its start builds no reason class.

>>> Label(en="Fiscal year", ja="年度").render("ja")
'年度'
"""

from __future__ import annotations

from typing import final, get_args

import attrs

from jetrules.errors import InvalidInput, Lang

__all__ = ["LANGUAGES", "Label", "Lang", "Source", "text_validator", "to_lang"]

LANGUAGES: tuple[Lang, ...] = get_args(Lang)


def to_lang(value: str) -> Lang:
    """Check that *value* names a supported language.

    >>> to_lang("ja")
    'ja'
    """
    if value == "en":
        return "en"
    if value == "ja":
        return "ja"
    raise InvalidInput.for_field("lang", "must be 'en' or 'ja'", value)


def text_validator(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Validator: the field holds text with something visible in it."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput.for_field(attribute.name, "must be non-empty text", value)


@final
@attrs.frozen
class Label:
    """A short text in English and Japanese; both are required.

    >>> Label(en="Fiscal year", ja="年度").render("ja")
    '年度'
    """

    en: str = attrs.field(validator=text_validator)
    ja: str = attrs.field(validator=text_validator)

    def render(self, lang: Lang) -> str:
        """The text in *lang*."""
        return self.en if to_lang(lang) == "en" else self.ja


@final
@attrs.frozen(kw_only=True)
class Source:
    """Where a rule comes from: a document, its address and, where useful, what it says.

    >>> print(Source(title="CLAIR News, April 2020", url="https://jetprogramme.org/en/clairnewsapril2020"))
    CLAIR News, April 2020 <https://jetprogramme.org/en/clairnewsapril2020>
    """

    title: str = attrs.field(validator=text_validator)
    url: str | None = None
    quote: str | None = None
    """The words of the source the rule rests on, when they are worth quoting."""

    def __str__(self) -> str:
        return self.title if self.url is None else f"{self.title} <{self.url}>"
