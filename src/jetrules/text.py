"""What explanations are made of: bilingual labels, sources, and reasons.

A :class:`ReasonTemplate` is a stable code with an English and a Japanese message; filling in its
parameters gives a :class:`Reason`, which renders in either language and can name its source.

>>> CAP = ReasonTemplate(
...     "CAP_REACHED",
...     en="The annual cap of {cap} is reached.",
...     ja="年間上限額{cap}に達しています。",
... )
>>> reason = CAP.with_params(cap="¥30,000")
>>> reason.code
'CAP_REACHED'
>>> print(reason.render("ja"))
年間上限額¥30,000に達しています。
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from typing import Protocol, cast, final, runtime_checkable

import attrs

from jetrules._labels import LANGUAGES, Label, Lang, Source, text_validator, to_lang
from jetrules.errors import InvalidInput

__all__ = [
    "LANGUAGES",
    "Label",
    "Lang",
    "Reason",
    "ReasonTemplate",
    "Renderable",
    "Source",
    "to_lang",
]


@runtime_checkable
class Renderable(Protocol):
    """A value that knows how to show itself in a language (a fiscal year, a label...)."""

    def render(self, lang: Lang) -> str:
        """The value as text in *lang*."""
        ...  # pragma: no cover


@functools.cache
def _fields(template: str) -> frozenset[str]:
    # Memoised: reasons are built per decision, and their templates are few.
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def _render_value(value: object, lang: Lang) -> str:
    # What isinstance(value, Renderable) asks, without the runtime protocol check's cost: a
    # statement of many receipts renders thousands of values.
    render = getattr(value, "render", None)
    if render is not None and callable(render):
        return cast("str", render(lang))
    return str(value)


@final
@attrs.frozen
class ReasonTemplate:
    """A stable reason code with its message in English and Japanese.

    The two messages must use the same ``{placeholders}``; applications switch on :attr:`code`.

    >>> ReasonTemplate("LATE", en="Late by {days} days.", ja="遅延")
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'ja' must use the placeholders of 'en', {'days'} (got '遅延')
    """

    code: str = attrs.field(validator=text_validator)
    en: str = attrs.field(kw_only=True, validator=text_validator)
    ja: str = attrs.field(kw_only=True, validator=text_validator)

    def __attrs_post_init__(self) -> None:
        if not self.code.isupper() or not self.code.replace("_", "").isalnum():
            raise InvalidInput.for_field("code", "must be UPPER_SNAKE_CASE", self.code)
        if _fields(self.en) != _fields(self.ja):
            raise InvalidInput.for_field(
                "ja", f"must use the placeholders of 'en', {set(_fields(self.en))}", self.ja
            )

    @property
    def parameters(self) -> frozenset[str]:
        """The names the messages need filled in."""
        return _fields(self.en)

    def with_params(self, *, source: Source | None = None, **params: object) -> Reason:
        """A :class:`Reason` with this code and its parameters filled in."""
        return Reason(template=self, params=tuple(sorted(params.items())), source=source)


def _check_params(
    instance: Reason, attribute: object, value: tuple[tuple[str, object], ...]
) -> None:
    given = frozenset(name for name, _ in value)
    if given != instance.template.parameters:
        raise InvalidInput.for_field(
            "params",
            f"must be exactly {sorted(instance.template.parameters)} for {instance.template.code}",
            sorted(given),
        )


@final
@attrs.frozen(kw_only=True)
class Reason:
    """Why a decision came out as it did: a stable code and the facts behind it."""

    template: ReasonTemplate
    params: tuple[tuple[str, object], ...] = attrs.field(default=(), validator=_check_params)
    source: Source | None = None

    @property
    def code(self) -> str:
        """The stable code applications switch on, such as ``CAP_REACHED``."""
        return self.template.code

    @property
    def parameters(self) -> Mapping[str, object]:
        """The facts the message is filled in with."""
        return dict(self.params)

    def render(self, lang: Lang = "en", *, with_source: bool = False) -> str:
        """The message in *lang*; with *with_source*, followed by the source it rests on."""
        template = self.template.en if to_lang(lang) == "en" else self.template.ja
        text = template.format_map({k: _render_value(v, lang) for k, v in self.params})
        if with_source and self.source is not None:
            # Japanese runs on without a space after 。, and says 出典 in full-width brackets.
            text += f" [source: {self.source}]" if lang == "en" else f"（出典：{self.source}）"
        return text

    def __str__(self) -> str:
        return self.render("en")


def check_templates(templates: Iterable[ReasonTemplate]) -> tuple[ReasonTemplate, ...]:
    """Check that *templates* have distinct codes, for a module's table of reasons."""
    result = tuple(templates)
    seen: set[str] = set()
    for template in result:
        if template.code in seen:
            raise InvalidInput.for_field("code", "must be unique among reasons", template.code)
        seen.add(template.code)
    return result
