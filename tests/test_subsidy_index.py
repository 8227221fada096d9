import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from jetrules._subsidy.index import ReceiptIds, merged


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
