"""Submission's Celery task: hearing events (the confirmations of its own deliveries are in
services/platform/confirmations.py)."""

from services.submission.consumers import CONSUMER
from shared.tasks import define_handle_event

handle_event = define_handle_event("submission", CONSUMER)
