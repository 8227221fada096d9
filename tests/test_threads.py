import contextlib
import datetime as dt
import itertools
from fractions import Fraction
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules._kernel.dates import to_instant
from jetrules._kernel.policy import Policy
from jetrules.calendar import (
    SERVICE_CALENDAR,
    BusinessCalendar,
    ClosedDay,
    FiscalYear,
    HolidayTable,
    load_official_holidays,
)
from jetrules.errors import (
    InvalidInput,
    JetRulesError,
    NoRuleInForce,
    OutOfRange,
    Refused,
    WrongType,
)
from jetrules.money import Rounding
from jetrules.text import LANGUAGES, Label
from jetrules.threads import (
    EDITIONS,
    REASONS,
    REQUIRED,
    UNLIMITED,
    Author,
    ContractCode,
    Message,
    Registration,
    StatusKind,
    Thread,
    ThreadState,
    check_message_text,
    count_lines,
    reply_deadline,
    report,
    terms_for,
)

from strategies import message_texts, thread_code, thread_instants, threads

SECRET = "kokoro-2019"
FY2019_CODE = ContractCode(code=SECRET, valid_from="2019-08-01", valid_to="2020-07-31")
FY2020_CODE = ContractCode(code="kokoro-2020", valid_from="2020-08-01", valid_to="2021-07-31")
TERMS = terms_for(2019)
MAX_LINES = TERMS.line_limit
MAX_REPLIES = TERMS.replies_per_thread


def registered(at="2019-12-20T09:00+09:00"):
    return Registration.submit(
        participant="jet-0042", code=SECRET, codes=FY2019_CODE, at=at
    ).confirm(at)


def opened(at="2019-12-27T10:00+09:00", text="Hello.", **kwargs):
    return registered().open_thread(id="T1", at=at, text=text, **kwargs)


def full_thread():
    return (
        opened()
        .reply("2020-01-06T10:00+09:00", "Reply 1")
        .follow_up("2020-01-06T11:00+09:00", "Follow-up 1")
        .reply("2020-01-07T10:00+09:00", "Reply 2")
        .follow_up("2020-01-07T11:00+09:00", "Follow-up 2")
        .reply("2020-01-08T10:00+09:00", "Reply 3")
    )


FY2019 = FiscalYear(2019)
"""For a year no edition covers (1948, 2150), the caller assumes FY2019's published terms."""


def supplying(year=2019, **values):
    """A what-if: *values* supplied for web mail in *year* over the published terms."""
    return Policy().supplying("webmail", FiscalYear(year), **values)


def refusal_code(call):
    with pytest.raises(Refused) as info:
        call()
    return info.value.reason.code


class TestReasons:
    def test_every_reason_has_both_languages_and_a_unique_code(self):
        codes = [template.code for template in REASONS]
        assert len(codes) == len(set(codes)) >= 15
        for template in REASONS:
            assert template.en.strip()
            assert template.ja.strip()
            assert template.en != template.ja


class TestLineCount:
    @pytest.mark.parametrize(
        ("text", "lines"),
        [
            ("a", 1),  # one line, no newline
            ("a\n", 1),  # a final newline adds no line
            ("a\r\nb\r\n", 2),  # CRLF is one line break (must-show 1)
            ("a\rb\r", 2),  # a lone CR is a line break too
            ("a\r\n\r\nb", 3),  # a blank line counts
            ("\n", 1),  # one blank line
            ("\n\n", 2),  # two blank lines
            ("", 0),  # nothing at all
            ("相談があります。\r\nよろしくお願いします。\r\n", 2),  # Japanese counts by line
            ("ＡＢＣ　全角\n", 1),  # full-width letters and space are not wider lines
        ],
    )
    def test_table(self, text, lines):
        assert count_lines(text) == lines

    @given(st.lists(st.text(alphabet="ab 相談\u3000", max_size=8), min_size=1, max_size=40))
    def test_line_endings_do_not_change_the_count(self, lines):
        """Each line ended by LF, CRLF or CR, the count is the number of lines."""
        counts = {count_lines(ending.join(lines) + ending) for ending in ("\n", "\r\n", "\r")}
        assert counts == {len(lines)}
        if lines[-1]:  # without the final newline, a non-empty last line still counts once
            assert count_lines("\r\n".join(lines)) == len(lines)

    @given(st.lists(st.sampled_from(["Hello.", "相談です。", "ＡＢＣ"]), min_size=1, max_size=40))
    def test_japanese_counts_like_english(self, kinds):
        english = "\n".join("x" * len(kind) for kind in kinds)
        japanese = "\n".join(kinds)
        assert count_lines(english) == count_lines(japanese) == len(kinds)

    @pytest.mark.parametrize(
        "separator",
        [
            "\u2028",  # LINE SEPARATOR: not what a web form sends
            "\u2029",  # PARAGRAPH SEPARATOR
            "\x85",  # NEXT LINE (C1 control)
            "\v",  # vertical tab
            "\f",  # form feed
            "\x1c",  # file separator, which str.splitlines also splits on
        ],
    )
    def test_only_lf_crlf_and_cr_start_lines(self, separator):
        text = separator.join(["one", "two", "three"])
        assert len(text.splitlines()) == 3  # str.splitlines would count three
        assert count_lines(text) == 1
        assert count_lines(text + "\r\nfour") == 2

    @given(st.text(alphabet=st.characters(exclude_characters="\r\n")))
    def test_text_without_cr_or_lf_is_at_most_one_line(self, text):
        assert count_lines(text) == (1 if text else 0)

    def test_refuses_non_text(self):
        with pytest.raises(WrongType, match="'text' must be text"):
            count_lines(b"a\n")


class TestMessageText:
    def test_thirty_lines_accepted_thirty_one_refused(self):
        thirty = "\n".join(f"line {n}" for n in range(1, 31)) + "\n"
        assert count_lines(thirty) == MAX_LINES == 30
        assert opened(text=thirty).messages[0].text == thirty
        with pytest.raises(Refused) as info:
            opened(text=thirty + "line 31")
        assert info.value.reason.code == "MESSAGE_TOO_LONG"
        assert str(info.value) == "The message has 31 lines; the limit is 30."
        assert (
            info.value.reason.render("ja")
            == "メッセージが31行あります。30行以内で入力してください。"
        )

    def test_thirty_japanese_lines_with_crlf_accepted(self):
        text = "\r\n".join(["相談です。"] * 30) + "\r\n"
        assert check_message_text(text, terms=TERMS) == text
        longer = text + "もう一行"
        assert refusal_code(lambda: check_message_text(longer, terms=TERMS)) == "MESSAGE_TOO_LONG"

    @pytest.mark.parametrize(
        "text",
        [
            "",  # nothing
            " ",  # a space
            "\n\n",  # line breaks only
            "\r\n",
            "\u3000",  # IDEOGRAPHIC SPACE (a Japanese keyboard's space)
            "\t \n ",
            "\u200b",  # ZERO WIDTH SPACE
            "\ufeff",  # BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE
            "\u200b\u3000\ufeff\r\n\u200d",  # a mix, with a ZERO WIDTH JOINER
            "\u00a0\u2028\u2029\x85\v\f",  # other white space and separators
            "\u3164\u115f",  # Hangul fillers (shown as nothing)
            "\ufe0f\u2060\u00ad",  # a variation selector, WORD JOINER, SOFT HYPHEN
            "\x00\x07",  # control characters
            "\U000e0020\U000e0100",  # a tag space and a variation selector supplement
        ],
    )
    def test_blank_messages_refused(self, text):
        assert refusal_code(lambda: check_message_text(text, terms=TERMS)) == "MESSAGE_EMPTY"

    @pytest.mark.parametrize(
        "text",
        [
            "\u200bはい",  # one visible character is enough
            "\u3000。",  # a full stop
            "\ufeff?",
            "\u0600",  # ARABIC NUMBER SIGN: a format character that is shown
        ],
    )
    def test_one_visible_character_is_not_blank(self, text):
        assert check_message_text(text, terms=TERMS) == text

    @given(st.text(alphabet="\u200b\u200c\u200d\ufeff\u3000\u2060 \t\r\n\u00a0"))
    def test_invisible_only_texts_are_refused_in_a_thread(self, text):
        assert refusal_code(lambda: opened(text=text)) == "MESSAGE_EMPTY"

    def test_follow_ups_have_the_limit_too(self):
        thread = opened().reply("2020-01-06T10:00+09:00", "ok")
        code = refusal_code(lambda: thread.follow_up("2020-01-06T11:00+09:00", "x\n" * 31))
        assert code == "MESSAGE_TOO_LONG"

    def test_counsellor_replies_have_no_line_limit_but_may_not_be_blank(self):
        thread = opened().reply("2020-01-06T10:00+09:00", "x\n" * 50)
        assert count_lines(thread.messages[1].text) == 50
        assert refusal_code(lambda: opened().reply("2020-01-06T10:00+09:00", " ")) == (
            "MESSAGE_EMPTY"
        )

    @given(message_texts)
    def test_generated_texts_are_accepted(self, text):
        assert check_message_text(text, terms=TERMS) == text


