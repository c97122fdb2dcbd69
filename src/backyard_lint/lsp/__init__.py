"""``backyard-lint lsp``: the language server (pygls 2, installed by the ``lsp`` extra).

This module imports nothing heavy: pygls is loaded by :func:`main`, so the command line pays
for it only when the server is started.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

INSTALL_HINT = (
    "backyard-lint lsp: the language server needs pygls; "
    "install it with: pip install 'backyard-lint[lsp]'"
)


def _host_port(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}")
    return host.strip("[]") or "127.0.0.1", int(port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backyard-lint lsp",
        description="Run the backyard-lint language server (LSP) for editors.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--stdio", action="store_true", help="talk over standard input and output (default)"
    )
    mode.add_argument(
        "--tcp", metavar="HOST:PORT", type=_host_port, help="listen on a TCP address instead"
    )
    parser.add_argument(
        "--debounce-ms",
        type=int,
        default=None,
        metavar="MS",
        help="delay before re-linting a changed document (default 100; editors may set it)",
    )
    parser.add_argument(
        "--log-file", metavar="PATH", default=None, help="write the server's own log there"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Start the server; returns the exit code (2 for bad options or a missing pygls)."""
    parser = _parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse has printed its one-line error (or --help)
        return 0 if exc.code in (0, None) else 2
    if args.debounce_ms is not None and not 0 <= args.debounce_ms <= 1000:
        print("backyard-lint lsp: --debounce-ms must be between 0 and 1000", file=sys.stderr)
        return 2
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    import logging

    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    else:
        logging.basicConfig(stream=sys.stderr, level=logging.WARNING)

    from backyard_lint.lsp.server import create_server

    server = create_server(args.debounce_ms)
    if args.tcp:
        host, port = args.tcp
        try:
            server.start_tcp(host, port)
        except OSError as exc:
            print(f"backyard-lint lsp: cannot listen on {host}:{port}: {exc}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0
        return 0
    from backyard_lint.lsp.stdio import serve_stdio

    serve_stdio(server)  # pygls's start_io, with a reader that survives bad frames
    return 0
