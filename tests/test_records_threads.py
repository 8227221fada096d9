import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules._kernel.policy import Policy
from jetrules.calendar import SERVICE_CALENDAR, FiscalYear
from jetrules.errors import InvalidInput, InvalidRecords, WrongType
from jetrules.records import read_threads
from jetrules.threads import Author, Thread, ThreadState, terms_for

from strategies import threads


def message(author, at, text="text"):
    return {"from": author, "at": at, "text": text}


def inquiry(at="2019-12-27T10:00:00+09:00", text="Hello."):
    return message("participant", at, text)


def full_messages():
    return [
        inquiry(),
        message("counsellor", "2020-01-06T10:00:00+09:00"),
        message("participant", "2020-01-06T11:00:00+09:00"),
        message("counsellor", "2020-01-07T10:00:00+09:00"),
        message("participant", "2020-01-07T11:00:00+09:00"),
        message("counsellor", "2020-01-08T10:00:00+09:00"),
    ]


def read(document, **options):
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    return read_threads(io.StringIO(text), **options)


def problems(document, **options):
    with pytest.raises(InvalidRecords) as info:
        read(document, **options)
    return [str(problem) for problem in info.value.problems]


def to_json(thread):
    return {
        "id": thread.id,
        "participant": thread.participant,
        "language": thread.language,
        "continues": thread.continues,
        "messages": [message(m.author.value, m.at.isoformat(), m.text) for m in thread.messages],
    }


def test_reads_threads_in_order():
    result = read(
        {
            "threads": [
                {"id": "T1", "participant": "p", "language": "ja", "messages": full_messages()},
                {
                    "id": "T1.2",
                    "participant": "p",
                    "language": "ja",
                    "continues": "T1",
                    "messages": [inquiry("2020-01-09T10:00:00+09:00", "続きです。")],
                },
            ]
        }
    )
    assert [t.id for t in result] == ["T1", "T1.2"]
    assert result[0].state is ThreadState.CLOSED
    assert result[1].continues == "T1"
    assert result[1].language == "ja"
    assert result[1].messages[0].author is Author.PARTICIPANT


def test_reads_a_file_path(tmp_path):
    path = tmp_path / "threads.json"
    document = {"threads": [{"id": "T1", "participant": "p", "messages": [inquiry()]}]}
    path.write_text(json.dumps(document), encoding="utf-8")
    (thread,) = read_threads(path)
    assert thread.state is ThreadState.AWAITING_COUNSELLOR
    assert read_threads(str(path)) == (thread,)


@given(threads())
def test_round_trip(thread):
    assert read({"threads": [to_json(thread)]}) == (thread,)


def test_every_malformed_thread_is_reported_with_its_position():
    document = {
        "threads": [
            {"id": "T1", "participant": "p", "messages": [inquiry()]},  # fine
            "not a thread",
            {"id": "T3", "participant": "p", "messages": [inquiry(text="x\n" * 31)]},
            {"id": "T4", "participant": "p", "messages": [inquiry(), inquiry()]},
            {"id": "T5", "participant": "p", "messages": [inquiry("2019-12-27T10:00:00")]},
            {"id": "T6", "messages": [], "colour": "red"},
            {"id": "T7", "participant": "p", "language": "fr", "messages": [inquiry()]},
            {"id": "T8", "participant": "p", "messages": [{"from": "staff", "at": 1}]},
            {"id": "T9", "participant": "p", "messages": "Hello"},
            {"id": "T10", "participant": "p", "messages": [inquiry(), 5, inquiry(text=" ")]},
            {
                "id": "T11",
                "participant": "p",
                "messages": [*full_messages(), inquiry("2020-01-09T10:00:00+09:00")],
            },
            {
                "id": "T12",
                "participant": "p",
                "messages": [inquiry(), message("counsellor", "2019-12-26T10:00:00+09:00")],
            },
        ]
    }
    assert problems(document) == [
        "thread 2: must be a JSON object with id, participant, messages (got text)",
        "thread 3, message 1: The message has 31 lines; the limit is 30.",
        "thread 4, message 2: The counsellor has not replied to the last message yet; "
        "wait for the reply before writing again.",
        "thread 5, message 1: 'at' must be an aware datetime with a zone or offset, "
        "e.g. 2019-12-27T10:00+09:00 (got '2019-12-27T10:00:00')",
        "thread 6: missing key: participant",
        "thread 6: unknown key: colour; expected id, participant, messages, language, continues",
        "thread 6: 'messages' must start with the participant's inquiry (got [])",
        "thread 7: 'language' must be one of en, ja (got 'fr')",
        "thread 8, message 1: missing key: text",
        "thread 8, message 1: 'from' must be one of participant, counsellor (got 'staff')",
        "thread 8, message 1: 'at' must be text (got 1)",
        "thread 9: 'messages' must be a list of message objects (got text)",
        "thread 10, message 2: must be a JSON object with from, at, text (got a number)",
        "thread 10, message 3: The message is empty; write what you would like to ask.",
        "thread 11, message 7: This thread is closed after 3 replies; "
        "continue the topic in a new thread.",
        "thread 12, message 2: The time 2019-12-26T10:00:00+09:00 is before "
        "2019-12-27T10:00:00+09:00, the time of the step before it.",
    ]


