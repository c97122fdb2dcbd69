"""Use versus mention: how a match is read in its sentence.

``classify(text, start, end, rule)`` reads ``text[start:end]`` (``text`` is the masked document)
and returns a ``Context`` and a short reason that ``--show-mentions`` shows to the user. Each
signal is a small function over a :class:`~backyard_lint.readings.span.Span` (one module each);
they are tried in the order of :data:`SIGNALS` and the first that holds gives the reading.
``trace`` gives every signal's verdict, for the ``trace`` command.

Every signal is local: it reads the sentence around the match, cut from a bounded window of the
document, so the cost per match does not grow with the document's length. A cue must sit in
the label's own clause, with only filler words between ("is not simply part of X" concedes X;
"Russia rejects sanctions; Kazakhstan is X" is a use).

A rule whose replacement is safe to apply everywhere is a spelling ("Kiev"): only quotation,
discussion, a name, a spelling named as such, a sentence about the past or contrast with the
right spelling excuse it, since a spelling is nobody's view and a negation does not make it
right. A rule may choose the readings it accepts with a ``readings`` hint. The words the
signals look for are data: ``vocab/<lang>/*.txt`` (see :mod:`backyard_lint.readings.lexicon`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backyard_lint.model import Context, Rule

if TYPE_CHECKING:
    from backyard_lint.readings.classifier import Verdict

__all__ = ["classify", "trace"]

# The signal modules are imported by the first match to read, so that loading rules (which
# validates ``hints`` against ``lexicon``) and linting a clean file never pay for them; their
# patterns compile when first searched (``readings/lazy.py``).


def classify(text: str, start: int, end: int, rule: Rule) -> tuple[Context, str]:
    """Read ``text[start:end]``: (``Context.USE``, "") or another reading with a short reason."""
    from backyard_lint.readings import classifier

    return classifier.classify(text, start, end, rule)


def trace(text: str, start: int, end: int, rule: Rule) -> list[Verdict]:
    """Every signal's verdict on ``text[start:end]``, in the order they are tried."""
    from backyard_lint.readings import classifier

    return classifier.trace(text, start, end, rule)
