"""Build hooks: how the ``backyard-lint`` command is installed.

The command is a plain script (``scripts/backyard-lint``), not a console-script entry point.
The wrapper an installer writes for an entry point imports ``re`` before anything else, and
that import alone costs about a quarter of a small clean run, which the command's fast path
(``backyard_lint.entry``) would otherwise finish in. Windows has no ``#!`` lines and needs the
``.exe`` launcher that installers make only for entry points, so a wheel built there has an
entry point instead of the script.
"""

from __future__ import annotations

import os
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.metadata.plugin.interface import MetadataHookInterface

COMMAND = "backyard-lint"
ENTRY_POINT = "backyard_lint.entry:run"
SCRIPT = "scripts/backyard-lint"


def use_entry_point() -> bool:
    return os.name == "nt"


class CommandMetadataHook(MetadataHookInterface):
    """Declares the entry point where the command is one."""

    def update(self, metadata: dict[str, Any]) -> None:
        if use_entry_point():
            metadata["scripts"] = {COMMAND: ENTRY_POINT}


class CommandBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the script to the wheel where the command is one."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and not use_entry_point():
            build_data["shared_scripts"][SCRIPT] = COMMAND
