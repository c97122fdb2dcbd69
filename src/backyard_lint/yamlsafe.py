"""Loading a user's YAML (rule files, configuration) with bounds: a file is refused, with one
line, when its aliases would expand it past :data:`MAX_NODES` values (an "alias bomb": a few
hundred bytes that expand to gigabytes), when it nests deeper than :data:`MAX_DEPTH`, or when
an alias refers to the collection that holds it. The bounds are checked on the composed
document, before any Python object is built, so no such file costs memory or time."""

from __future__ import annotations

from typing import Any

MAX_DEPTH = 100  # a rule or configuration nests 4 or 5 levels deep
MAX_NODES = 100_000  # values once every alias is expanded; a large rule file has a few hundred


class YamlLimit(ValueError):
    """A document past the bounds; ``str()`` is the one-line reason."""


def load(text: str) -> Any:
    """The document in ``text``, built by PyYAML's safe loader (the C one when available).
    Raises ``yaml.YAMLError`` for a syntax error and :class:`YamlLimit` past the bounds."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # the pure-Python composer on deep nesting
            raise YamlLimit(f"nested more than {MAX_DEPTH} levels deep") from None
        if node is None:
            return None
        check(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def check(root: Any) -> None:
    """Raise :class:`YamlLimit` when the node graph under ``root``, aliases expanded, is too
    deep, too large or cyclic. Iterative: deep input cannot exhaust the interpreter's stack."""
    sizes: dict[int, int] = {}  # a node's expanded size, once known (an alias is counted again)
    open_: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        children = _children(node)
        if leaving:
            open_.discard(key)
            size = 1 + sum(sizes[id(c)] for c in children)
            if size > MAX_NODES:
                raise YamlLimit(
                    f"expands to more than {MAX_NODES:,} values (aliases repeat a large part)"
                )
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in open_:
            raise YamlLimit("an alias refers to the collection that contains it")
        if len(open_) >= MAX_DEPTH:
            raise YamlLimit(f"nested more than {MAX_DEPTH} levels deep")
        open_.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: Any) -> list[Any]:
    value = node.value
    if not isinstance(value, list):
        return []  # a scalar
    out: list[Any] = []
    for item in value:
        if isinstance(item, tuple):  # a mapping's (key, value)
            out.extend(item)
        else:
            out.append(item)
    return out
