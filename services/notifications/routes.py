"""Notifications' pages: the development mailbox (never in production)."""

from __future__ import annotations

from flask import Blueprint, render_template

from services.notifications.devmail import read_mailbox
from shared import runtime

bp = Blueprint("notifications", __name__, template_folder="templates")


@bp.get("/dev/mailbox")
def mailbox() -> str:
    """Every mail the embedded SMTP sink received, newest first. Registered outside production
    only: it is the sink of a development machine, where every address is a demo one."""
    mails = read_mailbox(runtime.settings().var_dir / "mailbox")
    return render_template("notifications/mailbox.html", mails=mails[:200], total=len(mails))
