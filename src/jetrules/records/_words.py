"""The words the readers understand: column headers and cell values, in English and Japanese.

Every key is written as :func:`~jetrules.records._vocabulary.fold` leaves it (lower case, ASCII
for full-width letters and digits, one space between words), so that a lookup of a folded cell
is all the matching there is. ``docs/files.md`` shows these tables to users; a test checks that
the two agree and that every key is folded.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "COLUMN_NAMES",
    "CURRENCY_WORDS",
    "FLAG_WORDS",
    "HEADER_ALIASES",
    "LANGUAGE_WORDS",
    "PLACE_WORDS",
    "STATUS_WORDS",
]

COLUMN_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        # both files
        "id": ("番号", "領収書番号", "領収書id", "予約番号", "予約id"),
        "participant": ("参加者", "参加者id", "参加者番号", "参加者名", "氏名", "名前"),
        # receipts
        "service_date": ("受診日", "サービス日", "利用日", "診療日", "カウンセリング日"),
        "amount": ("金額", "支払額", "支払金額", "領収金額", "費用"),
        "insured": ("保険適用", "保険", "保険適用有無", "健康保険適用"),
        "mental_health_professional": (
            "専門家",
            "専門家による",
            "精神保健専門家",
            "メンタルヘルス専門家",
        ),
        "place": ("場所", "受診場所", "国内外", "実施場所"),
        "submitted_on": ("提出日", "申請日", "受付日"),
        "currency": ("通貨", "通貨コード", "支払通貨"),
        "jpy_per_unit": ("為替レート", "換算レート", "レート", "円換算レート", "jpy per unit"),
        # participants
        "appointed_from": ("任用開始日", "任期開始日", "着任日", "appointed from"),
        "appointed_to": ("任用終了日", "任期終了日", "任期満了日", "離任日", "appointed to"),
        "organisation": ("任用団体", "契約団体", "所属団体", "organization"),
        "application_form": ("申請書",),
        "receipts": ("領収書",),
        "bank_book_copy": ("通帳の写し", "通帳写し", "通帳コピー", "通帳の見開きページの写し"),
        # sessions
        "requested_at": ("申込日時", "申込み日時", "申し込み日時", "依頼日時"),
        "start": ("開始", "開始日時", "予約日時"),
        "minutes": ("分", "分数", "時間(分)", "所要時間", "長さ"),
        "status": ("状態", "ステータス", "状況"),
        "language": ("言語", "使用言語"),
        "cancelled_at": ("キャンセル日時", "取消日時", "取り消し日時"),
        "rescheduled_at": ("変更連絡日時", "日程変更日時"),
        "rescheduled_to": ("変更後日時", "変更後の開始"),
    }
)
"""Each canonical column and the other names a spreadsheet may give it (Japanese, mostly).

A header is folded, then looked up here; a header that is no other name is its own canonical
name with blanks and hyphens as underscores (``Service Date`` is ``service_date``).
"""

HEADER_ALIASES: Mapping[str, str] = MappingProxyType(
    {name: column for column, names in COLUMN_NAMES.items() for name in names}
)
"""Folded header -> canonical column, from :data:`COLUMN_NAMES`."""

FLAG_WORDS: Mapping[str, bool] = MappingProxyType(
    {
        **dict.fromkeys(("はい", "yes", "y", "true", "1", "あり", "有"), True),
        **dict.fromkeys(("いいえ", "no", "n", "false", "0", "なし", "無"), False),
    }
)
"""Folded word -> yes (True) or no (False)."""

PLACE_WORDS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("japan", "日本", "国内"), "japan"),
        **dict.fromkeys(("abroad", "海外", "国外"), "abroad"),
    }
)
"""Folded word -> where the counselling took place, ``japan`` or ``abroad``."""

CURRENCY_WORDS: Mapping[str, str] = MappingProxyType(
    dict.fromkeys(("jpy", "円", "日本円", "yen", "¥", "￥"), "JPY")
)
"""Folded word -> a currency code, for the words that are no code (yen's); codes read as such."""

STATUS_WORDS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("scheduled", "予定", "予約", "予約済み"), "scheduled"),
        **dict.fromkeys(("completed", "完了", "実施済み", "受診済み"), "completed"),
        **dict.fromkeys(("missed", "欠席", "無断欠席", "無断キャンセル"), "missed"),
        **dict.fromkeys(("cancelled", "canceled", "キャンセル", "取消", "取り消し"), "cancelled"),
    }
)
"""Folded word -> an appointment's status (a cancellation without notice is ``missed``)."""

LANGUAGE_WORDS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("en", "english", "英語"), "en"),
        **dict.fromkeys(("ja", "japanese", "日本語"), "ja"),
    }
)
"""Folded word -> a language code, ``en`` or ``ja``."""
