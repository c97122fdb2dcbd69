"""The formats: one record each, and the registry every door reads.

A :class:`Format` says everything the rest of the code needs to know about a format: the file
suffixes that are walked and detected (the same list), the language ids editors send over LSP,
the markers of a directive comment (written on a line of its own by ``directive_comment``, and
read by the adapter through ``directives.comment_pattern``), the adapter module that masks a text
(``mask(text)``, and ``mask_around(text, spans)`` where the format supports partial masking;
``cut_points`` and ``outside`` where a long text can be cut into pieces).
Adding a format is one record here and one adapter module.

This module is lean (no imports): the command's fast path reads the walked suffixes from it.
The masking itself (:class:`Masked`, :func:`mask`) lives in ``formats/masking.py``; both names
are also reachable here, imported on first use.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from pathlib import PurePath
    from typing import Any

    from backyard_lint.formats.masking import Masked, mask

__all__ = [
    "BY_NAME", "FORMATS", "LINTED_SUFFIXES", "PARTIAL_MIN", "REGISTRY", "Format", "Masked",
    "by_language_id", "detect", "mask", "partial",
]


class Format:
    """One format (a plain class: a dataclass costs start-up time in the fast path)."""

    __slots__ = (
        "adapter", "comment", "comment_ends_paragraph", "cuts", "language_ids", "name", "partial",
        "suffixes",
    )

    def __init__(
        self,
        name: str,
        suffixes: tuple[str, ...],
        language_ids: tuple[str, ...],
        comment: tuple[str, str],
        *,
        partial: bool = False,
        cuts: bool = False,
        comment_ends_paragraph: bool = False,
    ) -> None:
        self.name = name
        self.suffixes = suffixes  # lower case, with the dot; walked and detected
        self.language_ids = language_ids  # LSP's languageId values
        self.comment = comment  # (before, after) the directive: how it is written and read
        self.adapter = f"backyard_lint.formats.{name}"  # mask(text) [, mask_around(text, spans)]
        self.partial = partial  # long texts are masked only around the possible matches
        # A long text can be cut into pieces masked on their own (pieces.py): the adapter has
        # ``cut_points(text)`` and ``outside(text, cuts)``, and its masking takes ``outside``.
        self.cuts = cuts
        # A comment line ends a paragraph and must be followed by a blank line (reST): inside
        # a paragraph, a directive wraps the paragraph instead of preceding the line.
        self.comment_ends_paragraph = comment_ends_paragraph

    def directive_comment(self, body: str) -> str:
        """``body`` (``backyard-lint: disable-next-line ID``) as this format's comment."""
        before, after = self.comment
        return f"{before}{body}{after}"


REGISTRY = (
    Format("plain", (".txt", ".text"), ("plaintext", "text"), ("", ""), cuts=True),
    Format(
        "markdown", (".md", ".markdown", ".mdown", ".mkd"), ("markdown",), ("<!-- ", " -->"),
        partial=True, cuts=True,
    ),
    Format(
        "rst", (".rst", ".rest"), ("restructuredtext", "rst"), (".. ", ""), partial=True,
        comment_ends_paragraph=True,
    ),
    Format("html", (".html", ".htm", ".xhtml"), ("html",), ("<!-- ", " -->")),
)
FORMATS = tuple(f.name for f in REGISTRY)
BY_NAME = {f.name: f for f in REGISTRY}
_BY_SUFFIX = {suffix: f for f in REGISTRY for suffix in f.suffixes}
_BY_LANGUAGE = {lid: f for f in REGISTRY for lid in f.language_ids}
# A folder's files with these suffixes are linted: the formats', and Word documents (read by
# backyard_lint.word, not masked: their text is inside a zip).
LINTED_SUFFIXES = frozenset({*_BY_SUFFIX, ".docx"})

# Below this length a text is masked whole: finding its safe boundaries would save little
# (docs/performance.md, "Figures behind the code").
PARTIAL_MIN = 20_000


def detect(name: str | PurePath | None) -> str:
    """The format for a file name, by suffix; plain text when unknown."""
    if not name:
        return "plain"
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    dot = base.rfind(".")
    if dot <= 0 or dot == len(base) - 1:  # no suffix, a hidden file's name, a trailing dot
        return "plain"
    found = _BY_SUFFIX.get(base[dot:].lower())
    return found.name if found else "plain"


def by_language_id(language_id: str) -> str | None:
    """The format an editor's ``languageId`` names, or None when it names none of ours."""
    found = _BY_LANGUAGE.get(language_id.lower())
    return found.name if found else None


def partial(fmt: str, text: str) -> bool:
    """True when ``mask(text, fmt, around=...)`` masks only the stretches around the spans
    (Markdown), or reads them more closely than the rest (reStructuredText: docutils parses
    only those stretches, as it is much slower than the line scanner)."""
    record = BY_NAME.get(fmt)
    return record is not None and record.partial and len(text) >= PARTIAL_MIN


def __getattr__(name: str) -> Any:
    """``Masked`` and ``mask``, from ``formats/masking.py``, imported on first use (it imports
    the directives and dataclasses, which the fast path never needs)."""
    if name in ("Masked", "mask"):
        from backyard_lint.formats import masking

        return getattr(masking, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