def test_a_bad_from_is_named_by_its_key():
    document = {
        "threads": [
            {
                "id": "T1",
                "participant": "p",
                "messages": [message("staff", "2019-12-27T10:00+09:00")],
            }
        ]
    }
    assert problems(document) == [
        "thread 1, message 1: 'from' must be one of participant, counsellor (got 'staff')"
    ]


def test_language_is_named_by_its_key():
    document = {
        "threads": [{"id": "T1", "participant": "p", "language": "FR", "messages": [inquiry()]}]
    }
    assert problems(document) == ["thread 1: 'language' must be one of en, ja (got 'FR')"]


def test_duplicate_ids_and_continuing_an_open_thread():
    document = {
        "threads": [
            {"id": "T1", "participant": "p", "messages": [inquiry()]},
            {"id": "T1", "participant": "q", "messages": [inquiry()]},
            {"id": "T2", "participant": "p", "continues": "T1", "messages": [inquiry()]},
            {"id": "T3", "participant": "p", "continues": "elsewhere", "messages": [inquiry()]},
        ]
    }
    assert problems(document) == [
        "thread 2: 'id' must be unique in the file (got 'T1', also thread 1)",
        "thread 3: 'continues' names 'T1' (thread 1), which it may not continue: "
        "Thread T1 is still open; write in it rather than in a new thread.",
    ]


AFTER = "2020-01-09T10:00:00+09:00"  # after full_messages()'s last message


def continuation(**fields):
    return {"id": "B", "participant": "p", "continues": "A", "messages": [inquiry(AFTER)], **fields}


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        # another participant may not continue A (continue_in_new_thread keeps the participant)
        (
            {"participant": "q"},
            "Thread A is participant p's, not q's; only the participant who asked may continue it.",
        ),
        # nor may a thread in another language (continue_in_new_thread keeps the language)
        (
            {"language": "ja"},
            "Thread A is in English; the thread continuing it must be in English too.",
        ),
        # nor one opened before A's last message
        (
            {"messages": [inquiry("2020-01-08T09:59:59+09:00")]},
            "The time 2020-01-08T09:59:59+09:00 is before 2020-01-08T10:00:00+09:00, "
            "the time of the step before it.",
        ),
    ],
)
def test_continuations_the_model_refuses_are_refused(fields, problem):
    document = {
        "threads": [
            {"id": "A", "participant": "p", "messages": full_messages()},
            continuation(**fields),
        ]
    }
    assert problems(document) == [
        f"thread 2: 'continues' names 'A' (thread 1), which it may not continue: {problem}"
    ]


def test_a_continuation_the_model_makes_is_accepted():
    document = {
        "threads": [
            # listed after the thread continuing it: the order in the file does not matter
            continuation(messages=[inquiry("2020-01-08T10:00:00+09:00")]),  # at A's last instant
            {"id": "A", "participant": "p", "messages": full_messages()},
        ]
    }
    later, earlier = read(document)
    made = earlier.continue_in_new_thread(later.opened_at, "Hello.", id="B")
    assert later == made


def test_every_problem_is_reported_in_one_run():
    """A bad thread does not hide duplicate IDs or bad links among the threads that were read."""
    document = {
        "threads": [
            {"id": "A", "participant": "p", "messages": full_messages()},
            {"id": "X", "participant": "p", "messages": [inquiry(text=" ")]},  # unreadable
            {"id": "A", "participant": "p", "messages": [inquiry()]},
            continuation(participant="q"),
            {"id": "C", "participant": "p", "continues": "X", "messages": [inquiry()]},
        ]
    }
    assert problems(document) == [
        "thread 2, message 1: The message is empty; write what you would like to ask.",
        "thread 3: 'id' must be unique in the file (got 'A', also thread 1)",
        "thread 4: 'continues' names 'A' (thread 1), which it may not continue: "
        "Thread A is participant p's, not q's; only the participant who asked may continue it.",
    ]


