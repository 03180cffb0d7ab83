"""Every service's handlers are keyed by the event class their second parameter is typed with,
and each service listens to what the routing table sends it."""

from __future__ import annotations

import inspect
import typing

import pytest

from services.documents.consumers import CONSUMER as DOCUMENTS
from services.notifications.consumers import CONSUMER as NOTIFICATIONS
from services.review.consumers import CONSUMER as REVIEW
from services.submission.consumers import CONSUMER as SUBMISSION
from shared.consumer import Consumer
from shared.events import SUBSCRIBERS, Event


@pytest.mark.parametrize("consumer", [SUBMISSION, REVIEW, DOCUMENTS, NOTIFICATIONS])
def test_each_handler_receives_the_event_class_it_is_keyed_by(consumer: Consumer) -> None:
    for kind, handler in consumer.handlers.items():
        hints = typing.get_type_hints(handler)
        event_param = list(inspect.signature(handler).parameters)[1]
        declared = hints[event_param]
        assert isinstance(declared, type)
        assert issubclass(kind, declared), f"{handler.__qualname__} takes {declared}, keyed {kind}"
        assert declared is kind or declared is Event


@pytest.mark.parametrize("consumer", [SUBMISSION, REVIEW, DOCUMENTS, NOTIFICATIONS])
def test_a_service_handles_exactly_the_events_routed_to_it(consumer: Consumer) -> None:
    routed = {name for name, services in SUBSCRIBERS.items() if consumer.service in services}
    assert {kind.name for kind in consumer.handlers} == routed
