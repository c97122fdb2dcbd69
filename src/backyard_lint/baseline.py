"""A baseline of accepted findings, for adopting the linter on an existing tree.

``check --baseline FILE --update-baseline`` records every current finding in FILE;
``check --baseline FILE`` then reports only findings that are not in it, so that only new ones
fail. A finding is recorded by its file (relative to the baseline's folder), its rule and a
fingerprint of the matched words and of its line's text with white space normalised, not by
line number: editing other lines, or moving the paragraph, keeps it accepted. The file stores
no prose: only rule ids, paths, counts and fingerprints.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backyard_lint.runner import FileReport, Located

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be used; ``str()`` is one line naming the file."""


Key = tuple[str, str, str]  # (path, rule, fingerprint)


def fingerprint(loc: Located) -> str:
    f = loc.finding
    line = " ".join(loc.line_text.split())
    data = "\0".join((f.rule, " ".join(f.match.split()), line))
    import hashlib  # here: its OpenSSL library costs a small run 3 ms to load

    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _rel(path: str, root: Path) -> str:
    if path == "-":
        return path
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return Path(path).as_posix()


def keys(report: FileReport, root: Path) -> list[Key]:
    path = _rel(report.path, root)
    return [(path, loc.finding.rule, fingerprint(loc)) for loc in report.findings]


@dataclass
class Baseline:
    path: Path
    accepted: Counter[Key]

    @property
    def root(self) -> Path:
        return self.path.parent

    def filter(self, reports: Iterable[FileReport]) -> int:
        """Drop accepted findings from ``reports`` (in place); return how many were dropped."""
        left = Counter(self.accepted)
        dropped = 0
        for report in reports:
            kept = []
            for loc, key in zip(report.findings, keys(report, self.root), strict=True):
                if str(loc.finding.severity) != "info" and left[key] > 0:
                    left[key] -= 1
                    dropped += 1
                else:
                    kept.append(loc)
            report.findings = kept
        return dropped


def load(path: Path) -> Baseline:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline file does not exist (create it with --update-baseline)"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise BaselineError(f"{path}: not a version {VERSION} backyard-lint baseline")
    accepted: Counter[Key] = Counter()
    for item in data.get("findings", []):
        try:
            key = (str(item["path"]), str(item["rule"]), str(item["fingerprint"]))
            accepted[key] += int(item.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: malformed entry {item!r}") from None
    return Baseline(path, accepted)


def dump(path: Path, reports: Iterable[FileReport]) -> int:
    """Write every current finding (not mentions) to ``path``; return how many."""
    counts: Counter[Key] = Counter()
    for report in reports:
        for loc, key in zip(report.findings, keys(report, path.parent), strict=True):
            if str(loc.finding.severity) != "info":
                counts[key] += 1
    items = [
        {"path": p, "rule": r, "fingerprint": fp, "count": n}
        for (p, r, fp), n in sorted(counts.items())
    ]
    text = json.dumps({"version": VERSION, "findings": items}, indent=2) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return sum(counts.values())
