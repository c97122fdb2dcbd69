"""``backyard-lint check`` on Word documents: places, readings, fixes and bad files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor
from word_helpers import FODT, GDOCS_HTML, article, convert

from backyard_lint.word.document import open_document
from backyard_lint.word.prose import prose

Run = Callable[..., object]


@pytest.fixture(scope="session")
def libreoffice_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("libreoffice")
    source = folder / "letter.fodt"
    source.write_text(FODT, encoding="utf-8")
    return convert(source, folder)


@pytest.fixture(scope="session")
def gdocs_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gdocs")
    source = folder / "dispatch.html"
    source.write_text(GDOCS_HTML, encoding="utf-8")
    return convert(source, folder, infilter="HTML (StarWriter)")


@pytest.fixture
def make_article(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "article.docx") -> Path:
        return article(tmp_path / name)

    return make


def _json(cli: Run, *args: str) -> list[dict[str, object]]:
    result = cli("check", "--format", "json", *args)
    [file] = json.loads(result.out)["files"]  # type: ignore[attr-defined]
    return file["findings"]  # type: ignore[no-any-return]


def test_findings_name_the_paragraph_table_cell_and_offset(
    cli: Run, make_article: Callable[[], Path]
) -> None:
    path = make_article()
    result = cli("check", str(path), cwd=path.parent)
    out = result.out  # type: ignore[attr-defined]
    assert result.code == 1  # type: ignore[attr-defined]
    assert "paragraph 2, offset 13: warning [exonym.kiev]" in out
    assert "  2 | Officials in Kiev and Kiev met, and Kazakhstan is Russia's backyard." in out
    assert "paragraph 8 (table 1, row 2, cell 2), offset 4: warning [exonym.kiev]" in out
    assert "paragraph 2, offset 22: warning [exonym.kiev]" in out  # "Ki" + "ev", two runs
    places = [(f["where"], f["rule"]) for f in _json(cli, str(path))]
    assert places == [
        ("paragraph 2, offset 13", "exonym.kiev"),
        ("paragraph 2, offset 22", "exonym.kiev"),
        ("paragraph 2, offset 50", "backyard.russia"),
        ("paragraph 8 (table 1, row 2, cell 2), offset 4", "exonym.kiev"),
    ]


def test_quote_styles_are_quoted_material(cli: Run, make_article: Callable[[], Path]) -> None:
    path = make_article()
    found = _json(cli, "--show-mentions", str(path))
    quoted = [f for f in found if str(f["where"]).startswith(("paragraph 3,", "paragraph 4,"))]
    assert [(f["severity"], f["reading"]) for f in quoted] == [("info", "mention")] * 2
    # the same sentence in a body paragraph is a use
    assert any(f["where"] == "paragraph 2, offset 50" and f["severity"] == "warning" for f in found)


def test_a_heading_is_a_sentence_of_its_own(tmp_path: Path, cli: Run) -> None:
    d = docx.Document()
    d.add_heading("Russia's Backyard Studies Journal", 1)  # a title: read as a name
    d.add_paragraph("reading list for the seminar")
    d.add_paragraph("Kazakhstan is Russia's backyard", style="Normal")
    d.save(str(tmp_path / "h.docx"))
    word = open_document((tmp_path / "h.docx").read_bytes())
    assert [p.role for p in word.paragraphs] == ["heading", "text", "text"]
    text = prose(word.paragraphs).text
    assert text == "Russia's Backyard Studies Journal\n\nreading list for the seminar\n\n" + (
        "Kazakhstan is Russia's backyard"
    )
    found = _json(cli, "--show-mentions", str(tmp_path / "h.docx"))
    assert [(f["where"], f["reading"]) for f in found] == [
        ("paragraph 1, offset 0", "name"),
        ("paragraph 3, offset 14", "use"),
    ]


def test_fix_writes_a_new_document_keeping_run_formatting(
    cli: Run, make_article: Callable[[], Path]
) -> None:
    path = make_article()
    before = path.read_bytes()
    result = cli("check", "--fix", str(path), cwd=path.parent)
    assert path.read_bytes() == before  # never in place unless asked
    fixed = path.with_name("article.fixed.docx")
    assert f"fixed copy written to {fixed}" in result.err  # type: ignore[attr-defined]
    assert "Fixed 3 problems." in result.out  # type: ignore[attr-defined]
    d = docx.Document(str(fixed))
    p = d.paragraphs[1]
    assert p.text == "Officials in Kyiv and Kyiv met, and Kazakhstan is Russia's backyard."
    runs = [(r.text, r.bold, r.italic) for r in p.runs]
    assert runs[1] == ("Kyiv", True, None)  # the bold run stays bold
    assert runs[3] == ("Kyiv", None, True)  # the split word joined in the first italic run
    assert runs[4][0] == ""
    assert d.paragraphs[1].runs[4].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert d.tables[0].cell(1, 1).text == "The Kyiv office opened in May."
    assert d.paragraphs[2].style.name == "Quote"
    # what is left: the backyard label (no safe fix) and nothing else
    assert "exonym.kiev" not in result.out  # type: ignore[attr-defined]


def test_fix_in_place_and_diff(cli: Run, make_article: Callable[[], Path]) -> None:
    path = make_article()
    diff = cli("check", "--diff", str(path), cwd=path.parent)
    assert "-Officials in Kiev and Kiev met" in diff.out  # type: ignore[attr-defined]
    assert "+Officials in Kyiv and Kyiv met" in diff.out  # type: ignore[attr-defined]
    assert not path.with_name("article.fixed.docx").exists()
    cli("check", "--fix", "--in-place", str(path), cwd=path.parent)
    assert "Kiev" not in "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert not path.with_name("article.fixed.docx").exists()


def test_folders_hold_word_documents(cli: Run, make_article: Callable[[], Path]) -> None:
    path = make_article("nested.docx")
    (path.parent / "~$nested.docx").write_bytes(b"\x00lock")  # Word's lock file: skipped
    result = cli("check", "--format", "concise", str(path.parent), cwd=path.parent)
    assert "nested.docx:2:14: warning [exonym.kiev]" in result.out  # type: ignore[attr-defined]
    assert result.err == ""  # type: ignore[attr-defined]


def _encrypted() -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in names.items():
            z.writestr(name, data)
    return out.getvalue()


def test_bad_documents_get_one_clear_line(tmp_path: Path, make_article: Callable[[], Path]) -> None:
    good = make_article().read_bytes()
    cases = {
        "encrypted.docx": (_encrypted(), "password-protected"),
        "old.docx": (_encrypted().replace(b"E\x00n\x00c", b"X\x00X\x00X"), "old Word (.doc)"),
        "text.docx": (b"Kiev is not a zip file at all", "not a zip archive"),
        "cut.docx": (good[: len(good) // 2], "not a zip archive, or a damaged one"),
        "other.docx": (_zip({"hello.txt": b"Kiev"}), "not a Word document"),
        "broken.docx": (
            _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
            "a damaged Word document",
        ),
    }
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    run = subprocess.run(
        [sys.executable, "-m", "backyard_lint", "check", *sorted(cases)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == len(cases)
    for line, name in zip(lines, sorted(cases), strict=True):
        assert line.startswith(f"backyard-lint: {name}: ")
        assert cases[name][1] in line


def test_a_libreoffice_document(cli: Run, libreoffice_docx: Path) -> None:
    found = _json(cli, "--show-mentions", str(libreoffice_docx))
    got = [(f["where"], f["rule"], f["reading"]) for f in found]
    assert got == [
        ("paragraph 2, offset 14", "backyard.russia", "use"),
        ("paragraph 3, offset 14", "backyard.russia", "mention"),  # "Quotations" style
        ("paragraph 4, offset 17", "exonym.kiev", "use"),
        ("paragraph 6 (table 1, row 1, cell 2), offset 0", "exonym.kharkov", "use"),
        ("footnote 1, offset 16", "exonym.kiev", "use"),
        ("comment 1 by Desk, offset 3", "exonym.kiev", "use"),
    ]
    roles = [p.role for p in open_document(libreoffice_docx.read_bytes()).paragraphs]
    assert roles[:3] == ["heading", "text", "quote"]


def test_fixes_reach_footnotes_and_comments(
    cli: Run, libreoffice_docx: Path, tmp_path: Path
) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(libreoffice_docx.read_bytes())
    cli("check", "--fix", str(path), cwd=tmp_path)
    fixed = open_document(path.with_name("letter.fixed.docx").read_bytes())
    texts = {p.where: p.text for p in fixed.paragraphs}
    assert texts["paragraph 4"].startswith("Trains leave for Kyiv daily")
    assert texts["footnote 1"].endswith("The embassy in Kyiv confirmed it.")
    assert texts["comment 1 by Desk"] == "Is Kyiv right here?"
    d = docx.Document(str(path.with_name("letter.fixed.docx")))
    [bold] = [r for r in d.paragraphs[3].runs if r.text == "Kyiv"]
    assert bold.bold


def test_a_google_docs_like_export(cli: Run, gdocs_docx: Path) -> None:
    found = _json(cli, "--show-mentions", str(gdocs_docx))
    assert [(f["where"], f["rule"], f["severity"]) for f in found] == [
        ("paragraph 2, offset 14", "backyard.russia", "warning"),
        ("paragraph 3 (table 1, row 1, cell 1), offset 0", "exonym.kiev", "warning"),
    ]
    roles = [p.role for p in open_document(gdocs_docx.read_bytes()).paragraphs]
    assert roles[0] == "heading"


def test_page_headers_and_footers_are_read_and_fixed(tmp_path: Path, cli: Run) -> None:
    d = docx.Document()
    d.add_paragraph("Body text.")
    d.sections[0].header.paragraphs[0].text = "Draft from the Kiev bureau"
    d.sections[0].footer.paragraphs[0].text = "Kharkov edition"
    path = tmp_path / "page.docx"
    d.save(str(path))
    found = _json(cli, str(path))
    assert [(f["where"], f["rule"]) for f in found] == [
        ("page header 1, offset 15", "exonym.kiev"),
        ("page footer 1, offset 0", "exonym.kharkov"),
    ]
    cli("check", "--fix", str(path), cwd=tmp_path)
    fixed = docx.Document(str(tmp_path / "page.fixed.docx")).sections[0]
    assert fixed.header.paragraphs[0].text == "Draft from the Kyiv bureau"
    assert fixed.footer.paragraphs[0].text == "Kharkiv edition"