class TestContractCode:
    def test_repr_str_and_errors_hide_the_code(self):
        assert SECRET not in repr(FY2019_CODE)
        assert SECRET not in str(FY2019_CODE)
        assert repr(FY2019_CODE) == (
            "ContractCode(code=<hidden>, valid_from=Date(2019, 8, 1), valid_to=Date(2020, 7, 31))"
        )
        registration = registered()
        assert SECRET not in repr(registration)
        assert SECRET not in str(registration)
        with pytest.raises(Refused) as info:
            Registration.submit(
                participant="p", code=SECRET, codes=[FY2019_CODE], at="2020-08-01T00:00+09:00"
            )
        assert SECRET not in str(info.value)
        assert all(SECRET not in info.value.reason.render(lang) for lang in LANGUAGES)

    @pytest.mark.parametrize("code", ["", "   "])
    def test_blank_code_refused_without_echo(self, code):
        with pytest.raises(InvalidInput, match="'code' must be non-empty text"):
            ContractCode(code=code, valid_from="2019-08-01", valid_to="2020-07-31")

    def test_non_text_code_refused_without_echo(self):
        with pytest.raises(WrongType) as info:
            ContractCode(code=12345, valid_from="2019-08-01", valid_to="2020-07-31")
        assert "12345" not in str(info.value)

    def test_period_must_not_end_before_it_starts(self):
        with pytest.raises(InvalidInput, match="'valid_to' must not be before"):
            ContractCode(code="x", valid_from="2020-08-01", valid_to="2020-07-31")

    @pytest.mark.parametrize(
        ("at", "valid"),
        [
            ("2019-07-31T23:59+09:00", False),  # the day before the period
            ("2019-08-01T00:00+09:00", True),  # first day, Tokyo time
            ("2019-07-31T15:00+00:00", True),  # the same instant written in UTC
            ("2020-07-31T23:59+09:00", True),  # last day
            ("2020-07-31T15:00+00:00", False),  # 2020-08-01 00:00 in Tokyo
        ],
    )
    def test_valid_period_is_read_in_tokyo(self, at, valid):
        assert FY2019_CODE.accepts(SECRET, at=at) is valid

    def test_accepts_only_the_code(self):
        at = "2019-12-20T09:00+09:00"
        assert FY2019_CODE.accepts(f" {SECRET} ", at=at)
        assert not FY2019_CODE.accepts("kokoro-2020", at=at)
        assert not FY2019_CODE.accepts(None, at=at)
        assert FY2019_CODE.is_valid_on("2020-07-31")


class TestRegistration:
    def test_pending_until_confirmed(self):
        pending = Registration.submit(
            participant="jet-0042",
            code=SECRET,
            codes=[FY2020_CODE, FY2019_CODE],
            at="2019-12-20T09:00+09:00",
        )
        assert not pending.is_confirmed
        assert pending.contract_code == FY2019_CODE
        code = refusal_code(
            lambda: pending.open_thread(id="T1", at="2019-12-21T09:00+09:00", text="Hi")
        )
        assert code == "REGISTRATION_PENDING"
        confirmed = pending.confirm("2019-12-21T08:00+09:00")
        assert confirmed.is_confirmed
        assert not pending.is_confirmed  # the pending value is unchanged
        thread = confirmed.open_thread(
            id="T1", at="2019-12-21T09:00+09:00", text="Hi", language="ja"
        )
        assert (thread.participant, thread.language, thread.state) == (
            "jet-0042",
            "ja",
            ThreadState.AWAITING_COUNSELLOR,
        )

    @pytest.mark.parametrize(
        ("code", "at"),
        [
            ("wrong", "2019-12-20T09:00+09:00"),  # not a programme password
            (SECRET, "2019-07-31T12:00+09:00"),  # before its period (changes in August)
            (SECRET, "2020-08-01T12:00+09:00"),  # after its period
            ("kokoro-2020", "2020-07-31T12:00+09:00"),  # next year's code, not valid yet
        ],
    )
    def test_code_must_be_valid_when_submitted(self, code, at):
        with pytest.raises(Refused) as info:
            Registration.submit(participant="p", code=code, codes=[FY2019_CODE, FY2020_CODE], at=at)
        assert info.value.reason.code == "CODE_NOT_VALID"
        assert code not in str(info.value)

    def test_a_registration_cannot_be_built_outside_its_codes_period(self):
        with pytest.raises(Refused):
            Registration(
                participant="p", contract_code=FY2019_CODE, submitted_at="2021-01-01T00:00+09:00"
            )

    def test_contract_code_must_be_a_contract_code(self):
        with pytest.raises(WrongType, match="'contract_code'"):
            Registration(
                participant="p", contract_code=SECRET, submitted_at="2019-12-20T09:00+09:00"
            )
        with pytest.raises(WrongType, match="'codes'"):
            Registration.submit(
                participant="p", code=SECRET, codes=[SECRET], at="2019-12-20T09:00+09:00"
            )

    @pytest.mark.parametrize("participant", ["", " ", None])
    def test_participant_required(self, participant):
        with pytest.raises(InvalidInput, match="'participant'"):
            Registration.submit(
                participant=participant, code=SECRET, codes=FY2019_CODE, at="2019-12-20T09:00+09:00"
            )

    def test_confirm_once_and_not_before_submitting(self):
        pending = Registration.submit(
            participant="p", code=SECRET, codes=FY2019_CODE, at="2019-12-20T09:00+09:00"
        )
        assert refusal_code(lambda: pending.confirm("2019-12-20T08:59+09:00")) == "TIME_BACKWARDS"
        confirmed = pending.confirm("2019-12-20T09:00+09:00")
        assert refusal_code(lambda: confirmed.confirm("2019-12-21T09:00+09:00")) == (
            "ALREADY_CONFIRMED"
        )

    def test_thread_not_opened_before_confirmation(self):
        code = refusal_code(
            lambda: registered("2019-12-20T09:00+09:00").open_thread(
                id="T1", at="2019-12-20T08:00+09:00", text="Hi"
            )
        )
        assert code == "TIME_BACKWARDS"

    def test_naive_instants_refused(self):
        with pytest.raises(WrongType, match="'at'"):
            Registration.submit(
                participant="p", code=SECRET, codes=FY2019_CODE, at="2019-12-20T09:00"
            )


