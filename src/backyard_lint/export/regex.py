"""Rule patterns (RE2 syntax) rewritten for the engines other tools use.

``for_vale`` gives Vale's syntax (Go-style, with look-around): only ``\\pZ`` must become
``\\p{Z}``. ``for_javascript`` gives a JavaScript pattern for prh, which compiles every pattern
with the ``gmu`` flags and no way to set a flag for part of a pattern: case-insensitive parts
are spelt out (``[kK][iI]...``), groups become non-capturing, and a dot-all ``.`` becomes
``[^]``. A construct that has no translation raises ``ExportError`` (a rule file's problem, so
the export names the rule).

A pattern that must also find another pattern in the same sentence becomes a look-behind that
looks for it anywhere in the text the tool hands to the pattern (``sentence_condition``). A rule
that names its powers (the ``powers`` hint) gives "its backyard" to the power named nearest
before the pronoun, as backyard-lint's ``owner`` reading does for "its", "his" and "her"
(``owner_condition``).
"""

from __future__ import annotations

import re

from backyard_lint.model import Rule


class ExportError(Exception):
    """A rule that cannot be exported; ``str()`` is one line naming the rule."""


_FLAG_GROUP = re.compile(r"\(\?([imsU-]*)(:|\))")
_PROPERTY = re.compile(r"\\([pP])(\{\^?\w+\}|\w)")
_JS_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
_KEPT_ESCAPES = frozenset("dDsSwWbBntrfv0")
_PRONOUN_IN_SOURCE = re.compile(r"(?<![a-z])(?:its|his|her)(?![a-z])", re.IGNORECASE)


def _property(match: re.Match[str]) -> str:
    name = match.group(2)
    return f"\\{match.group(1)}{name if name.startswith('{') else '{' + name + '}'}"


def for_vale(regex: str, *, ignore_case: bool) -> str:
    """``regex`` for Vale: one-letter Unicode classes braced; case-insensitive when asked."""
    out = _PROPERTY.sub(_property, regex)
    return f"(?i:{out})" if ignore_case else out


def sentence_condition(pattern: str, sentence: str, *, any_char: str) -> str:
    """``pattern``, matched only where ``sentence`` matches somewhere in the same text.

    ``any_char`` is the engine's spelling of "any character, line breaks included"."""
    return f"(?<=^(?={any_char}*?(?:{sentence})){any_char}*)(?:{pattern})"


def owner_condition(rule: Rule, *, javascript: bool) -> str:
    """For a rule with a ``powers`` hint: a look-around that fails where the match begins with
    "its", "his" or "her" and the power named nearest before it is another power (the word
    list ``powers``). Empty for a rule without the hint. "Their" (a people, or two powers) is
    left to the rule's own conditions."""
    from backyard_lint.readings.common import LEX
    from backyard_lint.readings.lexicon import alternation

    own = {p.lower() for p in rule.hint("powers")}
    if not own:
        return ""
    every = [*LEX.entries("powers"), *rule.hint("powers")]
    others = [p for p in every if p.lower() not in own]
    write = for_javascript if javascript else for_vale
    any_char = "[^]" if javascript else r"[\s\S]"

    def name(names: list[str]) -> str:
        return rf"(?<![\w.])(?:{write(alternation(names), ignore_case=False)})(?!\w)"

    pronoun = write(r"\b(?:its|his|her)\b", ignore_case=True)
    nearest_other = f"{name(others)}(?:(?!{name(every)}){any_char})*"
    return f"(?:(?!{pronoun})|(?<!{nearest_other}))"


def _case_pair(ch: str) -> str:
    lo, up = ch.lower(), ch.upper()
    if lo == up or len(lo) != 1 or len(up) != 1:
        return ch
    return lo + up


