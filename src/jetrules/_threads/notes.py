"""What a status or decision says about the terms it was made under (private).

``threads`` is its face. Terms resolved with ``assume=`` hold values published for another
year, and terms under a caller's policy may hold values that differ from the published ones: every
status and late reply made under such terms carries a note saying which, in English and Japanese
(``ASSUMED_TERMS``, ``SUPPLIED_TERMS``), so a what-if never reads as the published rules.

>>> from jetrules.threads import terms_for
>>> [note] = terms_notes(terms_for(2024, assume=2023))
>>> note.code
'ASSUMED_TERMS'
>>> print(note.render("en"))
Assumed terms: FY2024 does not publish these, so the values published for another year were used, as asked: line limit 30 (from FY2023), ...
>>> terms_notes(terms_for(2019))
()
"""  # noqa: E501

from __future__ import annotations

from jetrules._threads.reasons import ASSUMED_TERMS, SUPPLIED_TERMS
from jetrules._threads.terms import WebMailTerms
from jetrules.text import Label, Lang, Reason

__all__ = ["PARAMETER_LABELS", "terms_notes"]

PARAMETER_LABELS: dict[str, Label] = {
    "line_limit": Label(en="line limit", ja="行数の上限"),
    "reply_business_days": Label(en="reply within (business days)", ja="返信期限（営業日）"),
    "replies_per_thread": Label(en="replies per thread", ja="1スレッドの返信数"),
    "languages": Label(en="languages", ja="対応言語"),
    "threads_per_participant": Label(
        en="threads per participant", ja="参加者1人あたりのスレッド数"
    ),
    "closed_day_receipt": Label(
        en="a message received on a closed day", ja="休業日に受信したメッセージの扱い"
    ),
    "line_limit_for_follow_ups": Label(
        en="line limit for follow-ups", ja="追加の相談への行数の上限"
    ),
    "continuations_per_thread": Label(
        en="continuations per thread", ja="1スレッドを引き継ぐスレッドの数"
    ),
}
"""Each parameter's name in English and Japanese."""

_YES_NO = {True: Label(en="yes", ja="はい"), False: Label(en="no", ja="いいえ")}


def _name(name: str) -> Label:
    return PARAMETER_LABELS.get(name, Label(en=name, ja=name))


def _value(value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return _YES_NO[value].render(lang)
    if isinstance(value, Label):
        return value.render(lang)
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _named(name: str, value: object, lang: Lang) -> str:
    label = _name(name).render(lang)
    return label if value is None else f"{label} {_value(value, lang)}"


def _assumed(terms: WebMailTerms) -> Label:
    def text(lang: Lang) -> str:
        separator = ", " if lang == "en" else "、"
        origin = " (from {year})" if lang == "en" else "（{year}から）"
        return separator.join(
            _named(name, terms.value(name), lang) + origin.format(year=year.render(lang))
            for name, year in terms.assumed
        )

    return Label(en=text("en"), ja=text("ja"))


def _changes(terms: WebMailTerms) -> Label:
    def text(lang: Lang) -> str:
        separator = ", " if lang == "en" else "、"
        parts = []
        for change in terms.changes:
            if change.published is None:
                published = " (none published)" if lang == "en" else "（公表値なし）"
            elif lang == "en":
                published = f" (published: {_value(change.published, lang)})"
            else:
                published = f"（公表値：{_value(change.published, lang)}）"
            parts.append(_named(change.name, change.value, lang) + published)
        return separator.join(parts)

    return Label(en=text("en"), ja=text("ja"))


def terms_notes(terms: WebMailTerms) -> tuple[Reason, ...]:
    """The notes a status made under *terms* carries: none for published terms."""
    notes = []
    if terms.assumed:
        notes.append(
            ASSUMED_TERMS.with_params(fiscal_year=terms.fiscal_year, assumed=_assumed(terms))
        )
    if terms.changes:
        notes.append(
            SUPPLIED_TERMS.with_params(fiscal_year=terms.fiscal_year, changes=_changes(terms))
        )
    return tuple(notes)
