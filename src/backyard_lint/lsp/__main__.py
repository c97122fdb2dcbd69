"""``python -m backyard_lint.lsp``: the language server without the command line."""

from backyard_lint.lsp import main

raise SystemExit(main())
