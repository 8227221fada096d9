import itertools
import math

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from jetrules._subsidy.batch import _checked_one_by_one, check_new
from jetrules._subsidy.index import ReceiptIds, merged
from jetrules.errors import JetRulesError
from jetrules.subsidy import Receipt


@given(st.lists(st.integers(0, 50), max_size=40))
def test_ids_added_in_batches_are_all_found_in_few_layers(sizes):
    ids = ReceiptIds.of([])
    versions = [ids]
    added: list[str] = []
    for number, size in enumerate(sizes):
        batch = frozenset(f"{number}-{n}" for n in range(size))
        ids = ids.with_ids(batch)
        versions.append(ids)
        added.extend(batch)
        assert all(receipt_id in ids for receipt_id in batch)
    assert ids.all() == frozenset(added)
    assert "nope" not in ids
    # each layer more than twice the next: at most log2(n) + 2 of them
    assert len(ids._layers) <= math.log2(len(added) + 1) + 2
    # earlier versions are left as they were
    assert versions[0].all() == frozenset()
    assert all(len(a.all()) <= len(b.all()) for a, b in itertools.pairwise(versions))


@given(st.sets(st.integers(0, 100)), st.sets(st.integers(0, 100)))
def test_merged_is_the_sorted_union_with_changes_replaced(old, changed):
    items = tuple(("old", n) for n in sorted(old))
    changes = {("", n): ("new", n) for n in changed}
    result = merged(items, lambda item: ("", item[1]), changes)
    assert [n for _, n in result] == sorted(old | changed)
    assert all(tag == ("new" if n in changed else "old") for tag, n in result)


_SMALL_RECEIPTS = st.builds(
    lambda ident, day, arrived: Receipt(
        id=f"r{ident}",
        participant="P-001",
        service_date=pendulum.date(2019, 4, 1).add(days=day),
        amount=5_000,
        submitted_on=None if arrived is None else pendulum.date(2019, 4, 1).add(days=day + arrived),
    ),
    st.integers(0, 6),
    st.integers(0, 5),
    st.none() | st.integers(0, 3),
)


def _outcome(check, *args):
    try:
        return check(*args)
    except JetRulesError as error:
        return type(error), error.field, error.rule, error.value


@given(
    st.lists(_SMALL_RECEIPTS | st.sampled_from(["r1", None, 5]), max_size=8),
    st.sets(st.sampled_from([f"r{n}" for n in range(8)]), max_size=3),
    st.none() | st.integers(0, 6).map(lambda day: pendulum.date(2019, 4, 1).add(days=day)),
)
def test_a_batch_is_checked_at_once_as_it_would_be_one_receipt_at_a_time(items, seen, arrived):
    """check_new's set-wise checks pass exactly the batches that pass receipt by receipt, and
    a batch that fails is refused for its first receipt at fault, as one by one."""
    ids = ReceiptIds.of(seen)
    fast = _outcome(check_new, items, ids, arrived)
    slow = _outcome(lambda *a: (list(items), _checked_one_by_one(*a)), list(items), ids, arrived)
    assert fast == slow
    if not isinstance(fast[0], type):
        assert ids.isdisjoint(fast[1])
