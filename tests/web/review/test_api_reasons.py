"""Why an evaluator was chosen, in the API: the staff get `reason` in the request's language
(Accept-Language) and `reasons`, each code with its values; the evaluator gets neither."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from services.review import reasons as why
from tests.support.review import admit
from tests.web.review.test_api import token


def test_the_admin_reads_the_reason_in_their_language_with_its_codes(
    client: FlaskClient, emails: dict[int, str], stored_reason: Callable[[int, str], None]
) -> None:
    [a, _], _ = admit(emails)
    stored_reason(a.id, why.encode([why.score(0.1234), why.avoided(2), why.institution("Untirta")]))
    path = f"/api/v1/review/assignments/{a.id}"
    admin = token(client, "admin@sipinda.test")
    english = client.get(path, headers={**admin, "Accept-Language": "en"}).json
    assert english["reason"] == (
        "score 0.1234; 2 evaluator(s) passed over for a conflict; the only one from Untirta"
    )
    assert english["reasons"] == [
        {"code": "score", "score": 0.1234},
        {"code": "avoided", "count": 2},
        {"code": "institution", "institution": "Untirta"},
    ]
    indonesian = client.get(path, headers={**admin, "Accept-Language": "id"}).json
    assert indonesian["reason"] == (
        "skor 0,1234; 2 evaluator dihindari karena konflik; satu-satunya dari institusi Untirta"
    )
    assert indonesian["reasons"] == english["reasons"]
    assert client.get(path, headers=admin).json["reason"] == indonesian["reason"]  # the default
    mine = client.get(path, headers=token(client, emails[a.evaluator_id])).json
    assert "reason" not in mine
    assert "reasons" not in mine


def test_an_assignment_from_before_codes_keeps_its_text_and_has_no_codes(
    client: FlaskClient, emails: dict[int, str], stored_reason: Callable[[int, str], None]
) -> None:
    [a, _], _ = admit(emails)
    written = "kemiripan teks 0,000, skor 0,000; beban 0 dari 10; tanpa konflik instansi"
    stored_reason(a.id, written)
    path = f"/api/v1/review/assignments/{a.id}"
    admin = token(client, "admin@sipinda.test")
    reply = client.get(path, headers={**admin, "Accept-Language": "en"}).json
    assert (reply["reason"], reply["reasons"]) == (written, [])
