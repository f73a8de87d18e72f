"""A NUL character in an address or a form field gets the "bad request" page, never a 500.

(PostgreSQL refuses NUL in text; schemathesis found `/admin/entries?q=%00` failing there.)
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.judging_support import submit


@pytest.mark.parametrize(
    "path",
    ["/admin/entries?q=%00", "/admin/entries?q=Erfurt%00Dom", "/admin/entries/Cx%00abc"],
)
def test_nul_in_the_address_is_a_bad_request(organiser_client: TestClient, path: str) -> None:
    response = organiser_client.get(path)
    assert response.status_code == 400
    assert "Bad request" in response.text or "Ungültige Anfrage" in response.text


def test_nul_in_a_form_field_is_a_bad_request(organiser_client: TestClient) -> None:
    response = submit(organiser_client, "/admin/jurors", username="jana\x00", password="x" * 20)
    assert response.status_code == 400


def test_ordinary_searches_still_work(organiser_client: TestClient) -> None:
    assert organiser_client.get("/admin/entries?q=Erfurt").status_code == 200
