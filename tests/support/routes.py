"""The app's route table as the authorization tests read it: (endpoint, method) pairs, and a
concrete path for any rule (ids 1, the first choice of an `any(...)`, a word for a string)."""

from __future__ import annotations

import re

from flask import Flask
from werkzeug.routing import Rule

from tests.support.pages import csrf_of as csrf_of

Endpoint = tuple[str, str]
_ARG = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")


def served(app: Flask) -> dict[Endpoint, Rule]:
    """Every (endpoint, method) the app answers, with one of its rules."""
    found: dict[Endpoint, Rule] = {}
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.setdefault((rule.endpoint, method), rule)
    return found


def example_path(rule: Rule) -> str:
    def fill(match: re.Match[str]) -> str:
        converter, args = match.group(1), match.group(2)
        if converter == "int":
            return "1"
        if converter == "any" and args:
            return args.split(",")[0].strip().strip("'\"")
        return "contoh"

    return _ARG.sub(fill, rule.rule)
