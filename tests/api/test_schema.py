"""The published schema and the reference page, which loads nothing from elsewhere."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/questions"),
    ("post", "/api/questions"),
    ("get", "/api/questions/{question_id}"),
    ("post", "/api/questions/{question_id}/answers"),
    ("get", "/api/posts/{post_id}"),
    ("patch", "/api/posts/{post_id}"),
    ("get", "/api/posts/{post_id}/comments"),
    ("post", "/api/posts/{post_id}/comments"),
    ("post", "/api/posts/{post_id}/vote"),
    ("post", "/api/posts/{post_id}/flags"),
    ("post", "/api/answers/{answer_id}/accept"),
    ("delete", "/api/answers/{answer_id}/accept"),
    ("get", "/api/tags"),
    ("get", "/api/search"),
    ("get", "/api/users/{username}"),
    ("get", "/api/me"),
}


def test_the_schema_lists_every_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    found = {(method, path) for path, item in schema["paths"].items() for method in item}
    assert found == ENDPOINTS


def test_the_schema_describes_the_bearer_token_and_the_error_shape(client):
    schema = client.get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["Token"].items()
    answer = schema["paths"]["/api/questions/{question_id}/answers"]["post"]["responses"]
    assert answer["429"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_the_reference_page_loads_only_the_sites_own_files(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    # No inline script: only JSON settings read by the shipped init script.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    assert inline == [' type="application/json" id="swagger-settings"']


def test_api_root_says_where_the_schema_is(client):
    assert client.get("/api/").json() == {"schema": "/api/openapi.json", "docs": "/api/docs"}
