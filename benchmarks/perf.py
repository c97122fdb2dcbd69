"""Speed of backyard-lint against the tools a team would reach for, measured in one run.

Usage (from the repository root)::

    python benchmarks/perf.py [--corpus DIR] [--size-mb 200] [--python PATH] [--no-proselint]

Prints a Markdown table:

1. the Rust book (``<corpus>/rust-book``, Markdown): ``backyard-lint check`` against textlint with
   textlint-rule-prh and a prh dictionary written from our rules' trigger patterns (installed from
   npm into a cache folder on first use), and proselint's own checks for reference;
2. a generated tree of about ``--size-mb`` MB (copies of ``peps`` and ``rust-book`` with a
   sprinkle of labels, made in a temporary folder and deleted afterwards): files per second,
   MB per second, peak memory (the largest resident set of any one process in the tree: the
   parent and each worker are separate processes), and the ratio to ripgrep searching the same
   trigger patterns (Debian's ``ripgrep``; installed with apt-get when missing);
3. one small file: ``backyard-lint check`` next to ``python -c pass``, same interpreter.

Every figure is wall time of the whole command (interpreter start-up included), the median of
several runs, alternating between the tools so that the machine's noise hits both alike.

The interpreter: by default a clean virtual environment in the cache folder with this checkout
installed in editable mode, as pre-commit and pipx install a tool; ``--python`` picks another.
Bytecode caching is left on (``PYTHONDONTWRITEBYTECODE`` is removed for the measured commands).

Corpus text is read at run time and never copied into the project. Exit status: 0 when every
target holds, 1 when one does not, 2 when the corpus is missing or a tool cannot run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "backyard-lint-bench"

TARGET_TEXTLINT = 100.0  # at least this many times faster than textlint + prh
TARGET_RG = 2.0  # at most this many times ripgrep's time (the goal of issue 17)
TARGET_SMALL = 0.15  # seconds for one small file
TARGET_RSS_MB = 100.0  # per process

# Our own sentences, sprinkled into the generated tree so that the prefilter hits and the
# markup parse, matcher and classifier run (uses and mentions alike).
SPRINKLES = (
    "Investors keep flocking to Russia's backyard for uranium and cheap labour.",
    "Critics reject the label 'Russia's backyard' as colonial.",
    "The summit in Astana showed that Moscow still treats the region as its backyard.",
    "Washington has long regarded Central America as America's backyard.",
    "Beijing's diplomats are busy in China's backyard, from Laos to Cambodia.",
    "Canberra calls the Pacific islands Australia's backyard.",
    "Our back yard in Leeds gets the evening sun.",
)
# One file in this many gets a sentence appended (0.1%: a docs tree with a few labels). Each such
# file is parsed as Markdown or reStructuredText and classified, which costs far more than the
# scan (docutils takes tens of milliseconds for a PEP); --sprinkle-every changes the rate.
SPRINKLE_EVERY = 1000


class BenchError(Exception):
    """A tool or input the benchmark needs is missing; the message says which."""


# --------------------------------------------------------------------------------------- timing


@dataclass
class Timing:
    runs: list[float]  # wall seconds
    cpu: list[float]  # user + system seconds of the process tree

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def wall(
    cmd: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, float]:
    """Wall time and CPU time (user + system, the whole process tree) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def alternate(
    commands: dict[str, Callable[[], tuple[float, float]]],
    runs: int,
    repeats: dict[str, int] | None = None,
) -> dict[str, Timing]:
    """Run each command ``runs`` times, interleaved, after one warm-up run each; in each round
    a command named in ``repeats`` runs that many times (a command of milliseconds needs more
    samples than one of seconds for a steady median, and they are cheap)."""
    for fn in commands.values():
        fn()
    out: dict[str, Timing] = {name: Timing([], []) for name in commands}
    for _ in range(runs):
        for name, fn in commands.items():
            for _ in range((repeats or {}).get(name, 1)):
                elapsed, cpu = fn()
                out[name].runs.append(elapsed)
                out[name].cpu.append(cpu)
    return out


_PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_rss_mb(cmd: Sequence[str], env: dict[str, str]) -> float:
    """The largest peak resident set of any one process in the command's tree, in MB.

    Linux reports, for the children a process has waited for, the maximum over each process
    separately (not a sum): with worker processes that is the larger of the parent's and the
    busiest worker's peak. A fresh helper process keeps earlier commands out of the figure.
    """
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *cmd], capture_output=True, text=True, env=env,
        check=True,
    )
    return int(done.stdout.strip()) / 1024


# ----------------------------------------------------------------------------------- the tools


def clean_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have bytecode caches
    env["NO_COLOR"] = "1"
    return env


def bench_python(explicit: str | None) -> tuple[Path, str]:
    """The interpreter to measure and a note on where it comes from."""
    if explicit:
        return Path(explicit), f"--python {explicit}"
    venv = CACHE / "venv"
    python = venv / "bin" / "python"
    stamp = venv / "installed-from"
    import zlib

    # Reinstall when the checkout, or what the install copies or runs, changes: pyproject.toml
    # (dependencies), the build hook and the command's script (copied into the venv).
    installed = ("pyproject.toml", "hatch_build.py", "scripts/backyard-lint")
    crc = 0
    for name in installed:
        crc = zlib.crc32((ROOT / name).read_bytes(), crc)
    want = f"{ROOT} {crc:08x}"
    if python.exists() and stamp.exists() and stamp.read_text() == want:
        return python, f"clean venv ({venv})"
    print(f"creating a clean venv in {venv} (once) ...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e",
             str(ROOT)],
            check=True, stdout=subprocess.DEVNULL,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"note: no clean venv ({exc}); measuring {sys.executable}", file=sys.stderr)
        return Path(sys.executable), f"{sys.executable} (venv creation failed)"
    stamp.write_text(want)
    return python, f"clean venv ({venv})"


def lint_command(python: Path) -> list[str]:
    script = python.parent / "backyard-lint"
    return [str(script)] if script.exists() else [str(python), "-m", "backyard_lint"]


def load_trigger_rules() -> list[tuple[str, bool, list[str], str]]:
    """(rule id, case sensitive, trigger patterns, first replacement) for every built-in rule."""
    sys.path.insert(0, str(ROOT / "src"))
    from backyard_lint.rules import builtin_rules_dir, load_rules

    out = []
    for rule in load_rules([builtin_rules_dir()]):
        repl = rule.replacements[0].text if rule.replacements else rule.id
        out.append((rule.id, rule.case_sensitive, [p.regex for p in rule.patterns], repl))
    return out


def _translate(pattern: str, outside: Callable[[str], str | None]) -> str:
    """Rewrite escapes outside character classes with ``outside`` (None: keep as is)."""
    out: list[str] = []
    i = 0
    in_class = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            esc = pattern[i : i + 2]
            if esc == "\\p" or esc == "\\P":  # \pL or \p{...}
                j = pattern.find("}", i) + 1 if pattern[i + 2 : i + 3] == "{" else i + 3
                esc = pattern[i:j]
            new = None if in_class else outside(esc)
            out.append(esc if new is None else new)
            i += len(esc)
            continue
        if c == "[" and not in_class:
            in_class = True
            out.append(c)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                out.append("]")
                i += 1
        elif c == "]" and in_class:
            in_class = False
            out.append(c)
        else:
            out.append(c)
        i += 1
    return "".join(out)


def re2_to_rust(pattern: str, case_sensitive: bool) -> str:
    """RE2 to ripgrep (Rust regex): RE2's \\b, \\w, \\d and \\s are ASCII-only, so say so."""
    ascii_only = {"\\b": "(?-u:\\b)", "\\B": "(?-u:\\B)", "\\w": "(?-u:\\w)",
                  "\\W": "(?-u:\\W)", "\\d": "(?-u:\\d)", "\\s": "(?-u:\\s)"}
    body = _translate(pattern, ascii_only.get)
    return body if case_sensitive else f"(?i:{body})"


_FLAG_GROUP = re.compile(r"\(\?([imsU-]+)(:|\))")
# Unicode's space separators (category Z), spelled out: prh reads no "u" flag, so no \p{Z}.
_SPACE_SEPARATORS = "\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"


