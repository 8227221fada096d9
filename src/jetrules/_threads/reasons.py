"""Reasons of Web Mail Counselling in English and Japanese (private: ``threads`` is its face)."""

from __future__ import annotations

from jetrules.text import Lang, ReasonTemplate, Source, check_templates

__all__ = [
    "ALREADY_CONFIRMED",
    "ASSUMED_TERMS",
    "CODE_NOT_VALID",
    "CONTINUE_OPEN_THREAD",
    "CONTINUE_OTHER_LANGUAGE",
    "CONTINUE_OTHER_PARTICIPANT",
    "CONTINUE_TAKEN",
    "FIRST_NOT_INQUIRY",
    "LANGUAGE_NOT_OFFERED",
    "MESSAGE_EMPTY",
    "MESSAGE_TOO_LONG",
    "NOTHING_TO_REPLY_TO",
    "OUTSIDE_TERM",
    "REASONS",
    "REGISTRATION_PENDING",
    "REGISTRATION_SOURCE",
    "REPLY_LATE",
    "REPLY_PENDING",
    "STATUS_AWAITING_PARTICIPANT",
    "STATUS_CLOSED",
    "STATUS_ON_TIME",
    "STATUS_OVERDUE",
    "SUPPLIED_TERMS",
    "THREAD_CLOSED",
    "THREAD_FULL",
    "TIME_BACKWARDS",
    "WEB_MAIL_SOURCE",
    "BusinessDays",
]

WEB_MAIL_SOURCE = Source(
    title="CLAIR, JET Programme mental health support: Web Mail Counselling (FY2019)",
    quote="submit the details of your inquiry [...] After receiving an e-mail about your "
    "counselling [...], login to view the status and write any further questions you may have "
    "from the same window.",
)
"""The programme's description of how a thread runs: an inquiry, the counsellor's e-mail, then
further questions. Refusals of a message out of turn cite it; the limits cite each edition."""

REGISTRATION_SOURCE = Source(
    title="CLAIR, JET Programme mental health support: Web Mail Counselling registration (FY2019)",
    quote="Passwords can be provided through your Contracting Organization via official JET "
    "Online Counselling Service paperwork. You will receive a registration confirmation email "
    "once you have registered, so please access the address listed in the e-mail to complete "
    "registration.",
)
"""The programme's description of registration, which registration refusals cite."""

CODE_NOT_VALID = ReasonTemplate(
    "CODE_NOT_VALID",
    en="The programme password entered is not valid on {day}; ask your contracting organisation "
    "for the current one.",
    ja="入力されたパスワードは{day}時点では有効ではありません。現在のパスワードを任用団体に"
    "確認してください。",
)
REGISTRATION_PENDING = ReasonTemplate(
    "REGISTRATION_PENDING",
    en="Registration is not complete: follow the link in the confirmation e-mail first.",
    ja="登録が完了していません。先に確認メールに記載されたリンクから登録を完了してください。",
)
ALREADY_CONFIRMED = ReasonTemplate(
    "ALREADY_CONFIRMED",
    en="The registration was already confirmed at {at}.",
    ja="この登録は{at}に確認済みです。",
)
OUTSIDE_TERM = ReasonTemplate(
    "OUTSIDE_TERM",
    en="{day} is outside {participant}'s term of appointment ({term}); the service is for "
    "participants during their term.",
    ja="{day}は{participant}の任用期間（{term}）外です。このサービスは任用期間中の参加者が"
    "対象です。",
)
MESSAGE_EMPTY = ReasonTemplate(
    "MESSAGE_EMPTY",
    en="The message is empty; write what you would like to ask.",
    ja="メッセージが入力されていません。相談内容を入力してください。",
)
MESSAGE_TOO_LONG = ReasonTemplate(
    "MESSAGE_TOO_LONG",
    en="The message has {lines} lines; the limit is {limit}.",
    ja="メッセージが{lines}行あります。{limit}行以内で入力してください。",
)
FIRST_NOT_INQUIRY = ReasonTemplate(
    "FIRST_NOT_INQUIRY",
    en="A thread opens with the participant's inquiry, not with a counsellor's reply.",
    ja="スレッドは参加者からの相談で始まります。カウンセラーの返信から始めることはできません。",
)
REPLY_PENDING = ReasonTemplate(
    "REPLY_PENDING",
    en="The counsellor has not replied to the last message yet; wait for the reply before "
    "writing again.",
    ja="前回のメッセージにまだカウンセラーから返信がありません。返信が届いてから送信してください。",
)
NOTHING_TO_REPLY_TO = ReasonTemplate(
    "NOTHING_TO_REPLY_TO",
    en="No participant message awaits a reply in this thread.",
    ja="このスレッドには返信待ちの参加者のメッセージがありません。",
)
THREAD_FULL = ReasonTemplate(
    "THREAD_FULL",
    en="This thread already holds {limit} counsellor replies, the most a thread can hold.",
    ja="このスレッドにはカウンセラーの返信がすでに上限の{limit}件あります。",
)
THREAD_CLOSED = ReasonTemplate(
    "THREAD_CLOSED",
    en="This thread is closed after {limit} replies; continue the topic in a new thread.",
    ja="このスレッドは返信が{limit}件に達したため終了しました。新しいスレッドで相談を続けてください。",
)
CONTINUE_OPEN_THREAD = ReasonTemplate(
    "CONTINUE_OPEN_THREAD",
    en="Thread {thread} is still open; write in it rather than in a new thread.",
    ja="スレッド{thread}はまだ終了していません。新しいスレッドを作らず、"
    "スレッド{thread}に続けて書き込んでください。",
)
CONTINUE_OTHER_PARTICIPANT = ReasonTemplate(
    "CONTINUE_OTHER_PARTICIPANT",
    en="Thread {thread} is participant {owner}'s, not {participant}'s; only the participant who "
    "asked may continue it.",
    ja="スレッド{thread}は参加者{owner}のもので、{participant}のものではありません。"
    "続きのスレッドを作れるのは相談した本人だけです。",
)
CONTINUE_OTHER_LANGUAGE = ReasonTemplate(
    "CONTINUE_OTHER_LANGUAGE",
    en="Thread {thread} is in {language}; the thread continuing it must be in {language} too.",
    ja="スレッド{thread}は{language}のスレッドです。続きのスレッドも{language}にしてください。",
)
LANGUAGE_NOT_OFFERED = ReasonTemplate(
    "LANGUAGE_NOT_OFFERED",
    en="Web Mail Counselling is not offered in {language} in {fiscal_year}.",
    ja="{fiscal_year}のウェブメール相談は{language}では利用できません。",
)
CONTINUE_TAKEN = ReasonTemplate(
    "CONTINUE_TAKEN",
    en="Thread {thread} is already continued by thread {by}; continue the topic in {by}, "
    "or in the thread that continues it.",
    ja="スレッド{thread}の続きはすでにスレッド{by}にあります。スレッド{by}（またはその続き）で"
    "相談を続けてください。",
)
TIME_BACKWARDS = ReasonTemplate(
    "TIME_BACKWARDS",
    en="The time {at} is before {before}, the time of the step before it.",
    ja="時刻{at}は、直前の手続きの時刻{before}より前です。",
)


