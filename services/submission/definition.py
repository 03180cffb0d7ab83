"""A call's settings as data: what a proposal in it must contain and how it is judged.

Pure: no database, no Flask. A `CallDefinition` is stored whole with each call version, so a
submitted proposal is always read against the version it was submitted under.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from shared.timezone import WIB

Key = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$")]
Text = Annotated[str, Field(min_length=1, max_length=300)]
# How far the scored weights' sum may be from 1 (100 %) and still be 100 %: float sums of
# percentages typed by hand (0.1 + 0.2 ...) are never exact.
WEIGHT_TOLERANCE = 1e-6


def _in_jakarta(moment: datetime) -> datetime:
    """A moment without an offset is a Jakarta (WIB) wall-clock time, as the admin typed it."""
    return moment.replace(tzinfo=WIB) if moment.tzinfo is None else moment


JakartaTime = Annotated[datetime, AfterValidator(_in_jakarta)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Aspect(Strict):
    """One written part of the proposal, scored with `weight` (a fraction, 0.15 = 15 %)."""

    key: Key
    title: Text
    help: str = Field(default="", max_length=2000)
    weight: float = Field(default=0.0, ge=0, le=1)
    min_words: int | None = Field(default=None, ge=1)
    max_words: int | None = Field(default=None, ge=1)
    # Characters, counted on the server: what bounds a dossier's size whatever the words are.
    # Unset: `content.char_limit` derives one from the word limit.
    max_chars: int | None = Field(default=None, ge=1, le=100_000)
    required: bool = True
    supporting_files: bool = False
    # Read but not scored (the summary, say): published to review with weight 0.
    scored: bool = True

    @property
    def scored_weight(self) -> float:
        """The weight review scores it with: 0 for an aspect that is read, not scored."""
        return self.weight if self.scored else 0.0


class Band(Strict):
    """One band of the score scale and what a score in it means: 1–3 "Kurang", say."""

    low: int = Field(ge=0, le=1000)
    high: int = Field(ge=0, le=1000)
    label: Annotated[str, Field(min_length=1, max_length=60)]
    description: str = Field(default="", max_length=300)


class ProfileField(Strict):
    """One field of the innovation profile: free text, a choice, several choices, or a date."""

    key: Key
    label: Text
    kind: Literal["text", "longtext", "choice", "choices", "date"] = "text"
    options: tuple[str, ...] = ()
    required: bool = True
    min_words: int | None = Field(default=None, ge=1)
    max_words: int | None = Field(default=None, ge=1)
    max_chars: int | None = Field(default=None, ge=1, le=100_000)
    help: str = Field(default="", max_length=2000)


class RequiredAttachment(Strict):
    key: Key
    label: Text
    required: bool = True


class CheckSettings(Strict):
    """The verifier's administrative checklist; `enabled` false admits a proposal at submit."""

    enabled: bool = True
    min_age_years: int = Field(default=2, ge=0, le=20)
    started_field: str | None = "waktu_penerapan"
    decree_attachment: str | None = "sk_inovator"
    duplicate_years: int = Field(default=2, ge=0, le=10)


