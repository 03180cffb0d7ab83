"""Notifications: tells innovators, evaluators and admins what happened, once, in their language.

Hears the flow's events (`notices.py` maps each to its notices), keeps each notice as a row (the
in-app inbox), e-mails it over SMTP with retries from a database-scheduled beat (`beat.py`),
posts it to a signed webhook when configured, and publishes `notification.sent`.
"""
