"""The platform serves Bootstrap 5.3 itself, byte for byte the official release."""

import base64
import hashlib
import re

import pytest
from django.urls import reverse

# Subresource-integrity values published with Bootstrap v5.3.8: getbootstrap.com/docs/5.3 ›
# Getting started › Download › "Include via CDN" (the `integrity` attributes), which the docs
# take from `cdn.css_hash` and `cdn.js_bundle_hash` in twbs/bootstrap's config.yml at tag v5.3.8.
# A newer bootstrap-wrapper must add its release's published values here, never computed ones.
OFFICIAL_SRI = {
    "5.3.8": {
        "css/bootstrap.min.css": "sha384-sRIl4kxILFvY47J16cr9ZwB07vP4J8+LH7qKQnuqkuIAvNWLzeN8tE5YBujZqJLB",
        "js/bootstrap.bundle.min.js": "sha384-FKyoEForCGlyvwx9Hj09JcYn3nv7wiPVlz7YYwJrWVcXK/BmnVDxM+D2scQbITxI",
    },
}


def _sri(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def _served_version() -> str:
    import bootstrap_wrapper

    # "v5.3.8.post1": the wheel's own suffix after Bootstrap's version.
    text = (bootstrap_wrapper.get_bootstrap_dir() / "version.txt").read_text()
    return re.search(r"\d+\.\d+\.\d+", text).group()


def test_served_bootstrap_is_a_5_3_release():
    assert _served_version().startswith("5.3.")
    assert _served_version() in OFFICIAL_SRI, "add this release's published SRI values"


@pytest.mark.django_db
@pytest.mark.parametrize("asset", ["css/bootstrap.min.css", "js/bootstrap.bundle.min.js"])
def test_every_page_loads_the_official_bootstrap_files(client, asset):
    page = client.get(reverse("login")).content.decode()
    url = f"/static/bootstrap/{asset}"
    assert re.search(rf'(href|src)="{re.escape(url)}"', page)

    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert _sri(content) == OFFICIAL_SRI[_served_version()][asset]


@pytest.mark.django_db
def test_pages_no_longer_load_htmx(client):
    page = client.get(reverse("login")).content.decode()
    assert "htmx" not in page
