"""The Sphinx extension, through real ``sphinx-build`` runs on a small project (reST and MyST)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, cast

CONF = """\
project = "demo"
extensions = ["myst_parser", "backyard_lint.sphinx"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
"""

INDEX = """\
Demo
====

.. toctree::

   page

The ministers met in Kiev last week.
"""

PAGE_USE = """\
# Page

Kazakhstan sits in Russia's backyard, the report said plainly.
"""

PAGE_QUOTE = """\
# Page

Leaders in Astana reject the label "Russia's backyard" for their country.
"""


def project(root: Path, *, conf_extra: str = "", index: str = INDEX, page: str = PAGE_USE) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "conf.py").write_text(CONF + textwrap.dedent(conf_extra), encoding="utf-8")
    (docs / "index.rst").write_text(index, encoding="utf-8")
    (docs / "page.md").write_text(page, encoding="utf-8")
    return docs


def build(docs: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = docs.parent / "_build"
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dummy", "-q", *args, str(docs), str(out)],
        capture_output=True,
        text=True,
        cwd=docs.parent,
        timeout=180,
    )


def test_warnings_name_file_line_and_rule_and_fail_a_strict_build(tmp_path: Path) -> None:
    docs = project(tmp_path)
    result = build(docs, "-W")
    assert result.returncode != 0
    err = result.stderr
    assert f"{docs / 'index.rst'}:8: WARNING: exonym.kiev: 'Kiev' is the Russian-based" in err
    assert f"{docs / 'page.md'}:3: WARNING: backyard.russia: 'Russia's backyard'" in err
    assert "[backyard-lint.exonym.kiev]" in err
    assert "Traceback" not in err


def test_a_quotation_passes_a_strict_build(tmp_path: Path) -> None:
    docs = project(tmp_path, index=INDEX.replace("Kiev", "Kyiv"), page=PAGE_QUOTE)
    result = build(docs, "-W")
    assert result.returncode == 0, result.stderr
    assert "backyard" not in result.stderr


def test_suppress_warnings_takes_the_type_and_the_rule_id(tmp_path: Path) -> None:
    docs = project(tmp_path, conf_extra='suppress_warnings = ["backyard-lint.exonym.kiev"]\n')
    result = build(docs, "-W")
    assert "exonym.kiev" not in result.stderr
    assert "backyard.russia" in result.stderr
    docs = project(tmp_path / "all", conf_extra='suppress_warnings = ["backyard-lint"]\n')
    assert build(docs, "-W").returncode == 0


def test_an_incremental_build_lints_only_the_documents_it_reads(tmp_path: Path) -> None:
    docs = project(tmp_path)
    first = build(docs)
    assert "index.rst:8" in first.stderr and "page.md:3" in first.stderr
    (docs / "page.md").write_text(PAGE_USE + "\nSee the Stans for more.\n", encoding="utf-8")
    second = build(docs)
    assert "page.md:3" in second.stderr and "page.md:5: WARNING: stans.the-stans" in second.stderr
    assert "index.rst" not in second.stderr
    assert "backyard" not in build(docs).stderr  # nothing changed: nothing read


def test_a_changed_configuration_reads_its_documents_again(tmp_path: Path) -> None:
    docs = project(tmp_path)
    config = tmp_path / ".backyard-lint.yaml"
    config.write_text("select: [backyard]\n", encoding="utf-8")
    first = build(docs)
    assert "page.md:3" in first.stderr and "exonym.kiev" not in first.stderr
    config.write_text("select: [exonym]\n", encoding="utf-8")
    second = build(docs)
    assert "index.rst:8: WARNING: exonym.kiev" in second.stderr
    assert "backyard.russia" not in second.stderr
    # A document not linted because its configuration was broken is read again once it is fixed.
    config.write_text("selct: [x]\n", encoding="utf-8")
    assert "unknown key" in build(docs).stderr
    config.write_text("select: [backyard]\n", encoding="utf-8")
    assert "page.md:3: WARNING: backyard.russia" in build(docs).stderr


def test_the_projects_configuration_and_the_build_values_apply(tmp_path: Path) -> None:
    # The configuration file is found from each document, as the command line finds it.
    (tmp_path / "pyproject.toml").write_text(
        '[tool.backyard-lint]\nignore = ["exonym"]\n', encoding="utf-8"
    )
    docs = project(tmp_path)
    result = build(docs, "-W")
    assert "exonym.kiev" not in result.stderr
    assert "backyard.russia" in result.stderr
    # Below backyard_lint_fail_on, a finding is information: shown, but the build passes.
    docs = project(tmp_path / "lenient", conf_extra='backyard_lint_fail_on = "error"\n')
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dummy", "-W", str(docs), str(docs / "_b")],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert f"{docs / 'page.md'}:3: backyard.russia:" in result.stdout


def test_backyard_lint_select_replaces_the_configurations_select(tmp_path: Path) -> None:
    (tmp_path / ".backyard-lint.yaml").write_text("select: [backyard]\n", encoding="utf-8")
    docs = project(tmp_path, conf_extra='backyard_lint_select = ["exonym"]\n')
    result = build(docs)
    assert "exonym.kiev" in result.stderr
    assert "backyard.russia" not in result.stderr


def test_a_bad_value_is_one_clear_error(tmp_path: Path) -> None:
    docs = project(tmp_path, conf_extra='backyard_lint_fail_on = "loud"\n')
    result = build(docs, "-W")
    assert result.returncode != 0
    assert (
        f"ERROR: backyard-lint: {docs / 'conf.py'}: backyard_lint_fail_on must be one of "
        "error, warning, suggestion; nothing is linted"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    (tmp_path / "bad" / "docs").mkdir(parents=True)
    (tmp_path / "bad" / ".backyard-lint.yaml").write_text("selct: [x]\n", encoding="utf-8")
    result = build(project(tmp_path / "bad"), "-W")
    assert result.returncode != 0
    assert result.stderr.count(".backyard-lint.yaml: key 'selct': unknown key") == 1
    assert "Traceback" not in result.stderr


def test_prose_in_a_myst_note_is_linted_and_code_is_not(tmp_path: Path) -> None:
    page = (
        "# Page\n\n```{note}\nKazakhstan sits in Russia's backyard.\n```\n\n"
        '```python\nlabel = "Russia\'s backyard"\n```\n'
    )
    docs = project(tmp_path, index=INDEX.replace("Kiev", "Kyiv"), page=page)
    result = build(docs)
    assert f"{docs / 'page.md'}:4: WARNING: backyard.russia:" in result.stderr
    assert result.stderr.count("WARNING") == 1


def test_every_configuration_value_is_documented() -> None:
    from backyard_lint import sphinx as extension

    class Registry:
        """Collects the names ``setup`` registers (the build itself is tested above)."""

        def __init__(self) -> None:
            self.names: list[str] = []

        def add_config_value(self, name: str, *args: object, **kwargs: object) -> None:
            self.names.append(name)

        def connect(self, *args: object) -> None:
            pass

    registry = Registry()
    extension.setup(cast(Any, registry))
    page = (Path(__file__).resolve().parents[1] / "docs/sphinx.md").read_text(encoding="utf-8")
    assert len(registry.names) == 4
    for name in registry.names:
        assert f"| `{name}` |" in page, name
        assert f"``{name}``" in (extension.__doc__ or ""), name


def test_a_document_is_read_in_the_format_sphinx_reads_it(tmp_path: Path) -> None:
    # source_suffix maps .txt to reST: its literal block is code, not prose.
    conf = 'source_suffix = {".rst": "restructuredtext", ".txt": "restructuredtext"}\n'
    docs = project(tmp_path, conf_extra=conf, index=INDEX.replace("page", "notes"))
    (docs / "page.md").unlink()
    (docs / "notes.txt").write_text(
        "Notes\n=====\n\nAn example::\n\n    flights to Kiev\n\nWe met in Kiev.\n", encoding="utf-8"
    )
    result = build(docs)
    assert f"{docs / 'notes.txt'}:8: WARNING: exonym.kiev" in result.stderr
    assert "notes.txt:6" not in result.stderr


def test_parallel_reading_keeps_what_each_process_read(tmp_path: Path) -> None:
    # Sphinx reads in parallel from six documents on; each process's record of the
    # configurations it read with must reach the next build.
    names = [f"p{i}" for i in range(6)]
    index = INDEX.replace("   page\n", "".join(f"   {n}\n" for n in names))
    docs = project(tmp_path, index=index)
    (docs / "page.md").unlink()
    for n in names:
        (docs / f"{n}.rst").write_text(f"{n}\n==\n\nThey flew to Kiev.\n", encoding="utf-8")
    config = tmp_path / ".backyard-lint.yaml"
    config.write_text("select: [backyard]\n", encoding="utf-8")
    assert "exonym" not in build(docs, "-j", "2").stderr
    config.write_text("select: [exonym]\n", encoding="utf-8")
    result = build(docs, "-j", "2")
    for n in names:
        assert f"{docs / n}.rst:4: WARNING: exonym.kiev" in result.stderr, n
    assert "index.rst:13: WARNING: exonym.kiev" in result.stderr  # after the six toctree lines
