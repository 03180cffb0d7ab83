"""WeasyPrint's C array types (`hb_codepoint_t[N]`, one length per font subset) come from
cffi's type cache without its C parser, and are the very types the parser gives."""

from __future__ import annotations

from typing import Any

import pytest

from services.documents import weasy
from services.documents.weasy import ffi


def parsed(cdecl: str) -> Any:
    """The type as cffi's own parser builds it."""
    with ffi._lock:
        return ffi._get_cached_btype(ffi._parser.parse_type(cdecl))


def test_the_cache_is_installed() -> None:
    assert weasy.FAST_ARRAY_TYPES, "cffi's internals changed: revisit services/documents/weasy.py"


@pytest.mark.parametrize("cdecl", ["hb_codepoint_t[4211]", "hb_tag_t[777]", "int[3]"])
def test_array_types_are_the_parsers_own(cdecl: str) -> None:
    assert ffi.typeof(cdecl) is parsed(cdecl)


def test_arrays_of_a_known_item_need_no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    ffi.typeof("hb_codepoint_t[1]")  # the item type, parsed once

    def refuse(cdecl: str) -> None:
        raise AssertionError(f"parsed {cdecl!r}")

    monkeypatch.setattr(ffi._parser, "parse_type", refuse)
    array = ffi.new("hb_codepoint_t[5003]", [7] * 5003)
    assert ffi.sizeof(array) == 5003 * 4
    assert array[5002] == 7


def test_other_types_take_the_usual_path() -> None:
    assert ffi.typeof("hb_codepoint_t *") is parsed("hb_codepoint_t *")
    with pytest.raises(KeyError):
        ffi._parsed_types["not a type["]