def re2_to_js(pattern: str, case_sensitive: bool) -> str | None:
    """RE2 to a prh regular expression literal ``/.../flags``, or None if it has no equivalent.

    Node has no inline flag groups: ``(?-i:US)`` becomes ``(?:US)`` and a pattern with any
    case-insensitive part is case-insensitive as a whole, so prh matches a superset (no less work).
    """
    spaces = f"[{_SPACE_SEPARATORS}]"
    outside = {"\\A": "^", "\\z": "$", "\\pZ": spaces, "\\p{Z}": spaces}
    body = _translate(pattern, outside.get)
    for name in ("\\pZ", "\\p{Z}"):  # inside character classes
        body = body.replace(name, _SPACE_SEPARATORS)
    if "\\p" in body or "\\P" in body:
        return None
    if any("i" in m.group(1).split("-")[0] for m in _FLAG_GROUP.finditer(body)):
        case_sensitive = False
    body = _FLAG_GROUP.sub(lambda m: "(?:" if m.group(2) == ":" else "", body)
    body = body.replace("(?P<", "(?<").replace("/", "\\/")
    return f"/{body}/g" + ("" if case_sensitive else "i")


# ------------------------------------------------------------------------------- the Rust book


def ensure_textlint() -> Path:
    prefix = CACHE / "textlint"
    binary = prefix / "node_modules" / ".bin" / "textlint"
    if binary.exists() and (prefix / "node_modules" / "textlint-rule-prh").is_dir():
        return binary
    npm = shutil.which("npm")
    if not npm:
        raise BenchError("npm is not installed (needed for textlint)")
    print(f"installing textlint and textlint-rule-prh into {prefix} (once) ...", file=sys.stderr)
    prefix.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--loglevel=error",
         "textlint", "textlint-rule-prh"],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0 or not binary.exists():
        raise BenchError(f"npm install textlint failed: {done.stderr.strip()[-300:]}")
    return binary


def npm_version(prefix: Path, package: str) -> str:
    try:
        data = json.loads((prefix / "node_modules" / package / "package.json").read_text())
        return str(data.get("version", "?"))
    except (OSError, ValueError):
        return "?"


def write_prh(rules: Iterable[tuple[str, bool, list[str], str]], folder: Path) -> tuple[Path, int]:
    """A prh dictionary with one entry per rule holding its trigger patterns, and a textlintrc."""
    lines = ["version: 1", "rules:"]
    count = 0
    for rid, case_sensitive, patterns, replacement in rules:
        lines.append(f"  # {rid}")
        lines.append(f"  - expected: {json.dumps(replacement)}")
        lines.append("    patterns:")
        for pat in patterns:
            js = re2_to_js(pat, case_sensitive)
            if js is not None:
                lines.append(f"      - {json.dumps(js)}")
                count += 1
    prh = folder / "prh.yml"
    prh.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rc = folder / "textlintrc.json"
    rc.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(prh)]}}}), encoding="utf-8")
    return rc, count


def check_textlint_works(textlint: Path, rc: Path, folder: Path) -> None:
    """The dictionary must load and fire: lint one sentence that every tool should flag."""
    probe = folder / "probe.md"
    probe.write_text(SPRINKLES[0] + "\n", encoding="utf-8")
    done = subprocess.run(
        [str(textlint), "--config", str(rc), "--format", "json", str(probe)],
        capture_output=True, text=True, check=False, cwd=textlint.parents[2],
    )
    try:
        messages = json.loads(done.stdout)[0]["messages"]
    except (ValueError, IndexError, KeyError):
        raise BenchError(f"textlint did not run: {(done.stderr or done.stdout)[-300:]}") from None
    if not messages:
        raise BenchError("the prh dictionary does not fire on a known label")


# ------------------------------------------------------------------------------- generated tree


def make_tree(
    corpus: Path, dest: Path, size_mb: float, every: int = SPRINKLE_EVERY
) -> tuple[int, int, int]:
    """Copies of peps and rust-book until about ``size_mb`` MB; one file in ``every`` gets a
    sentence with a label. Returns (files, bytes, files with a sentence)."""
    sources = [
        p for name in ("peps", "rust-book")
        for p in sorted((corpus / name).rglob("*"))
        if p.is_file() and p.suffix in (".md", ".rst")
    ]
    files = total = copy = sprinkled = 0
    target = size_mb * 1_000_000
    while total < target:
        for src in sources:
            rel = src.relative_to(corpus)
            out = dest / f"copy-{copy:02d}" / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            data = src.read_bytes()
            if files % every == every - 1:
                sentence = SPRINKLES[sprinkled % len(SPRINKLES)]
                data = data.rstrip(b"\n") + b"\n\n" + sentence.encode() + b"\n"
                sprinkled += 1
            out.write_bytes(data)
            files += 1
            total += len(data)
            if total >= target:
                break
        copy += 1
    return files, total, sprinkled


