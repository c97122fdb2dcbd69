"""What the page's tests share."""

from __future__ import annotations

import socket
import subprocess
import time

# One use, one quotation and one rejection of the same label, and a paragraph of markup that
# must stay text on the page.
ARTICLE = (
    "Trade between the two countries doubled last year. For two decades Kazakhstan has been "
    "Russia's backyard, and the new pipeline will not change that.\n\n"
    'A Kremlin adviser once called the region "Russia\'s backyard" on television.\n\n'
    "Kazakhstan is not Russia's backyard, the foreign minister said on Monday.\n\n"
    '<img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script><b>bold?</b>\n'
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")
