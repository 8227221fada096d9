"""Laying a caller's editions over the bundled ones, and resolving a year's terms."""

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules import FiscalYear, NoRuleInForce, Source
from jetrules._kernel.policy import (
    SERVICE_NAMES,
    Change,
    Policy,
    TermsOrigin,
    changes,
    merge,
    provenance_of,
    resolve,
    terms_origin,
)
from jetrules._kernel.provenance import EditionRecord, Origin, Parameter, Provenance
from jetrules.errors import InvalidInput, WrongType

NOTICE = Source(title="A notice")


def _edition(year, origin=Origin.PUBLISHED, **values):
    provenance = Provenance(origin=origin, source=NOTICE)
    return EditionRecord(
        service="subsidy",
        fiscal_year=FiscalYear(year),
        parameters=tuple(
            Parameter(name=name, value=value, provenance=provenance)
            for name, value in values.items()
        ),
        file="subsidy.toml",
    )


BUNDLED = (
    _edition(2019, cap=30_000, rate="1/2", deadline=None),
    _edition(2024, cap=30_000, rate="1/2", deadline=None),
    _edition(2025, deadline="2026-04-01"),
)
REQUIRED = ("cap", "rate", "deadline")


def _resolve(editions, year, assume=None, published=None):
    return resolve(
        editions,
        FiscalYear(year),
        REQUIRED,
        assume=None if assume is None else FiscalYear(assume),
        service="Counselling Assistance Programme",
        hint="assume another year's with assume=FiscalYear(2024) (--assume-terms-from 2024)",
        published=editions if published is None else published,
    )


def test_a_complete_edition_resolves_to_itself():
    assert _resolve(BUNDLED, 2019) is BUNDLED[0]
    assert terms_origin(BUNDLED[0].parameters) == TermsOrigin.PUBLISHED
    assert changes(BUNDLED[0].parameters) == ()


def test_a_partial_edition_names_what_is_missing_and_how_to_assume_it():
    with pytest.raises(NoRuleInForce) as caught:
        _resolve(BUNDLED, 2025)
    assert str(caught.value) == (
        "the Counselling Assistance Programme terms for FY2025 do not publish cap, rate "
        "(only deadline); assume another year's with assume=FiscalYear(2024) "
        "(--assume-terms-from 2024)"
    )


def test_a_year_without_an_edition_names_the_years_that_have_one():
    with pytest.raises(
        NoRuleInForce,
        match="no Counselling Assistance Programme terms are "
        "published for FY2022; editions exist for FY2019, FY2024, FY2025",
    ):
        _resolve(BUNDLED, 2022)


def test_assumed_parameters_say_which_year_they_come_from_and_published_ones_still_hold():
    terms = _resolve(BUNDLED, 2025, assume=2024)
    assert terms.fiscal_year == FiscalYear(2025)
    assert terms.value("deadline") == "2026-04-01"
    assert terms.provenance("deadline").origin is Origin.PUBLISHED
    for name in ("cap", "rate"):
        provenance = terms.provenance(name)
        assert (provenance.origin, provenance.assumed_from) == (Origin.ASSUMED, FiscalYear(2024))
        assert provenance.source == NOTICE
    assert terms_origin(terms.parameters) == TermsOrigin.ASSUMED
    assert set(provenance_of(terms.parameters)) == set(REQUIRED)


def test_a_whole_year_can_be_assumed():
    terms = _resolve(BUNDLED, 2022, assume=2024)
    assert {terms.provenance(name).origin for name in REQUIRED} == {Origin.ASSUMED}
    assert terms.file == "subsidy.toml"


def test_assuming_a_year_that_does_not_publish_the_missing_values_is_refused():
    with pytest.raises(
        NoRuleInForce,
        match="terms for FY2025 do not publish cap, rate, so they cannot be assumed for FY2022",
    ):
        _resolve(BUNDLED, 2022, assume=2025)
    with pytest.raises(NoRuleInForce, match="terms for FY2030 do not publish cap, rate, deadline"):
        _resolve(BUNDLED, 2022, assume=2030)


def test_supplied_parameters_remember_the_published_value_they_replace():
    merged = merge(BUNDLED, [_edition(2019, cap=40_000), _edition(2026, cap=30_000)])
    assert [edition.fiscal_year.year for edition in merged] == [2019, 2024, 2025, 2026]
    fy2019 = _resolve(merged, 2019)
    assert fy2019.value("cap") == 40_000
    assert fy2019.provenance("cap").origin is Origin.SUPPLIED
    assert fy2019.provenance("rate").origin is Origin.PUBLISHED
    assert terms_origin(fy2019.parameters) == TermsOrigin.SUPPLIED
    assert changes(fy2019.parameters) == (Change(name="cap", value=40_000, published=30_000),)
    fy2026 = merged[-1]
    assert fy2026.provenance("cap").published is None
    assert changes(fy2026.parameters) == (Change(name="cap", value=30_000, published=None),)


def test_supplying_the_published_value_changes_nothing_and_merging_twice_keeps_it():
    once = merge(BUNDLED, [_edition(2019, cap=40_000)])
    twice = merge(once, [_edition(2019, cap=45_000)])
    assert twice[0].provenance("cap").published == 30_000  # still the published one
    same = merge(BUNDLED, [_edition(2019, cap=30_000)])
    assert changes(same[0].parameters) == ()


