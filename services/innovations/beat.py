"""The innovations beat (`shared/beat.py`): the daily scan for progress reports due, at 07:00
Jakarta time, from `innovation_beat_schedule`, in every worker that consumes the innovations
queue (firings are claimed in the database, so any number of workers fire each run once).
What is due lives in the database (`innovation_report_schedules`, the reminders sent), so a
schedule the admin changes takes effect at the next scan; saving a schedule also sends the
reminders already due for it at once."""

from __future__ import annotations

from datetime import timedelta

from services.innovations.models import SCHEDULE
from shared.beat import Beat, Default, next_wib_hour

REMINDERS_TASK = "innovations.send_report_reminders"
SCAN_HOUR_WIB = 7

BEAT = Beat(
    "innovations",
    SCHEDULE,
    (Default("report-reminders", REMINDERS_TASK, timedelta(days=1), next_wib_hour(SCAN_HOUR_WIB)),),
)
