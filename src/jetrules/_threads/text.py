"""Message text rules of Web Mail Counselling (private: ``threads`` is its face)."""

from __future__ import annotations

import unicodedata

from jetrules._kernel.chars import ignorable
from jetrules._threads.reasons import MESSAGE_EMPTY, MESSAGE_TOO_LONG
from jetrules._threads.terms import WebMailTerms
from jetrules.errors import Refused, WrongType

__all__ = ["check_message_text", "count_lines", "is_blank", "normalise_newlines"]


def normalise_newlines(text: str) -> str:
    r"""*text* with every CRLF and lone CR turned into LF.

    >>> normalise_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def count_lines(text: str) -> int:
    r"""The number of lines in *text*, as the line limit counts them.

    Only the line breaks a web form sends start a line: LF, CRLF and a lone CR (CRLF is one
    break). Other characters Python's ``str.splitlines`` would split on (U+2028 LINE SEPARATOR,
    U+2029 PARAGRAPH SEPARATOR, U+0085 NEXT LINE, vertical tab, form feed, U+001C-U+001E) do
    not start a line: a text area shows them, if at all, inside a line. A final line break adds
    no line; blank lines count. Characters are not counted, so a line of full-width Japanese
    counts once, like a line of English.

    >>> count_lines("a\r\nb\r\n"), count_lines("a\n\nb"), count_lines("相談です。\n")
    (2, 3, 1)
    >>> count_lines("a\u2028b\x0bc\x0cd\x85e")
    1
    >>> count_lines("")
    0
    """
    if not isinstance(text, str):
        raise WrongType.for_field("text", "must be text (str)", text)
    normal = normalise_newlines(text)
    if not normal:
        return 0
    return normal.count("\n") + (0 if normal.endswith("\n") else 1)


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cc" or ignorable(char)


def is_blank(text: str) -> bool:
    r"""Whether *text* shows nothing: only white space, control and invisible characters.

    White space is what ``str.isspace`` says (including U+3000 IDEOGRAPHIC SPACE); invisible
    characters are Unicode's default-ignorable ones (U+200B ZERO WIDTH SPACE, U+FEFF, joiners,
    variation selectors, Hangul fillers...).

    >>> is_blank("\u3000\u200b\ufeff\n"), is_blank("\u200bはい")
    (True, False)
    """
    return all(_invisible(char) for char in text)


def check_message_text(
    text: str, *, terms: WebMailTerms | None = None, follow_up: bool = False
) -> str:
    r"""Return *text* if a message may hold it; refuse it if blank or longer than *terms* allow.

    Blank means :func:`is_blank`: a message of spaces, ideographic spaces or zero-width
    characters says nothing and is refused like an empty one. With *terms*, a text of more
    than ``terms.line_limit`` lines is refused too (a participant's message); without, only
    blankness is checked (a counsellor's reply). A *follow_up* is held to the limit only when
    the terms' ``line_limit_for_follow_ups`` says so (our reading: it is).

    >>> from jetrules.threads import terms_for
    >>> check_message_text("Hello.", terms=terms_for(2019))
    'Hello.'
    >>> check_message_text("line\n" * 31, terms=terms_for(2019))
    Traceback (most recent call last):
    ...
    jetrules.errors.Refused: The message has 31 lines; the limit is 30.
    """
    lines = count_lines(text)
    if is_blank(text):
        raise Refused(MESSAGE_EMPTY.with_params())
    if terms is None or (follow_up and not terms.line_limit_for_follow_ups):
        return text
    if lines > terms.line_limit:
        # a follow-up's limit rests on our reading, unless the limit itself is a what-if
        supplied = any(change.name == "line_limit" for change in terms.changes)
        rests_on = "line_limit_for_follow_ups" if follow_up and not supplied else "line_limit"
        reason = MESSAGE_TOO_LONG.with_params(
            lines=lines, limit=terms.line_limit, source=terms.source_of(rests_on)
        )
        raise Refused(reason)
    return text
