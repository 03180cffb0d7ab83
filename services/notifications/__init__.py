"""Notifications: tells innovators, evaluators and admins what happened, once, in their language.

Hears the flow's events (`drafting.py` says whom each tells what), queues each notice as a row
(`queueing.py`; the in-app inbox), e-mails it over SMTP with retries from a database-scheduled
beat (`delivery.py`, `beat.py`), posts it to a signed webhook when configured, and publishes
`notification.sent`.
"""