class TestThreadTurns:
    def test_the_full_order(self):
        thread = full_thread()
        assert [m.author for m in thread.messages] == [
            Author.PARTICIPANT,
            Author.COUNSELLOR,
        ] * 3
        assert (thread.replies, thread.state) == (MAX_REPLIES, ThreadState.CLOSED)
        assert thread.opened_at == pendulum.datetime(2019, 12, 27, 10, tz="Asia/Tokyo")
        assert thread.last_at == pendulum.datetime(2020, 1, 8, 10, tz="Asia/Tokyo")

    def test_methods_return_new_threads(self):
        first = opened()
        second = first.reply("2020-01-06T10:00+09:00", "ok")
        assert len(first.messages) == 1
        assert len(second.messages) == 2
        assert first.state is ThreadState.AWAITING_COUNSELLOR
        assert second.state is ThreadState.AWAITING_PARTICIPANT

    def test_fourth_reply_and_follow_up_after_third_refused(self):
        thread = full_thread()
        with pytest.raises(Refused) as info:
            thread.follow_up("2020-01-09T10:00+09:00", "One more thing")
        assert info.value.reason.code == "THREAD_CLOSED"
        assert "continue the topic in a new thread" in str(info.value)
        assert "新しいスレッドで" in info.value.reason.render("ja")
        with pytest.raises(Refused) as info:
            thread.reply("2020-01-09T10:00+09:00", "A fourth reply")
        assert info.value.reason.code == "THREAD_FULL"

    def test_continue_in_new_thread(self):
        old = full_thread()
        new = old.continue_in_new_thread("2020-01-09T10:00+09:00", "Continuing.")
        assert (new.id, new.continues, new.participant, new.language) == (
            "T1.2",
            "T1",
            "jet-0042",
            "en",
        )
        assert new.state is ThreadState.AWAITING_COUNSELLOR
        assert len(new.messages) == 1
        named = old.continue_in_new_thread("2020-01-09T10:00+09:00", "Again.", id="X")
        assert named.id == "X"

    @pytest.mark.parametrize(
        ("thread_id", "continues", "next_id"),
        [
            ("T1", None, "T1.2"),  # the first continuation appends .2
            ("T1.2", "T1", "T1.3"),  # the .2 the convention made is counted on
            ("T1.3", "T1.2", "T1.4"),  # and so is each later one
            ("v1.9", "v1.8", "v1.10"),  # counted as a number, not as text
            ("T1.2", None, "T1.2.2"),  # continues nothing: the .2 is the caller's
            ("T1.3", "T1", "T1.3.2"),  # T1 would be continued by T1.2, not T1.3
            ("T1.2", "X", "T1.2.2"),  # continues another stem
            ("2019.04", None, "2019.04.2"),  # a dotted date is not bumped to 2019.5
            ("v1.0", None, "v1.0.2"),  # a version is not bumped to v1.1
            ("a.02", "a", "a.02.2"),  # the convention never writes a leading zero
            ("a.1", "a.0", "a.1.2"),  # nor .1
            ("a.b", None, "a.b.2"),  # not a number
            ("x.", None, "x..2"),  # an empty suffix
        ],
    )
    def test_default_ids_of_continuations(self, thread_id, continues, next_id):
        old = Thread(
            id=thread_id, participant="p", continues=continues, messages=full_thread().messages
        )
        assert old.continue_in_new_thread("2020-01-09T10:00+09:00", "Hi").id == next_id

    def test_default_ids_along_a_chain(self):
        thread, ids = full_thread(), []
        for _ in range(3):
            thread = thread.continue_in_new_thread(thread.last_at, "More")
            thread = Thread(
                id=thread.id,
                participant=thread.participant,
                continues=thread.continues,
                messages=[
                    Message(author=m.author, at=thread.last_at.add(hours=n), text="x")
                    for n, m in enumerate(full_thread().messages)
                ],
            )
            ids.append((thread.id, thread.continues))
        assert ids == [("T1.2", "T1"), ("T1.3", "T1.2"), ("T1.4", "T1.3")]

    def test_continuing_an_open_thread_or_going_back_in_time_refused(self):
        code = refusal_code(lambda: opened().continue_in_new_thread("2020-01-09T10:00+09:00", "Hi"))
        assert code == "CONTINUE_OPEN_THREAD"
        code = refusal_code(
            lambda: full_thread().continue_in_new_thread("2020-01-08T09:00+09:00", "Hi")
        )
        assert code == "TIME_BACKWARDS"

    @pytest.mark.parametrize(
        ("build", "code"),
        [
            # a second participant message before a reply
            (lambda: opened().follow_up("2019-12-27T11:00+09:00", "Hello?"), "REPLY_PENDING"),
            # a reply when nothing awaits one
            (
                lambda: (
                    opened()
                    .reply("2020-01-06T10:00+09:00", "ok")
                    .reply("2020-01-06T11:00+09:00", "ok again")
                ),
                "NOTHING_TO_REPLY_TO",
            ),
            # a reply before the inquiry
            (lambda: opened().reply("2019-12-27T09:59+09:00", "early"), "TIME_BACKWARDS"),
            # a follow-up before the reply it follows
            (
                lambda: (
                    opened()
                    .reply("2020-01-06T10:00+09:00", "ok")
                    .follow_up("2020-01-06T09:00+09:00", "hm")
                ),
                "TIME_BACKWARDS",
            ),
        ],
    )
    def test_out_of_turn_refused(self, build, code):
        assert refusal_code(build) == code

    def test_a_message_at_the_same_instant_is_in_order(self):
        thread = opened().reply("2019-12-27T10:00+09:00", "Instant reply")
        assert thread.replies == 1

    def test_refusals_render_in_both_languages(self):
        with pytest.raises(Refused) as info:
            opened().follow_up("2019-12-27T11:00+09:00", "Hello?")
        reason = info.value.reason
        assert reason.render("en") != reason.render("ja")
        assert "返信" in reason.render("ja")


