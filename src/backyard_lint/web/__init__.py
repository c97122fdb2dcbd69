"""``backyard-lint serve``: a page for editors, served on this machine (the ``web`` extra).

- :mod:`.api`: pure functions from a text or a document to the page's data (findings with their
  readings, and the rules' explanations and sources), and the fixed Word document;
- :mod:`.app`: the Starlette application (requests held in memory, never written to disk; a size
  limit; the page and its assets, all shipped in ``static/``);
- :mod:`.serve`: the command's options and uvicorn.
"""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_LIMIT = 10 * 1024 * 1024  # bytes in one request