@pytest.mark.parametrize(
    ("at", "problem"),
    [
        (
            "1900-01-05T10:00:00+09:00",
            "'at' must fall on a day the business calendar covers, 1948-07-20 to 2150-12-31 "
            "(got '1900-01-05T10:00:00+09:00')",
        ),
        (
            "2150-12-24T10:00:00+09:00",
            "'at' must be received by 2150-12-23 (Tokyo), so that its 3-business-day reply "
            "deadline falls within the business calendar, 1948-07-20 to 2150-12-31 "
            "(got '2150-12-24T10:00:00+09:00')",
        ),
    ],
)
def test_instants_outside_the_calendar_are_reported_with_their_position(at, problem):
    document = {
        "threads": [
            {"id": "T1", "participant": "p", "messages": [inquiry()]},
            {"id": "T2", "participant": "p", "messages": [inquiry(at)]},
        ]
    }
    # FY2019's terms assumed for FY2150 (none is published), so the calendar is what fails
    assert problems(document, assume=FiscalYear(2019)) == [f"thread 2, message 1: {problem}"]


@pytest.mark.parametrize(
    ("at", "year"),
    [
        ("2019-03-31T23:59:00+09:00", "FY2018"),  # the last minute before the first edition
        ("2022-04-01T00:00:00+09:00", "FY2022"),  # between the FY2021 and FY2023 editions
        ("2024-04-01T09:00:00+09:00", "FY2024"),  # after the last edition
    ],
)
def test_a_thread_in_a_year_without_terms_is_reported(at, year):
    document = {"threads": [{"id": "T1", "participant": "p", "messages": [inquiry(at)]}]}
    [problem] = problems(document)
    assert problem.startswith(
        f"thread 1: no Web Mail Counselling terms are published for {year}; "
        "editions exist for FY2019, FY2020, FY2021, FY2023"
    )


def test_a_thread_is_held_to_its_inquiry_years_terms_across_the_year_end():
    """A follow-up after 31 March keeps the inquiry's (FY2019) terms: here a 2-line limit."""
    two_lines = Policy().supplying("webmail", FiscalYear(2019), line_limit=2)
    messages = [
        inquiry("2020-03-30T10:00:00+09:00"),
        message("counsellor", "2020-03-31T10:00:00+09:00"),
        message("participant", "2020-04-01T10:00:00+09:00", "one\ntwo\nthree"),
    ]
    document = {"threads": [{"id": "T1", "participant": "p", "messages": messages}]}
    assert problems(document, policy=two_lines) == [
        "thread 1, message 3: The message has 3 lines; the limit is 2."
    ]
    [thread] = read(document)
    assert thread.terms == terms_for(2019)


def test_a_second_continuation_of_the_same_thread_is_refused():
    document = {
        "threads": [
            {"id": "A", "participant": "p", "messages": full_messages()},
            continuation(id="B", messages=[inquiry("2020-01-09T10:00:00+09:00")]),
            continuation(id="C", messages=[inquiry("2020-01-10T10:00:00+09:00")]),
        ]
    }
    assert problems(document) == [
        "thread 3: 'continues' names 'A' (thread 1), which thread 2 already continues: "
        "Thread A is already continued by thread B; continue the topic in B, or in the thread "
        "that continues it."
    ]


def test_a_continuation_of_a_thread_not_in_the_file_is_accepted():
    """The thread it continues may be in another file: nothing to check it against."""
    document = {"threads": [continuation(id="B", messages=[inquiry()])]}
    [thread] = read(document)
    assert thread.continues == "A"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "line 1: not valid JSON: Expecting value"),
        ('{"threads": [}', "line 1: not valid JSON: Expecting value"),
        ("[]", 'the file: must be a JSON object with a "threads" list (got a list)'),
        ('{"threads": {}}', "the file: 'threads' must be a list of thread objects (got an object)"),
    ],
)
def test_unreadable_documents(text, expected):
    assert problems(text) == [expected]


def test_empty_list_reads_no_threads():
    assert read({"threads": []}) == ()


