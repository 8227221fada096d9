"""Reasons of Web Mail Counselling in English and Japanese (private: ``threads`` is its face)."""

from __future__ import annotations

from jetrules.text import ReasonTemplate, Source, check_templates

__all__ = [
    "ALREADY_CONFIRMED",
    "CODE_NOT_VALID",
    "CONTINUE_OPEN_THREAD",
    "FIRST_NOT_INQUIRY",
    "MESSAGE_EMPTY",
    "MESSAGE_TOO_LONG",
    "NOTHING_TO_REPLY_TO",
    "REASONS",
    "REGISTRATION_PENDING",
    "REPLY_LATE",
    "REPLY_PENDING",
    "STATUS_AWAITING_PARTICIPANT",
    "STATUS_CLOSED",
    "STATUS_ON_TIME",
    "STATUS_OVERDUE",
    "THREAD_CLOSED",
    "THREAD_FULL",
    "TIME_BACKWARDS",
    "WEB_MAIL_SOURCE",
]

WEB_MAIL_SOURCE = Source(
    title="CLAIR, JET Programme mental health support: Web Mail Counselling (FY2019)",
    quote="submit the details of your inquiry (up to 30 lines of text). [...] (within 3 business "
    "days) [...] While you can only have 3 replies on a single thread, you can create a new "
    "thread and continue the topic.",
)
"""The programme's description of the service, which these rules rest on."""

CODE_NOT_VALID = ReasonTemplate(
    "CODE_NOT_VALID",
    en="The programme password entered is not valid on {day}; ask your contracting organisation "
    "for the current one.",
    ja="入力されたパスワードは{day}時点で有効ではありません。任用団体に現在のパスワードを"
    "確認してください。",
)
REGISTRATION_PENDING = ReasonTemplate(
    "REGISTRATION_PENDING",
    en="Registration is not complete: follow the link in the confirmation e-mail first.",
    ja="登録が完了していません。先に確認メールのリンクにアクセスしてください。",
)
ALREADY_CONFIRMED = ReasonTemplate(
    "ALREADY_CONFIRMED",
    en="The registration was already confirmed at {at}.",
    ja="登録は{at}に確認済みです。",
)
MESSAGE_EMPTY = ReasonTemplate(
    "MESSAGE_EMPTY",
    en="The message is empty; write what you would like to ask.",
    ja="メッセージが空です。相談内容を入力してください。",
)
MESSAGE_TOO_LONG = ReasonTemplate(
    "MESSAGE_TOO_LONG",
    en="The message has {lines} lines; the limit is {limit}.",
    ja="メッセージは{lines}行あります。上限は{limit}行です。",
)
FIRST_NOT_INQUIRY = ReasonTemplate(
    "FIRST_NOT_INQUIRY",
    en="A thread opens with the participant's inquiry, not with a counsellor's reply.",
    ja="スレッドはカウンセラーの返信ではなく、参加者の相談から始まります。",
)
REPLY_PENDING = ReasonTemplate(
    "REPLY_PENDING",
    en="The counsellor has not replied to the last message yet; wait for the reply before "
    "writing again.",
    ja="前のメッセージへのカウンセラーの返信がまだありません。返信を待ってから書き込んでください。",
)
NOTHING_TO_REPLY_TO = ReasonTemplate(
    "NOTHING_TO_REPLY_TO",
    en="No participant message awaits a reply in this thread.",
    ja="このスレッドには返信を待っている参加者のメッセージがありません。",
)
THREAD_FULL = ReasonTemplate(
    "THREAD_FULL",
    en="This thread already holds {limit} counsellor replies, the most a thread can hold.",
    ja="このスレッドにはすでにカウンセラーの返信が上限の{limit}件あります。",
)
THREAD_CLOSED = ReasonTemplate(
    "THREAD_CLOSED",
    en="This thread is closed after {limit} replies; continue the topic in a new thread.",
    ja="このスレッドは{limit}回の返信で終了しました。新しいスレッドで相談を続けてください。",
)
CONTINUE_OPEN_THREAD = ReasonTemplate(
    "CONTINUE_OPEN_THREAD",
    en="Thread {thread} is still open; write in it rather than in a new thread.",
    ja="スレッド{thread}はまだ終了していません。新しいスレッドではなく、このスレッドに書き込んでください。",
)
TIME_BACKWARDS = ReasonTemplate(
    "TIME_BACKWARDS",
    en="The time {at} is before {before}, the time of the step before it.",
    ja="{at}は前の段階の時刻{before}より前です。",
)
STATUS_ON_TIME = ReasonTemplate(
    "STATUS_ON_TIME",
    en="Awaiting the counsellor's reply, due by the end of {due_date}.",
    ja="カウンセラーの返信待ち（{due_date}中に返信予定）。",
)
STATUS_OVERDUE = ReasonTemplate(
    "STATUS_OVERDUE",
    en="Awaiting the counsellor's reply, due by the end of {due_date}: overdue by {days} "
    "business day(s).",
    ja="カウンセラーの返信待ち（{due_date}までに返信予定）：{days}営業日超過。",
)
STATUS_AWAITING_PARTICIPANT = ReasonTemplate(
    "STATUS_AWAITING_PARTICIPANT",
    en="Replied; the participant may follow up ({replies} of {limit} replies used).",
    ja="返信済み。参加者は続けて質問できます（返信{limit}件中{replies}件）。",
)
STATUS_CLOSED = ReasonTemplate(
    "STATUS_CLOSED",
    en="Closed after {limit} replies; the participant may continue in a new thread.",
    ja="{limit}件の返信で終了。参加者は新しいスレッドで続けられます。",
)
REPLY_LATE = ReasonTemplate(
    "REPLY_LATE",
    en="Reply {number} in thread {thread} was due by the end of {due_date} and came at {at}: "
    "{days} business day(s) late.",
    ja="スレッド{thread}の返信{number}は{due_date}中が期限でしたが、{at}に送信されました"
    "（{days}営業日遅れ）。",
)

REASONS: tuple[ReasonTemplate, ...] = check_templates(
    (
        CODE_NOT_VALID,
        REGISTRATION_PENDING,
        ALREADY_CONFIRMED,
        MESSAGE_EMPTY,
        MESSAGE_TOO_LONG,
        FIRST_NOT_INQUIRY,
        REPLY_PENDING,
        NOTHING_TO_REPLY_TO,
        THREAD_FULL,
        THREAD_CLOSED,
        CONTINUE_OPEN_THREAD,
        TIME_BACKWARDS,
        STATUS_ON_TIME,
        STATUS_OVERDUE,
        STATUS_AWAITING_PARTICIPANT,
        STATUS_CLOSED,
        REPLY_LATE,
    )
)
"""Every reason Web Mail Counselling gives, each with an English and a Japanese message."""
