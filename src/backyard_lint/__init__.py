"""backyard-lint: an editorial linter for dismissive regional labels."""

__version__ = "0.1.0"