class CallDefinition(Strict):
    name: Text
    year: int = Field(ge=2000, le=2100)
    opens_at: JakartaTime
    closes_at: JakartaTime
    groups: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    aspects: tuple[Aspect, ...] = ()
    profile: tuple[ProfileField, ...] = ()
    attachments: tuple[RequiredAttachment, ...] = ()
    evaluators_per_proposal: int = Field(default=3, ge=1, le=15)
    blind: bool = False
    scale_min: int = Field(default=1, ge=0)
    scale_max: int = Field(default=10, ge=1, le=1000)
    review_days: int = Field(default=14, ge=1, le=120)
    max_file_mb: int = Field(default=10, ge=1, le=50)
    max_total_mb: int = Field(default=50, ge=1, le=500)
    check: CheckSettings = CheckSettings()
    # The scale's bands with their descriptors, shown beside each score field.
    bands: tuple[Band, ...] = ()
    # Whether an evaluator who has submitted sees the other evaluators' scores and the spread.
    reveal_scores: bool = True
    # Uji publik: after the announcement the admin opens an objection window of this many
    # calendar days; the decisions are final (and certificates issued) only once it closes.
    public_objection: bool = False
    objection_days: int = Field(default=5, ge=1, le=30)

    @classmethod
    def stored(cls, data: object) -> CallDefinition:
        """A version as it was stored: read even if written before a rule existed (a call whose
        weights did not total 100 %, say), so its proposals stay readable."""
        return cls.model_validate(data, context={"stored": True})

    @field_validator("aspects")
    @classmethod
    def _weighted(cls, aspects: tuple[Aspect, ...], info: ValidationInfo) -> tuple[Aspect, ...]:
        if isinstance(info.context, dict) and info.context.get("stored"):
            return aspects
        problem = weights_problem(aspects)
        if problem:
            raise ValueError(problem)
        return aspects

    @model_validator(mode="after")
    def _consistent(self) -> CallDefinition:
        if self.closes_at <= self.opens_at:
            raise ValueError("closes_at must be after opens_at")
        if self.scale_max <= self.scale_min:
            raise ValueError("scale_max must be above scale_min")
        keys = [a.key for a in self.aspects] + [f.key for f in self.profile]
        if len(keys) != len(set(keys)):
            raise ValueError("aspect and profile keys must be unique")
        if len({a.key for a in self.attachments}) != len(self.attachments):
            raise ValueError("attachment keys must be unique")
        items: list[Aspect | ProfileField] = [*self.aspects, *self.profile]
        for item in items:
            if item.min_words and item.max_words and item.min_words > item.max_words:
                raise ValueError(f"{item.key}: min_words above max_words")
        for field in self.profile:
            if field.kind in {"choice", "choices"} and not field.options:
                raise ValueError(f"{field.key}: a choice needs options")
        _check_bands(self.bands, self.scale_min, self.scale_max)
        return self

    def deadline(self, override: datetime | None = None) -> datetime:
        """The last second a proposal may be submitted: the call's, or a later one granted."""
        return max(self.closes_at, override) if override else self.closes_at


def weights_problem(aspects: tuple[Aspect, ...]) -> str | None:
    """Why the aspects cannot be scored with their weights, or None: a scored aspect weighs
    more than 0, one read but not scored weighs 0, and the scored weights total 100 %."""
    for aspect in aspects:
        if aspect.scored and aspect.weight <= 0:
            return f"{aspect.key}: a scored aspect needs a weight above 0"
        if not aspect.scored and aspect.weight != 0:
            return f"{aspect.key}: an aspect that is not scored has weight 0"
    total = sum(a.weight for a in aspects if a.scored)
    if abs(total - 1) >= WEIGHT_TOLERANCE:
        return f"the scored weights total {total:.4g}, not 1"
    return None


def _check_bands(bands: tuple[Band, ...], low: int, high: int) -> None:
    """Bands lie on the scale, in order, without overlapping."""
    previous: Band | None = None
    for band in bands:
        if band.low > band.high:
            raise ValueError(f"band {band.label}: low above high")
        if band.low < low or band.high > high:
            raise ValueError(f"band {band.label}: outside the scale")
        if previous is not None and band.low <= previous.high:
            raise ValueError(f"band {band.label}: overlaps the band before it")
        previous = band


def attachment_title(definition: CallDefinition | None, kind: str) -> str | None:
    """What the call calls an attachment kind: a required attachment's label, or the title of the
    aspect an `aspect:<key>` file supports (None for `other` and kinds the call does not know)."""
    if definition is None:
        return None
    for required in definition.attachments:
        if required.key == kind:
            return required.label
    key = kind.removeprefix("aspect:")
    if key != kind:
        return next((a.title for a in definition.aspects if a.key == key), None)
    return None