class TestThreadConstructor:
    def message(self, author, at, text="text"):
        return Message(author=author, at=at, text=text)

    def test_restores_a_recorded_thread(self):
        thread = Thread(
            id="T9",
            participant="p",
            language="ja",
            messages=[
                self.message("participant", "2019-04-27T09:00+09:00"),
                self.message("counsellor", "2019-05-07T09:00+09:00"),
            ],
        )
        assert thread == Thread(id="T9", participant="p", language="ja", messages=thread.messages)
        assert thread.state is ThreadState.AWAITING_PARTICIPANT
        assert "Thread(id='T9'" in repr(thread)

    @pytest.mark.parametrize(
        ("authors", "code"),
        [
            (["counsellor"], "FIRST_NOT_INQUIRY"),  # a thread opens with an inquiry
            (["participant", "participant"], "REPLY_PENDING"),  # two participant messages
            (["participant", "counsellor", "counsellor"], "NOTHING_TO_REPLY_TO"),
            (["participant", "counsellor"] * 3 + ["participant"], "THREAD_CLOSED"),
            (["participant", "counsellor"] * 3 + ["counsellor"], "THREAD_FULL"),
        ],
    )
    def test_out_of_order_messages_refused(self, authors, code):
        start = pendulum.datetime(2019, 4, 1, 9, tz="Asia/Tokyo")
        messages = [self.message(author, start.add(hours=n)) for n, author in enumerate(authors)]
        with pytest.raises(Refused) as info:
            Thread(id="T1", participant="p", messages=messages)
        assert info.value.reason.code == code

    @pytest.mark.parametrize(
        ("fields", "error", "match"),
        [
            ({"messages": []}, InvalidInput, "'messages' must start"),
            ({"messages": "text"}, WrongType, "'messages' must be a sequence"),
            ({"messages": 5}, WrongType, "'messages' must be a sequence"),
            ({"messages": ["text"]}, WrongType, "'messages' must hold only Message"),
            ({"id": ""}, InvalidInput, "'id' must be non-empty"),
            ({"participant": None}, InvalidInput, "'participant' must be non-empty"),
            # the field is 'language' (the JSON key too), not to_lang's 'lang'
            ({"language": "fr"}, InvalidInput, r"^'language' must be 'en' or 'ja' \(got 'fr'\)$"),
            ({"language": "JA"}, InvalidInput, r"^'language' must be 'en' or 'ja' \(got 'JA'\)$"),
            ({"continues": " "}, InvalidInput, "'continues' must be non-empty"),
            ({"continues": "T1"}, InvalidInput, "'continues' must name another thread"),
        ],
    )
    def test_bad_fields(self, fields, error, match):
        base = {
            "id": "T1",
            "participant": "p",
            "messages": [self.message("participant", "2019-04-01T09:00+09:00")],
        }
        with pytest.raises(error, match=match):
            Thread(**{**base, **fields})

    def test_message_fields(self):
        with pytest.raises(InvalidInput, match="'author' must be 'participant' or 'counsellor'"):
            Message(author="staff", at="2019-04-01T09:00+09:00", text="x")
        with pytest.raises(WrongType, match="'at'"):
            Message(author=Author.PARTICIPANT, at="2019-04-01T09:00", text="x")
        assert Author.COUNSELLOR.render("ja") == "カウンセラー"
        assert Author.PARTICIPANT.render("en") == "participant"
        assert ThreadState.CLOSED.render("ja") == "終了"
        assert repr(ThreadState.CLOSED) == "ThreadState.CLOSED"


class TestCalendarRange:
    """Messages and queries stay within the days the business calendar covers."""

    @pytest.mark.parametrize(
        ("author", "at"),
        [
            ("participant", "1900-01-05T10:00+09:00"),  # long before the calendar starts
            ("counsellor", "1948-07-19T10:00+09:00"),  # the day before 1948-07-20
            ("participant", "2151-01-01T10:00+09:00"),  # after 2150-12-31
            ("counsellor", "2151-01-01T00:00+09:00"),
            ("counsellor", "2150-12-31T15:00:00Z"),  # 2151-01-01 in Tokyo
        ],
    )
    def test_messages_outside_the_calendar_refused(self, author, at):
        with pytest.raises(
            OutOfRange, match=r"^'at' must fall on a day the business calendar covers"
        ) as info:
            Message(author=author, at=at, text="x")
        assert info.value.field == "at"

    def test_a_participant_message_needs_a_deadline_inside_the_calendar(self):
        last = "2150-12-23T23:59+09:00"  # due 2150-12-28, the last business day
        thread = Thread(
            id="T1",
            participant="p",
            messages=[Message(author="participant", at=last, text="x")],
            assume=FY2019,
        )
        assert thread.deadlines()[0].due_date == pendulum.date(2150, 12, 28)
        late = Message(author="participant", at="2150-12-24T00:00+09:00", text="x")
        with pytest.raises(OutOfRange, match=r"^'at' must be received by 2150-12-23") as info:
            Thread(id="T1", participant="p", messages=[late], assume=FY2019)
        assert "reply deadline" in str(info.value)
        # the counsellor's message needs no deadline of its own
        replied = thread.reply("2150-12-31T23:59+09:00", "Reply")
        assert replied.late_replies()[0].business_days_late == 1

    def test_the_earliest_day(self):
        first = Message(author="participant", at="1948-07-20T12:00+09:00", text="x")
        thread = Thread(id="T1", participant="p", messages=[first], assume=FY2019)
        assert thread.deadlines()[0].due_date > pendulum.date(1948, 7, 20)

    @given(
        st.datetimes(
            min_value=dt.datetime(2150, 11, 1),
            max_value=dt.datetime(2150, 12, 31, 23, 59),
            timezones=st.just(dt.timezone(dt.timedelta(hours=9))),
        )
    )
    def test_a_message_accepted_near_the_end_has_a_deadline(self, at):
        message = Message(author="participant", at=at, text="x")
        if at.date() > dt.date(2150, 12, 23):
            with pytest.raises(OutOfRange, match=r"^'at' must be received by 2150-12-23"):
                Thread(id="T1", participant="p", messages=[message], assume=FY2019)
        else:
            thread = Thread(id="T1", participant="p", messages=[message], assume=FY2019)
            assert thread.deadlines()[0].due_date <= pendulum.date(2150, 12, 31)

    @pytest.mark.parametrize("at", ["1900-01-05T10:00+09:00", "2151-01-01T10:00+09:00"])
    def test_queries_outside_the_calendar_refused(self, at):
        thread = opened()
        with pytest.raises(OutOfRange, match=r"^'at' must fall on a day the business calendar"):
            thread.status_at(at)
        with pytest.raises(OutOfRange, match=r"^'at' must fall on a day the business calendar"):
            report([thread], at=at)

    def test_opening_or_continuing_outside_the_calendar_refused(self):
        with pytest.raises(OutOfRange, match=r"^'at' must"):
            opened(at="2151-01-01T10:00+09:00")
        with pytest.raises(OutOfRange, match=r"^'at' must"):
            full_thread().continue_in_new_thread("2151-01-01T10:00+09:00", "More")


class TestThreadProperties:
    @given(threads(), st.lists(st.tuples(st.booleans(), message_texts), max_size=8))
    def test_never_more_than_three_replies(self, thread, steps):
        """Whatever is tried, a thread holds at most three replies and alternates authors."""
        at = thread.last_at
        for is_reply, text in steps:
            at = at + dt.timedelta(hours=1)
            with contextlib.suppress(Refused):
                thread = thread.reply(at, text) if is_reply else thread.follow_up(at, text)
            assert thread.replies <= MAX_REPLIES
            assert len(thread.messages) <= 2 * MAX_REPLIES
        authors = [m.author for m in thread.messages]
        assert all(a is not b for a, b in itertools.pairwise(authors))

    @given(threads())
    def test_every_participant_message_is_answered_or_pending(self, thread):
        participant = [n for n, m in enumerate(thread.messages) if m.author is Author.PARTICIPANT]
        answered = [n for n in participant if n + 1 < len(thread.messages)]
        pending = [n for n in participant if n + 1 == len(thread.messages)]
        assert all(thread.messages[n + 1].author is Author.COUNSELLOR for n in answered)
        assert len(answered) + len(pending) == len(participant)
        assert (thread.state is ThreadState.AWAITING_COUNSELLOR) == bool(pending)

    @given(threads())
    def test_rebuilding_from_messages_gives_the_same_thread(self, thread):
        assert (
            Thread(
                id=thread.id,
                participant=thread.participant,
                language=thread.language,
                messages=list(thread.messages),
            )
            == thread
        )

    def test_strategy_code_is_the_shared_one(self):
        assert thread_code.is_valid_on("2020-01-01")


