"""/api/v1/docs in a real browser: Swagger UI (served from django-ninja's own static files, no CDN) parses
/api/v1/openapi.json and lists the operations, instead of « duplicated mapping key »."""

from __future__ import annotations

from playwright.sync_api import expect


def test_swagger_ui_renders_every_operation(page):
    page.goto("/api/v1/docs")
    # Swagger UI fetches and parses the whole document (~60 routes) in the browser: slower than a DSFR page.
    expect(page.locator(".swagger-ui .information-container .title")).to_contain_text("API Acquis", timeout=20_000)
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert page.locator(".swagger-ui .errors-wrapper").count() == 0
    assert "duplicated mapping key" not in page.content()
    answer = page.locator('.opblock-summary-path[data-path="/api/v1/leave-requests/{leave_request_id}/answer"]')
    expect(answer).to_have_count(1)
