"""Progress reports in the JSON API: `/api/v1/innovations/<id>/reports` (an innovation's
reports, and a new one: figures as rows; its evidence files are sent on the page)."""

from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint, Response, jsonify
from pydantic import BaseModel, ConfigDict, Field

from services.innovations import report_forms, report_rules, reports
from services.innovations.errors import Invalid
from shared.web.auth import require_user
from shared.web.body import json_body
from shared.web.openapi import documented

bp = Blueprint("innovations_reports_api", __name__, url_prefix="/api/v1/innovations")
TAGS = ("innovations",)


class FigureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1, max_length=report_rules.LABEL_MAX)
    value: str = Field(min_length=1, max_length=report_rules.VALUE_MAX)
    unit: str = Field(default="", max_length=report_rules.UNIT_MAX)


class ReportIn(BaseModel):
    """A progress report for one of the admin's schedules (at least one figure)."""

    model_config = ConfigDict(extra="forbid")

    schedule_id: int
    done: str = Field(min_length=1, max_length=report_forms.TEXT_MAX)
    beneficiaries: str = Field(default="", max_length=report_forms.TEXT_MAX)
    figures: list[FigureIn] = Field(min_length=1, max_length=report_rules.MAX_FIGURES)


class FigureOut(BaseModel):
    label: str
    value: str
    unit: str


class FileOut(BaseModel):
    id: int
    filename: str
    size: int
    path: str


class ReportOut(BaseModel):
    id: int
    innovation_id: int
    schedule_id: int
    schedule_title: str
    due_on: date
    done: str
    beneficiaries: str
    figures: list[FigureOut]
    files: list[FileOut]
    submitter_name: str
    submitted_at: datetime

    @classmethod
    def of(cls, v: reports.ReportView) -> ReportOut:
        base = f"/innovations/{v.innovation_id}/reports/{v.id}/files"
        return cls(
            id=v.id, innovation_id=v.innovation_id, schedule_id=v.schedule_id,
            schedule_title=v.schedule_title, due_on=v.due_on, done=v.done,
            beneficiaries=v.beneficiaries,
            figures=[FigureOut(label=f.label, value=f.value, unit=f.unit) for f in v.figures],
            files=[FileOut(id=f.id, filename=f.filename, size=f.size, path=f"{base}/{f.id}")
                   for f in v.files],
            submitter_name=v.submitter_name, submitted_at=v.submitted_at,
        )  # fmt: skip


@bp.get("/<int:innovation_id>/reports")
@documented("An innovation's progress reports, the latest first (whoever may read it)",
            tags=TAGS, responses={200: list[ReportOut]})  # fmt: skip
def index(innovation_id: int) -> Response:
    found = reports.of_innovation(require_user(), innovation_id)
    return jsonify([ReportOut.of(v).model_dump(mode="json") for v in found])


@bp.post("/<int:innovation_id>/reports")
@documented("Send a progress report (the innovation's team or its agency's operator)",
            tags=TAGS, body=ReportIn, responses={201: ReportOut})  # fmt: skip
def create(innovation_id: int) -> tuple[Response, int]:
    user = require_user()
    body = json_body(ReportIn)
    figures = tuple(report_rules.Figure(f.label.strip(), f.value.strip(), f.unit.strip())
                    for f in body.figures)  # fmt: skip
    if not all(f.label and f.value for f in figures):
        raise Invalid(problems={"figures": ("innovations.reports.figures_required", {})})
    data = report_forms.ReportData(body.done.strip(), body.beneficiaries.strip(), figures)
    report_id = reports.submit(user, innovation_id, body.schedule_id, data, named=True)
    view = reports.get(user, innovation_id, report_id)
    return jsonify(ReportOut.of(view).model_dump(mode="json")), 201
