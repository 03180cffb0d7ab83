"""Notifications: tells evaluators and innovators what happened to a proposal.

Hears `review.assigned` and `document.ready`, queues one notification per recipient,
sends it by e-mail over SMTP with retries, and publishes `notification.sent`.
"""
