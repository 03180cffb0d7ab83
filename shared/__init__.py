"""SIPINDA's shared kernel: configuration, database and Celery factories, event contracts,
the outbox and inbox, identity (users, roles, agencies) and the base web layer.

It holds plumbing and contracts only; it imports no service.
"""
