"""Characters that show nothing, and full-width forms of ASCII (private).

Text a person reads as the same must be the same: an id typed in full-width letters
(``ＪＥＴ－０００１``) names the participant typed in ASCII (``JET-0001``), and a character that
shows nothing (a zero-width space, a Hangul filler, a variation selector) cannot make two ids
that look alike differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["FULL_WIDTH_ASCII", "has_ignorable", "ignorable"]

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


def has_ignorable(text: str) -> bool:
    """Whether *text* holds a default-ignorable code point (ASCII text never does).

    >>> has_ignorable("JET-0001"), has_ignorable("JET-0001\u3164"), has_ignorable("山田 花子")
    (False, True, False)
    """
    return not text.isascii() and any(map(ignorable, text))