def test_thread_values_are_threads():
    (thread,) = read({"threads": [{"id": "T1", "participant": "p", "messages": [inquiry()]}]})
    assert isinstance(thread, Thread)


def test_threads_read_with_a_calendar_keep_it():
    closed = SERVICE_CALENDAR.with_closures("2020-01-08")
    document = {"threads": [{"id": "T1", "participant": "p", "messages": [inquiry()]}]}
    [default] = read(document)
    [mine] = read(document, calendar=closed)
    assert mine.calendar is closed
    assert str(default.deadlines()[0].due_date) == "2020-01-08"
    assert str(mine.deadlines()[0].due_date) == "2020-01-09"


def test_the_calendar_decides_which_messages_near_the_end_have_a_deadline():
    document = {
        "threads": [
            {"id": "T1", "participant": "p", "messages": [inquiry("2150-12-23T10:00:00+09:00")]}
        ]
    }
    fy2019 = FiscalYear(2019)
    assert read(document, assume=fy2019)[0].deadlines()[0].due_date.day == 28
    closed = SERVICE_CALENDAR.with_closures("2150-12-24")
    [problem] = problems(document, assume=fy2019, calendar=closed)
    assert problem.startswith("thread 1, message 1: 'at' must be received by 2150-12-22 (Tokyo)")


def test_the_calendar_must_be_a_business_calendar():
    with pytest.raises(WrongType, match=r"^'calendar' must be a BusinessCalendar"):
        read({"threads": []}, calendar="2020-01-08")


# --- the file as JSON: no guessing (issue 12) ---------------------------------------------------


def test_a_key_given_twice_is_refused_with_its_line():
    """json.loads would keep the last "threads" and lose every thread of the first."""
    text = '{"threads": [{"id": "T1", "participant": "p", "messages": []}],\n "threads": []}'
    assert problems(text) == [
        'line 1: the object that opens here gives the key "threads" 2 times; give each key once'
    ]


def test_a_key_given_twice_in_a_thread_is_refused_with_its_line():
    text = json.dumps({"threads": [{"id": "T1", "participant": "p", "messages": [inquiry()]}]})
    text = text.replace('"id": "T1"', '"id": "T1",\n"id": "T2"').replace("[{", "[\n{")
    assert problems(text) == [
        'line 2: the object that opens here gives the key "id" 2 times; give each key once'
    ]


@pytest.mark.parametrize(
    ("text", "kind"), [("null", "null"), ("3", "a number"), ('"x"', "text"), ("true", "true")]
)
def test_a_document_of_another_shape_is_refused(text, kind):
    assert problems(text) == [f'the file: must be a JSON object with a "threads" list (got {kind})']


def test_a_document_without_threads_is_refused():
    assert problems("{}") == ["the file: missing key: threads"]
    assert problems('{"threads": null}') == [
        "the file: 'threads' must be a list of thread objects (got null)"
    ]


def test_unknown_top_level_keys_are_refused_and_the_threads_still_read():
    document = {
        "thread": [],  # a typo: its threads would be ignored
        "threads": [{"id": "T1", "participant": "p", "messages": []}],
        "version": 2,
    }
    assert problems(document) == [
        "the file: unknown keys: thread, version; expected threads",
        "thread 1: 'messages' must start with the participant's inquiry (got [])",
    ]


def a_thread(**fields):
    return {"id": "T1", "participant": "p", "messages": [inquiry()], **fields}


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"id": True}, "thread 1: 'id' must be text (got true)"),
        ({"id": 12}, "thread 1: 'id' must be text (got 12)"),
        ({"id": None}, "thread 1: 'id' must be text (got null)"),
        ({"participant": ["p"]}, "thread 1: 'participant' must be text (got [\"p\"])"),
        ({"language": False}, "thread 1: 'language' must be text (got false)"),
        ({"continues": 7}, "thread 1: 'continues' must be text (got 7)"),
        (
            {"messages": [{"from": True, "at": "2019-12-27T10:00+09:00", "text": "x"}]},
            "thread 1, message 1: 'from' must be text (got true)",
        ),
        (
            {"messages": [{"from": "participant", "at": 1577408400, "text": "x"}]},
            "thread 1, message 1: 'at' must be text (got 1577408400)",
        ),
        (
            {"messages": [{"from": "participant", "at": "2019-12-27T10:00+09:00", "text": 5}]},
            "thread 1, message 1: 'text' must be text (got 5)",
        ),
        (
            {"messages": [{"from": "participant", "at": "2019-12-27T10:00+09:00", "text": None}]},
            "thread 1, message 1: 'text' must be text (got null)",
        ),
    ],
)
def test_non_text_where_text_is_due_is_refused(fields, problem):
    assert problems({"threads": [a_thread(**fields)]}) == [problem]