def test_errors_are_jetrules_errors():
    with pytest.raises(JetRulesError):
        opened(text="")


# --- deadlines, statuses, late replies and the report (need the calendar) ----------------------

TOKYO = "Asia/Tokyo"


def inquiry_at(at, thread_id="T1", language="en"):
    registration = Registration.submit(
        participant="jet-0042", code="kokoro-2019", codes=thread_code, at="2019-01-05T00:00+09:00"
    ).confirm("2019-01-05T00:00+09:00")
    return registration.open_thread(id=thread_id, at=at, text="Hello.", language=language)


class TestDeadlines:
    @pytest.mark.parametrize(
        ("received", "due_date"),
        [
            ("2019-12-23T09:00+09:00", "2019-12-26"),  # Monday: three plain business days
            ("2019-12-27T10:00+09:00", "2020-01-08"),  # Friday before the year-end closure
            ("2019-12-28T13:00+09:00", "2020-01-09"),  # closed day: counts from 6 January
            ("2019-04-26T18:00+09:00", "2019-05-09"),  # Friday before Golden Week 2019
            ("2019-04-27T09:00+09:00", "2019-05-10"),  # Saturday: counts from 7 May
            ("2019-05-02T11:00+09:00", "2019-05-10"),  # a holiday in Golden Week
            ("2019-05-11T08:00+00:00", "2019-05-16"),  # Saturday 17:00 Tokyo, written in UTC
            ("2019-04-26T15:30+00:00", "2019-05-10"),  # 00:30 Saturday in Tokyo, Friday in UTC
        ],
    )
    def test_table(self, received, due_date):
        (due,) = inquiry_at(received).deadlines()
        assert str(due.due_date) == due_date
        assert due.due_by == pendulum.parse(due_date, tz=TOKYO).add(days=1)

    def test_must_show_year_end_and_golden_week(self):
        year_end = inquiry_at("2019-12-27T10:00+09:00")
        assert year_end.deadlines()[0].due_date == pendulum.date(2020, 1, 8)
        golden_week = inquiry_at("2019-04-27T10:00+09:00")
        assert golden_week.deadlines()[0].due_date == pendulum.date(2019, 5, 10)
        on_time = year_end.reply("2020-01-08T23:59+09:00", "Reply")
        assert on_time.late_replies() == ()
        late = year_end.reply("2020-01-09T00:00+09:00", "Reply")
        (reply,) = late.late_replies()
        assert (reply.thread, reply.number, reply.business_days_late) == ("T1", 1, 1)
        assert reply.render("en") == (
            "Reply 1 in thread T1 was due by the end of 2020-01-08 and came at "
            "2020-01-09T00:00:00+09:00: 1 business day late."
        )
        assert reply.render("ja") == (
            "スレッドT1の1件目の返信は期限が2020-01-08中でしたが、"
            "2020-01-09T00:00:00+09:00に届きました（1営業日の遅れ）。"
        )

    def test_each_participant_message_has_a_deadline(self):
        assert len(full_thread().deadlines()) == 3
        assert len(full_thread().late_replies()) == 0

    @given(threads(), st.integers(-12, 14), st.sampled_from([0, 15, 30, 45]))
    def test_deadlines_do_not_depend_on_the_zone_written(self, thread, hours, minutes):
        """The same instants written at another offset give the same thread and deadlines."""
        sign = -1 if hours < 0 else 1
        zone = dt.timezone(sign * dt.timedelta(hours=abs(hours), minutes=minutes))
        rewritten = Thread(
            id=thread.id,
            participant=thread.participant,
            language=thread.language,
            messages=[
                Message(author=m.author, at=m.at.astimezone(zone).isoformat(), text=m.text)
                for m in thread.messages
            ],
        )
        assert rewritten == thread
        assert rewritten.deadlines() == thread.deadlines()
        assert rewritten.late_replies() == thread.late_replies()
        later = thread.last_at.add(days=5)
        assert thread.status_at(later.astimezone(zone)) == thread.status_at(later)


class TestStatus:
    @pytest.mark.parametrize(
        ("at", "kind", "days"),
        [
            ("2019-12-27T10:00+09:00", StatusKind.ON_TIME, 0),  # just received
            ("2020-01-08T23:59+09:00", StatusKind.ON_TIME, 0),  # last minute of the due date
            ("2020-01-09T00:00+09:00", StatusKind.OVERDUE, 1),  # the next day has begun
            ("2020-01-10T12:00+09:00", StatusKind.OVERDUE, 2),  # Friday
            ("2020-01-13T12:00+09:00", StatusKind.OVERDUE, 2),  # Coming of Age Day: closed
            ("2020-01-14T12:00+09:00", StatusKind.OVERDUE, 3),  # next business day
        ],
    )
    def test_awaiting_counsellor(self, at, kind, days):
        status = inquiry_at("2019-12-27T10:00+09:00").status_at(at)
        assert (status.kind, status.business_days_overdue) == (kind, days)
        assert status.deadline.due_date == pendulum.date(2020, 1, 8)

    def test_renders(self):
        thread = inquiry_at("2019-12-27T10:00+09:00")
        assert thread.status_at("2020-01-06T09:00+09:00").render("en") == (
            "Awaiting the counsellor's reply, due by the end of 2020-01-08."
        )
        overdue = thread.status_at("2020-01-10T12:00+09:00")
        assert overdue.render("en").endswith("overdue by 2 business days.")
        assert overdue.render("ja") == "カウンセラーの返信待ち（返信期限2020-01-08を2営業日超過）。"
        on_time = thread.status_at("2020-01-06T09:00+09:00")
        assert on_time.render("ja") == "カウンセラーの返信待ち（返信期限：2020-01-08中）。"
        replied = thread.reply("2020-01-07T09:00+09:00", "Reply").status_at(
            "2020-01-07T09:00+09:00"
        )
        assert replied.kind is StatusKind.AWAITING_PARTICIPANT
        assert replied.deadline is None
        assert replied.business_days_overdue == 0
        assert replied.render("en") == (
            "Replied; the participant may follow up (1 of 3 replies used)."
        )
        closed = full_thread().status_at("2020-02-01T00:00+09:00")
        assert closed.kind is StatusKind.CLOSED
        assert "new thread" in closed.render("en")
        assert StatusKind.OVERDUE.render("ja") == "返信待ち（期限超過）"
        assert repr(StatusKind.CLOSED) == "StatusKind.CLOSED"

    def test_a_status_needs_a_deadline_exactly_when_awaiting_the_counsellor(self):
        status = inquiry_at("2019-12-27T10:00+09:00").status_at("2020-01-06T09:00+09:00")
        with pytest.raises(InvalidInput, match="'deadline' must be given exactly when"):
            attrs.evolve(status, deadline=None)
        with pytest.raises(InvalidInput, match="'deadline' must be given exactly when"):
            attrs.evolve(status, kind=StatusKind.CLOSED)

    def test_only_messages_received_by_then_count(self):
        thread = full_thread()
        assert thread.status_at("2019-12-27T10:00+09:00").kind is StatusKind.ON_TIME
        assert thread.status_at("2020-01-06T10:30+09:00").replies == 1
        with pytest.raises(OutOfRange, match="'at' must not be before thread T1 opened"):
            thread.status_at("2019-12-27T09:59+09:00")

    @given(threads(), st.lists(st.timedeltas(dt.timedelta(0), dt.timedelta(days=40)), max_size=12))
    def test_never_back_from_overdue_to_on_time_without_a_reply(self, thread, offsets):
        instants = sorted(thread.opened_at + offset for offset in offsets)
        statuses = [thread.status_at(at) for at in instants]
        for before, after in itertools.pairwise(statuses):
            if before.kind is StatusKind.OVERDUE and after.kind is StatusKind.ON_TIME:
                assert after.replies > before.replies
            if (
                before.kind is StatusKind.OVERDUE
                and after.kind is StatusKind.OVERDUE
                and after.replies == before.replies
            ):  # a reply in between answers the overdue message: a later one may be less late
                assert after.business_days_overdue >= before.business_days_overdue

    @given(threads())
    def test_a_status_agrees_with_the_deadline(self, thread):
        status = thread.status_at(thread.last_at)
        if thread.state is ThreadState.AWAITING_COUNSELLOR:
            assert status.deadline == thread.deadlines()[-1]
            assert status.kind is StatusKind.ON_TIME
        else:
            expected = {
                ThreadState.AWAITING_PARTICIPANT: StatusKind.AWAITING_PARTICIPANT,
                ThreadState.CLOSED: StatusKind.CLOSED,
            }
            assert status.kind is expected[thread.state]


