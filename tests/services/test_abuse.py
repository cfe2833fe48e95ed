import pytest

from services.models import ServiceRequest
from tests.services.conftest import request_data
from tests.services.factories import make_uscc

NEW = "/requests/new/"
TRACK = "/requests/track/"


@pytest.mark.django_db
def test_double_click_creates_one_request(client):
    data = request_data()
    first = client.post(NEW, data)
    second = client.post(NEW, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert ServiceRequest.objects.count() == 1
    # The second answer still shows the number and the link.
    page = client.get(second["Location"])
    assert page.context["tracking_url"]


@pytest.mark.django_db
def test_new_form_gets_a_new_key(client):
    first = client.get(NEW).context["form"].initial["idempotency_key"]
    second = client.get(NEW).context["form"].initial["idempotency_key"]
    assert first != second


@pytest.mark.django_db
def test_honeypot_filled_creates_nothing(client):
    response = client.post(NEW, request_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    assert not ServiceRequest.objects.exists()


@pytest.mark.django_db
def test_submit_rate_limit_per_address(client, settings):
    settings.INTAKE_RATE_LIMITS = {"submit": (3, 3600)}
    for i in range(3):
        assert client.post(NEW, request_data(credit_code=make_uscc(i))).status_code == 302
    response = client.post(NEW, request_data(credit_code=make_uscc(9)))
    assert response.status_code == 429
    assert ServiceRequest.objects.count() == 3
    # Another address is not affected.
    other = client.post(NEW, request_data(credit_code=make_uscc(10)), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_track_rate_limit(client, settings):
    settings.INTAKE_RATE_LIMITS = {"track": (5, 600)}
    for i in range(5):
        assert (
            client.get(TRACK, {"number": f"XQ-20990101-{i:04d}", "token": "x"}).status_code == 404
        )
    assert client.get(TRACK, {"number": "XQ-20990101-0009", "token": "x"}).status_code == 429
    # The empty form is not counted.
    assert client.get(TRACK).status_code == 200
