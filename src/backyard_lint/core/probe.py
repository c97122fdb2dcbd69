"""Which configuration file applies to a folder: the one probe behind configuration discovery
(``config.Discovery``), the command's fast path and the workers' shortcut.

Walking up from a folder, the first folder that holds ``.backyard-lint.yaml`` (or ``.yml``) or a
``pyproject.toml`` with a ``[tool.backyard-lint]`` table holds the configuration. Whether a
``pyproject.toml`` has the table is decided here without parsing TOML when it certainly has
none (:func:`may_configure`); the caller that needs the settings parses the candidates this
probe names, nearest first.
"""

# os.path, not pathlib: importing pathlib costs milliseconds of start-up.
# ruff: noqa: PTH113, PTH118, PTH120, PTH123

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself costs start-up time; mypy reads this as True
if TYPE_CHECKING:
    from collections.abc import Iterator

YAML_NAMES = (".backyard-lint.yaml", ".backyard-lint.yml")
PYPROJECT = "pyproject.toml"


def may_configure(pyproject: bytes) -> bool:
    """False only when this ``pyproject.toml`` certainly has no ``[tool.backyard-lint]`` table:
    no table header names backyard-lint, no line under ``[tool]`` names it, and no line that
    names it also says ``tool`` (``tool.backyard-lint.select = ...``, ``tool = {...}``). A
    project that is merely called backyard-lint, or depends on it, has none."""
    table = b""
    for raw in pyproject.splitlines():
        line = raw.strip()
        if line.startswith(b"["):
            header = line[: line.find(b"]") + 1] if b"]" in line else line
            table = bytes(c for c in header if c not in b"[] \t\"'")
            if b"backyard-lint" in line:
                return True
            continue
        if b"backyard-lint" in line and (table == b"tool" or b"tool" in line):
            return True
    return False


def folder_candidates(folder: str) -> Iterator[str]:
    """The files in ``folder`` (resolved) that may hold its configuration, in order of
    precedence: a YAML file wins over ``pyproject.toml``; a ``pyproject.toml`` is named only
    when it may hold the table (an unreadable one is named: reading it reports the error)."""
    for name in YAML_NAMES:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            yield path
            return
    path = os.path.join(folder, PYPROJECT)
    if os.path.isfile(path):
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError:
            return  # discovery passes over a pyproject.toml it cannot read
        if may_configure(data):
            yield path


class ConfigProbe:
    """Whether a configuration file may apply to a folder: memoised per folder, as given and
    as resolved (resolving costs a system call per part of the path). One per run; the
    configuration's own loader (``config.Discovery``) keeps its own results."""

    def __init__(self) -> None:
        self._clean: set[str] = set()  # resolved folders with no candidate at or above them
        self._given: dict[str, bool] = {}

    def configured(self, folder: str) -> bool:
        """True when a configuration file may apply to ``folder`` (as written)."""
        found = self._given.get(folder)
        if found is None:
            found = self._given[folder] = self._configured(os.path.realpath(folder))
        return found

    def _configured(self, current: str) -> bool:
        walked = []
        while current not in self._clean:
            if next(folder_candidates(current), None) is not None:
                return True
            walked.append(current)
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        self._clean.update(walked)
        return False