def test_a_policy_is_a_value():
    policy = Policy(supplied={"subsidy": [_edition(2019, cap=40_000)]}, files=("mine.toml",))
    assert policy.editions("subsidy")[0].value("cap") == 40_000
    assert policy.editions("booking") == ()
    assert pickle.loads(pickle.dumps(policy)) == policy
    assert hash(policy) == hash(
        Policy(supplied={"subsidy": [_edition(2019, cap=40_000)]}, files=("mine.toml",))
    )


@given(st.integers(1, 100_000), st.integers(1, 100_000))
def test_merging_the_bundled_editions_over_themselves_changes_no_value(cap, other):
    """Supplying exactly what is published gives the same values and no change to report."""
    bundled = (_edition(2019, cap=cap, rate="1/2", deadline=None),)
    merged = merge(bundled, bundled)
    assert [p.value for p in merged[0].parameters] == [p.value for p in bundled[0].parameters]
    assert changes(merged[0].parameters) == ()
    changed = merge(bundled, [_edition(2019, cap=other)])
    assert changes(changed[0].parameters) == (
        () if other == cap else (Change(name="cap", value=other, published=cap),)
    )


def test_values_supplied_in_code_are_laid_over_the_published_ones():
    policy = (
        Policy()
        .supplying("subsidy", FiscalYear(2019), cap=40_000)
        .supplying("subsidy", FiscalYear(2019), rate="2/3")
        .supplying("subsidy", FiscalYear(2019), cap=45_000)
        .supplying("subsidy", FiscalYear(2030), cap=1)
    )
    (fy2019, fy2030) = policy.editions("subsidy")
    assert {p.name: p.value for p in fy2019.parameters} == {"cap": 45_000, "rate": "2/3"}
    merged = merge(BUNDLED, policy.editions("subsidy"))
    assert changes(_resolve(merged, 2019).parameters) == (
        Change(name="cap", value=45_000, published=30_000),
        Change(name="rate", value="2/3", published="1/2"),
    )
    assert fy2030.fiscal_year == FiscalYear(2030)


def test_a_year_supplied_in_code_may_be_written_as_a_number_or_text():
    by_number = Policy().supplying("subsidy", 2019, cap=1)
    by_text = Policy().supplying("subsidy", "FY2019", cap=1)
    assert by_number == by_text == Policy().supplying("subsidy", FiscalYear(2019), cap=1)
    assert by_number.editions("subsidy")[0].fiscal_year == FiscalYear(2019)


def test_the_kernel_knows_the_services_the_families_name():
    from jetrules import policy

    assert tuple(sorted(service.SERVICE for service in policy.SERVICES)) == SERVICE_NAMES


@pytest.mark.parametrize("service", ["subsidies", "web-mail", "Subsidy", "", None])
def test_a_what_if_of_a_service_the_library_does_not_know_is_refused(service):
    # Policy().supplying("subsidies", ...) was accepted, and every answer under it was the
    # published one, saying it was: the what-if silently changed nothing
    with pytest.raises(InvalidInput) as error:
        Policy().supplying(service, 2019, annual_cap=1_000)
    assert (error.value.field, error.value.value) == ("service", service)
    assert error.value.rule == (
        "must be one of booking, phone, subsidy, webmail (a policy file's [[tables]])"
    )


def test_a_year_is_assumed_from_published_values_never_from_a_policy_s():
    # a policy's FY2024 cap of ¥40,000 was assumed for FY2025 and called "published"
    from jetrules.subsidy import Receipt, assess, terms_for

    what_if = Policy().supplying("subsidy", 2024, annual_cap=40_000)
    assert terms_for(2024, policy=what_if).annual_cap == 40_000  # the what-if's own year
    assumed = terms_for(2025, policy=what_if, assume=2024)
    assert (assumed.annual_cap, assumed.provenance["annual_cap"].origin) == (
        30_000,
        Origin.ASSUMED,
    )
    receipts = [Receipt(id="a", participant="P", service_date="2025-06-01", amount=100_000)]
    (statement,) = assess(receipts, policy=what_if, assume=2024)
    assert statement.total_subsidy == 30_000
    whole = Policy().supplying(
        "subsidy", 2030, **{p.name: p.value for p in terms_for(2024).parameters}
    )
    with pytest.raises(NoRuleInForce, match="published editions exist for FY2016"):
        terms_for(2031, policy=whole, assume=2030)  # a year only the policy gives


def test_supplied_claim_documents_say_so_as_every_supplied_value_does():
    # a list of documents ended in a bare TypeError (a policy hashes), and a supplied list of
    # documents changed who lacked what while everything said the terms were the published ones
    from jetrules.subsidy import terms_for

    two = Policy().supplying("subsidy", 2024, claim_documents=["application_form", "receipts"])
    terms = terms_for(2024, policy=two)
    assert [document.value for document in terms.claim_documents] == [
        "application_form",
        "receipts",
    ]
    assert terms.origin == "supplied"
    (change,) = terms.changes
    assert (change.name, len(change.value), len(change.published)) == ("claim_documents", 2, 3)
    assert "claim_documents" in terms_for(2025, assume=2024).assumed


@pytest.mark.parametrize("value", [{"a"}, [{"a": 1}], {"x": 1}])
def test_a_value_a_policy_cannot_hold_is_refused_naming_its_parameter(value):
    # a policy hashes (terms are memoised by it): a set or a dict supplied in code was a bare
    # TypeError where the terms were first asked for
    with pytest.raises(WrongType) as error:
        Policy().supplying("booking", 2020, session_minutes=value)
    assert (error.value.field, error.value.value) == ("session_minutes", value)
    assert hash(Policy().supplying("booking", 2020, session_minutes=[20, 40]))
