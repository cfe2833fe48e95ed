import pytest

from services.models import Channel, RequestAttachment, ServiceRequest
from tests.services.conftest import EXE, PDF, SVG, request_data, upload
from tests.services.factories import make_uscc

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.services.api_urls")]

API = "/api/requests"
KEY = "5b0f7c52-3d5e-4c1a-9d7e-0a4f8c2b6e11"


def api_data(**overrides):
    data = request_data(**overrides)
    data.pop("idempotency_key")
    return data


def submit(client, key=None, **overrides):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(
        f"{API}/", api_data(**overrides), content_type="application/json", headers=headers
    )


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {f"{API}/", f"{API}/track", f"{API}/choices", f"{API}/{{number}}/attachments"} <= paths


def test_choices(client):
    body = client.get(f"{API}/choices").json()
    assert body["request_types"]["count"] == 5
    assert {item["value"] for item in body["request_types"]["items"]} == {
        "demand",
        "assistance",
        "complaint",
        "booking",
        "consultation",
    }
    assert body["industries"]["count"] == 20
    assert body["problem_sources"]["count"] >= 5


def test_submit_track_and_upload(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, request_type="consultation")
    assert response.status_code == 201
    body = response.json()
    assert body["number"].startswith("ZX-")
    assert body["tracking_token"] and body["replayed"] is False
    assert "token=" in body["tracking_url"]
    service_request = ServiceRequest.objects.get()
    assert service_request.channel == Channel.API
    assert len(mailoutbox) == 1

    number, token = body["number"], body["tracking_token"]
    response = client.post(
        f"{API}/{number}/attachments",
        {"files": [upload("报告.pdf", PDF)]},
        headers={"X-Tracking-Token": token},
    )
    assert response.status_code == 201
    assert response.json()[0]["content_type"] == "application/pdf"

    tracked = client.post(
        f"{API}/track", {"number": number, "token": token}, content_type="application/json"
    )
    assert tracked.status_code == 200
    data = tracked.json()
    assert data["status"] == "submitted"
    assert [e["kind"] for e in data["events"]] == ["submitted", "attachment"]
    assert data["attachments"][0]["name"] == "报告.pdf"


def test_same_validation_as_the_form(client):
    response = submit(
        client,
        credit_code="91440300708461136X",
        contact_phone="123",
        request_type="assistance",
        service="no-such-service",
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {
        "credit_code",
        "contact_phone",
        "product_name",
        "nonconforming_items",
        "problem_source",
        "service",
    } <= set(errors)
    assert not ServiceRequest.objects.exists()
    response = submit(client, request_type="nonsense")
    assert response.status_code == 422 and "request_type" in response.json()["errors"]


def test_wrong_token_or_number_is_404_for_track_and_upload(client):
    first = submit(client).json()
    other = submit(client, credit_code=make_uscc(9)).json()
    wrong_pairs = [
        (first["number"], other["tracking_token"]),  # B's token on A's request
        (first["number"], ""),
        ("XQ-20990101-0001", first["tracking_token"]),
    ]
    for number, token in wrong_pairs:
        tracked = client.post(
            f"{API}/track", {"number": number, "token": token}, content_type="application/json"
        )
        assert tracked.status_code == 404
        uploaded = client.post(
            f"{API}/{number}/attachments",
            {"files": [upload("a.pdf", PDF)]},
            headers={"X-Tracking-Token": token},
        )
        assert uploaded.status_code in {404, 422}
    assert not RequestAttachment.objects.exists()
    missing_header = client.post(
        f"{API}/{first['number']}/attachments", {"files": [upload("a.pdf", PDF)]}
    )
    assert missing_header.status_code == 422
    assert not RequestAttachment.objects.exists()


@pytest.mark.parametrize(("name", "content"), [("x.pdf", EXE), ("x.svg", SVG)])
def test_upload_checks_content(client, name, content):
    body = submit(client).json()
    response = client.post(
        f"{API}/{body['number']}/attachments",
        {"files": [upload("ok.pdf", PDF), upload(name, content)]},
        headers={"X-Tracking-Token": body["tracking_token"]},
    )
    assert response.status_code == 422
    assert not RequestAttachment.objects.exists()  # all or nothing


def test_upload_limit_counts_earlier_files(client):
    body = submit(client).json()
    headers = {"X-Tracking-Token": body["tracking_token"]}
    url = f"{API}/{body['number']}/attachments"
    files = [upload(f"{i}.pdf", PDF) for i in range(4)]
    assert client.post(url, {"files": files}, headers=headers).status_code == 201
    files = [upload(f"{i}.pdf", PDF) for i in range(2)]
    assert client.post(url, {"files": files}, headers=headers).status_code == 422
    assert RequestAttachment.objects.count() == 4


def test_idempotency_key_creates_one_request(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(client, key=KEY)
    with django_capture_on_commit_callbacks(execute=True):
        second = submit(client, key=KEY)
    assert first.status_code == 201 and second.status_code == 200
    assert second.json()["number"] == first.json()["number"]
    assert second.json()["replayed"] is True
    assert second.json()["tracking_token"] == first.json()["tracking_token"]
    assert ServiceRequest.objects.count() == 1
    assert len(mailoutbox) == 1
    # The same key from another enterprise is another request.
    assert submit(client, key=KEY, credit_code=make_uscc(5)).status_code == 201


def test_guessable_idempotency_key_is_refused(client):
    response = submit(client, key="order-42")
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["errors"]
    assert not ServiceRequest.objects.exists()


def test_api_rate_limit(client, settings):
    settings.INTAKE_RATE_LIMITS = {"submit": (2, 3600), "track": (1, 600)}
    assert submit(client).status_code == 201
    assert submit(client, credit_code=make_uscc(3)).status_code == 201
    response = submit(client, credit_code=make_uscc(4))
    assert response.status_code == 429
    assert ServiceRequest.objects.count() == 2
    payload = {"number": "XQ-20990101-0001", "token": "x"}
    assert client.post(f"{API}/track", payload, content_type="application/json").status_code == 404
    assert client.post(f"{API}/track", payload, content_type="application/json").status_code == 429