class TestReport:
    def example(self):
        return (
            inquiry_at("2019-12-27T10:00+09:00", "on-time").reply("2020-01-08T23:59+09:00", "ok"),
            inquiry_at("2019-12-27T10:00+09:00", "late").reply("2020-01-09T00:00+09:00", "ok"),
            inquiry_at("2019-12-28T13:00+09:00", "overdue"),  # due 2020-01-09
            inquiry_at("2020-01-14T09:00+09:00", "pending"),  # due 2020-01-17, not due yet
            inquiry_at("2020-02-01T09:00+09:00", "later"),  # opened after the report
        )

    def test_figures(self):
        result = report(self.example(), at="2020-01-14T12:00+09:00")
        assert [s.thread for s in result.statuses] == ["on-time", "late", "overdue", "pending"]
        assert result.replies_on_time == 1
        assert [(r.thread, r.business_days_late) for r in result.late_replies] == [("late", 1)]
        assert [s.thread for s in result.overdue] == ["overdue"]
        assert result.overdue[0].business_days_overdue == 2  # 10 and 14 January; 13th closed
        assert result.replies_due == 3
        assert result.on_time_share == Fraction(1, 3)
        assert result.on_time_percent() == 33
        assert result.on_time_percent(Rounding.CEILING) == 34
        assert result.worst_lateness == 2
        assert result.count(StatusKind.ON_TIME) == 1
        assert result.count(StatusKind.AWAITING_PARTICIPANT) == 2

    def test_a_reply_after_the_report_instant_does_not_count(self):
        late = inquiry_at("2019-12-27T10:00+09:00").reply("2020-01-10T00:00+09:00", "ok")
        result = report([late], at="2020-01-09T12:00+09:00")
        assert result.late_replies == ()
        assert result.replies_due == 1
        assert result.on_time_share == 0
        assert result.worst_lateness == 1

    def test_renders_in_both_languages(self):
        result = report(self.example(), at="2020-01-14T12:00+09:00")
        english = result.render("en")
        assert english.splitlines()[:4] == [
            "Web Mail Counselling as of 2020-01-14T12:00:00+09:00",
            "Threads: 4 (awaiting counsellor (on time) 1, awaiting counsellor (overdue) 1, "
            "awaiting participant 2, closed 0)",
            "Replies due: 3; on time: 1 (33%, rounded down); late: 1; overdue and unanswered: 1",
            "Worst lateness: 2 business days",
        ]
        assert "Late replies:" in english
        assert "  - overdue: Awaiting the counsellor's reply" in english
        japanese = result.render("ja")
        assert japanese.startswith("ウェブメール相談（2020-01-14T12:00:00+09:00時点）")
        assert "33%、切り捨て" in japanese
        assert "最大遅延：2営業日" in japanese
        assert "遅れた返信：" in japanese
        assert (
            "（返信待ち（期限内）1件、返信待ち（期限超過）1件、参加者の返信待ち2件、終了0件）"
            in japanese
        )
        assert "  - overdue：カウンセラーの返信待ち" in japanese

    def test_nothing_due(self):
        result = report([inquiry_at("2020-01-14T09:00+09:00")], at="2020-01-14T12:00+09:00")
        assert result.on_time_share is None
        assert result.on_time_percent() is None
        assert "none due yet" in result.render("en")
        assert "期限到来なし" in result.render("ja")
        assert "Late replies" not in result.render("en")
        assert report([], at="2020-01-14T12:00+09:00").statuses == ()

    def test_refuses_what_is_not_a_thread(self):
        with pytest.raises(WrongType, match="'threads' must hold only Thread"):
            report(["T1"], at="2020-01-14T12:00+09:00")

    @given(st.lists(threads(), max_size=5, unique_by=lambda thread: thread.id), thread_instants)
    def test_share_is_on_time_over_due(self, many, at):
        result = report(many, at=at)
        late = len(result.late_replies)
        assert result.replies_due == result.replies_on_time + late + len(result.overdue)
        if result.replies_due:
            assert 0 <= result.on_time_share <= 1
            assert result.on_time_percent() <= result.on_time_share * 100
        assert result.worst_lateness >= (1 if late or result.overdue else 0)


class TestTerms:
    """The limits are dated editions with sources; a year without one has no terms."""

    def test_the_editions_and_their_years(self):
        assert [str(terms.fiscal_year) for terms in EDITIONS] == [
            "FY2019",
            "FY2020",
            "FY2021",
            "FY2023",
        ]
        for terms in EDITIONS:
            # every published edition has the FY2019 text's limits
            assert (terms.line_limit, terms.replies_per_thread, terms.reply_business_days) == (
                30,
                3,
                3,
            )
            assert terms.languages == ("en", "ja")
            assert all(source.title and source.url for source in terms.sources)
        assert EDITIONS[0].threads_per_participant.en == "no limit stated"
        assert all(terms.threads_per_participant == UNLIMITED for terms in EDITIONS[1:])

    @pytest.mark.parametrize(
        "year",
        [
            2018,  # before the FY2019 text
            2022,  # no source describes the service in FY2022
            2024,  # after CLAIR News June 2023
        ],
    )
    def test_years_without_an_edition_raise(self, year):
        with pytest.raises(NoRuleInForce, match=f"for FY{year}; editions exist for FY2019"):
            terms_for(year)
        with pytest.raises(NoRuleInForce):
            terms_for(FiscalYear(year), policy=Policy())

    def test_the_caller_may_supply_a_whole_year(self):
        fy2019 = {name: TERMS.value(name) for name in REQUIRED}
        mine = terms_for(2022, policy=supplying(2022, **fy2019))
        assert attrs.evolve(mine, fiscal_year=FY2019) == attrs.evolve(
            TERMS, provenance=mine.provenance
        )
        assert mine.origin == "supplied"  # nothing is published for FY2022
        with pytest.raises(NoRuleInForce, match="do not publish reply_business_days"):
            terms_for(2022, policy=supplying(2022, line_limit=30))

    def test_citation(self):
        assert EDITIONS[0].citation is EDITIONS[0].sources[0]
        citation = EDITIONS[1].citation
        assert citation.title.startswith("Web Mail Counselling terms of FY2020: CLAIR News")
        assert "Akita" in citation.title
        assert "Kagoshima" in citation.title

    @pytest.mark.parametrize(
        ("changes", "error"),
        [
            ({"line_limit": 0}, InvalidInput),  # a limit is positive
            ({"replies_per_thread": True}, InvalidInput),  # not a bool
            ({"reply_business_days": 1.5}, InvalidInput),  # whole days only
            ({"languages": ()}, InvalidInput),  # at least one language
            ({"languages": "fr"}, InvalidInput),  # only en and ja
            ({"threads_per_participant": "unlimited"}, WrongType),  # a Label
            ({"line_limit_for_follow_ups": "yes"}, WrongType),  # true or false
            ({"continuations_per_thread": 0}, InvalidInput),  # at least one
            ({"provenance": {"line_limit": "seed"}}, WrongType),  # Provenance values
        ],
    )
    def test_invalid_terms_refused(self, changes, error):
        with pytest.raises(error):
            attrs.evolve(TERMS, **changes)

    def test_languages_are_normalised(self):
        assert attrs.evolve(TERMS, languages=["ja", "en", "ja"]).languages == ("en", "ja")
        assert attrs.evolve(TERMS, languages="ja").languages == ("ja",)
        assert attrs.evolve(TERMS, fiscal_year=2020).fiscal_year == FiscalYear(2020)


