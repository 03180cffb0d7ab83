"""A documents worker warms WeasyPrint before its pool forks: the house style and its fonts
are loaded once per process and every template is compiled, so render children start warm.
Other workers leave it alone."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from services.documents import rendering, tasks


@pytest.fixture
def cold() -> Iterator[None]:
    rendering.house_style.cache_clear()
    yield
    gc.unfreeze()


def worker_on(*queues: str) -> SimpleNamespace:
    """What `worker_init` hands its receivers, as far as the warm-up looks."""
    selected = SimpleNamespace(consume_from={q: object() for q in queues})
    return SimpleNamespace(app=SimpleNamespace(amqp=SimpleNamespace(queues=selected)))


def test_the_house_style_and_its_fonts_load_once_per_process(cold: None) -> None:
    rendering.warm_up()
    style = rendering.house_style()
    assert rendering.house_style() is style
    assert "sipinda-asset:pdf.css" in style.fetcher.requested
    fonts = [u for u in style.fetcher.requested if u.startswith("sipinda-asset:fonts/")]
    assert {"sipinda-asset:fonts/Caladea-Regular.ttf", "sipinda-asset:fonts/Caladea-Bold.ttf",
            "sipinda-asset:fonts/SourceSansPro-Regular.ttf"} <= set(fonts)  # fmt: skip
    assert len(fonts) == len(set(fonts))  # each file fetched once
    assert style.fetcher.refused == []


def test_warming_up_compiles_every_template(cold: None) -> None:
    rendering.warm_up()
    cache = rendering._environment.cache
    assert cache is not None
    compiled = {template.name for template in cache.values()}
    assert set(rendering._environment.list_templates()) <= compiled


def test_only_a_worker_on_the_documents_queue_warms_up(cold: None) -> None:
    tasks._warm_renderer(worker_on("review", "notifications"))
    assert rendering.house_style.cache_info().currsize == 0
    tasks._warm_renderer(worker_on("submission", "documents"))
    assert rendering.house_style.cache_info().currsize == 1
    assert gc.get_freeze_count() > 0
