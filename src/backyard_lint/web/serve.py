"""Start the page: bind the address first (a clear error when it is taken), then run uvicorn
on that socket until Ctrl+C."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import uvicorn

from backyard_lint.project import Project
from backyard_lint.web import DEFAULT_LIMIT
from backyard_lint.web.app import create_app

LOCAL = ("127.0.0.1", "localhost", "::1")


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(64)
    except BaseException:
        sock.close()
        raise
    return sock


def serve(
    project: Project,
    host: str,
    port: int,
    *,
    limit: int = DEFAULT_LIMIT,
    open_browser: bool = False,
) -> int:
    """Serve the page until interrupted; returns the exit code. The rules and settings are
    those of the working folder's configuration (or the project's named file)."""
    from backyard_lint.web.api import Linter

    cfg = project.config_for_folder(Path.cwd())
    linter = Linter(project.ruleset(cfg.extra_rules), cfg.settings_for(None))
    wide = host in ("0.0.0.0", "::", "")
    app = create_app(linter, limit=limit, hosts=("*",) if wide else (host,))
    try:
        sock = _listen(host, port)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        sys.stderr.write(f"backyard-lint: cannot listen on {host}:{port}: {reason}\n")
        return 2
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    sys.stderr.write(f"backyard-lint: the page is at {url} (Ctrl+C stops it)\n")
    if host not in LOCAL:
        sys.stderr.write("backyard-lint: note: other machines on the network can reach it\n")
    sys.stderr.flush()
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0
