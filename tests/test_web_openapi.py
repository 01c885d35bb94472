"""The API's OpenAPI document is complete and true: every answer a client gets
validates against the schema the document gives for that route and status."""

from __future__ import annotations

import jsonschema
import pytest
from openapi_spec_validator import validate

from web_support import Accounts, make_client, real_core_with_slow_fix, tiny_roster_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SchemaClient:
    """A client that checks each JSON answer against the OpenAPI document."""

    def __init__(self, client, spec):
        self.client = client
        self.spec = spec
        self.checked: list[tuple[str, str, int]] = []

    def call(self, method: str, template: str, status: int, *, path_args: dict | None = None, **kw):
        r = self.client.request(method, template.format(**(path_args or {})), **kw)
        assert r.status_code == status, (method, template, r.status_code, r.text[:300])
        operation = self.spec["paths"][template.split("?")[0]][method.lower()]
        response = operation["responses"].get(str(status))
        assert response is not None, f"{method} {template}: status {status} is not documented"
        content = response.get("content", {})
        if r.headers["content-type"].startswith("application/json"):
            schema = content["application/json"]["schema"]
            root = {**schema, "components": self.spec["components"]}
            jsonschema.Draft202012Validator(root).validate(r.json())
        else:
            assert r.headers["content-type"].split(";")[0] in content, (method, template, r.headers["content-type"])
        self.checked.append((method, template, status))
        return r


@pytest.fixture
def env(tmp_path):
    client, acc = make_client(tmp_path, core=real_core_with_slow_fix(0.0), max_upload_bytes=200_000)
    spec = client.get("/api/openapi.json").json()
    return SchemaClient(client, spec), acc, tiny_roster_bytes(tmp_path)


def test_the_document_is_valid_and_covers_the_api_only(env):
    sc, _, _ = env
    spec = sc.spec
    validate(spec)
    assert set(spec["paths"]) == {
        "/api/rosters", "/api/rosters/{upload_id}", "/api/rosters/{upload_id}/report.xlsx", "/api/rosters/{upload_id}/report.html",
        "/api/rosters/{upload_id}/fix", "/api/rosters/{upload_id}/fixed.xlsx",
    }  # no pages (/login, /uploads, ...)
    assert spec["components"]["securitySchemes"]["token"] == {
        "type": "http", "scheme": "bearer", "description": spec["components"]["securitySchemes"]["token"]["description"]}
    assert "HTTPValidationError" not in spec["components"]["schemas"]  # one 422 shape: ErrorBody
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("security") == [{"token": []}], (method, path)
            assert "401" in op["responses"], (method, path)
            ok = op["responses"].get("200", {})
            assert ok.get("content"), (method, path)  # no empty response schema
            if "application/json" in ok["content"]:
                assert ok["content"]["application/json"]["schema"].get("$ref"), (method, path)
    body = spec["paths"]["/api/rosters"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body["properties"]["file"] == {**body["properties"]["file"], "type": "string", "format": "binary"}


def test_every_answer_matches_the_document(env):
    sc, acc, data = env
    a, aud = Accounts.bearer(acc.a), Accounts.bearer(acc.auditor)
    up = sc.call("POST", "/api/rosters", 200, files={"file": ("r.xlsx", data, XLSX)}, headers=a).json()
    ids = {"upload_id": up["id"]}
    bad = sc.call("POST", "/api/rosters", 422, files={"file": ("r.xlsx", b"no workbook" * 20, XLSX)}, headers=a).json()
    sc.call("POST", "/api/rosters", 422, files={"other": ("r.xlsx", b"x")}, headers=a)
    sc.call("POST", "/api/rosters", 413, files={"file": ("r.xlsx", b"\0" * 300_000, XLSX)}, headers=a)
    sc.call("POST", "/api/rosters", 401, files={"file": ("r.xlsx", data, XLSX)})
    sc.call("GET", "/api/rosters", 200, headers=a)
    sc.call("GET", "/api/rosters", 200, headers=aud)
    sc.call("GET", "/api/rosters/{upload_id}", 200, path_args=ids, headers=a)
    sc.call("GET", "/api/rosters/{upload_id}", 200, path_args={"upload_id": bad["id"]}, headers=aud)
    sc.call("GET", "/api/rosters/{upload_id}", 404, path_args=ids, headers=Accounts.bearer(acc.b))
    sc.call("GET", "/api/rosters/{upload_id}", 401, path_args=ids)
    sc.call("GET", "/api/rosters/{upload_id}/report.xlsx", 200, path_args=ids, headers=a)
    sc.call("GET", "/api/rosters/{upload_id}/report.html", 200, path_args=ids, headers=aud)
    sc.call("GET", "/api/rosters/{upload_id}/fix", 404, path_args=ids, headers=a)
    queued = sc.call("POST", "/api/rosters/{upload_id}/fix?wait=0", 202, path_args=ids, headers=a).json()
    assert queued["status"] in ("queued", "running")
    done = sc.call("POST", "/api/rosters/{upload_id}/fix?wait=10", 200, path_args=ids, headers=a).json()
    assert done["status"] == "done" and done["fixed_roster"]
    sc.call("GET", "/api/rosters/{upload_id}/fix", 200, path_args=ids, headers=aud)
    invalid = sc.call("POST", "/api/rosters/{upload_id}/fix?wait=100", 422, path_args=ids, headers=a).json()
    assert invalid["errors"][0]["column"] == "query.wait"  # the same shape as an unreadable roster's 422
    sc.call("GET", "/api/rosters/{upload_id}/fixed.xlsx", 200, path_args=ids, headers=a)
    sc.call("GET", "/api/rosters/{upload_id}/fixed.xlsx", 404, path_args=ids, headers=aud)
    assert len(sc.checked) == 20


def test_docs_page_is_served_from_the_service(env):
    sc, _, _ = env
    page = sc.client.get("/docs")
    assert page.status_code == 200 and "SwaggerUIBundle" in page.text and "/api/openapi.json" in page.text
    assert "http" not in page.text.split("<body>")[1].replace('"/api', "").split("SwaggerUIBundle")[0]  # no CDN
    js = sc.client.get("/docs/swagger-ui-bundle.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert sc.client.get("/docs/../db").status_code == 404
    assert sc.client.get("/docs/index.html").status_code == 404
