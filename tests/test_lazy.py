import copy
import pickle

from jetrules._kernel.lazy import LazyTuple


def test_a_lazy_tuple_loads_once_and_behaves_as_its_tuple():
    calls = []

    def load():
        calls.append(1)
        return ("a", "b")

    lazy = LazyTuple(load)
    assert calls == []
    assert lazy == ("a", "b")
    assert lazy == LazyTuple(lambda: ("a", "b"))
    assert lazy != ("a",)
    assert lazy[0:1] == ("a",)
    assert list(lazy) == ["a", "b"]
    assert lazy + ("c",) == ("a", "b", "c")  # noqa: RUF005  (the + of a tuple)
    assert repr(lazy) == "('a', 'b')"
    assert hash(lazy) == hash(("a", "b"))
    assert lazy.loaded() is lazy.loaded()
    assert lazy.index("b") == 1
    assert calls == [1]
    assert pickle.loads(pickle.dumps(lazy)) == ("a", "b")
    assert copy.deepcopy(lazy) == ("a", "b")