class TestThreadTerms:
    """A thread is held to the edition of its inquiry's fiscal year, and to nothing else."""

    @pytest.mark.parametrize(
        ("at", "year"),
        [
            ("2019-04-01T00:00+09:00", 2019),  # the first minute of FY2019
            ("2020-03-31T23:59+09:00", 2019),  # its last minute
            ("2020-03-31T15:00:00Z", 2020),  # 2020-04-01 00:00 in Tokyo
            ("2021-06-01T10:00+09:00", 2021),  # Saga JET's FY2021 page
            ("2023-06-01T10:00+09:00", 2023),
        ],
    )
    def test_the_default_is_the_inquiry_years_edition(self, at, year):
        message = Message(author="participant", at=at, text="Hello.")
        thread = Thread(id="T1", participant="p", messages=[message])
        assert thread.terms == terms_for(year)

    @pytest.mark.parametrize(
        "at",
        [
            "2019-03-31T23:59+09:00",  # FY2018: before the first edition
            "2022-04-01T00:00+09:00",  # FY2022: no neighbour's terms are borrowed
            "2024-04-01T00:00+09:00",  # FY2024: after the last edition
        ],
    )
    def test_no_edition_no_thread(self, at):
        message = Message(author="participant", at=at, text="Hello.")
        with pytest.raises(NoRuleInForce):
            Thread(id="T1", participant="p", messages=[message])
        with pytest.raises(NoRuleInForce):
            reply_deadline(at)
        codes = ContractCode(code=SECRET, valid_from="2019-01-01", valid_to="2024-12-31")
        me = Registration.submit(participant="p", code=SECRET, codes=codes, at=at).confirm(at)
        with pytest.raises(NoRuleInForce):
            me.open_thread(id="T1", at=at, text="Hello.")
        assumed = me.open_thread(id="T1", at=at, text="Hello.", assume=FY2019).terms
        assert assumed == terms_for(FiscalYear.of(to_instant(at).date()), assume=FY2019)
        assert (assumed.line_limit, assumed.origin) == (30, "assumed")

    def test_policy_and_assume_are_checked(self):
        with pytest.raises(WrongType, match="'policy' must be a Policy"):
            opened(policy="FY2019")
        with pytest.raises(InvalidInput, match="'assume' must be written FY2019"):
            opened(assume="last year")

    def test_the_line_limit_is_the_terms(self):
        text = "\n".join(["line"] * 31)
        assert refusal_code(lambda: opened(text=text)) == "MESSAGE_TOO_LONG"
        roomier = supplying(line_limit=31)
        assert opened(text=text, policy=roomier).messages[0].text == text
        thread = opened(policy=roomier).reply("2020-01-06T10:00+09:00", "Reply")
        assert thread.follow_up("2020-01-06T11:00+09:00", text).replies == 1
        with pytest.raises(Refused, match="the limit is 30"):
            opened().reply("2020-01-06T10:00+09:00", "Reply").follow_up(
                "2020-01-06T11:00+09:00", text
            )

    def test_the_reply_limit_is_the_terms(self):
        two = supplying(replies_per_thread=2)
        thread = (
            opened(policy=two)
            .reply("2020-01-06T10:00+09:00", "Reply 1")
            .follow_up("2020-01-06T11:00+09:00", "Follow-up 1")
            .reply("2020-01-07T10:00+09:00", "Reply 2")
        )
        assert thread.state is ThreadState.CLOSED
        refused = refusal_code(lambda: thread.follow_up("2020-01-07T11:00+09:00", "More"))
        assert refused == "THREAD_CLOSED"
        status = thread.status_at("2020-01-08T00:00+09:00")
        assert status.reason.render("en") == (
            "Closed after 2 replies; the participant may continue in a new thread."
        )

    def test_the_reply_deadline_is_the_terms(self):
        five = supplying(reply_business_days=5)
        # Friday 2019-12-27: 3 business days -> 2020-01-08; 5 -> 2020-01-10
        assert opened().deadlines()[0].due_date == pendulum.date(2020, 1, 8)
        assert opened(policy=five).deadlines()[0].due_date == pendulum.date(2020, 1, 10)
        assert reply_deadline("2019-12-27T10:00+09:00", policy=five).due_date == pendulum.date(
            2020, 1, 10
        )

    def test_the_language_must_be_offered(self):
        english_only = supplying(languages=("en",))
        assert opened(policy=english_only, language="en").language == "en"
        with pytest.raises(Refused) as info:
            opened(policy=english_only, language="ja")
        assert info.value.reason.code == "LANGUAGE_NOT_OFFERED"
        assert info.value.reason.render("ja") == (
            "2019年度のウェブメール相談は日本語では利用できません。"
        )

    def test_a_follow_up_after_the_year_end_keeps_the_inquirys_terms(self):
        thread = opened("2020-03-30T10:00+09:00").reply("2020-03-31T10:00+09:00", "Reply")
        later = thread.follow_up("2020-04-01T10:00+09:00", "More")
        assert later.terms == terms_for(2019)
        assert later.deadlines()[-1].due_date == pendulum.date(2020, 4, 6)

    def test_a_continuation_takes_the_terms_of_its_own_year(self):
        closed = (
            opened("2020-03-27T10:00+09:00")
            .reply("2020-03-27T11:00+09:00", "1")
            .follow_up("2020-03-27T12:00+09:00", "f")
            .reply("2020-03-30T10:00+09:00", "2")
            .follow_up("2020-03-30T11:00+09:00", "f")
            .reply("2020-03-31T10:00+09:00", "3")
        )
        assert closed.terms == terms_for(2019)
        assert closed.continue_in_new_thread("2020-04-01T09:00+09:00", "x").terms == terms_for(2020)
        mine = supplying(2020, line_limit=5)
        made = closed.continue_in_new_thread("2020-04-01T09:00+09:00", "x", policy=mine)
        assert made.terms == terms_for(2020, policy=mine)
        assert made.terms.line_limit == 5

    def test_reasons_cite_the_edition(self):
        thread = opened("2020-06-01T10:00+09:00")
        status = thread.status_at("2020-06-01T11:00+09:00")
        assert status.reason.source == terms_for(2020).source_of("reply_business_days")
        late = thread.reply("2020-06-30T10:00+09:00", "Sorry.").late_replies()[0]
        assert late.reason.source == terms_for(2020).source_of("reply_business_days")


