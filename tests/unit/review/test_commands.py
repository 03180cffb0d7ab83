"""`sipinda assign`: the documented JSON format in and out, institutions, bad input refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from services.platform.cli import main


def test_command_line_reads_and_writes_the_documented_format(tmp_path: Path) -> None:
    problem = {
        "k": 1,
        "proposals": [{"id": "p1", "opd": "kel-a1", "topics": [], "text": ""}],
        "reviewers": [
            {"id": "r1", "opd": "kec-a", "topics": [], "text": "", "kind": "academic",
             "min_load": 0, "max_load": 1},
            {"id": "r2", "opd": "dinkes", "topics": [], "text": "", "kind": "academic",
             "min_load": 0, "max_load": 1},
        ],
        "opd_parents": {"kel-a1": "kec-a"},
        "scores": [["p1", "r1", 9], ["p1", "r2", 2]],
    }  # fmt: skip
    source, target = tmp_path / "problem.json", tmp_path / "result.json"
    source.write_text(json.dumps(problem))
    assert main(["assign", "--input", str(source), "--output", str(target)]) == 0
    result = json.loads(target.read_text())
    assert result["status"] == "optimal"
    assert result["objective"] == 2
    assert [(a["proposal"], a["reviewer"]) for a in result["assignments"]] == [("p1", "r2")]


def test_command_line_refuses_bad_input_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "problem.json"
    source.write_text("{not json")
    assert main(["assign", "--input", str(source)]) == 2
    assert "masukan tidak valid" in capsys.readouterr().err


def test_the_command_reads_institutions(tmp_path: Path) -> None:
    problem = {
        "k": 2,
        "one_per_institution": True,
        "proposals": [{"id": "p1", "topics": ["kesehatan"], "text": "posyandu"}],
        "reviewers": [
            {"id": "a", "topics": ["kesehatan"], "text": "posyandu", "institution": "univ"},
            {"id": "b", "topics": ["kesehatan"], "text": "posyandu", "institution": "univ"},
            {"id": "c", "topics": [], "text": "jalan"},
        ],
    }
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(json.dumps(problem), encoding="utf-8")
    assert main(["assign", "--input", str(source), "--output", str(target)]) == 0
    result = json.loads(target.read_text(encoding="utf-8"))
    chosen = sorted(a["reviewer"] for a in result["assignments"])
    assert chosen in (["a", "c"], ["b", "c"])
    assert any("satu-satunya dari institusi univ" in r for a in result["assignments"]
               for r in a["reasons"])  # fmt: skip
    # the command speaks Indonesian: its scores with a decimal comma and four decimals
    for a in result["assignments"]:
        assert [r for r in a["reasons"] if re.fullmatch(r"skor -?[0-9]+,[0-9]{4}", r)], a
