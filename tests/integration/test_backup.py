"""`sipinda backup` → wipe → `sipinda restore`: everything readable and verifiable again."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from services.platform.backup import encode
from services.platform.registry import migration_sets
from shared.config import Settings
from shared.db import create_db_engine
from tests.support.deployment import Deployment
from tests.support.environment import sipinda_environment
from tests.support.servers import python_argv, wait_until

pytestmark = pytest.mark.integration


def sipinda(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        python_argv("-m", "services.platform.cli", *args), env=env, capture_output=True, text=True
    )


def everything(env: dict[str, str]) -> dict[str, list[str]]:
    """Every row of every table of every service, as comparable text, and every stored file."""
    settings = Settings.from_env(env)
    found: dict[str, list[str]] = {}
    for migrations in migration_sets():
        engine = create_db_engine(settings.database_url(migrations.name))
        with engine.connect() as connection:
            for table in migrations.metadata.sorted_tables:
                rows = connection.execute(table.select()).mappings()
                found[f"{migrations.name}.{table.name}"] = sorted(
                    json.dumps({k: encode(v) for k, v in r.items()}, sort_keys=True, default=str)
                    for r in rows
                )
        engine.dispose()
    storage = Path(settings.storage_url.removeprefix("file://"))
    found["files"] = sorted(
        f"{p.relative_to(storage)}:{hashlib.sha256(p.read_bytes()).hexdigest()}"
        for p in storage.rglob("*")
        if p.is_file()
    )
    return found


def backed_up_while_still(deployment: Deployment, archive: Path) -> dict[str, list[str]]:
    """Back up, and return what the deployment held, with nothing changing during the backup.

    The deployment is shared with earlier tests, whose letters and dossiers may still be rendering,
    and its worker's beats write their schedules every few seconds: a row or file written while
    the backup ran is in neither or only one of the two sides compared. So the workers stop first
    (a warm shutdown: what they began they finish), once every delivery is confirmed, and start
    again afterwards; with them stopped nothing writes (the relay has nothing left to send).
    """
    env = deployment.env
    for _ in range(5):
        wait_until(lambda: deployment.unconfirmed() == 0, timeout=90, what="the pipeline to settle")
        for worker in deployment.workers:
            worker.stop()
        if deployment.unconfirmed() == 0:  # nothing published while they were stopping
            break
        for worker in deployment.workers:
            worker.start()
    else:
        pytest.fail("the workers kept publishing events while they stopped")
    try:
        before = everything(env)
        made = sipinda(env, "backup", "--output", str(archive))
        assert made.returncode == 0, made.stderr
        assert "stored files" in made.stdout
        after = everything(env)
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"the deployment changed during the backup: {changed}"
        return before
    finally:
        for worker in deployment.workers:
            worker.start()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A second deployment's settings: its own databases and storage, nothing in them."""
    with sipinda_environment(tmp_path / "restored") as environment:
        yield {**Deployment(environment.vars, tmp_path / "restored").env}


def test_round_trip_restores_every_row_and_file(
    deployment: Deployment, empty: dict[str, str], tmp_path: Path
) -> None:
    innovator = deployment.login("inovator.dinkes@sipinda.test")
    title = f"Bank Sampah Digital {uuid.uuid4().hex[:6]}"
    proposal_id = innovator.submit_new_proposal(title)
    documents = f"/api/v1/proposals/{proposal_id}/documents"
    wait_until(lambda: innovator.get(documents).json(), timeout=90, what="the dossier")

    archive = tmp_path / "sipinda.tar.gz"
    original = backed_up_while_still(deployment, archive)

    restored = sipinda(empty, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    after = everything(empty)
    assert original["submission.proposals"], "the deployment had proposals to back up"
    assert after == original
    assert any(row for name, row in after.items() if name.startswith("documents."))

    # The restored deployment runs: the same login, the same proposal, the same PDF bytes.
    copy = Deployment(empty, Path(empty["SIPINDA_VAR_DIR"]).parent).start()
    try:
        again = copy.login("inovator.dinkes@sipinda.test")
        assert again.get(f"/api/v1/proposals/{proposal_id}").json()["title"] == title
        listed = again.get(documents).json()
        pdf = again.get(listed[0]["download_url"])
        assert hashlib.sha256(pdf.body).hexdigest() == listed[0]["sha256"]
        # …and the public verification page vouches for it as before.
        with copy.db("documents").session() as s:
            code = s.scalar(
                text("SELECT verification_code FROM documents WHERE id = :i"),
                {"i": listed[0]["id"]},
            )
        facts = copy.api().get(f"/api/v1/verify/{code}").json()
        assert (facts["sha256"], facts["status"]) == (listed[0]["sha256"], "valid")
        # New rows get new ids: the sequences continue after the restored ones.
        assert again.submit_new_proposal(f"Sesudah Pemulihan {uuid.uuid4().hex[:6]}") > proposal_id
    finally:
        copy.stop()


def test_restore_refuses_a_deployment_that_is_not_empty(
    deployment: Deployment, tmp_path: Path
) -> None:
    archive = tmp_path / "sipinda.tar.gz"
    assert sipinda(deployment.env, "backup", "-o", str(archive)).returncode == 0
    before = everything(deployment.env)
    refused = sipinda(deployment.env, "restore", str(archive))
    assert refused.returncode == 1
    assert "not empty" in refused.stderr
    assert everything(deployment.env)["submission.proposals"] == before["submission.proposals"]


def test_a_damaged_archive_is_refused_before_anything_is_written(
    empty: dict[str, str], tmp_path: Path
) -> None:
    archive = tmp_path / "bad.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        data = json.dumps(
            {"format": 1, "databases": {}, "parts": {"databases/x.jsonl": "0" * 64}}
        ).encode()
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    refused = sipinda(empty, "restore", str(archive))
    assert refused.returncode == 1
    assert "damaged" in refused.stderr
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not an archive")
    refused = sipinda(empty, "restore", str(garbage))
    assert refused.returncode == 1
    assert "not a SIPINDA backup" in refused.stderr