class _JsWriter:
    """One pass over an RE2 pattern, keeping a stack of case-insensitive flags."""

    def __init__(self, regex: str, ignore_case: bool) -> None:
        self.src = regex
        self.pos = 0
        self.out: list[str] = []
        self.case_insensitive = ignore_case
        self.dot_all = False
        self.stack: list[tuple[bool, bool]] = []

    def fail(self, what: str) -> ExportError:
        return ExportError(f"cannot write {what} at offset {self.pos} for JavaScript")

    def run(self) -> str:
        src = self.src
        while self.pos < len(src):
            ch = src[self.pos]
            if ch == "\\":
                self.out.append(self.escape(in_class=False))
            elif ch == "[":
                self.out.append(self.char_class())
            elif ch == "(":
                self.open_group()
            elif ch == ")":
                if not self.stack:
                    raise self.fail("an unbalanced ')'")
                self.case_insensitive, self.dot_all = self.stack.pop()
                self.out.append(")")
                self.pos += 1
            elif ch == "{":
                end = src.find("}", self.pos)
                if end < 0 or not re.fullmatch(r"\{\d*,?\d*\}", src[self.pos : end + 1]):
                    self.out.append("\\{")
                    self.pos += 1
                else:
                    self.out.append(src[self.pos : end + 1])
                    self.pos = end + 1
            else:
                self.out.append(self.literal(ch))
                self.pos += 1
        if self.stack:
            raise self.fail("an unclosed group")
        return "".join(self.out)

    def literal(self, ch: str) -> str:
        if ch == ".":
            return "[^]" if self.dot_all else "."
        if ch in "]}":
            return "\\" + ch
        if self.case_insensitive:
            pair = _case_pair(ch)
            if len(pair) == 2:
                return f"[{pair}]"
        return ch

    def open_group(self) -> None:
        src = self.src
        self.stack.append((self.case_insensitive, self.dot_all))
        if not src.startswith("(?", self.pos):
            self.out.append("(?:")
            self.pos += 1
            return
        match = _FLAG_GROUP.match(src, self.pos)
        if match is None or match.group(2) == ")":
            raise self.fail(f"the group {src[self.pos : self.pos + 4]!r}")
        on, _, off = match.group(1).partition("-")
        if set(on + off) - set("is"):
            raise self.fail(f"the flags {match.group(1)!r}")
        if "i" in on:
            self.case_insensitive = True
        if "i" in off:
            self.case_insensitive = False
        if "s" in on:
            self.dot_all = True
        if "s" in off:
            self.dot_all = False
        self.out.append("(?:")
        self.pos = match.end()

    def escape(self, *, in_class: bool) -> str:
        src = self.src
        if self.pos + 1 >= len(src):
            raise self.fail("a trailing backslash")
        nxt = src[self.pos + 1]
        prop = _PROPERTY.match(src, self.pos)
        if prop:
            self.pos = prop.end()
            return _property(prop)
        self.pos += 2
        if nxt in _KEPT_ESCAPES and not (in_class and nxt in "bB"):
            return "\\" + nxt
        if nxt == "x":
            hexa = re.match(r"\{([0-9a-fA-F]+)\}|[0-9a-fA-F]{2}", src[self.pos :])
            if hexa is None:
                raise self.fail("a '\\x' escape")
            self.pos += hexa.end()
            return f"\\u{{{hexa.group(1)}}}" if hexa.group(1) else f"\\x{hexa.group(0)}"
        if nxt.isalnum():
            raise self.fail(f"the escape '\\{nxt}'")
        if nxt in _JS_SYNTAX or (in_class and nxt == "-"):
            return "\\" + nxt
        return nxt

    def char_class(self) -> str:
        src = self.src
        self.pos += 1
        negated = src.startswith("^", self.pos)
        if negated:
            self.pos += 1
        items: list[str] = []
        first = True
        while True:
            if self.pos >= len(src):
                raise self.fail("an unclosed '['")
            ch = src[self.pos]
            if ch == "]" and not first:
                self.pos += 1
                break
            first = False
            if src.startswith("[:", self.pos):
                raise self.fail("a POSIX class")
            if ch == "\\":
                items.append(self.escape(in_class=True))
                continue
            self.pos += 1
            is_range = src.startswith("-", self.pos) and self.pos + 1 < len(src)
            if is_range and src[self.pos + 1] != "]":
                end = src[self.pos + 1]
                if end == "\\":
                    raise self.fail("a range that ends in an escape")
                self.pos += 2
                items.append(self.class_range(ch, end))
            else:
                items.append(self.class_char(ch))
        return "[" + ("^" if negated else "") + "".join(items) + "]"

    def class_char(self, ch: str) -> str:
        if ch in _CLASS_SPECIAL:
            return "\\" + ch
        return _case_pair(ch) if self.case_insensitive else ch

    def class_range(self, lo: str, hi: str) -> str:
        text = f"{_class_escape(lo)}-{_class_escape(hi)}"
        if self.case_insensitive and lo.isascii() and hi.isascii():
            if lo.islower() and hi.islower():
                text += f"{lo.upper()}-{hi.upper()}"
            elif lo.isupper() and hi.isupper():
                text += f"{lo.lower()}-{hi.lower()}"
        return text


_CLASS_SPECIAL = frozenset("[]\\-^/")


def _class_escape(ch: str) -> str:
    return "\\" + ch if ch in _CLASS_SPECIAL else ch


def for_javascript(regex: str, *, ignore_case: bool) -> str:
    """``regex`` as a JavaScript pattern for the ``u`` flag (without ``i``)."""
    return _JsWriter(regex, ignore_case).run()


def rule_patterns(rule: Rule, *, javascript: bool) -> list[str]:
    """Each of ``rule``'s patterns for the target engine, with its sentence condition, in the
    order an alternation of them needs (see ``_longer_first``)."""
    patterns = [_translated(rule, p.regex, p.sentence, javascript) for p in rule.patterns]
    return [patterns[i] for i in _longer_first(rule)]


def rule_exceptions(rule: Rule, *, javascript: bool) -> list[str]:
    """Each of ``rule``'s exception patterns for the target engine."""
    return [_translated(rule, e, "", javascript, exception=True) for e in rule.exceptions]


def _translated(
    rule: Rule, regex: str, sentence: str, javascript: bool, *, exception: bool = False
) -> str:
    write = for_javascript if javascript else for_vale
    ignore_case = not rule.case_sensitive
    try:
        out = write(regex, ignore_case=ignore_case)
        if not exception and _PRONOUN_IN_SOURCE.search(regex):
            out = owner_condition(rule, javascript=javascript) + out
        if sentence:
            condition = write(sentence, ignore_case=ignore_case)
            out = sentence_condition(out, condition, any_char="[^]" if javascript else r"[\s\S]")
    except ExportError as exc:
        raise ExportError(f"{rule.path or rule.id}: rule {rule.id}: {exc}") from None
    return out


def _longer_first(rule: Rule) -> list[int]:
    """The indexes of ``rule``'s patterns, a pattern that gives a longer match than another at
    the same place in the rule's examples first: an alternation takes the first alternative
    that matches, where backyard-lint keeps the longest match."""
    import re2

    opts = re2.Options()
    opts.case_sensitive = rule.case_sensitive
    compiled = [re2.compile(p.regex, opts) for p in rule.patterns]
    wins = [0] * len(compiled)
    for text in (*rule.examples_bad, *rule.examples_good):
        ends = [{m.start(): m.end() for m in c.finditer(text)} for c in compiled]
        for i, mine in enumerate(ends):
            for j, theirs in enumerate(ends):
                wins[i] += sum(1 for s, e in mine.items() if i != j and theirs.get(s, e) < e)
    return sorted(range(len(compiled)), key=lambda i: -wins[i])
