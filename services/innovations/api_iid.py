"""The IID's downloads (admin and verifier): `/api/v1/iid/<year>/export.xlsx`, the workbook to
enter into the national system, and `/api/v1/iid/<year>/evidence.zip`, the accepted evidence."""

from __future__ import annotations

from flask import Blueprint, Response
from sqlalchemy import select

from services.innovations import evidence, iid, iid_board, iid_export
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.errors import NotFound
from services.innovations.models import Evidence, IidAnswer, IidAnswerFile, Innovation
from services.innovations.models.iid import REGION
from services.innovations.pages.history_words import stage_name
from shared.web.auth import require_role, require_user
from shared.web.openapi import documented

bp = Blueprint("innovations_iid_api", __name__, url_prefix="/api/v1/iid")
TAGS = ("iid",)
READERS = ("admin", "verifier")
FIRST_YEAR, LAST_YEAR = 2018, 2100


def _reader(year: int) -> None:
    require_role(require_user(), *READERS)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NotFound()


def _download(data: bytes, mimetype: str, name: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/<int:year>/export.xlsx")
@documented(
    "The year's IID as a workbook (sheets Ringkasan, SPD, SID; Indonesian headers): admin and "
    "verifier",
    tags=TAGS,
    responses={200: iid_export.XLSX_TYPE},
)
def export(year: int) -> Response:
    _reader(year)
    with unit_of_work() as s:
        found = iid_board.figures(s, year)
        rows = s.scalars(
            iid_board.scope().order_by(Innovation.opd_name, Innovation.title, Innovation.id)
        )
        reported = [
            iid_export.Reported(r.id, r.title, r.opd_name, r.stage,
                                found.accepted.get(str(r.id), {}))
            for r in rows
        ]  # fmt: skip
        stages = {code: stage_name(code) for code in iid.REPORTING}
        data = iid_export.workbook(year, found.version, found.structure, found.index,
                                   found.accepted.get(REGION, {}), reported, stages)  # fmt: skip
    return _download(data, iid_export.XLSX_TYPE, f"iid-{year}.xlsx")


@bp.get("/<int:year>/evidence.zip")
@documented(
    "The year's accepted IID evidence, `<innovation-no>-<title-slug>/<indicator-no>-"
    "<indicator-slug>/<file>` (the region's under `daerah/`): admin and verifier",
    tags=TAGS,
    responses={200: "application/zip"},
)
def evidence_zip(year: int) -> Response:
    _reader(year)
    packed = []
    with unit_of_work() as s:
        structure, _ = iid.current(s, year)
        rows = s.execute(
            select(IidAnswer, Evidence, Innovation)
            .join(IidAnswerFile, IidAnswerFile.answer_id == IidAnswer.id)
            .join(Evidence, Evidence.id == IidAnswerFile.evidence_id)
            .outerjoin(Innovation, Innovation.id == IidAnswer.innovation_id)
            .where(IidAnswer.year == year, IidAnswer.status == "accepted")
            .order_by(IidAnswer.innovation_id, IidAnswer.indicator_no, Evidence.id)
        )
        for answer, row, innovation in rows:
            ind = structure.indicator(answer.indicator_no)
            folder = (f"{innovation.id}-{iid_export.slug(innovation.title)}"
                      if innovation else "daerah")  # fmt: skip
            packed.append(iid_export.Packed(folder, answer.indicator_no,
                                            ind.name if ind else "", row.filename,
                                            evidence.opened(row).data))  # fmt: skip
    return _download(iid_export.archive(packed), "application/zip", f"bukti-iid-{year}.zip")
