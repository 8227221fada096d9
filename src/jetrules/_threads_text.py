"""Message text rules of Web Mail Counselling (private: ``threads`` is its face)."""

from __future__ import annotations

from jetrules._threads_reasons import MESSAGE_EMPTY, MESSAGE_TOO_LONG, WEB_MAIL_SOURCE
from jetrules.errors import Refused, WrongType

__all__ = ["MAX_LINES", "check_message_text", "count_lines", "normalise_newlines"]

MAX_LINES = 30
"""The most lines an inquiry or follow-up may hold ("up to 30 lines of text")."""


def normalise_newlines(text: str) -> str:
    r"""*text* with every CRLF and lone CR turned into LF.

    >>> normalise_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def count_lines(text: str) -> int:
    r"""The number of lines in *text*, as the 30-line limit counts them.

    CRLF and CR count as LF; a final line break adds no line; blank lines count. Characters
    are not counted, so a line of full-width Japanese counts once, like a line of English.

    >>> count_lines("a\r\nb\r\n"), count_lines("a\n\nb"), count_lines("相談です。\n")
    (2, 3, 1)
    >>> count_lines("")
    0
    """
    if not isinstance(text, str):
        raise WrongType.for_field("text", "must be text (str)", text)
    normal = normalise_newlines(text)
    if not normal:
        return 0
    return normal.count("\n") + (0 if normal.endswith("\n") else 1)


def check_message_text(text: str, *, limit: int | None = MAX_LINES) -> str:
    r"""Return *text* if a message may hold it; refuse it if it is blank or longer than *limit*.

    >>> check_message_text("Hello.")
    'Hello.'
    >>> check_message_text("line\n" * 31)
    Traceback (most recent call last):
    ...
    jetrules.errors.Refused: The message has 31 lines; the limit is 30.
    """
    lines = count_lines(text)
    if not text.strip():
        raise Refused(MESSAGE_EMPTY.with_params(source=WEB_MAIL_SOURCE))
    if limit is not None and lines > limit:
        reason = MESSAGE_TOO_LONG.with_params(lines=lines, limit=limit, source=WEB_MAIL_SOURCE)
        raise Refused(reason)
    return text
