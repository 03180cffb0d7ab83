"""A small JSON-over-HTTP client for tests that talk to a real server (urllib, no extra deps)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Api:
    def __init__(self, base_url: str, token: str | None = None, language: str = "id") -> None:
        self.base_url, self.token, self.language = base_url.rstrip("/"), token, language
        self.headers: dict[str, str] = {}  # sent with every request (X-Request-ID, …)

    def request(
        self, method: str, path: str, payload: Any = None, raw: bytes | None = None
    ) -> Reply:
        data = (
            raw if raw is not None else (None if payload is None else json.dumps(payload).encode())
        )
        headers = {"Accept-Language": self.language, "Accept": "application/json", **self.headers}
        if data is not None:
            headers.setdefault("Content-Type", "application/json")
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        req = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return Reply(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read())

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, payload: Any = None) -> Reply:
        return self.request("POST", path, payload)

    def put(self, path: str, payload: Any) -> Reply:
        return self.request("PUT", path, payload)

    def patch(self, path: str, payload: Any) -> Reply:
        return self.request("PATCH", path, payload)

    def login(self, email: str, password: str) -> Api:
        reply = self.post("/api/v1/auth/token", {"email": email, "password": password})
        assert reply.status == 200, reply.body
        return Api(self.base_url, reply.json()["access_token"], self.language)

    def submit_new_proposal(self, title: str) -> int:
        """Create a proposal and submit it (201, then 202); returns its id."""
        created = self.post("/api/v1/proposals", {"title": title, "summary": f"Ringkasan {title}."})
        assert created.status == 201, created.body
        proposal_id: int = created.json()["id"]
        submitted = self.post(f"/api/v1/proposals/{proposal_id}/submit")
        assert submitted.status == 202, submitted.body
        return proposal_id