CONTROL = "must not hold control or invisible characters (such as tabs or line breaks)"


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("id", "T1\x1b[2J", r"'T1\x1b[2J'"),
        ("id", "T\t1", r"'T\t1'"),
        ("participant", "p\u202e", r"'p\u202e'"),
        ("participant", "p\u200b", r"'p\u200b'"),
        ("continues", "A\nB", r"'A\nB'"),
    ],
)
def test_ids_and_names_with_control_characters_are_refused(field, value, shown):
    assert problems({"threads": [a_thread(**{field: value})]}) == [
        f"thread 1: {field!r} {CONTROL} (got {shown})"
    ]


def test_ids_and_names_are_read_as_the_vocabulary_reads_text():
    [thread] = read({"threads": [a_thread(id=" T1 ", participant="参加者　1", continues=" A ")]})
    assert (thread.id, thread.participant, thread.continues) == ("T1", "参加者　1", "A")
    assert problems({"threads": [a_thread(id=" ")]}) == [
        "thread 1: 'id' must be non-empty text (got ' ')"
    ]


@pytest.mark.parametrize(
    ("written", "language"),
    [
        ("ja", "ja"),
        ("JA", "ja"),
        ("Japanese", "ja"),
        ("日本語", "ja"),
        ("ＥＮ", "en"),
        (None, "en"),
    ],
)
def test_language_is_a_word_folded_as_status_is(written, language):
    [thread] = read({"threads": [a_thread(language=written)]})
    assert thread.language == language


@pytest.mark.parametrize(
    ("written", "author"),
    [
        ("Participant", Author.PARTICIPANT),
        ("COUNSELLOR", Author.COUNSELLOR),
        ("counselor", Author.COUNSELLOR),
    ],
)
def test_from_is_a_word_folded_as_status_is(written, author):
    messages = [inquiry(), message(written, "2020-01-06T10:00:00+09:00")]
    if author is Author.PARTICIPANT:
        messages = [message(written, "2019-12-27T10:00:00+09:00")]
    [thread] = read({"threads": [a_thread(messages=messages)]})
    assert thread.messages[-1].author is author


def test_a_null_continues_is_no_continuation():
    [thread] = read({"threads": [a_thread(continues=None)]})
    assert thread.continues is None


@pytest.mark.parametrize(
    "written",
    ["2019/12/27 10:00+09:00", "２０１９-１２-２７T１０:００+０９:００", "2019-12-27T01:00Z"],
)
def test_instants_are_read_as_the_vocabulary_reads_them(written):
    [thread] = read({"threads": [a_thread(messages=[inquiry(written)])]})
    assert thread.opened_at.isoformat() == "2019-12-27T10:00:00+09:00"


def test_an_instant_outside_the_calendar_is_shown_as_the_file_writes_it():
    document = {
        "threads": [
            a_thread(messages=[inquiry("1900/1/5 10:00+09:00")]),
            a_thread(id="T2", messages=[inquiry("2150-12-24T10:00+09:00")]),
            a_thread(id="T3", messages=[inquiry("１９４８-07-19T12:00+09:00")]),
        ]
    }
    assert problems(document, assume=FiscalYear(2019)) == [
        "thread 1, message 1: 'at' must fall on a day the business calendar covers, "
        "1948-07-20 to 2150-12-31 (got '1900/1/5 10:00+09:00')",
        "thread 2, message 1: 'at' must be received by 2150-12-23 (Tokyo), so that its "
        "3-business-day reply deadline falls within the business calendar, 1948-07-20 to "
        "2150-12-31 (got '2150-12-24T10:00+09:00')",
        "thread 3, message 1: 'at' must fall on a day the business calendar covers, "
        "1948-07-20 to 2150-12-31 (got '１９４８-07-19T12:00+09:00')",
    ]


def test_every_message_outside_the_calendar_is_reported():
    """Each bad message is reported at read time, not only the first one of the file."""
    document = {
        "threads": [
            a_thread(id=f"T{n}", messages=[inquiry(f"190{n}-01-05T10:00+09:00")])
            for n in range(1, 4)
        ]
    }
    assert [p.split(":")[0] for p in problems(document)] == [
        "thread 1, message 1",
        "thread 2, message 1",
        "thread 3, message 1",
    ]


