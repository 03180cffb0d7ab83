"""What the score form puts beside each aspect: the scale's bands with what a score in each
means, the aspect's supporting files (named neutrally for a blind reader), and whether the call
shows an evaluator the others' scores once theirs is in. Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from services.review.scoring import CallSettings

# Opened in the browser (a PDF in its viewer, an image shown); anything else is downloaded.
PDF = "application/pdf"
IMAGES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
# An old Office file keeps its author where nothing can clean it: a blind reader is not given it.
UNCLEANABLE = frozenset({"application/x-ole-storage"})
ASPECT = "aspect:"


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str
    description: str

    def holds(self, score: float) -> bool:
        """A score in this band (one between two whole bands belongs to the lower)."""
        return self.low <= score < self.high + 1


@dataclass(frozen=True)
class File:
    """A file the evaluator opens: `name` None for a blind reader (the page numbers it)."""

    id: int
    name: str | None
    href: str
    shown: str  # "pdf", "image" or "download"
    size: int
    label: str = ""  # the kind of file in the call's words


def bands(call: CallSettings) -> tuple[Band, ...]:
    """The call's bands, as `call.published` carried them in its settings."""
    return tuple(
        Band(int(b["low"]), int(b["high"]), str(b["label"]), str(b.get("description") or ""))
        for b in call.extra.get("bands") or ()
    )


def band_of(found: Sequence[Band], score: float) -> Band | None:
    return next((b for b in found if b.holds(score)), None)


def reveals(call: CallSettings) -> bool:
    """Whether an evaluator whose review is in sees the others' scores and the spread."""
    return bool(call.extra.get("reveal_scores", True))


def files_by_aspect(
    files: Sequence[Mapping[str, Any]], proposal_id: int, blind: bool
) -> dict[str, list[File]]:
    """The version's files by the aspect they support ("" for the rest). A blind reader gets
    the aspects' files only, without their names: the others (a decree naming the team, say)
    are the verifier's."""
    out: dict[str, list[File]] = defaultdict(list)
    for f in files:
        kind, content_type = str(f.get("kind") or ""), str(f.get("content_type") or "")
        aspect = kind.removeprefix(ASPECT) if kind.startswith(ASPECT) else ""
        if blind and (not aspect or content_type in UNCLEANABLE):
            continue
        shown = "pdf" if content_type == PDF else "image" if content_type in IMAGES else "download"
        file_id = int(f["id"])
        out[aspect].append(
            File(
                id=file_id,
                name=None if blind else str(f.get("filename") or ""),
                href=f"/proposals/{proposal_id}/attachments/{file_id}/view",
                shown=shown,
                size=int(f.get("size") or 0),
                label=str(f.get("label") or ""),
            )
        )
    return dict(out)
