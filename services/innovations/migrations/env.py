"""Alembic environment: the shared one, fed by shared.migrations."""

from shared.migrations import run_env

run_env()
