"""/api/docs/ renders Swagger UI under the platform's Content-Security-Policy (issue 8)."""


def test_api_docs_render_under_the_csp(page, live_url):
    page.goto(f"{live_url}/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "anjian API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 10  # the operations of /api/schema/
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
