"""Word documents for the tests: built with python-docx, or saved by LibreOffice (Debian's
``libreoffice-writer-nogui``) from an OpenDocument file and from an HTML export."""

# ruff: noqa: E501 (an OpenDocument paragraph cannot be wrapped: a line break in it is a space)

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from docx.shared import RGBColor

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


def article(path: Path) -> Path:
    """A document with a heading, formatted runs, a word split over two runs, a paragraph in
    Word's "Quote" style, an "Intense Quote" and a table."""
    d = docx.Document()
    d.add_heading("Notes From Almaty", 1)
    p = d.add_paragraph("Officials in ")
    bold = p.add_run("Kiev")
    bold.bold = True
    p.add_run(" and ")
    first = p.add_run("Ki")
    first.italic = True
    second = p.add_run("ev")
    second.italic = True
    second.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    p.add_run(" met, and Kazakhstan is Russia's backyard.")
    d.add_paragraph("Kazakhstan is Russia's backyard, the adviser said.", style="Quote")
    d.add_paragraph("Kyrgyzstan is Russia's backyard too.", style="Intense Quote")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "City"
    table.cell(0, 1).text = "Note"
    table.cell(1, 0).text = "Odesa"
    table.cell(1, 1).text = "The Kiev office opened in May."
    d.save(str(path))
    return path


def convert(source: Path, out: Path, *, infilter: str | None = None) -> Path:
    """Save ``source`` as .docx with LibreOffice (headless, its own fresh profile)."""
    profile = out / "profile"
    command = [
        SOFFICE,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={profile.as_uri()}",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(out),
        str(source),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    made = out / (source.stem + ".docx")
    assert made.exists(), f"LibreOffice did not convert {source.name}: {run.stdout}{run.stderr}"
    return made


FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:default-outline-level="1"/>
 <style:style style:name="Quotations" style:family="paragraph"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:h text:style-name="Heading_20_1" text:outline-level="1">Letter From Tashkent</text:h>
<text:p>Uzbekistan is Russia's backyard, some say.<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>The embassy in Kiev confirmed it.</text:p></text:note-body></text:note></text:p>
<text:p text:style-name="Quotations">Uzbekistan is Russia's backyard, the envoy said.</text:p>
<text:p>Trains leave for <text:span text:style-name="B">Kiev</text:span> daily.<office:annotation><dc:creator>Desk</dc:creator><text:p>Is Kiev right here?</text:p></office:annotation></text:p>
<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell><text:p>City</text:p></table:table-cell><table:table-cell><text:p>Kharkov</text:p></table:table-cell></table:table-row>
</table:table>
</office:text></office:body></office:document>
"""

# Google Docs exports headings as Title/Heading styles and splits text into many short
# formatted runs; an HTML export opened and saved by LibreOffice gives a file of that shape.
GDOCS_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body>
<h1>Dispatch From Bishkek</h1>
<p><span style="font-weight:700">Kyrgyzstan</span><span> is Russia's </span><span
 style="font-style:italic">backyard</span><span>, a columnist wrote.</span></p>
<table><tr><td><p>Kiev</p></td><td><p>capital</p></td></tr></table>
</body></html>
"""
