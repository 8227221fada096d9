"""A report over many Web Mail Counselling threads (private: ``threads`` is its face)."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import final

import attrs
import pendulum

from jetrules._kernel.dates import InstantLike, to_instant
from jetrules._threads.message import within_calendar
from jetrules._threads.model import Thread
from jetrules._threads.notes import terms_notes
from jetrules._threads.reasons import BusinessDays
from jetrules._threads.status import LateReply, StatusKind, ThreadStatus
from jetrules._threads.terms import WebMailTerms
from jetrules.errors import InvalidInput, WrongType
from jetrules.money import Rounding
from jetrules.text import Lang, Reason, to_lang

__all__ = ["ThreadsReport", "report"]


@final
@attrs.frozen(kw_only=True)
class ThreadsReport:
    """How the counsellor's replies kept to their deadlines, over many threads, at an instant.

    Only messages received by :attr:`at` count; threads opened later are left out. A reply is
    *due* once it has been given or its deadline has passed: the on-time share is the replies
    given on time over the replies due, so an unanswered, overdue message counts against it.
    """

    at: pendulum.DateTime
    statuses: tuple[ThreadStatus, ...]
    """Each thread opened by :attr:`at`, in the order given."""
    late_replies: tuple[LateReply, ...]
    """Replies given by :attr:`at` after their deadline."""
    replies_on_time: int
    """Replies given by :attr:`at` before their deadline."""

    @property
    def overdue(self) -> tuple[ThreadStatus, ...]:
        """Threads awaiting a reply past its deadline at :attr:`at`."""
        return tuple(s for s in self.statuses if s.kind is StatusKind.OVERDUE)

    @property
    def replies_due(self) -> int:
        """Replies given by :attr:`at`, plus those still missing past their deadline."""
        return self.replies_on_time + len(self.late_replies) + len(self.overdue)

    @property
    def on_time_share(self) -> Fraction | None:
        """Replies on time over replies due, exactly; ``None`` when none is due yet."""
        if self.replies_due == 0:
            return None
        return Fraction(self.replies_on_time, self.replies_due)

    def on_time_percent(self, rounding: Rounding = Rounding.FLOOR) -> int | None:
        """The on-time share in whole percent, rounded down unless told otherwise.

        Rounding down means 100% is shown only when every reply due was on time.
        """
        if not isinstance(rounding, Rounding):
            raise WrongType.for_field("rounding", "must be a Rounding", rounding)
        share = self.on_time_share
        return None if share is None else rounding.apply(share * 100)

    @property
    def worst_lateness(self) -> int:
        """The most business days any reply was late or is overdue (0 when none)."""
        days = [late.business_days_late for late in self.late_replies]
        days += [status.business_days_overdue for status in self.overdue]
        return max(days, default=0)

    @property
    def terms_not_published(self) -> tuple[WebMailTerms, ...]:
        """The terms the threads were held to that hold assumed values or a what-if, in order."""
        found: list[WebMailTerms] = []
        for status in self.statuses:
            if status.terms_origin != "published" and status.terms not in found:
                found.append(status.terms)
        return tuple(found)

    @property
    def terms_notes(self) -> tuple[Reason, ...]:
        """What :attr:`terms_not_published` hold (``ASSUMED_TERMS``, ``SUPPLIED_TERMS``)."""
        return tuple(note for terms in self.terms_not_published for note in terms_notes(terms))

    def count(self, kind: StatusKind) -> int:
        """How many threads have status *kind*."""
        return sum(1 for s in self.statuses if s.kind is kind)

    def render(self, lang: Lang = "en") -> str:
        """The report as lines of text in *lang*."""
        words = _EN if to_lang(lang) == "en" else _JA
        kinds = words["separator"].join(
            words["kind"].format(kind=kind.render(lang), count=self.count(kind))
            for kind in StatusKind
        )
        percent = self.on_time_percent()
        share = words["none_due"] if percent is None else words["share"].format(percent=percent)
        lines = [
            words["title"].format(at=self.at.isoformat()),
            words["threads"].format(count=len(self.statuses), kinds=kinds),
            words["replies"].format(
                due=self.replies_due,
                on_time=self.replies_on_time,
                share=share,
                late=len(self.late_replies),
                overdue=len(self.overdue),
            ),
            words["worst"].format(days=BusinessDays(self.worst_lateness).render(lang)),
        ]
        if self.late_replies:
            lines.append(words["late_heading"])
            lines += [f"  - {late.reason.render(lang)}" for late in self.late_replies]
        if self.overdue:
            lines.append(words["overdue_heading"])
            lines += [
                words["overdue"].format(thread=status.thread, status=status.reason.render(lang))
                for status in self.overdue
            ]
        if self.terms_notes:
            lines.append(words["terms_heading"])
            lines += [f"  - {note.render(lang)}" for note in self.terms_notes]
        return "\n".join(lines)


_EN = {
    "title": "Web Mail Counselling as of {at}",
    "threads": "Threads: {count} ({kinds})",
    "replies": "Replies due: {due}; on time: {on_time} ({share}); late: {late}; "
    "overdue and unanswered: {overdue}",
    "share": "{percent}%, rounded down",
    "none_due": "none due yet",
    "worst": "Worst lateness: {days}",
    "late_heading": "Late replies:",
    "overdue_heading": "Overdue, awaiting the counsellor:",
    "overdue": "  - {thread}: {status}",
    "terms_heading": "Terms not as published:",
    "kind": "{kind} {count}",
    "separator": ", ",
}
_JA = {
    "title": "ウェブメール相談（{at}時点）",
    "threads": "スレッド：{count}件（{kinds}）",
    "replies": "返信期限到来：{due}件、期限内：{on_time}件（{share}）、遅延：{late}件、"
    "期限超過・未返信：{overdue}件",
    "share": "{percent}%、切り捨て",
    "none_due": "期限到来なし",
    "worst": "最大遅延：{days}",
    "late_heading": "遅れた返信：",
    "overdue_heading": "期限超過の返信待ち：",
    "overdue": "  - {thread}：{status}",
    "terms_heading": "公表どおりでない条件：",
    "kind": "{kind}{count}件",
    "separator": "、",
}


def report(threads: Iterable[Thread], *, at: InstantLike) -> ThreadsReport:
    """Report on *threads* as they stand at *at*: statuses, late replies, on-time share.

    Each thread is counted once: two threads with one id (a thread and a later copy of it) are
    refused, not counted twice.
    """
    instant = within_calendar(to_instant(at), "at")
    if isinstance(threads, Thread | str | bytes) or not isinstance(threads, Iterable):
        raise WrongType.for_field("threads", "must be a list of Thread values", threads)
    statuses: list[ThreadStatus] = []
    late: list[LateReply] = []
    on_time = 0
    ids: set[str] = set()
    for thread in threads:
        if not isinstance(thread, Thread):
            raise WrongType.for_field("threads", "must hold only Thread values", thread)
        if thread.id in ids:
            rule = "must hold each thread once (give the latest copy of a thread, not two)"
            raise InvalidInput.for_field("threads", f"{rule}: two have the id", thread.id)
        ids.add(thread.id)
        if thread.opened_at > instant:
            continue
        statuses.append(thread.status_at(instant))
        given = [r for r in thread.late_replies() if r.replied_at <= instant]
        late += given
        replies = sum(1 for n, m in enumerate(thread.messages) if n % 2 == 1 and m.at <= instant)
        on_time += replies - len(given)
    return ThreadsReport(
        at=instant, statuses=tuple(statuses), late_replies=tuple(late), replies_on_time=on_time
    )
