import pytest

from django.contrib.auth.models import Permission

from services.models import Channel, ServiceRequest
from tests.services.conftest import request_data
from tests.services.factories import UserFactory

URL = "/admin/requests/new/"


@pytest.fixture
def specialist(db):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_servicerequest"),
    )
    return user


def test_specialist_registers_a_phone_request(
    client, specialist, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(specialist)
    assert client.get(URL).status_code == 200
    data = request_data(channel="phone", request_type="complaint", complaint_subject="某检测机构")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data)
    assert response.status_code == 200
    service_request = ServiceRequest.objects.get()
    assert service_request.channel == Channel.PHONE
    assert service_request.entered_by == specialist
    assert service_request.number.startswith("TS-")
    assert service_request.number in response.content.decode()
    assert len(mailoutbox) == 1
    assert service_request.events.get().by_enterprise is False


def test_web_and_api_are_not_staff_channels(client, specialist):
    client.force_login(specialist)
    response = client.post(URL, request_data(channel="web"))
    assert "channel" in response.context["form"].errors
    assert not ServiceRequest.objects.exists()


def test_admin_without_permission_is_refused(client, db):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    for response in (client.get(URL), client.post(URL, request_data(channel="phone"))):
        assert response.status_code in {302, 403}
        assert response.get("Location", "/admin/") == "/admin/"
    assert not ServiceRequest.objects.exists()


def test_anonymous_goes_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302


def test_staff_confirm_a_pending_claim_in_the_admin(client, db):
    from services.models import EnterpriseMembership
    from tests.services.factories import MembershipFactory

    pending = MembershipFactory(status=EnterpriseMembership.Status.PENDING)
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    listing = client.get("/admin/snippets/services/enterprisemembership/")
    assert listing.status_code == 200
    edit_url = f"/admin/snippets/services/enterprisemembership/edit/{pending.pk}/"
    response = client.post(
        edit_url,
        {"user": pending.user_id, "enterprise": pending.enterprise_id, "status": "active"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "active"