OFFICIAL_CSV = Path(__file__).parent / "data" / "syukujitsu.csv"
JUNE = "2020-06-01T10:00+09:00"  # a Monday of FY2020: due Thursday 4 June by default


def official_2020(*extra: str) -> HolidayTable:
    """A made-up newer official list: 2020 as published, with *extra* rows added."""
    rows = [
        line
        for line in OFFICIAL_CSV.read_text(encoding="utf-8").splitlines()
        if line.startswith("2020-")
    ]
    return load_official_holidays("\n".join(["date,name", *rows, *extra]).encode())


class TestCalendar:
    """Reply deadlines count the business days of the calendar a thread is built with."""

    def test_a_newer_official_list_moves_the_deadline(self):
        newer = BusinessCalendar(holidays=official_2020("2020-06-03,休日（祝日扱い）"))
        assert opened(JUNE).deadlines()[0].due_date == pendulum.date(2020, 6, 4)
        due = opened(JUNE, calendar=newer).deadlines()[0]
        assert due.due_date == pendulum.date(2020, 6, 5)
        assert [closed.date for closed in due.pushed_by] == [pendulum.date(2020, 6, 3)]
        assert due.pushed_by[0].render("en") == "2020-06-03 (Day treated as a national holiday)"
        assert reply_deadline(JUNE, calendar=newer) == due

    def test_an_added_closure_moves_the_deadline_and_the_thread_keeps_its_calendar(self):
        closed = SERVICE_CALENDAR.with_closures("2020-06-03")
        reply_at = "2020-06-05T12:00+09:00"  # late by default, on time with the closure
        thread = opened(JUNE, calendar=closed)
        assert thread.status_at(reply_at).kind is StatusKind.ON_TIME
        assert opened(JUNE).status_at(reply_at).kind is StatusKind.OVERDUE
        replied = thread.reply(reply_at, "Reply")
        assert replied.calendar is closed
        assert replied.late_replies() == ()
        assert [r.business_days_late for r in opened(JUNE).reply(reply_at, "R").late_replies()] == [
            1
        ]
        assert replied.follow_up("2020-06-05T13:00+09:00", "More").calendar is closed
        at = "2020-06-08T00:00+09:00"
        assert report([replied], at=at).replies_on_time == 1
        assert report([opened(JUNE).reply(reply_at, "R")], at=at).replies_on_time == 0

    def test_lateness_counts_the_calendars_business_days(self):
        closed = SERVICE_CALENDAR.with_closures("2020-06-08")  # after the due date
        late_at = "2020-06-09T12:00+09:00"
        default, mine = opened(JUNE), opened(JUNE, calendar=closed)
        assert default.deadlines()[0].due_date == mine.deadlines()[0].due_date
        assert default.status_at(late_at).business_days_overdue == 3  # 5, 8, 9 June
        assert mine.status_at(late_at).business_days_overdue == 2  # 5, 9 June
        assert mine.reply(late_at, "R").late_replies()[0].business_days_late == 2
        assert report([mine], at=late_at).worst_lateness == 2

    def test_a_continuation_keeps_the_calendar(self):
        closed = SERVICE_CALENDAR.with_closures("2020-06-10")
        thread = (
            opened(JUNE, calendar=closed)
            .reply("2020-06-02T10:00+09:00", "1")
            .follow_up("2020-06-02T11:00+09:00", "f")
            .reply("2020-06-03T10:00+09:00", "2")
            .follow_up("2020-06-08T11:00+09:00", "f")
            .reply("2020-06-09T10:00+09:00", "3")
        )
        later = thread.continue_in_new_thread("2020-06-09T12:00+09:00", "More")
        assert later.calendar is closed
        assert later.deadlines()[0].due_date == pendulum.date(2020, 6, 15)  # 11, 12, 15 June

    def test_the_calendar_is_kept_out_of_the_repr_but_not_out_of_equality(self):
        closed = SERVICE_CALENDAR.with_closures("2020-06-03")
        thread = opened(JUNE, calendar=closed)
        assert "calendar" not in repr(thread)
        assert thread != opened(JUNE)
        assert opened(JUNE, calendar=BusinessCalendar()) == opened(JUNE)

    def test_a_calendar_must_be_a_business_calendar(self):
        with pytest.raises(WrongType, match=r"^'calendar' must be a BusinessCalendar"):
            opened(JUNE, calendar="2020-06-03")
        with pytest.raises(WrongType, match=r"^'calendar' must be a BusinessCalendar"):
            reply_deadline(JUNE, calendar=None)

    def test_the_calendars_own_last_business_days_bound_a_deadline(self):
        closed = SERVICE_CALENDAR.with_closures("2150-12-24")  # open days: 22, 23, 25, 28
        first = Message(author="participant", at="2150-12-22T23:59+09:00", text="x")
        thread = Thread(id="T1", participant="p", messages=[first], assume=FY2019, calendar=closed)
        assert thread.deadlines()[0].due_date == pendulum.date(2150, 12, 28)
        late = Message(author="participant", at="2150-12-23T10:00+09:00", text="x")
        with pytest.raises(OutOfRange, match=r"^'at' must be received by 2150-12-22"):
            Thread(id="T1", participant="p", messages=[late], assume=FY2019, calendar=closed)
        # a calendar that closes nothing near the end takes the service calendar's bound
        Thread(
            id="T1",
            participant="p",
            messages=[late],
            assume=FY2019,
            calendar=SERVICE_CALENDAR.with_closures("2020-06-03"),
        )

    @given(threads(), st.timedeltas(dt.timedelta(0), dt.timedelta(days=20)))
    def test_the_service_calendar_passed_explicitly_gives_the_default(self, thread, later):
        at = thread.last_at + later
        for calendar in (SERVICE_CALENDAR, BusinessCalendar()):  # the same, and an equal one
            same = Thread(
                id=thread.id,
                participant=thread.participant,
                language=thread.language,
                messages=thread.messages,
                calendar=calendar,
            )
            assert same == thread
            assert same.deadlines() == thread.deadlines()
            assert same.status_at(at) == thread.status_at(at)
            assert same.late_replies() == thread.late_replies()
            assert report([same], at=at) == report([thread], at=at)
            assert reply_deadline(thread.opened_at, calendar=calendar) == reply_deadline(
                thread.opened_at
            )

    @given(thread_instants, st.integers(-2, 14))
    def test_a_closure_delays_a_deadline_one_business_day_exactly_inside_its_window(
        self, at, offset
    ):
        default = reply_deadline(at)
        received = to_instant(at).date()
        day = received.add(days=offset)
        closed = reply_deadline(at, calendar=SERVICE_CALENDAR.with_closures(day))
        inside = received <= day <= default.due_date and SERVICE_CALENDAR.is_business_day(day)
        if inside:
            assert closed.due_date == SERVICE_CALENDAR.next_business_day(default.due_date)
            added = Label(en="closure added to the calendar", ja="追加の休業日")
            assert ClosedDay(date=day, reason=added) in closed.pushed_by
        else:
            assert closed.due_date == default.due_date
