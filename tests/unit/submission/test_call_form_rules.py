"""Every rule of the call editor, each refused on the field it belongs to, and the weight rule
of CallDefinition itself (pure)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from pydantic import ValidationError

from services.submission.call_form import from_definition
from services.submission.call_form_rules import problems_of, to_definition
from services.submission.call_templates import demo_call
from services.submission.definition import CallDefinition
from shared.timezone import WIB

DEMO = demo_call(
    2030, datetime(2030, 1, 1, tzinfo=WIB), datetime(2030, 6, 30, 23, 59, 59, tzinfo=WIB)
)


def refused(change: dict[str, str]) -> dict[str, tuple[str, dict[str, Any]]]:
    form = from_definition(DEMO)
    for name, value in change.items():
        parts = name.split("-")
        if len(parts) == 3 and parts[1].isdigit():
            form.rows[parts[0]][int(parts[1])][parts[2]] = value
        else:
            form.values[name] = value
    definition, problems = to_definition(form)
    assert definition is None
    return problems


@pytest.mark.parametrize(
    ("change", "field", "key"),
    [
        ({"aspects-1-weight": "30"}, "weights", "callform.weights_total"),
        ({"aspects-1-weight": "0"}, "aspects-1-weight", "callform.weight_needed"),
        ({"aspects-0-weight": "5"}, "aspects-0-weight", "callform.weight_unscored"),
        ({"aspects-1-weight": "sepuluh"}, "aspects-1-weight", "callform.weight_not_number"),
        ({"aspects-1-weight": "120"}, "aspects-1-weight", "callform.between"),
        ({"aspects-1-min_words": "9", "aspects-1-max_words": "3"}, "aspects-1-max_words",
         "callform.min_above_max"),
        ({"aspects-2-title": "Ringkasan"}, "aspects-2-title", "callform.title_twice"),
        ({"aspects-2-title": ""}, "aspects-2-title", "field.required"),
        ({"closes_at": "2029-12-31T00:00"}, "closes_at", "callform.closes_before_opens"),
        ({"opens_at": "besok"}, "opens_at", "callform.not_a_date"),
        ({"year": "1999"}, "year", "callform.between"),
        ({"evaluators_per_proposal": "2.5"}, "evaluators_per_proposal", "callform.whole_number"),
        ({"scale_max": "1"}, "scale_max", "callform.scale_order"),
        ({"max_total_mb": "5"}, "max_total_mb", "callform.total_below_file"),
        ({"bands-1-low": "3"}, "bands-1-low", "callform.band_overlap"),
        ({"bands-3-high": "11"}, "bands-3-low", "callform.band_off_scale"),
        ({"bands-0-high": "0"}, "bands-0-high", "callform.band_order"),
        ({"profile-0-options": " \n "}, "profile-0-options", "callform.options_needed"),
        ({"profile-1-label": "Tahapan inovasi"}, "profile-1-label", "callform.title_twice"),
        ({"check-started_field": "tahapan"}, "check-started_field", "callform.row_gone"),
        ({"check-min_age_years": "30"}, "check-min_age_years", "callform.between"),
    ],
)  # fmt: skip
def test_each_rule_is_refused_on_its_field(change: dict[str, str], field: str, key: str) -> None:
    problems = refused(change)
    assert problems[field][0] == key, problems


def test_the_total_is_said_in_percent() -> None:
    assert refused({"aspects-1-weight": "30"})["weights"] == (
        "callform.weights_total",
        {"total": "120"},
    )


def test_a_call_needs_a_scored_aspect() -> None:
    form = from_definition(DEMO)
    for row in form.rows["aspects"]:
        row["scored"], row["weight"] = "", "0"
    assert to_definition(form)[1] == {"aspects": ("callform.no_scored_aspect", {})}


def base(**change: Any) -> dict[str, Any]:
    return {
        "name": "X",
        "year": 2030,
        "opens_at": "2030-01-01T00:00:00",
        "closes_at": "2030-02-01T00:00:00",
        "aspects": [
            {"key": "ringkasan", "title": "Ringkasan", "scored": False},
            {"key": "a", "title": "A", "weight": 0.3},
            {"key": "b", "title": "B", "weight": 0.7},
        ],
    } | change


@pytest.mark.parametrize(
    "aspects",
    [
        [{"key": "a", "title": "A", "weight": 0.6}, {"key": "b", "title": "B", "weight": 0.6}],
        [{"key": "a", "title": "A", "weight": 1.0}, {"key": "b", "title": "B"}],
        [{"key": "a", "title": "A", "weight": 1.0}, {"key": "b", "title": "B", "weight": 0.1,
                                                     "scored": False}],
        [],
    ],
)  # fmt: skip
def test_the_definition_refuses_weights_that_do_not_total_one(aspects: list[Any]) -> None:
    CallDefinition.model_validate(base())
    with pytest.raises(ValidationError) as caught:
        CallDefinition.model_validate(base(aspects=aspects))
    assert "aspects" in problems_of(caught.value)


def test_the_total_tolerates_float_sums_and_stored_versions_stay_readable() -> None:
    thirds = [{"key": k, "title": k, "weight": 0.1} for k in "abcdefghij"]
    assert len(CallDefinition.model_validate(base(aspects=thirds)).aspects) == 10
    old = base(aspects=[{"key": "a", "title": "A", "weight": 0.6}])
    assert CallDefinition.stored(old).aspects[0].weight == 0.6
