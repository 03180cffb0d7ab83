"""`sipinda`: every subcommand is there, the services' own ones included."""

from __future__ import annotations

import argparse

import pytest

from services.platform.cli import parser


def subcommands() -> set[str]:
    (sub,) = (a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_the_platform_and_service_commands_are_all_offered() -> None:
    assert {
        "run", "migrate", "makemigrations", "seed", "relay", "worker", "backup", "restore",
        "smtp-sink", "assign", "import-evaluators", "review-scan", "notifications-beat", "import",
    } <= subcommands()  # fmt: skip


def test_help_exits_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args(["--help"])
    assert stopped.value.code == 0
    assert "sipinda" in capsys.readouterr().out
