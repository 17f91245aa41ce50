import json

import pytest

from forum.accounts.tokens import create_token


class ApiClient:
    """Django's test client speaking JSON to /api/, with a personal token when given one."""

    def __init__(self, client, secret: str | None = None):
        self.client = client
        self.secret = secret

    def _headers(self, headers):
        if self.secret is not None:
            headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.secret}")
        return headers

    def get(self, path, params=None, **headers):
        return self.client.get(f"/api{path}", params or {}, **self._headers(headers))

    def send(self, method, path, payload=None, *, raw=None, content_type="application/json", **h):
        data = raw if raw is not None else json.dumps(payload if payload is not None else {})
        call = getattr(self.client, method)
        return call(f"/api{path}", data, content_type=content_type, **self._headers(h))

    def post(self, path, payload=None, **kwargs):
        return self.send("post", path, payload, **kwargs)

    def patch(self, path, payload=None, **kwargs):
        return self.send("patch", path, payload, **kwargs)

    def delete(self, path, **kwargs):
        return self.send("delete", path, None, **kwargs)


def token_for(user) -> str:
    return create_token(user=user, name="test script")[1]


@pytest.fixture
def anon_api(client):
    return ApiClient(client)


@pytest.fixture
def member_api(client, member):
    return ApiClient(client, token_for(member))


@pytest.fixture
def api_for(client):
    """An API client acting as `user` through a fresh token of theirs (None: anonymous)."""
    from django.test import Client

    def make(user):
        return ApiClient(Client(), None if user is None else token_for(user))

    return make


def error_of(response) -> dict:
    """The error shape every refusal has, checked."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]
