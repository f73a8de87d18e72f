"""A small reader for nginx configuration: directives and blocks, enough to check structure.

nginx itself (`nginx -t`) is not installed where the tests run; this catches unbalanced
braces, missing semicolons and lets tests ask what a `server` or `location` block says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""\s*(?:(#[^\n]*)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([{};])|([^\s{};"']+))"""
)


class NginxSyntaxError(ValueError):
    pass


@dataclass
class Directive:
    name: str
    args: list[str]
    block: list[Directive] | None = None

    def find(self, name: str) -> list[Directive]:
        return [child for child in self.block or [] if child.name == name]

    def first(self, name: str) -> Directive:
        found = self.find(name)
        if not found:
            raise KeyError(f"no {name!r} in {self.name} {' '.join(self.args)}")
        return found[0]


@dataclass
class Config:
    directives: list[Directive] = field(default_factory=list)

    def find(self, name: str) -> list[Directive]:
        return [d for d in self.directives if d.name == name]


def _tokens(text: str) -> list[str]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise NginxSyntaxError(
                f"cannot read at offset {position}: {text[position : position + 20]!r}"
            )
        position = match.end()
        comment, quoted, punctuation, word = match.groups()
        if comment:
            continue
        if quoted:
            tokens.append(quoted[1:-1])
        elif punctuation or word:
            tokens.append(punctuation or word)
    return tokens


def parse(text: str) -> Config:
    tokens = _tokens(text)
    stack: list[list[Directive]] = [[]]
    current: list[str] = []
    for token in tokens:
        if token == ";":
            if not current:
                raise NginxSyntaxError("empty directive before ';'")
            stack[-1].append(Directive(current[0], current[1:]))
            current = []
        elif token == "{":
            if not current:
                raise NginxSyntaxError("block without a name")
            directive = Directive(current[0], current[1:], [])
            stack[-1].append(directive)
            stack.append(directive.block)  # type: ignore[arg-type]
            current = []
        elif token == "}":
            if current:
                raise NginxSyntaxError(f"missing ';' after {' '.join(current)!r}")
            if len(stack) == 1:
                raise NginxSyntaxError("'}' without a block")
            stack.pop()
        else:
            current.append(token)
    if current:
        raise NginxSyntaxError(f"missing ';' after {' '.join(current)!r}")
    if len(stack) != 1:
        raise NginxSyntaxError("unclosed block")
    return Config(stack[0])
