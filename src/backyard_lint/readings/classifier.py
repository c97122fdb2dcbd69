"""The signals in order, and the readings a rule accepts (see :mod:`backyard_lint.readings`)."""

from __future__ import annotations

from collections.abc import Callable

from backyard_lint.model import Context, Rule
from backyard_lint.readings.attributed import attributed
from backyard_lint.readings.common import USE, Reading
from backyard_lint.readings.historical import historical, historical_spelling
from backyard_lint.readings.mention import mention
from backyard_lint.readings.names import name
from backyard_lint.readings.negated import negated, rejected
from backyard_lint.readings.owner import owner
from backyard_lint.readings.quoted import quoted
from backyard_lint.readings.span import Span
from backyard_lint.readings.spelling import contrast, spelling

Signal = tuple[str, Callable[[Span], Reading | None]]

# The order matters: the first signal that holds gives the reading.
SIGNALS: tuple[Signal, ...] = (
    ("owner", owner),
    ("quoted", quoted),
    ("name", name),
    ("historical", historical),
    ("rejected", rejected),
    ("mention", mention),
    ("negated", negated),
    ("attributed", attributed),
)
SPELLING_SIGNALS: tuple[Signal, ...] = (
    ("owner", owner),
    ("quoted", quoted),
    ("name", name),
    ("spelling", spelling),
    ("historical", historical_spelling),
    ("mention", mention),
    ("contrast", contrast),
)


def signals_for(rule: Rule) -> tuple[tuple[Signal, ...], frozenset[Context]]:
    """The signals that may excuse a rule's matches, and the readings the rule accepts.

    A rule may list the readings it accepts in its ``readings`` hint. Without one, a rule whose
    replacement is safe to apply everywhere is a spelling: quoting, discussing the word, a name
    or a sentence about the past excuses it. Every other rule accepts every reading.
    """
    hinted = rule.hint("readings")
    names = {n.strip().lower() for n in hinted}
    allowed = (
        frozenset(c for c in Context if c.value in names and c is not Context.USE)
        if hinted
        else frozenset()
    )
    spelling_rule = any(r.safe for r in rule.replacements)
    signals = SPELLING_SIGNALS if spelling_rule else SIGNALS
    if allowed:
        return signals, allowed
    return signals, _SPELLING_READINGS if spelling_rule else _ALL_READINGS


_SPELLING_READINGS = frozenset({Context.MENTION, Context.NAME, Context.HISTORICAL})
_ALL_READINGS = frozenset(Context) - {Context.USE}


class Verdict:
    """One signal's verdict on a match: its reading and reason, or None when it does not hold;
    ``allowed`` says whether the rule accepts that reading."""

    __slots__ = ("allowed", "reading", "signal")

    def __init__(self, signal: str, reading: Reading | None, allowed: bool) -> None:
        self.signal = signal
        self.reading = reading
        self.allowed = allowed

    def __repr__(self) -> str:
        return f"Verdict({self.signal!r}, {self.reading!r}, allowed={self.allowed})"


def trace(text: str, start: int, end: int, rule: Rule) -> list[Verdict]:
    """Every signal's verdict on ``text[start:end]``, in the order they are tried."""
    span = Span.around(text, start, end, rule)
    signals, allowed = signals_for(rule)
    verdicts = []
    for signal, check in signals:
        found = check(span)
        verdicts.append(Verdict(signal, found, found is not None and found[0] in allowed))
    return verdicts


def classify(text: str, start: int, end: int, rule: Rule) -> tuple[Context, str]:
    """Read ``text[start:end]``: (``Context.USE``, "") or another reading with a short reason."""
    span = Span.around(text, start, end, rule)
    signals, allowed = signals_for(rule)
    for _signal, check in signals:
        found = check(span)
        if found is not None and found[0] in allowed:
            return found
    return USE
