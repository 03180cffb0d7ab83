"""What the production deployment files promise: docker-compose.yml, deploy/ and env.example.

docker-compose.yml is read with PyYAML (anchors and `<<` merges as Compose reads them); where the
docker compose plugin is installed, a test also asks it.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.documents import letterhead
from shared.celery import celery_config
from shared.config import DATABASES, DEFAULT_SECRET, QUEUES, SERVICES, ConfigError, Settings

ROOT = Path(__file__).resolve().parents[3]
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
DOCKERFILE = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
NGINX = re.sub(r"#[^\n]*", "", (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"))
ENV_EXAMPLE = (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
# Every setting the application reads, as the deployment brief lists them.
SETTINGS = (
    "SIPINDA_ENV", "SECRET_KEY", "BASE_URL", "DATABASE_URL", "SUBMISSION_DATABASE_URL",
    "REVIEW_DATABASE_URL", "DOCUMENTS_DATABASE_URL", "NOTIFICATIONS_DATABASE_URL",
    "IDENTITY_DATABASE_URL", "REDIS_URL", "SIPINDA_REDIS_PREFIX", "SMTP_URL", "STORAGE_URL",
    "MAIL_FROM", "OUTBOX_REDELIVER_AFTER", "RELAY_INTERVAL", "EVALUATORS_PER_PROPOSAL", "PORT",
    "LETTERHEAD_GOVERNMENT", "LETTERHEAD_AGENCY", "LETTERHEAD_ADDRESS", "SIPINDA_SERVICE",
)  # fmt: skip
# …and every variable `Settings.from_env` reads, so a new setting cannot go undocumented.
READ_BY_SETTINGS = {
    *re.findall(r'env\.get\(\s*"([A-Z_]+)"', inspect.getsource(Settings.from_env)),
    *(f"{name.upper()}_DATABASE_URL" for name in DATABASES),
}
REQUIRED = {
    "SECRET_KEY": "k" * 64,
    "BASE_URL": "https://sipinda.test",
    "POSTGRES_PASSWORD": "pw",
    "MINIO_ROOT_PASSWORD": "mpw",
    "FLOWER_PASSWORD": "fpw",
}


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's `${VAR}`, `${VAR:-default}` (nested too) and `${VAR:?error}`."""
    out, i = [], 0
    while (start := value.find("${", i)) >= 0:
        depth, end = 0, start
        for end in range(start, len(value)):
            depth += value.startswith("${", end) - (value[end] == "}")
            if depth == 0:
                break
        name, op, arg = re.fullmatch(r"(\w+)(:-|:\?)?(.*)", value[start + 2 : end], re.S).groups()
        if env.get(name):
            out += [value[i:start], env[name]]
        elif op == ":?":
            raise LookupError(arg)
        else:
            out += [value[i:start], interpolate(arg, env) if op else ""]
        i = end + 1
    return "".join([*out, value[i:]])


COMPOSE = yaml.safe_load(COMPOSE_TEXT)
CONTAINERS: dict[str, Any] = COMPOSE["services"]
APP = sorted(n for n, c in CONTAINERS.items() if c.get("image", "").startswith("sipinda:"))


def container_env(**overrides: str) -> dict[str, str]:
    """The environment Compose gives a SIPINDA container when .env sets only the required values."""
    env = {**REQUIRED, **overrides}
    return {key: interpolate(value, env) for key, value in COMPOSE["x-environment"].items()}


