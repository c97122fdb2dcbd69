"""Run the command line with ``python -m backyard_lint``."""

from backyard_lint.cli import main

raise SystemExit(main())
