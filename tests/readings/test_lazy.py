"""Patterns compiled on first use behave as compiled patterns, and compile once."""

from __future__ import annotations

import re

from backyard_lint.readings.lazy import Lazy


def test_each_method_gives_what_the_compiled_pattern_gives() -> None:
    text = "Kiev, kiev and KIEV"
    for flags in (0, re.IGNORECASE):
        lazy, real = Lazy(r"kiev", flags), re.compile(r"kiev", flags)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
        assert lazy.findall(text) == real.findall(text)
        assert lazy.sub("Kyiv", text) == real.sub("Kyiv", text)
        upper = lambda m: m[0].upper()  # noqa: E731
        assert lazy.sub(upper, text, 1) == real.sub(upper, text, 1)
        for method in ("search", "match", "fullmatch"):
            for pos, endpos in ((0, len(text)), (6, 10), (6, 9)):
                got = getattr(Lazy(r"kiev", flags), method)(text, pos, endpos)
                want = getattr(real, method)(text, pos, endpos)
                assert (got and got.span()) == (want and want.span()), (method, flags, pos)


def test_a_pattern_is_compiled_on_first_use_and_only_then() -> None:
    lazy = Lazy(r"(")  # an invalid pattern shows that nothing is compiled before the first use
    assert "search" not in vars(lazy)
    try:
        lazy.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("the invalid pattern was not compiled")
    good = Lazy(r"b+")
    assert good.match("bbc") is not None
    assert "search" in vars(good) and "match" in vars(good)  # later calls skip the wrapper
    assert vars(good)["search"].__self__ is vars(good)["match"].__self__  # compiled once