def test_docker_compose_accepts_the_file() -> None:
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run([docker, "compose", "version"], capture_output=True).returncode
    ):
        pytest.skip("the docker compose plugin is not installed here")
    args = [docker, "compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"]
    done = subprocess.run(args, env={**os.environ, **REQUIRED}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


ONE_SHOTS = {"migrate", "minio-bucket"}  # run to completion at every `up`; others wait for them


@pytest.mark.parametrize("name", sorted(CONTAINERS))
def test_every_container_but_the_one_shots_reports_its_health(name: str) -> None:
    container = CONTAINERS[name]
    if name in ONE_SHOTS:
        assert container["restart"] == "no"
        assert container.get("healthcheck", {"disable": True}) == {"disable": True}
        return
    assert container["restart"] == "unless-stopped"
    assert container["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL")


@pytest.mark.parametrize("name", [n for n in APP if n != "migrate"])
def test_application_containers_start_after_migrations_succeed(name: str) -> None:
    assert CONTAINERS[name]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert "build" not in CONTAINERS[name]  # one image, built once by migrate


def test_migrate_builds_the_image_then_migrates_and_seeds() -> None:
    migrate = CONTAINERS["migrate"]
    assert migrate["build"] == {"context": ".", "dockerfile": "deploy/Dockerfile"}
    assert migrate["command"][-1] == "sipinda migrate && sipinda seed"


def test_redis_persists_queues_and_never_evicts_them() -> None:
    command = " ".join(CONTAINERS["redis"]["command"])
    for option in ("--appendonly yes", "--appendfsync everysec", "--maxmemory-policy noeviction"):
        assert option in command


def test_each_queue_has_a_worker_and_documents_renders_one_pdf_at_a_time() -> None:
    workers = [c for c in CONTAINERS.values() if c.get("command", [""])[1:2] == ["worker"]]
    queues = {q: c for c in workers for q in c["command"][3].split(",")}
    assert sorted(queues) == sorted(QUEUES)
    # Confirmations on a light worker, never behind a render.
    assert "documents" not in queues["confirmations"]["command"][3]
    documents = queues["documents"]
    assert documents["command"][-2:] == ["--concurrency", "1"]
    assert documents["mem_limit"]
    settings = Settings.from_env({})
    assert celery_config(settings, "redis://redis:6379/0")["worker_prefetch_multiplier"] == 1


def test_each_service_has_its_own_web_serving_its_routes() -> None:
    webs = {
        c["environment"]["SIPINDA_SERVICE"]: c
        for c in CONTAINERS.values()
        if "SIPINDA_SERVICE" in c.get("environment", {})
    }
    assert sorted(webs) == sorted(SERVICES)
    for web in webs.values():
        assert web["command"][0] == "gunicorn"
        assert web["command"][-1] == "services.platform.wsgi:app"
        assert "/readyz" in web["healthcheck"]["test"][-1]


def test_containers_start_in_production_with_only_the_required_settings() -> None:
    settings = Settings.from_env(container_env())
    assert settings.production
    assert {settings.database_url(name) for name in DATABASES} == {
        "postgresql://sipinda:pw@postgres:5432/sipinda"
    }
    assert (settings.redis_url, settings.smtp_url) == (
        "redis://redis:6379/0",
        "smtp://mailpit:1025",
    )
    assert letterhead.load(container_env()) == letterhead.CILEGON  # empty lines keep the default


def test_no_secret_has_a_default() -> None:
    for name in ("SECRET_KEY", "BASE_URL"):
        with pytest.raises(LookupError, match=name):
            container_env(**{name: ""})
    with pytest.raises(ConfigError):
        Settings.from_env(container_env(SECRET_KEY=DEFAULT_SECRET))
    postgres_password = CONTAINERS["postgres"]["environment"]["POSTGRES_PASSWORD"]
    assert postgres_password.startswith("${POSTGRES_PASSWORD:?")
    for text in (COMPOSE_TEXT, DOCKERFILE, ENV_EXAMPLE):
        assert DEFAULT_SECRET not in text
        assert not re.search(r"://\w+:(?![$<])[^@\s/]+@", text)  # a literal password in a URL
    assert re.search(r"^SECRET_KEY=$", ENV_EXAMPLE, re.M)
    assert re.search(r"^POSTGRES_PASSWORD=$", ENV_EXAMPLE, re.M)
    assert not re.search(r"^(ENV|ARG)\b.*(SECRET|PASSWORD)", DOCKERFILE, re.M)


@pytest.mark.parametrize("name", sorted({*SETTINGS, *READ_BY_SETTINGS}))
def test_env_example_documents_every_setting(name: str) -> None:
    assert re.search(rf"^#?\s*{name}=", ENV_EXAMPLE, re.M)


@pytest.mark.parametrize("name", [name for name in SETTINGS if name != "SIPINDA_SERVICE"])
def test_every_setting_reaches_every_application_container(name: str) -> None:
    for container in APP:
        assert name in CONTAINERS[container]["environment"], container


def route(uri: str) -> str:
    """The upstream nginx picks: an exact match, else a regex location that matches, else the
    longest prefix."""
    locations = re.findall(r"location\s+([=~]\s+)?(\S+)\s*\{\s*proxy_pass\s+http://(\w+);", NGINX)
    for modifier, pattern, upstream in locations:
        if modifier.strip() == "=" and uri == pattern:
            return upstream
    for modifier, pattern, upstream in locations:
        if modifier.strip() == "~" and re.search(pattern, uri):
            return upstream
    prefixes = [(p, u) for modifier, p, u in locations if not modifier and uri.startswith(p)]
    return max(prefixes, key=lambda prefix: len(prefix[0]))[1]


def service_paths() -> list[tuple[str, str]]:
    """A sample path for every route each service's web serves that the others do not."""
    from services.platform.web import create_web_app

    rules = {s: {r.rule for r in create_web_app(s).url_map.iter_rules()} for s in SERVICES}
    samples = []
    for service, own in rules.items():
        everywhere = set.intersection(*rules.values())
        for rule in sorted(own - everywhere):
            sample = re.sub(r"<int:\w+>", "7", rule)
            sample = re.sub(r"<any\(([\w]+)[^>]*\)?:\w+>", r"\1", sample)
            samples.append((re.sub(r"<(?:\w+:)?\w+>", "x", sample), service))
    return samples


def test_nginx_sends_every_route_to_the_service_that_serves_it(
    sipinda_env: dict[str, str],
) -> None:
    upstreams = dict(re.findall(r"upstream\s+(\w+)\s*\{[^}]*?server\s+([\w.-]+):8000", NGINX))
    wrong = [
        (path, service, CONTAINERS[upstreams[route(path)]]["environment"]["SIPINDA_SERVICE"])
        for path, service in service_paths()
        if CONTAINERS[upstreams[route(path)]]["environment"]["SIPINDA_SERVICE"] != service
    ]
    assert wrong == [], "(path, served by, nginx sends to)"


@pytest.mark.parametrize(
    ("uri", "service"),
    [
        ("/", "submission"),
        ("/api/v1/proposals/7", "submission"),
        ("/api/v1/proposals/7/documents", "documents"),
        ("/documents/3/download", "documents"),
        ("/verify/3f2a", "documents"),
        ("/review/", "review"),
        ("/api/v1/review/assignments", "review"),
        ("/dev/mailbox", "notifications"),
        ("/notifications/", "notifications"),
        ("/api/v1/notifications", "notifications"),
        # The admin's account pages are identity's, served on the portal (submission's web)
        # beside the sign-in pages, whose session and tables they share.
        ("/admin/accounts", "submission"),
        ("/admin/accounts/7/deactivate", "submission"),
        # The dashboard's figure cards and their JSON, each from the service owning the numbers.
        ("/admin/summary/proposals", "submission"),
        ("/api/v1/admin/summary/submission", "submission"),
        ("/review/admin/summary", "review"),
        ("/api/v1/review/admin/summary", "review"),
    ],
)
def test_nginx_sends_each_path_to_the_web_of_its_service(uri: str, service: str) -> None:
    upstreams = dict(re.findall(r"upstream\s+(\w+)\s*\{[^}]*?server\s+([\w.-]+):8000", NGINX))
    container = CONTAINERS[upstreams[route(uri)]]
    assert container["environment"]["SIPINDA_SERVICE"] == service


def test_nginx_takes_uploads_of_60_megabytes_and_forwards_the_client() -> None:
    assert re.search(r"client_max_body_size\s+60m;", NGINX)
    for header in ("Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP"):
        assert re.search(rf"proxy_set_header\s+{header}\s", NGINX)


def test_image_is_slim_runs_as_a_user_and_can_render_pdfs() -> None:
    assert "FROM python:3.11-slim-bookworm" in DOCKERFILE
    for library in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libfontconfig1"):
        assert library in DOCKERFILE
    assert re.findall(r"^USER\s+(\S+)", DOCKERFILE, re.M)[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK\s", DOCKERFILE, re.M)
    assert re.search(r"pip install (--no-deps )?\.", DOCKERFILE)
    assert 'pip install ".[production]"' in DOCKERFILE  # S3 storage and Flower