# --- line endings -------------------------------------------------------------------------------


def test_cr_only_line_endings_in_message_text_count_as_lines():
    [thread] = read({"threads": [a_thread(messages=[inquiry(text="one\rtwo\r\rfour\r")])]})
    assert thread.messages[0].text == "one\rtwo\r\rfour\r"
    assert problems({"threads": [a_thread(messages=[inquiry(text="x\r" * 31)])]}) == [
        "thread 1, message 1: The message has 31 lines; the limit is 30."
    ]


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_a_file_with_any_line_ending_reads_the_same(tmp_path, ending):
    document = {"threads": [a_thread(messages=[inquiry(text="Hello\r\nagain\rand\nagain")])]}
    text = json.dumps(document, indent=2, ensure_ascii=False).replace("\n", ending)
    path = tmp_path / "threads.json"
    path.write_bytes(text.encode("utf-8"))
    assert read_threads(path) == read(document)
    assert read_threads(path)[0].messages[0].text == "Hello\r\nagain\rand\nagain"


# --- the input: encoding, size, the caller's options --------------------------------------------


def test_a_file_in_another_encoding_is_read_with_it(tmp_path):
    document = {"threads": [a_thread(participant="参加者", messages=[inquiry(text="相談です")])]}
    path = tmp_path / "threads.json"
    path.write_bytes(json.dumps(document, ensure_ascii=False).encode("cp932"))
    [thread] = read_threads(path, encoding="cp932")
    assert thread.participant == "参加者"
    with pytest.raises(InvalidRecords, match=r"is not UTF-8 text .*--encoding cp932"):
        read_threads(path)


def test_an_input_over_the_limit_is_refused():
    with pytest.raises(InvalidRecords) as info:
        read({"threads": []}, max_bytes=5)
    assert [str(p) for p in info.value.problems] == [
        "the input: is larger than 5 bytes, the most jetrules reads from one input; "
        "split it into smaller files"
    ]


def test_a_bad_year_to_assume_is_refused_before_reading():
    with pytest.raises(InvalidInput, match=r"^'assume' "):
        read({"threads": []}, assume="next year")


def test_a_thread_continuing_itself_is_refused():
    assert problems({"threads": [a_thread(continues="T1")]}) == [
        "thread 1: 'continues' must name another thread (got 'T1')"
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)
thread_entries = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values | st.sampled_from(["T1", "T2"]),
        "participant": json_values | st.just("p"),
        "language": json_values | st.sampled_from(["en", "ja"]),
        "continues": json_values | st.just("T1"),
        "messages": json_values
        | st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "from": json_values | st.sampled_from(["participant", "counsellor"]),
                    "at": json_values
                    | st.sampled_from(["2019-12-27T10:00+09:00", "2020-01-06T10:00+09:00"]),
                    "text": json_values | st.just("Hello"),
                },
            ),
            max_size=3,
        ),
    },
)


@given(
    st.one_of(json_values, st.fixed_dictionaries({"threads": st.lists(thread_entries, max_size=3)}))
)
def test_any_json_document_is_read_or_refused_with_positions(document):
    """Whatever the JSON holds, the reader returns threads or raises InvalidRecords, no other."""
    outcome: tuple[object, ...]
    try:
        outcome = read(document)
    except InvalidRecords as error:
        outcome = error.problems
    assert all(isinstance(item, Thread) or item.position for item in outcome)


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_problems_name_their_line_whatever_the_line_endings(ending):
    text = ending.join(['{"threads": [', '{"id": "T1",', '"id": "T2"}', "]}"])
    assert problems(text) == [
        'line 2: the object that opens here gives the key "id" 2 times; give each key once'
    ]
    (syntax,) = problems(ending.join(['{"threads": [', '{"id": "T1"}', ",]}"]))
    assert syntax.startswith("line 3: not valid JSON: ")  # the words differ between Pythons


def test_a_line_break_written_raw_in_json_text_is_refused():
    """JSON text holds its line breaks as escapes; a raw one is not JSON, whatever the break."""
    for ending in ("\r", "\n"):
        text = '{"threads": [{"id": "T1", "participant": "p", "messages": [{"from": '
        text += f'"participant", "at": "2019-12-27T10:00+09:00", "text": "a{ending}b"}}]}}]}}'
        [problem] = problems(text)
        assert problem.startswith("line 1: not valid JSON: Invalid control character")
