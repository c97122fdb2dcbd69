"""One partition to its two tables, in a worker; the rule set built once per worker.

Each document goes through ``runner.lint_document`` (the function ``check`` calls for one
document's text, format, settings and rule set) with ``show_mentions`` on, so the non-use
readings come back too (as info), each with its reason; lines and columns come from
``runner.locate``, as in ``check``'s reports.

Where the rule set lives: in a Dask worker plugin (``RulesPlugin``). Dask runs its ``setup``
once in each worker process when the plugin is registered, and again in any worker that joins
later (a replacement for one that died), so every worker loads the rules once (through a
``Project`` of its own, as ``check``'s worker processes do), compiles and warms them, and keeps
them for as long as it lives; the task finds them through ``get_worker().plugins``. This keeps
the state where its lifetime is (the worker) instead of in a module-level cache in the core,
works the same on a local cluster and a remote one, and lets a test ask each worker how often
it built them. The plugin's name carries the extra rule folders, so a second audit on the same
cluster with the same rules reuses them, and one with other rules gets its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin, get_worker

from backyard_lint.audit import tables
from backyard_lint.audit.dates import parse_date
from backyard_lint.audit.reading import Doc, read_part
from backyard_lint.audit.sources import Columns, Part
from backyard_lint.model import Context, Settings

if TYPE_CHECKING:
    import pyarrow as pa

    from backyard_lint.engine import RuleSet
    from backyard_lint.model import Located

DEFAULT_MAX_CHARS = 5_000_000  # a longer "article" is almost surely an export error
SENTENCE_MAX = 600


@dataclass(frozen=True)
class JobSettings:
    """What every task needs besides its partition."""

    columns: Columns = field(default_factory=Columns)
    settings: Settings = field(default_factory=lambda: Settings(show_mentions=True))
    default_format: str = "plain"
    encoding: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    extra_rules: tuple[str, ...] = ()


def build_ruleset(extra_rules: Iterable[str] = ()) -> RuleSet:
    """The built-in rules plus extra folders, compiled: a worker's own ``Project`` loads them
    (the client has checked them already, so a broken rule has stopped the audit before)."""
    from pathlib import Path

    from backyard_lint.project import Project

    return Project().ruleset(tuple(Path(p) for p in extra_rules))


def warm(ruleset: RuleSet) -> None:
    """Compile now what the first documents with a label would compile (the prefilter, each
    rule's matchers, the classifier): lint each rule's first example of a flagged text."""
    from backyard_lint.runner import lint_document

    for rule in ruleset.rules:
        for example in rule.examples_bad[:1]:
            lint_document(example, "plain", Settings(show_mentions=True), ruleset)


def plugin_name(extra_rules: tuple[str, ...]) -> str:
    digest = hashlib.sha256("\0".join(extra_rules).encode()).hexdigest()[:12]
    return f"backyard-lint-rules-{digest}"


class RulesPlugin(WorkerPlugin):  # type: ignore[misc]
    """Builds the rule set once in each worker (see the module's note)."""

    idempotent = True  # registered again with the same rules: keep the ones built

    def __init__(self, extra_rules: tuple[str, ...]) -> None:
        self.extra_rules = extra_rules
        self.ruleset: RuleSet | None = None
        self.builds = 0

    def setup(self, worker: Any) -> None:
        self.ruleset = build_ruleset(self.extra_rules)
        warm(self.ruleset)
        self.builds += 1


def audit_part(part: Part, job: JobSettings) -> tuple[pa.Table, pa.Table]:
    """The Dask task: one partition's (documents, findings), with the worker's rule set."""
    plugin: RulesPlugin = get_worker().plugins[plugin_name(job.extra_rules)]
    ruleset = plugin.ruleset
    if ruleset is None:  # Dask runs setup before any task: this would be a bug
        raise RuntimeError("the worker's rule set was not built")
    return lint_part(part, job, ruleset)


def lint_part(part: Part, job: JobSettings, ruleset: RuleSet) -> tuple[pa.Table, pa.Table]:
    """One partition's (documents, findings) tables."""
    documents = tables.Rows(tables.DOCUMENTS)
    findings = tables.Rows(tables.FINDINGS)
    docs = read_part(part, job.columns, default_format=job.default_format, encoding=job.encoding)
    for doc in docs:
        lint_doc(doc, part.index, job, ruleset, documents, findings)
    return documents.table(), findings.table()


def lint_doc(
    doc: Doc,
    partition: int,
    job: JobSettings,
    ruleset: RuleSet,
    documents: tables.Rows,
    findings: tables.Rows,
) -> None:
    """Add one document's row to ``documents`` and its matches to ``findings``."""
    from backyard_lint.runner import internal_error, lint_document, locate

    date = parse_date(doc.date)
    bad_date = date is None and doc.date not in (None, "")
    year = date.year if date else None
    meta = (doc.doc_id, doc.source, date, year, doc.section, doc.author, doc.url)
    text, error = doc.text, doc.error
    if text is not None and len(text) > job.max_chars:
        error = f"document too large ({len(text):,} characters; the limit is {job.max_chars:,})"
        text = None
    located: list[Located] = []
    if doc.data is not None:
        text, located, error = _word(doc.data, job.settings, ruleset)
    elif text is not None:
        try:
            located = locate(text, lint_document(text, doc.fmt, job.settings, ruleset))
        except Exception as exc:  # a bug in an adapter or the classifier: this document only
            error, located = internal_error(exc), []
    uses = 0
    for loc in located:
        f = loc.finding
        rule = ruleset.by_id.get(f.rule)
        family = rule.family if rule is not None else f.rule.split(".")[0]
        uses += f.context == Context.USE
        where = (f.start, f.end, loc.line, loc.column, sentence(text or "", f.start, f.end))
        reading = (f.rule, family, str(f.context), f.reason, str(f.severity), f.match)
        findings.add((partition, *meta, *reading, *where))
    chars = len(text) if text is not None else None
    counts = (chars, len(located), uses, len(located) - uses)
    documents.add((partition, *meta, doc.fmt, *counts, bad_date, error))


def _word(
    data: bytes, settings: Settings, ruleset: RuleSet
) -> tuple[str | None, list[Located], str | None]:
    """A Word document's prose, its findings placed as ``check`` places them (line: the
    paragraph's number; column: the offset in it), and any error."""
    from backyard_lint.runner import internal_error

    try:
        from backyard_lint.word.check import lint_word, located
        from backyard_lint.word.document import WordError, open_document
    except ImportError:
        return None, [], "reading a Word document needs python-docx (the 'docx' extra)"
    try:
        source, findings = lint_word(open_document(data), ruleset, settings)
        return source.text, located(source, findings), None
    except WordError as exc:
        return None, [], str(exc)
    except Exception as exc:  # a bug in the reader or the classifier: this document only
        return None, [], internal_error(exc)


def sentence(text: str, start: int, end: int) -> str:
    """The sentence that holds ``text[start:end]``, on one line, cut around the match when long."""
    from backyard_lint.sentences import sentence_bounds

    lo, hi = sentence_bounds(text, start, end)
    if hi - lo > SENTENCE_MAX:
        half = (SENTENCE_MAX - (end - start)) // 2
        lo, hi = max(lo, start - max(half, 0)), min(hi, end + max(half, 0))
    return " ".join(text[lo:hi].split())
