"""Run the command line with ``python -m backyard_lint`` (the same entry as the script)."""

from backyard_lint.entry import run

run()
