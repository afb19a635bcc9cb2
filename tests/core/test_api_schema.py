"""The OpenAPI schema documents the errors the API gives; /api/docs/ loads its script from
'self' so the CSP lets Swagger UI run (issue 8; the browser test renders it)."""

import pytest
import yaml


@pytest.mark.django_db
def test_schema_documents_400_404_and_409(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    detail = schema["paths"]["/api/v1/enterprises/{id}/"]
    assert {"401", "404"} <= set(detail["get"]["responses"])
    assert {"400", "404"} <= set(detail["patch"]["responses"])
    assert "409" in detail["delete"]["responses"]
    assert "400" in schema["paths"]["/api/v1/hazards/"]["get"]["responses"]


@pytest.mark.django_db
def test_api_docs_page_has_no_inline_script(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script src=" in html and "?script" in html
    assert "<script>" not in html
