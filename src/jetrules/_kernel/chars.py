"""Characters that show nothing, and full-width forms of ASCII (private).

Text a person reads as the same must be the same: an id typed in full-width letters
(``ＪＥＴ－０００１``) names the participant typed in ASCII (``JET-0001``), and a character that
shows nothing (a zero-width space, a Hangul filler, a variation selector) cannot make two ids
that look alike differ.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from jetrules.errors import InvalidInput

__all__ = ["FULL_WIDTH_ASCII", "SPACE_SEPARATORS", "has_ignorable", "ignorable", "to_name"]

# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt, Unicode 15.1):
# characters a renderer shows as nothing, such as U+200B ZERO WIDTH SPACE and U+FEFF.
_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
"""Unicode's default-ignorable code points, as ranges of code points (both ends included)."""

FULL_WIDTH_ASCII: Mapping[int, int] = MappingProxyType(
    {point: point - 0xFEE0 for point in range(0xFF01, 0xFF5F)}
)
"""``str.translate`` table: U+FF01-U+FF5E (``！``-``～``) to the ASCII they are wide forms of."""


def ignorable(char: str) -> bool:
    """Whether *char* is a default-ignorable code point: a renderer shows it as nothing.

    >>> ignorable("\u200b"), ignorable("\u3164"), ignorable("\ufe0f"), ignorable("a")
    (True, True, True, False)
    """
    point = ord(char)
    return any(low <= point <= high for low, high in _IGNORABLE)


_ANY_IGNORABLE = re.compile(
    "[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in _IGNORABLE) + "]"
)


def has_ignorable(text: str) -> bool:
    """Whether *text* holds a default-ignorable code point (ASCII text never does).

    >>> has_ignorable("JET-0001"), has_ignorable("JET-0001\u3164"), has_ignorable("山田 花子")
    (False, True, False)
    """
    return not text.isascii() and _ANY_IGNORABLE.search(text) is not None


SPACE_SEPARATORS = frozenset((0x20, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000))
"""Unicode's space separators (category Zs): ``str.isprintable`` refuses all but U+0020, which
a name may hold (a test holds this equal to :mod:`unicodedata`'s)."""

_AS_SPACE: Mapping[int, int] = MappingProxyType(dict.fromkeys(SPACE_SEPARATORS, 0x20))


def _has_control(text: str) -> bool:
    """Whether *text* holds a character of category Cc, Cf, Cs, Co, Cn, Zl or Zp.

    Those and the space separators are what ``str.isprintable`` refuses, at C speed: with every
    space separator made a space, it refuses exactly those.

    >>> _has_control("山田\u3000花子"), _has_control("P\u2028"), _has_control("P\u00ad")
    (False, True, True)
    """
    return not text.translate(_AS_SPACE).isprintable()


def to_name(raw: str, field: str) -> str:
    r"""*raw* as an id or a name: non-empty text without control or invisible characters.

    Blanks around it are dropped; blanks inside are kept (ideographic spaces too). Full-width
    letters, digits and signs read as the ASCII they are wide forms of, so that one participant
    typed two ways is one participant (and one receipt id typed two ways a duplicate). Tabs,
    line breaks, escape sequences, direction marks and every character that shows nothing
    (zero-width spaces, Hangul fillers, variation selectors...) are refused: they would break
    the output or make two ids that look the same differ.

    >>> to_name(" P-001 ", "participant"), to_name("ＪＥＴ－０００１", "participant")
    ('P-001', 'JET-0001')
    >>> to_name("P-001\u202e", "participant")
    Traceback (most recent call last):
    ...
    jetrules.errors.InvalidInput: 'participant' must not hold control or invisible characters ...
    """
    text = raw.strip()
    if not text:
        raise InvalidInput.for_field(field, "must be non-empty text", raw)
    if text.isascii() and text.isprintable():  # nearly every id and name
        return text
    if has_ignorable(text) or _has_control(text):
        raise InvalidInput.for_field(
            field,
            "must not hold control or invisible characters (such as tabs or line breaks)",
            raw,
        )
    return text.translate(FULL_WIDTH_ASCII)
