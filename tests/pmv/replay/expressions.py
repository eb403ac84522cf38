"""GitHub Actions expressions: `${{ ... }}` in a workflow, and the bare ones of `if:`.

The subset the project's workflows use, evaluated as GitHub documents it
(https://docs.github.com/en/actions/reference/workflows-and-actions/expressions): literals,
property paths (`needs.versions.outputs.matrix`, `matrix.python`), `!`, `==`, `!=`, `&&`,
`||`, parentheses, and the functions fromJSON, toJSON, contains, startsWith, endsWith,
format, and the status checks success(), failure(), always(), cancelled(). A path that
names nothing is null, as on GitHub. Anything else is an ExpressionError, never a guess.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?\d+(?:\.\d+)?)|(?P<op>==|!=|&&|\|\||[!().,\[\]])"
    r"|(?P<name>[A-Za-z_][\w-]*))"
)
TEMPLATE = re.compile(r"\$\{\{(.*?)\}\}", re.S)
STATUS = ("success", "failure", "always", "cancelled")


class ExpressionError(ValueError):
    pass


def tokens(text: str) -> list[tuple[str, str]]:
    found, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ExpressionError(f"cannot read {text[position:]!r} in {text!r}")
        kind = match.lastgroup
        found.append((kind, match[kind]))
        position = match.end()
    return found


class Evaluator:
    """Evaluates one expression against the contexts and the job's status."""

    def __init__(self, contexts: Mapping[str, Any], status: Callable[[str], bool]):
        self.contexts = contexts
        self.status = status

    def evaluate(self, text: str) -> Any:
        self.tokens = tokens(text)
        self.text = text
        self.at = 0
        value = self.either()
        if self.at != len(self.tokens):
            raise ExpressionError(f"unexpected {self.tokens[self.at][1]!r} in {text!r}")
        return value

    def peek(self) -> str | None:
        return self.tokens[self.at][1] if self.at < len(self.tokens) else None

    def take(self, wanted: str | None = None) -> tuple[str, str]:
        if self.at >= len(self.tokens):
            raise ExpressionError(f"{self.text!r} ends too soon")
        token = self.tokens[self.at]
        if wanted is not None and token[1] != wanted:
            raise ExpressionError(f"expected {wanted!r}, found {token[1]!r} in {self.text!r}")
        self.at += 1
        return token

    def either(self) -> Any:
        value = self.both()
        while self.peek() == "||":
            self.take()
            other = self.both()
            value = value if truthy(value) else other
        return value

    def both(self) -> Any:
        value = self.unary()
        while self.peek() == "&&":
            self.take()
            other = self.unary()
            value = other if truthy(value) else value
        return value

    def unary(self) -> Any:
        if self.peek() == "!":
            self.take()
            return not truthy(self.unary())
        return self.comparison()

    def comparison(self) -> Any:
        value = self.primary()
        if self.peek() in ("==", "!="):
            op = self.take()[1]
            other = self.primary()
            same = loose_equal(value, other)
            return same if op == "==" else not same
        return value

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind == "number":
            return float(text) if "." in text else int(text)
        if text == "(":
            value = self.either()
            self.take(")")
            return value
        if kind != "name":
            raise ExpressionError(f"unexpected {text!r} in {self.text!r}")
        if text in ("true", "false"):
            return text == "true"
        if text == "null":
            return None
        if self.peek() == "(":
            return self.call(text)
        value = self.contexts.get(text)
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                key = self.take()[1]
            else:
                key = self.either()
                self.take("]")
            value = value.get(key) if isinstance(value, Mapping) else None
        return value

    def call(self, name: str) -> Any:
        self.take("(")
        args = []
        while self.peek() != ")":
            args.append(self.either())
            if self.peek() == ",":
                self.take()
        self.take(")")
        lowered = name.lower()
        if lowered in STATUS:
            return self.status(lowered)
        if lowered == "fromjson":
            return json.loads(args[0])
        if lowered == "tojson":
            return json.dumps(args[0])
        if lowered == "contains":
            haystack, needle = args
            if isinstance(haystack, list):
                return any(loose_equal(item, needle) for item in haystack)
            return str(needle).lower() in str(haystack).lower()
        if lowered == "startswith":
            return str(args[0]).lower().startswith(str(args[1]).lower())
        if lowered == "endswith":
            return str(args[0]).lower().endswith(str(args[1]).lower())
        if lowered == "format":
            return re.sub(r"\{(\d+)\}", lambda m: text_of(args[1 + int(m[1])]), args[0])
        raise ExpressionError(f"the function {name}() is not one the replay knows")


def truthy(value: Any) -> bool:
    return value not in (None, False, 0, "", 0.0)


def loose_equal(a: Any, b: Any) -> bool:
    """GitHub compares strings case-insensitively, and other types by value."""
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    return a == b


def text_of(value: Any) -> str:
    """A value as `${{ }}` writes it into a string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def substitute(text: str, evaluator: Evaluator) -> Any:
    """A string with its `${{ }}` filled in; a string that is one expression keeps its value's
    type (a matrix from fromJSON stays a mapping)."""
    whole = TEMPLATE.fullmatch(text.strip())
    if whole:
        return evaluator.evaluate(whole[1])
    return TEMPLATE.sub(lambda m: text_of(evaluator.evaluate(m[1])), text)


def condition(text: Any, evaluator: Evaluator) -> bool:
    """An `if:` as GitHub reads it: `${{ }}` optional, success() implied unless it checks a
    status itself."""
    if text is None:
        return evaluator.status("success")
    if isinstance(text, bool):
        return text
    text = str(text).strip()
    whole = TEMPLATE.fullmatch(text)
    expression = whole[1] if whole else text
    if not re.search(r"\b(success|failure|always|cancelled)\s*\(", expression, re.I):
        expression = f"success() && ({expression})"
    return truthy(evaluator.evaluate(expression))
