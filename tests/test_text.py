import pytest

from jetrules.calendar import FiscalYear
from jetrules.errors import InvalidInput
from jetrules.money import Yen
from jetrules.text import LANGUAGES, Label, Reason, ReasonTemplate, Source, check_templates, to_lang

LATE = ReasonTemplate(
    "REPLY_LATE", en="Late by {days} business days in {year}.", ja="{year}に{days}営業日遅れ。"
)


def test_languages():
    assert LANGUAGES == ("en", "ja")
    assert to_lang("en") == "en"
    with pytest.raises(InvalidInput, match="'lang'"):
        to_lang("fr")


class TestLabel:
    def test_renders_each_language(self):
        label = Label(en="Cap", ja="上限")
        assert (label.render("en"), label.render("ja")) == ("Cap", "上限")

    @pytest.mark.parametrize(("en", "ja"), [("", "上限"), ("Cap", " "), ("Cap", None)])
    def test_both_languages_are_required(self, en, ja):
        with pytest.raises(InvalidInput):
            Label(en=en, ja=ja)


class TestSource:
    def test_str_with_and_without_url(self):
        assert str(Source(title="Seed text")) == "Seed text"
        assert str(Source(title="News", url="https://x.example")) == "News <https://x.example>"

    def test_title_required(self):
        with pytest.raises(InvalidInput, match="'title'"):
            Source(title="")


class TestReason:
    def test_renders_both_languages_with_renderable_params(self):
        reason = LATE.with_params(days=2, year=FiscalYear(2019))
        assert reason.code == "REPLY_LATE"
        assert reason.render("en") == "Late by 2 business days in FY2019."
        assert reason.render("ja") == "2019年度に2営業日遅れ。"
        assert str(reason) == reason.render("en")
        assert reason.parameters == {"days": 2, "year": FiscalYear(2019)}

    def test_renders_its_source_on_request(self):
        source = Source(title="CLAIR News", url="https://jetprogramme.org")
        reason = LATE.with_params(days=1, year=FiscalYear(2019), source=source)
        assert reason.render("en", with_source=True).endswith(
            "[source: CLAIR News <https://jetprogramme.org>]"
        )
        assert reason.render("ja", with_source=True).endswith(
            "（出典：CLAIR News <https://jetprogramme.org>）"
        )
        assert "source" not in reason.render("en")

    def test_reasons_are_values(self):
        assert LATE.with_params(days=1, year=2019) == LATE.with_params(year=2019, days=1)
        assert hash(LATE.with_params(days=1, year=Yen(1))) == hash(
            LATE.with_params(days=1, year=Yen(1))
        )

    def test_params_must_match_the_template(self):
        with pytest.raises(InvalidInput, match="'params'"):
            LATE.with_params(days=1)
        with pytest.raises(InvalidInput, match="'params'"):
            Reason(template=LATE, params=(("days", 1), ("year", 1), ("extra", 2)))

    def test_unknown_language_refused(self):
        with pytest.raises(InvalidInput, match="'lang'"):
            LATE.with_params(days=1, year=1).render("fr")  # type: ignore[arg-type]


class TestReasonTemplate:
    def test_a_template_missing_a_language_fails(self):
        with pytest.raises(InvalidInput, match="'ja'"):
            ReasonTemplate("X", en="text", ja="")
        with pytest.raises(InvalidInput, match="'en'"):
            ReasonTemplate("X", en="", ja="文")

    def test_placeholders_must_agree(self):
        with pytest.raises(InvalidInput, match="placeholders"):
            ReasonTemplate("X", en="{a} and {b}", ja="{a}")

    @pytest.mark.parametrize("code", ["lower", "HAS SPACE", "DASH-ED"])
    def test_codes_are_upper_snake_case(self, code):
        with pytest.raises(InvalidInput, match="'code'"):
            ReasonTemplate(code, en="e", ja="j")

    def test_check_templates_refuses_duplicate_codes(self):
        a = ReasonTemplate("A", en="e", ja="j")
        assert check_templates([a]) == (a,)
        with pytest.raises(InvalidInput, match="unique"):
            check_templates([a, ReasonTemplate("A", en="e2", ja="j2")])


def test_a_parameter_renders_itself_when_it_can_and_is_written_as_text_otherwise():
    class Year:
        def render(self, lang):
            return "2019年度" if lang == "ja" else "FY2019"

    class Named:
        render = "not a method"

        def __str__(self):
            return "named"

    template = ReasonTemplate("SAID", en="{a} {b} {c}", ja="{a} {b} {c}")
    reason = template.with_params(a=Year(), b=Named(), c=5)
    assert reason.render("en") == "FY2019 named 5"
    assert reason.render("ja") == "2019年度 named 5"