def ensure_rg() -> Path:
    found = shutil.which("rg")
    if found:
        return Path(found)
    print("installing ripgrep with apt-get ...", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "install", "-y", "-qq", "ripgrep"],
                ["apt-get", "update", "-qq"],
                ["apt-get", "install", "-y", "-qq", "ripgrep"]):
        subprocess.run(cmd, env=env, capture_output=True, check=False)
        found = shutil.which("rg")
        if found:
            return Path(found)
    raise BenchError("ripgrep is not installed and apt-get could not install it")


def rg_version(rg: Path) -> str:
    out = subprocess.run([str(rg), "--version"], capture_output=True, text=True, check=False)
    return out.stdout.split("\n", 1)[0].strip()


# ------------------------------------------------------------------------------------ the table


@dataclass
class Row:
    what: str
    ours: str
    theirs: str
    ratio: str
    target: str
    ok: bool | None


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def cell(t: Timing) -> str:
    return f"{fmt_s(t.median)} (cpu {fmt_s(t.cpu_median)})"


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores, {model or platform.processor() or '?'}, {platform.system()}"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with peps/ and rust-book/"
    )
    ap.add_argument("--size-mb", type=float, default=200.0, help="size of the generated tree")
    ap.add_argument(
        "--sprinkle-every", type=int, default=SPRINKLE_EVERY, metavar="N",
        help=f"one file in N of the tree gets a label (default: {SPRINKLE_EVERY})",
    )
    ap.add_argument(
        "--python", help="interpreter with backyard-lint installed (default: a clean venv)"
    )
    ap.add_argument("--runs", type=int, default=5, help="timed runs per command (small inputs)")
    ap.add_argument("--tree-runs", type=int, default=3, help="timed runs per command on the tree")
    ap.add_argument("--no-proselint", action="store_true", help="skip the proselint reference row")
    ap.add_argument("--no-textlint", action="store_true", help="skip textlint (no npm)")
    ap.add_argument(
        "--dense-mb", type=float, default=10.0,
        help="size of the larger document dense with labels (default: 10)",
    )
    ap.add_argument(
        "--only-labels", action="store_true",
        help="only the rows with labels (small file, 1 MB re-lint, dense documents)",
    )
    args = ap.parse_args(argv)

    corpus = args.corpus
    missing = [n for n in ("peps", "rust-book") if not (corpus / n).is_dir()]
    if missing:
        print(
            f"perf.py: corpus not found: {' and '.join(str(corpus / n) for n in missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing (pass --corpus DIR holding peps/ "
            "and rust-book/)",
            file=sys.stderr,
        )
        return 2
    try:
        return _run(args, corpus)
    except BenchError as exc:
        print(f"perf.py: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace, corpus: Path) -> int:
    env = clean_env()
    python, python_note = bench_python(args.python)
    lint = lint_command(python)
    version = subprocess.run(
        [str(python), "-c", "import sys; print(sys.version.split()[0])"],
        capture_output=True, text=True, check=True, env=env,
    ).stdout.strip()
    rows: list[Row] = []
    notes: list[str] = []

    def warm() -> None:
        """Refresh the rule cache (a rule file edited since the last run empties it)."""
        subprocess.run([*lint, "rules"], stdout=subprocess.DEVNULL, env=env, check=False)

    book = corpus / "rust-book"
    book_files = sorted(str(p) for p in book.rglob("*.md"))
    book_mb = sum(Path(p).stat().st_size for p in book_files) / 1e6
    rules = load_trigger_rules()
    n_patterns = sum(len(r[2]) for r in rules)

    with tempfile.TemporaryDirectory(prefix="backyard-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.only_labels:
            return _label_rows(args, corpus, tmp, python, lint, env, rows, version, python_note)

        # 1. The Rust book.
        ours_book = [*lint, "check", "--exit-zero", str(book)]
        commands: dict[str, Callable[[], tuple[float, float]]] = {
            "ours": lambda: wall(ours_book, env)
        }
        textlint_cmd: list[str] = []
        if not args.no_textlint:
            textlint = ensure_textlint()
            rc, n_prh = write_prh(rules, tmp)
            check_textlint_works(textlint, rc, tmp)
            textlint_cmd = [str(textlint), "--config", str(rc), *book_files]
            tl_cwd = textlint.parents[2]
            commands["textlint"] = lambda: wall(textlint_cmd, env, tl_cwd)
            prefix = CACHE / "textlint"
            notes.append(
                f"textlint {npm_version(prefix, 'textlint')} with textlint-rule-prh "
                f"{npm_version(prefix, 'textlint-rule-prh')}: a prh dictionary of {n_prh} "
                f"regular expressions ({n_patterns} trigger patterns in our rules, converted to "
                "JavaScript; one entry per rule)."
            )
        proselint = shutil.which("proselint", path=str(python.parent)) or shutil.which("proselint")
        if proselint and not args.no_proselint:
            commands["proselint"] = lambda: wall([proselint, "check", *book_files], env)
        print(f"timing the Rust book ({len(book_files)} files, {book_mb:.1f} MB) ...",
              file=sys.stderr)
        warm()
        # backyard-lint runs five times in each round: 25 samples of some 25 ms against five
        # of textlint's 3 s, in the same rounds.
        book_runs = alternate(commands, max(1, args.runs), repeats={"ours": 5})
        ours = book_runs["ours"].median
        if "textlint" in book_runs:
            theirs = book_runs["textlint"].median
            speedup = theirs / ours
            rows.append(Row(
                f"Rust book ({len(book_files)} files, {book_mb:.1f} MB): textlint + prh",
                cell(book_runs["ours"]), cell(book_runs["textlint"]), f"{speedup:.0f}x faster",
                f">= {TARGET_TEXTLINT:.0f}x", speedup >= TARGET_TEXTLINT,
            ))
        if "proselint" in book_runs:
            theirs = book_runs["proselint"].median
            rows.append(Row(
                "Rust book: proselint check (its own checks, for reference)",
                cell(book_runs["ours"]), cell(book_runs["proselint"]),
                f"{theirs / ours:.0f}x faster", "-", None,
            ))

        # 2. The generated tree.
        rg = ensure_rg()
        tree = tmp / "tree"
        print(f"generating a {args.size_mb:.0f} MB tree in {tree} ...", file=sys.stderr)
        n_files, n_bytes, n_sprinkled = make_tree(
            corpus, tree, args.size_mb, max(1, args.sprinkle_every)
        )
        mb = n_bytes / 1e6
        rg_cmd = [str(rg), "-c", "--no-config", "--no-ignore", "--hidden"]
        for _, case_sensitive, patterns, _ in rules:
            for pat in patterns:
                rg_cmd += ["-e", re2_to_rust(pat, case_sensitive)]
        rg_cmd.append(str(tree))
        ours_tree = [*lint, "check", "--exit-zero", "--format", "concise", str(tree)]
        found = subprocess.run(ours_tree, capture_output=True, text=True, env=env, check=False)
        n_findings = len([ln for ln in found.stdout.splitlines() if ln.strip()])
        if found.returncode != 0:
            raise BenchError(f"backyard-lint failed on the tree: {found.stderr.strip()[-300:]}")
        rg_found = subprocess.run(rg_cmd, capture_output=True, text=True, check=False)
        if rg_found.returncode not in (0, 1):
            raise BenchError(f"ripgrep failed: {rg_found.stderr.strip()[-300:]}")
        rg_files = len(rg_found.stdout.splitlines())
        print("timing the tree ...", file=sys.stderr)
        warm()
        tree_runs = alternate(
            {"ours": lambda: wall(ours_tree, env), "rg": lambda: wall(rg_cmd, env)},
            args.tree_runs,
        )
        ours, theirs = tree_runs["ours"].median, tree_runs["rg"].median
        rows.append(Row(
            f"{mb:.0f} MB tree ({n_files} files, {n_sprinkled} with a label): ripgrep, "
            f"same {n_patterns} trigger patterns",
            cell(tree_runs["ours"]), cell(tree_runs["rg"]), f"{ours / theirs:.2f}x rg's time",
            f"<= {TARGET_RG:.0f}x", ours / theirs <= TARGET_RG,
        ))
        rows.append(Row(
            "tree throughput", f"{n_files / ours:,.0f} files/s, {mb / ours:.0f} MB/s",
            f"{n_files / theirs:,.0f} files/s, {mb / theirs:.0f} MB/s", "", "", None,
        ))
        # Peak memory on the whole tree and on a quarter of it: flat means it does not grow.
        rss_full = peak_rss_mb(ours_tree, env)
        quarter = sorted(p for p in tree.iterdir())[: max(1, len(list(tree.iterdir())) // 4)]
        rss_part = peak_rss_mb([*lint, "check", "--exit-zero", *map(str, quarter)], env)
        rows.append(Row(
            "peak memory per process (max RSS), quarter tree -> full tree",
            f"{rss_part:.0f} MB -> {rss_full:.0f} MB", "", "",
            f"<= {TARGET_RSS_MB:.0f} MB", max(rss_full, rss_part) <= TARGET_RSS_MB,
        ))
        notes.append(
            f"Tree: {n_findings} findings in backyard-lint's output, {rg_files} files with a "
            f"trigger for {rg_version(rg)} (rg -c, every core). backyard-lint used --jobs "
            "default (every core)."
        )
        shutil.rmtree(tree, ignore_errors=True)

        # 3. One small file.
        small = tmp / "notes.md"
        small.write_text(
            "# Release notes\n\nThis release makes the parser faster and fixes two bugs in the\n"
            "command line. See the changelog for the details.\n",
            encoding="utf-8",
        )
        warm()
        small_runs = alternate(
            {"ours": lambda: wall([*lint, "check", str(small)], env),
             "pass": lambda: wall([str(python), "-c", "pass"], env)},
            args.runs * 2,
        )
        ours, theirs = small_runs["ours"].median, small_runs["pass"].median
        rows.append(Row(
            "one small Markdown file: python -c pass",
            cell(small_runs["ours"]), cell(small_runs["pass"]),
            f"{ours / theirs:.1f}x python's start-up", f"<= {TARGET_SMALL} s",
            ours <= TARGET_SMALL,
        ))

        rows += _label_row_objects(args, corpus, tmp, python, lint, env)
    return _print_table(rows, notes, version, python_note)


def _label_row_objects(
    args: argparse.Namespace, corpus: Path, tmp: Path, python: Path, lint: list[str],
    env: dict[str, str],
) -> list[Row]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import perf_labels

    print("timing text with labels ...", file=sys.stderr)
    found = perf_labels.rows(
        corpus=corpus, tmp=tmp, python=python, lint=lint, env=env, sentences=SPRINKLES,
        dense_mb=args.dense_mb, wall=wall, peak_rss_mb=peak_rss_mb, runs=args.runs,
    )
    return [Row(*r) for r in found]


def _label_rows(
    args: argparse.Namespace, corpus: Path, tmp: Path, python: Path, lint: list[str],
    env: dict[str, str], rows: list[Row], version: str, python_note: str,
) -> int:
    rows += _label_row_objects(args, corpus, tmp, python, lint, env)
    return _print_table(rows, [], version, python_note)


def _print_table(rows: list[Row], notes: list[str], version: str, python_note: str) -> int:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nMachine: {machine()}; Python {version}, {python_note}; load average at the "
          f"end {load} (1 / 5 / 15 min).\n")
    print("| measurement | backyard-lint | other | ratio | target | met |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        met = "" if r.ok is None else ("yes" if r.ok else "**no**")
        print(f"| {r.what} | {r.ours} | {r.theirs} | {r.ratio} | {r.target} | {met} |")
    print()
    for note in notes:
        print(f"- {note}")
    print("- Wall time of the whole command, median of interleaved runs after a warm-up run "
          "(on the Rust book, backyard-lint five times a round); "
          "in brackets the CPU time (user + system, every process of the command), which a "
          "busy machine disturbs less.")
    failed = [r.what for r in rows if r.ok is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
