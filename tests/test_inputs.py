"""Bad input through the CLI: each file gives a correct lint or one clear line on stderr
(``backyard-lint: PATH: reason``), never a traceback and never a hang; the other files are still
linted; the exit code is 2 when any input could not be read, else 0 or 1."""

from __future__ import annotations

import codecs
import errno
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backyard_lint import inputs

LABEL = "Kazakhstan is Russia's backyard, they say.\n"  # the label starts at column 15
CLEAN = "Nothing to see here.\n"


def check_json(cli: Callable[..., Any], cwd: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    result = cli("check", "-f", "json", *args, cwd=cwd)
    assert "Traceback" not in result.err
    return result.code, json.loads(result.out), result.err


def positions(data: dict[str, Any], path: str) -> list[tuple[int, int, int, int]]:
    [entry] = [f for f in data["files"] if f["path"] == path]
    return [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in entry["findings"]]


def error_lines(err: str) -> list[str]:
    lines = err.strip().splitlines()
    assert all(line.startswith("backyard-lint: ") for line in lines), err
    return lines


def run_cli(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process, for inputs that could hang a broken linter."""
    return subprocess.run(
        [sys.executable, "-m", "backyard_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_empty_file_is_a_clean_lint(tmp_path: Path, cli: Callable[..., Any]) -> None:
    for name in ("empty.txt", "empty.md", "empty.rst", "empty.html"):
        (tmp_path / name).write_bytes(b"")
    code, data, err = check_json(cli, tmp_path, "empty.txt", "empty.md", "empty.rst", "empty.html")
    assert code == 0
    assert err == ""
    assert [f["findings"] for f in data["files"]] == [[], [], [], []]
    assert data["errors"] == []


def test_binary_file_is_skipped_and_reported(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR Russia's backyard")
    (tmp_path / "doc.txt").write_text(LABEL, encoding="utf-8")
    code, data, err = check_json(cli, tmp_path, "image.txt", "doc.txt")
    assert code == 1  # a skipped file is said, not an error: the exit code is the label's
    assert data["errors"] == [
        {"path": "image.txt", "message": "binary file (contains NUL bytes), skipped"}
    ]
    assert positions(data, "doc.txt") == [(1, 15, 1, 32)]  # the other file is still linted
    assert error_lines(err) == [
        "backyard-lint: image.txt: binary file (contains NUL bytes), skipped"
    ]
    # A single-byte --encoding does not make a binary file text.
    code, data, _ = check_json(cli, tmp_path, "--encoding", "latin-1", "image.txt")
    assert code == 0 and data["errors"][0]["message"].startswith("binary file")


def test_invalid_utf8_names_the_byte_or_decodes_with_encoding(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    (tmp_path / "latin.txt").write_bytes("Café: Russia's backyard.\n".encode("latin-1"))
    code, data, err = check_json(cli, tmp_path, "latin.txt")
    assert code == 2
    assert error_lines(err) == [
        "backyard-lint: latin.txt: not valid UTF-8 at byte 3 "
        "(use --encoding to name another encoding)"
    ]
    assert data["files"] == []
    code, data, err = check_json(cli, tmp_path, "--encoding", "latin-1", "latin.txt")
    assert (code, err) == (1, "")
    assert positions(data, "latin.txt") == [(1, 7, 1, 24)]
    bad = cli("check", "--encoding", "no-such-codec", "latin.txt", cwd=tmp_path)
    assert bad.code == 2
    assert error_lines(bad.err) == ["backyard-lint: --encoding: unknown encoding 'no-such-codec'"]


@pytest.mark.parametrize(
    ("encoding", "data", "span"),
    [
        # Windows-1252's curly apostrophe (0x92), as old Word documents hold it.
        ("cp1252", b"Kazakhstan is Russia\x92s backyard.", (1, 15, 1, 32)),
        ("utf-16-le", "Intro.\nIt is Russia's backyard.".encode("utf-16-le"), (2, 7, 2, 24)),
        ("koi8-r", "Привет. Russia's backyard.".encode("koi8-r"), (1, 9, 1, 26)),
    ],
)
def test_encoding_option_decodes_files_without_a_bom(
    tmp_path: Path,
    cli: Callable[..., Any],
    encoding: str,
    data: bytes,
    span: tuple[int, int, int, int],
) -> None:
    (tmp_path / "doc.txt").write_bytes(data)
    code, out, err = check_json(cli, tmp_path, "--encoding", encoding, "doc.txt")
    assert (code, err) == (1, "")
    assert positions(out, "doc.txt") == [span]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_a_bom_is_stripped_and_columns_stay_right(
    tmp_path: Path, cli: Callable[..., Any], bom: bytes, codec: str
) -> None:
    text = "Intro 😀.\r\n" + LABEL
    (tmp_path / "bom.txt").write_bytes(bom + text.encode(codec))
    code, data, err = check_json(cli, tmp_path, "bom.txt")
    assert (code, err) == (1, "")
    assert positions(data, "bom.txt") == [(2, 15, 2, 32)]
    [finding] = data["files"][0]["findings"]
    assert finding["match"] == "Russia's backyard"


def test_a_truncated_utf16_file_is_a_clear_error(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "odd.txt").write_bytes(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"x")
    result = cli("check", "odd.txt", cwd=tmp_path)
    assert result.code == 2
    assert error_lines(result.err) == ["backyard-lint: odd.txt: not valid UTF-16-LE at byte 6"]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_keep_lines_and_columns(
    tmp_path: Path, cli: Callable[..., Any], newline: str
) -> None:
    lines = ["First line.", "", "Kazakhstan is Russia's backyard.", "Then Moscow's", "backyard."]
    (tmp_path / "doc.txt").write_bytes(newline.join(lines).encode("utf-8"))
    code, data, _ = check_json(cli, tmp_path, "doc.txt")
    assert code == 1
    # The second label spans a line break: it ends on line 5.
    assert positions(data, "doc.txt") == [(3, 15, 3, 32), (4, 6, 5, 9)]


def test_a_50_mb_file_on_one_line_does_not_hang(tmp_path: Path) -> None:
    filler = "lorem ipsum dolor sit amet " * 40_000  # about 1 MB
    with (tmp_path / "huge.txt").open("w", encoding="utf-8") as fh:
        for _ in range(25):
            fh.write(filler)
        fh.write("Russia's backyard ")
        for _ in range(25):
            fh.write(filler)
    assert (tmp_path / "huge.txt").stat().st_size > 50_000_000
    started = time.monotonic()
    result = run_cli("check", "-f", "concise", "huge.txt", cwd=tmp_path, timeout=120)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"huge.txt:1:{len(filler) * 25 + 1}: warning")
    assert elapsed < 30, f"linting 50 MB took {elapsed:.1f} s"


def test_a_file_over_the_size_limit_is_skipped(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inputs, "MAX_BYTES", 1024)
    # With a trigger in it, so that no shortcut for clean files answers before the reader.
    (tmp_path / "big.txt").write_text("x" * 2048 + LABEL, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(LABEL, encoding="utf-8")
    code, data, err = check_json(cli, tmp_path, "big.txt", "doc.txt")
    assert code == 1  # skipped, and said: not an error
    assert error_lines(err) == [
        "backyard-lint: big.txt: file too large (0 MiB; the limit is 0 MiB), skipped"
    ]
    assert positions(data, "doc.txt") == [(1, 15, 1, 32)]


def test_an_unreadable_file_is_reported(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any file whatever its mode, and these tests run as root, so the refusal is
    simulated: ``os.open`` raises EACCES for that one file, as the kernel would for a user.
    When the tests run as another user, the mode alone does it (and the patch is not needed)."""
    secret = tmp_path / "secret.txt"
    secret.write_text(LABEL, encoding="utf-8")
    secret.chmod(0)
    (tmp_path / "doc.txt").write_text(LABEL, encoding="utf-8")
    if os.geteuid() == 0:
        real_open = os.open

        def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if Path(path).name == "secret.txt":
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    code, data, err = check_json(cli, tmp_path, "secret.txt", "doc.txt")
    assert code == 2
    assert error_lines(err) == ["backyard-lint: secret.txt: permission denied"]
    assert data["errors"] == [{"path": "secret.txt", "message": "permission denied"}]
    assert positions(data, "doc.txt") == [(1, 15, 1, 32)]


def test_a_fifo_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "docs" / "pipe.txt")
    (tmp_path / "docs" / "doc.txt").write_text(LABEL, encoding="utf-8")
    # Named, and found while walking a folder; a blocked open() would hit the timeout.
    result = run_cli("check", "-f", "concise", "pipe.md", "docs", cwd=tmp_path, timeout=30)
    assert result.returncode == 1  # skipped FIFOs are said, not errors; the label remains
    assert result.stderr.splitlines() == [  # sorted by path
        "backyard-lint: docs/pipe.txt: not a regular file (FIFO, socket or device), skipped",
        "backyard-lint: pipe.md: not a regular file (FIFO, socket or device), skipped",
    ]
    assert result.stdout.startswith("docs/doc.txt:1:15: warning [backyard.russia]")


def test_a_symlink_loop_named_or_walked(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").symlink_to("b.md")
    (tmp_path / "docs" / "b.md").symlink_to("a.md")
    (tmp_path / "docs" / "up").symlink_to("..")  # a folder loop: not followed
    (tmp_path / "docs" / "doc.txt").write_text(LABEL, encoding="utf-8")
    (tmp_path / "self.txt").symlink_to("self.txt")
    code, data, err = check_json(cli, tmp_path, "self.txt", "docs")
    assert code == 2
    loop = "too many levels of symbolic links"
    assert error_lines(err) == [  # sorted by path
        f"backyard-lint: docs/a.md: {loop}",
        f"backyard-lint: docs/b.md: {loop}",
        f"backyard-lint: self.txt: {loop}",
    ]
    assert positions(data, "docs/doc.txt") == [(1, 15, 1, 32)]


def test_a_missing_path_and_a_folder_without_files(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "doc.txt").write_text(CLEAN, encoding="utf-8")
    code, data, err = check_json(cli, tmp_path, "missing.md", "empty-folder", "doc.txt")
    assert code == 2
    assert error_lines(err) == ["backyard-lint: missing.md: no such file or directory"]
    assert [f["path"] for f in data["files"]] == ["doc.txt"]
    assert cli("check", "empty-folder", cwd=tmp_path).code == 0


def test_exit_codes_with_and_without_bad_inputs(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "label.txt").write_text(LABEL, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\0")
    assert cli("check", "clean.txt", cwd=tmp_path).code == 0
    assert cli("check", "label.txt", cwd=tmp_path).code == 1
    (tmp_path / "bad.txt").write_bytes(b"\xff")
    # A skipped binary file does not change the exit code; a file that cannot be read does.
    assert cli("check", "clean.txt", "bin.txt", cwd=tmp_path).code == 0
    assert cli("check", "label.txt", "bin.txt", cwd=tmp_path).code == 1
    assert cli("check", "--exit-zero", "label.txt", "bin.txt", cwd=tmp_path).code == 0
    assert cli("check", "clean.txt", "bad.txt", cwd=tmp_path).code == 2
    assert cli("check", "--exit-zero", "label.txt", "bad.txt", cwd=tmp_path).code == 2


def test_an_adapter_crash_is_one_line_for_that_file_only(
    tmp_path: Path, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: a bug in an adapter must not hide the other files' findings."""
    from backyard_lint import formats

    real_mask = formats.mask

    def mask(text: str, fmt: str, **kwargs: Any) -> Any:
        if fmt == "html":
            raise ValueError("a bug in the adapter\nmore detail")
        return real_mask(text, fmt, **kwargs)

    monkeypatch.setattr(formats, "mask", mask)
    (tmp_path / "page.html").write_text(f"<p>{LABEL}</p>", encoding="utf-8")
    (tmp_path / "doc.txt").write_text(LABEL, encoding="utf-8")
    code, data, err = check_json(cli, tmp_path, "page.html", "doc.txt")
    assert code == 2
    assert error_lines(err) == [
        "backyard-lint: page.html: internal error (ValueError: a bug in the adapter); "
        "please report this bug"
    ]
    assert positions(data, "doc.txt") == [(1, 15, 1, 32)]


def test_stdin_with_bad_bytes(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backyard_lint", "check", "-"],
        input=b"\xff\xfeR\x00\xd8",  # a UTF-16 BOM, then half a code unit
        capture_output=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "backyard-lint: -: not valid UTF-16-LE at byte 4"
    ]


def _nested_list(depth: int) -> str:
    return "".join("  " * i + "- item\n" for i in range(depth))


NESTED = {
    "list": (lambda: _nested_list(3000), False),
    "ordered": (lambda: "".join("   " * i + "1. item\n" for i in range(2000)), False),
    "quote-lines": (lambda: "".join(">" * i + " x\n" for i in range(1, 3000)), True),
    "quote-one-line": (lambda: ">" * 5000 + " x\n", True),
    "quote-and-list": (lambda: "> - " * 3000 + "x\n", True),
    "emphasis-and-links": (lambda: "*[" * 5000 + "x" + "](u)*" * 5000 + "\n", True),
}


@pytest.mark.parametrize("name", sorted(NESTED))
def test_deeply_nested_markdown_finishes_without_recursion_error(tmp_path: Path, name: str) -> None:
    """markdown-it-py stops at its nesting limit instead of recursing: no RecursionError, no
    internal error, and the label before the nesting is found. (After a list nested past the
    adapter's limit of 200 levels, markdown-it drops the rest of the document; a list nested
    ten deep is well inside it: see the next test.)"""
    make, found_after = NESTED[name]
    body = make()
    doc = tmp_path / f"{name}.md"
    doc.write_text(f"{LABEL}\n{body}\n{LABEL}", encoding="utf-8")
    result = run_cli("check", "-f", "concise", doc.name, cwd=tmp_path, timeout=120)
    assert result.stderr == ""
    assert result.returncode == 1
    lines = [line.split(":")[1] for line in result.stdout.splitlines()]
    assert lines[0] == "1"
    if found_after:
        assert lines[1:] == [str(body.count("\n") + 4)]


def test_a_label_after_a_ten_deep_list_is_found(ruleset: Any) -> None:
    from backyard_lint.engine import lint_text

    text = _nested_list(10) + "\n" + LABEL
    assert len(lint_text(text, ruleset, fmt="markdown")) == 1


@pytest.mark.parametrize(
    ("name", "text", "lines"),
    [
        # An unterminated fence runs to the end of the document (CommonMark): code, not prose.
        ("fence.md", f"{LABEL}\n```python\n{LABEL}", [1]),
        ("tilde-fence.md", f"{LABEL}\n~~~\n{LABEL}\n```\n{LABEL}", [1]),
        # Front matter without its closing line is not front matter.
        ("front-matter.md", f"---\ntitle: x\n\n{LABEL}", [4]),
        ("toml-front-matter.md", f"+++\ntitle = 'x'\n\n{LABEL}", [4]),
        # An inline tag that never closes is literal text in Markdown.
        ("inline-tag.md", f"Text <span class='x\n\n{LABEL}", [3]),
        ("code-span.md", f"`code {LABEL}", [1]),
        ("link.md", f"[link]({LABEL}", [1]),
        ("script.html", f"<p>{LABEL}</p><script>{LABEL}", [1]),
        ("tag.html", f"<p>{LABEL}</p>\n<p class='x {LABEL}", [1, 3]),
        ("pre.html", f"<p>{LABEL}</p><pre>{LABEL}", [1]),
    ],
)
def test_unterminated_markup(
    tmp_path: Path, cli: Callable[..., Any], name: str, text: str, lines: list[int]
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, data, err = check_json(cli, tmp_path, name)
    assert err == ""
    assert code == 1
    assert [p[0] for p in positions(data, name)] == lines


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("section", ["<![", "<![ ", "<![x ", "<![CDATA[", "<![if x]>", "<!"])
def test_malformed_declarations_and_marked_sections(
    tmp_path: Path, cli: Callable[..., Any], fmt: str, section: str
) -> None:
    """Python < 3.13's html.parser raised AssertionError on "<![x" (found by the fuzzer)."""
    name = "doc.html" if fmt == "html" else "doc.md"
    (tmp_path / name).write_text(f"<div>\n{LABEL}</div>\n<div>\n{section}{LABEL}", "utf-8")
    code, data, err = check_json(cli, tmp_path, name)
    assert (code, err) == (1, "")
    assert positions(data, name)[0] == (2, 15, 2, 32)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_an_unterminated_comment_hides_what_follows(ruleset: Any, fmt: str) -> None:
    from backyard_lint.engine import lint_text

    assert lint_text(f"<!-- {LABEL}\n{LABEL}", ruleset, fmt=fmt) == []


MALFORMED_RST = f"""\
Title
===

.. no-such-directive::
   :bad-option:

.. image:: picture.png
   :width: ten

:no-such-role:`x` {LABEL}
+----+
| a  |
+--

.. include:: /etc/hostname

.. raw:: html
   :file: /etc/hostname

``unterminated literal and `unterminated reference_ and [#]_ and |undefined|

.. [1] A footnote nobody cites.

Section
-------

Deeper
~~~~~~

Back up
=======

Bad deeper
^^^^^^^^^^

{LABEL}"""


def test_malformed_rst_gives_no_docutils_noise(tmp_path: Path) -> None:
    (tmp_path / "doc.rst").write_text(MALFORMED_RST, encoding="utf-8")
    result = run_cli("check", "-f", "concise", "doc.rst", cwd=tmp_path)
    assert result.stderr == ""  # no docutils system messages
    assert result.returncode == 1
    lines = [int(line.split(":")[1]) for line in result.stdout.splitlines()]
    assert lines == [10, MALFORMED_RST.count("\n")]


def test_every_bad_input_at_once_in_worker_processes(tmp_path: Path) -> None:
    """The parallel path (many files, --jobs 2) reports each bad input in its one line, in
    order, and lints the rest; nothing blocks on the FIFO."""
    docs = tmp_path / "docs"
    docs.mkdir()
    # Over parallel.IN_PROCESS_BYTES (4 MiB) in all, so that worker processes lint them.
    (docs / "a-big.txt").write_text(CLEAN * 250_000, encoding="utf-8")
    for i in range(30):
        (docs / f"clean{i:02d}.md").write_text(CLEAN * (i + 1), encoding="utf-8")
    (docs / "label.md").write_text(LABEL, encoding="utf-8")
    (docs / "binary.txt").write_bytes(b"\0\1\2")
    (docs / "latin.txt").write_bytes("Caf\xe9 Russia's backyard.".encode("latin-1"))
    os.mkfifo(docs / "pipe.md")
    (docs / "loop.md").symlink_to("loop.md")
    (docs / "bom16.txt").write_bytes(codecs.BOM_UTF16_LE + LABEL.encode("utf-16-le"))
    result = run_cli("check", "-f", "concise", "--jobs", "2", "docs", "gone.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "backyard-lint: docs/binary.txt: binary file (contains NUL bytes), skipped",
        "backyard-lint: docs/latin.txt: not valid UTF-8 at byte 3 "
        "(use --encoding to name another encoding)",
        "backyard-lint: docs/loop.md: too many levels of symbolic links",
        "backyard-lint: docs/pipe.md: not a regular file (FIFO, socket or device), skipped",
        "backyard-lint: gone.md: no such file or directory",
    ]
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == [
        "docs/bom16.txt:1:15:",
        "docs/label.md:1:15:",
    ]


@pytest.mark.parametrize("top", [".", "./docs", "docs", "docs/", "docs//sub/..", "ABS"])
def test_walked_names_are_spelled_as_paths_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, top: str
) -> None:
    """The walk gives names, not Path objects, spelled as ``str(Path(name))`` would spell them
    (the reports show them); a file named on the command line keeps its Path spelling too."""
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    for name in ("docs/a.md", "docs/sub/b.rst", "docs/sub/c.txt", "top.md"):
        (tmp_path / name).write_text("Text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    start = Path(tmp_path / "docs" if top == "ABS" else top)
    found = list(inputs.walk([start, Path("./top.md")]))
    assert found, top
    assert all(name == str(Path(name)) for name, _ in found), found
    assert ("top.md", True) in found
    assert any(name.endswith("sub/b.rst") for name, _ in found)
