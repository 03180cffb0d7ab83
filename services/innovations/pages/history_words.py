"""An innovation's history in words: one sentence per kind of line (each key written out, so
the catalogue's extraction sees it), with its link when it names something to open. A kind not
known here (added later) reads as a general sentence, never as its key."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from services.innovations.models import InnovationHistory
from shared import formats
from shared.web.i18n import current_language, translate


@dataclass(frozen=True)
class Line:
    at: datetime
    kind: str
    text: str
    href: str | None = None
    link_text: str | None = None


def stage_name(code: object) -> str:
    """A stage in words ("Uji coba"), never its code."""
    names = {
        "inisiatif": translate("innovations.stage.inisiatif"),
        "uji_coba": translate("innovations.stage.uji_coba"),
        "penerapan": translate("innovations.stage.penerapan"),
    }
    return names.get(str(code), translate("innovations.stage.other"))


def decision_name(code: object) -> str:
    names = {
        "winner": translate("innovations.decision.winner"),
        "finalist": translate("innovations.decision.finalist"),
        "not_selected": translate("innovations.decision.not_selected"),
    }
    return names.get(str(code), translate("innovations.decision.other"))


def document_name(code: object) -> str:
    names = {
        "sertifikat": translate("innovations.document.sertifikat"),
        "berita_acara_tahap": translate("innovations.document.berita_acara_tahap"),
        "monev": translate("innovations.document.monev"),
        "pengumuman": translate("innovations.document.pengumuman"),
    }
    return names.get(str(code), translate("innovations.document.other"))


def day(text: object) -> str:
    try:
        return formats.day(date.fromisoformat(str(text)[:10]), current_language())
    except ValueError:
        return str(text or "")


def stage_date(stage: str, on: date | None) -> str:
    """ "Uji coba, 3 Maret 2026" (the stage alone when its day is not known)."""
    if on is None:
        return stage_name(stage)
    return translate("innovations.stage.with_date", stage=stage_name(stage),
                     day=formats.day(on, current_language()))  # fmt: skip


def _proposal(d: Mapping[str, Any]) -> tuple[str, str]:
    pid = d.get("proposal_id")
    return f"/proposals/{pid}", translate("innovations.history.open_proposal", id=pid)


def _call(d: Mapping[str, Any]) -> str:
    """The call by its name; by its number when the line was written before names were kept."""
    if d.get("call_name"):
        return str(d["call_name"])
    return translate("innovations.call_number", id=d.get("call_id") or "—")


def _registered(d: Mapping[str, Any]) -> Line:
    return _line(translate("innovations.history.registered", by=d.get("by") or "—"))


def _linked(d: Mapping[str, Any]) -> Line:
    how = d.get("how")
    if how == "merged":
        text = translate("innovations.history.linked_merged", id=d.get("proposal_id"))
    elif how == "same_title":
        text = translate("innovations.history.linked_same_title", id=d.get("proposal_id"),
                         call=_call(d))  # fmt: skip
    else:
        text = translate("innovations.history.linked_created", id=d.get("proposal_id"),
                         call=_call(d))  # fmt: skip
    return _line(text, *_proposal(d))


def _unlinked(d: Mapping[str, Any]) -> Line:
    text = translate("innovations.history.unlinked", id=d.get("proposal_id"), to=d.get("to"))
    return _line(text, f"/innovations/{d.get('to')}", translate("innovations.history.open_other"))


def _version(d: Mapping[str, Any]) -> Line:
    text = translate("innovations.history.proposal_version", id=d.get("proposal_id"),
                     version=d.get("version_no"))  # fmt: skip
    return _line(text, *_proposal(d))


def _decision(d: Mapping[str, Any]) -> Line:
    if d.get("rank"):
        text = translate("innovations.history.decision_ranked", id=d.get("proposal_id"),
                         decision=decision_name(d.get("decision")), rank=d.get("rank"),
                         call=_call(d))  # fmt: skip
    else:
        text = translate("innovations.history.decision", id=d.get("proposal_id"),
                         decision=decision_name(d.get("decision")),
                         call=_call(d))  # fmt: skip
    return _line(text, *_proposal(d))


def _document(d: Mapping[str, Any]) -> Line:
    text = translate("innovations.history.document", document=document_name(d.get("kind")),
                     number=d.get("number") or "—")  # fmt: skip
    path = str(d.get("download_path") or "")
    return _line(text, path or None, translate("innovations.history.download") if path else None)


def _stage(d: Mapping[str, Any]) -> Line:
    if d.get("trial_on"):
        text = translate("innovations.history.stage_both", trial=day(d.get("trial_on")),
                         on=day(d.get("on")), by=d.get("by") or "—")  # fmt: skip
    else:
        text = translate("innovations.history.stage_changed", stage=stage_name(d.get("stage")),
                         on=day(d.get("on")), by=d.get("by") or "—")  # fmt: skip
    href = None
    if d.get("change_id"):
        href = f"berita-acara/{d.get('change_id')}"  # relative: completed by the page
    return _line(text, href, translate("innovations.history.signed_copy") if href else None)


def _edited(d: Mapping[str, Any]) -> Line:
    return _line(translate("innovations.history.edited", by=d.get("by") or "—"))


def _report(d: Mapping[str, Any]) -> Line:
    text = translate("innovations.history.report", schedule=d.get("schedule") or "—",
                     by=d.get("by") or "—")  # fmt: skip
    href = f"reports/{d.get('report_id')}" if d.get("report_id") else None  # relative, as above
    return _line(text, href, translate("innovations.history.open_report") if href else None)


def _monev_assigned(d: Mapping[str, Any]) -> Line:
    return _line(translate("innovations.history.monev_assigned", team=d.get("team") or "—",
                           year=d.get("year") or "—"))  # fmt: skip


def _monev_visit(d: Mapping[str, Any]) -> Line:
    text = translate("innovations.history.monev_visit", team=d.get("team") or "—",
                     on=day(d.get("visited_on")))  # fmt: skip
    if not d.get("visit_id"):
        return _line(text)
    return _line(text, f"/innovations/monev/visits/{d.get('visit_id')}",
                 translate("innovations.history.open_visit"))  # fmt: skip


def _iid(d: Mapping[str, Any]) -> dict[str, Any]:
    return {"year": d.get("year") or "—", "n": d.get("n") or 0,
            "indicator": d.get("indicator") or "—", "name": d.get("name") or "—",
            "reason": d.get("reason") or "—"}  # fmt: skip


def _iid_saved(d: Mapping[str, Any]) -> Line:
    return _line(translate("innovations.history.iid_saved", **_iid(d)))


def _iid_submitted(d: Mapping[str, Any]) -> Line:
    return _line(translate("innovations.history.iid_submitted", **_iid(d)))


def _iid_accepted(d: Mapping[str, Any]) -> Line:
    return _line(translate("innovations.history.iid_accepted", **_iid(d)))


def _iid_returned(d: Mapping[str, Any]) -> Line:
    return _line(translate("innovations.history.iid_returned", **_iid(d)))


def _line(text: str, href: str | None = None, link_text: str | None = None) -> Line:
    return Line(datetime.min, "", text, href, link_text)


SENTENCES: dict[str, Callable[[Mapping[str, Any]], Line]] = {
    "registered": _registered,
    "linked": _linked,
    "unlinked": _unlinked,
    "proposal_version": _version,
    "decision": _decision,
    "document": _document,
    "stage_changed": _stage,
    "edited": _edited,
    "report": _report,
    "monev_assigned": _monev_assigned,
    "monev_visit": _monev_visit,
    "iid_saved": _iid_saved,
    "iid_submitted": _iid_submitted,
    "iid_accepted": _iid_accepted,
    "iid_returned": _iid_returned,
}


def line(row: InnovationHistory) -> Line:
    """The history line `row` in the reader's language."""
    word = SENTENCES.get(row.kind)
    try:
        made = word(row.detail or {}) if word else _line(translate("innovations.history.other"))
    except (KeyError, ValueError, TypeError):
        made = _line(translate("innovations.history.other"))
    href = made.href
    if href and href.startswith(("berita-acara/", "reports/")):
        href = f"/innovations/{row.innovation_id}/{href}"
    return Line(row.at, row.kind, made.text, href, made.link_text)
