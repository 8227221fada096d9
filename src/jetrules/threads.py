"""Web Mail Counselling: registration, 30-line messages, three replies per thread, deadlines.

The JET Online Counselling Service's web-mail counselling, as the programme describes it:
participants register with the programme password from their contracting organisation and
complete registration through the confirmation e-mail; an inquiry holds up to 30 lines; the
counsellor replies within 3 business days; a thread holds 3 replies, after which the participant
continues in a new thread. English or Japanese. The limits are dated data: each fiscal year a
dated source describes the service in has an edition in ``jetrules/policy/webmail.toml``, each
value with its source or our reading, and a thread is held to its inquiry's year's terms.
``policy=`` lays a caller's editions over them (a what-if, marked as supplied); ``assume=``
takes what a year does not publish from another year's published terms (marked as assumed).

>>> codes = [ContractCode(code="s3cret", valid_from="2019-08-01", valid_to="2020-07-31")]
>>> me = Registration.submit(
...     participant="jet-0042", code="s3cret", codes=codes, at="2019-12-20T09:00+09:00"
... ).confirm("2019-12-20T09:05+09:00")
>>> thread = me.open_thread(id="T1", at="2019-12-27T10:00+09:00", text="May I ask...?")
>>> thread = thread.reply("2020-01-06T15:00+09:00", "Of course.")
>>> thread.state, thread.replies
(ThreadState.AWAITING_PARTICIPANT, 1)
>>> terms_for(FiscalYear(2021)).line_limit, SERVICE
(30, 'webmail')
"""

from jetrules._kernel.participants import Participant, Participants, Term
from jetrules._threads.editions import EDITIONS, PARAMETERS, editions, terms_for
from jetrules._threads.message import Author, Message, ThreadState
from jetrules._threads.model import Thread
from jetrules._threads.notes import PARAMETER_LABELS
from jetrules._threads.reasons import REASONS, WEB_MAIL_SOURCE
from jetrules._threads.registration import ContractCode, Registration
from jetrules._threads.report import ThreadsReport, report
from jetrules._threads.status import LateReply, StatusKind, ThreadStatus, reply_deadline
from jetrules._threads.terms import (
    NOT_STATED,
    REQUIRED,
    SERVICE,
    SERVICE_NAME,
    UNLIMITED,
    WebMailTerms,
)
from jetrules._threads.text import check_message_text, count_lines
from jetrules.calendar import FiscalYear

__all__ = [
    "EDITIONS",
    "NOT_STATED",
    "PARAMETERS",
    "PARAMETER_LABELS",
    "REASONS",
    "REQUIRED",
    "SERVICE",
    "SERVICE_NAME",
    "UNLIMITED",
    "WEB_MAIL_SOURCE",
    "Author",
    "ContractCode",
    "FiscalYear",
    "LateReply",
    "Message",
    "Participant",
    "Participants",
    "Registration",
    "StatusKind",
    "Term",
    "Thread",
    "ThreadState",
    "ThreadStatus",
    "ThreadsReport",
    "WebMailTerms",
    "check_message_text",
    "count_lines",
    "editions",
    "reply_deadline",
    "report",
    "terms_for",
]