class BusinessDays(int):
    """A number of business days: an int that says itself with its unit, singular or plural.

    >>> days = BusinessDays(1)
    >>> days == 1, days.render("en"), BusinessDays(3).render("en"), BusinessDays(3).render("ja")
    (True, '1 business day', '3 business days', '3営業日')
    >>> days
    BusinessDays(1)
    """

    def render(self, lang: Lang) -> str:
        """The number with its unit in *lang*."""
        if lang == "ja":
            return f"{int(self)}営業日"
        return f"{int(self)} business day" + ("" if self == 1 else "s")

    def __repr__(self) -> str:
        return f"BusinessDays({int(self)})"


STATUS_ON_TIME = ReasonTemplate(
    "STATUS_ON_TIME",
    en="Awaiting the counsellor's reply, due by the end of {due_date}.",
    ja="カウンセラーの返信待ち（返信期限：{due_date}中）。",
)
STATUS_OVERDUE = ReasonTemplate(
    "STATUS_OVERDUE",
    en="Awaiting the counsellor's reply, due by the end of {due_date}: overdue by {days}.",
    ja="カウンセラーの返信待ち（返信期限{due_date}を{days}超過）。",
)
STATUS_AWAITING_PARTICIPANT = ReasonTemplate(
    "STATUS_AWAITING_PARTICIPANT",
    en="Replied; the participant may follow up ({replies} of {limit} replies used).",
    ja="返信済みです。参加者は続けて相談できます（上限{limit}件中{replies}件の返信済み）。",
)
STATUS_CLOSED = ReasonTemplate(
    "STATUS_CLOSED",
    en="Closed after {limit} replies; the participant may continue in a new thread.",
    ja="返信が{limit}件に達したため終了しました。参加者は新しいスレッドで相談を続けられます。",
)
REPLY_LATE = ReasonTemplate(
    "REPLY_LATE",
    en="Reply {number} in thread {thread} was due by the end of {due_date} and came at {at}: "
    "{days} late.",
    ja="スレッド{thread}の{number}件目の返信は期限が{due_date}中でしたが、{at}に届きました"
    "（{days}の遅れ）。",
)
ASSUMED_TERMS = ReasonTemplate(
    "ASSUMED_TERMS",
    en="Assumed terms: {fiscal_year} does not publish these, so the values published for "
    "another year were used, as asked: {assumed}.",
    ja="仮定した条件：{fiscal_year}はこれらを公表していないため、指定により他の年度の公表値を"
    "用いました：{assumed}。",
)
SUPPLIED_TERMS = ReasonTemplate(
    "SUPPLIED_TERMS",
    en="Supplied terms, not the published ones, for {fiscal_year}: {changes}.",
    ja="{fiscal_year}について、公表された条件ではなく利用者が指定した条件を用いました：{changes}。",
)

REASONS: tuple[ReasonTemplate, ...] = check_templates(
    (
        CODE_NOT_VALID,
        REGISTRATION_PENDING,
        ALREADY_CONFIRMED,
        OUTSIDE_TERM,
        MESSAGE_EMPTY,
        MESSAGE_TOO_LONG,
        FIRST_NOT_INQUIRY,
        REPLY_PENDING,
        NOTHING_TO_REPLY_TO,
        THREAD_FULL,
        THREAD_CLOSED,
        CONTINUE_OPEN_THREAD,
        CONTINUE_OTHER_PARTICIPANT,
        CONTINUE_OTHER_LANGUAGE,
        CONTINUE_TAKEN,
        LANGUAGE_NOT_OFFERED,
        TIME_BACKWARDS,
        STATUS_ON_TIME,
        STATUS_OVERDUE,
        STATUS_AWAITING_PARTICIPANT,
        STATUS_CLOSED,
        REPLY_LATE,
        ASSUMED_TERMS,
        SUPPLIED_TERMS,
    )
)
"""Every reason Web Mail Counselling gives, each with an English and a Japanese message."""
