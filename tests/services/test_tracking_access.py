import pytest

from django.test import Client
from django.urls import reverse

from services.models import RequestAttachment, RequestEvent, ServiceRequest
from tests.services.conftest import PDF, request_data, upload
from tests.services.factories import MembershipFactory, ServiceRequestFactory, UserFactory

NEW = "/requests/new/"
TRACK = "/requests/track/"


def submit(client, **overrides):
    data = request_data(**overrides)
    data["attachments"] = [upload("检验报告.pdf", PDF)]
    response = client.post(NEW, data)
    assert response.status_code == 302
    number = response["Location"].split("/")[-3]
    tracking_url = client.get(response["Location"]).context["tracking_url"]
    return ServiceRequest.objects.get(number=number), tracking_url.split("token=")[1]


@pytest.fixture
def two_enterprises(db):
    a = MembershipFactory()
    b = MembershipFactory()
    client_a, client_b = Client(), Client()
    client_a.force_login(a.user)
    client_b.force_login(b.user)
    request_b, token_b = submit(client_b, title="B 的请求")
    return client_a, client_b, request_b, token_b


def main_of(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def urls_of(service_request):
    number = service_request.number
    attachment = service_request.attachments.get()
    return [
        reverse("services:request_detail", args=[number]),
        reverse("services:request_done", args=[number]),
        reverse("services:attachment_download", args=[number, attachment.pk]),
    ]


def test_owner_reaches_request_and_attachment(two_enterprises):
    _a, client_b, request_b, _token = two_enterprises
    detail, done, download = urls_of(request_b)
    assert client_b.get(detail).status_code == 200
    assert client_b.get(done).status_code == 200
    response = client_b.get(download)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_other_enterprise_gets_404_everywhere(two_enterprises):
    client_a, _b, request_b, _token = two_enterprises
    for url in urls_of(request_b):
        assert client_a.get(url).status_code == 404, url
    number = request_b.number
    assert client_a.post(reverse("services:request_withdraw", args=[number])).status_code == 404
    message_url = reverse("services:request_message", args=[number])
    assert client_a.post(message_url, {"message": "hi"}).status_code == 404
    assert client_a.get(TRACK, {"number": number, "token": "x" * 43}).status_code == 404
    request_b.refresh_from_db()
    assert request_b.status == "submitted"
    assert not request_b.events.filter(kind="message").exists()


def test_anonymous_without_token_gets_404(two_enterprises):
    _a, _b, request_b, _token = two_enterprises
    anonymous = Client()
    for url in urls_of(request_b):
        assert anonymous.get(url).status_code == 404, url


def test_wrong_token_wrong_number_and_missing_look_the_same(two_enterprises):
    _a, _b, request_b, token = two_enterprises
    anonymous = Client()
    wrong = token[:-1] + ("B" if token.endswith("A") else "A")
    answers = [
        anonymous.get(TRACK, {"number": request_b.number, "token": wrong}),
        anonymous.get(TRACK, {"number": "XQ-20990101-0001", "token": token}),
        anonymous.get(TRACK, {"number": request_b.number, "token": ""}),
        anonymous.get(TRACK, {"number": "", "token": ""}),
    ]
    assert {response.status_code for response in answers} == {404}
    bodies = {
        main_of(response).replace(request_b.number, "").replace("XQ-20990101-0001", "")
        for response in answers[:3]
    }
    assert len(bodies) == 1
    # None of the failed attempts opened the request.
    detail = reverse("services:request_detail", args=[request_b.number])
    assert anonymous.get(detail).status_code == 404


def test_tracking_link_opens_status_timeline_and_messages(two_enterprises):
    _a, _b, request_b, token = two_enterprises
    anonymous = Client()
    response = anonymous.get(TRACK, {"number": request_b.number, "token": token}, follow=True)
    assert response.status_code == 200
    assert response.context["service_request"] == request_b
    assert [e.kind for e in response.context["events"]] == ["submitted"]
    assert request_b.number in response.content.decode()
    # The link holder may write to and withdraw its open request.
    number = request_b.number
    response = anonymous.post(
        reverse("services:request_message", args=[number]),
        {"message": "补充：样品已寄出。", "attachments": [upload("照片.pdf", PDF)]},
    )
    assert response.status_code == 302
    page = anonymous.get(reverse("services:request_detail", args=[number]))
    assert "补充：样品已寄出。" in page.content.decode()
    assert request_b.attachments.count() == 2
    anonymous.post(reverse("services:request_withdraw", args=[number]), {"reason": "已自行解决"})
    request_b.refresh_from_db()
    assert request_b.status == "withdrawn"
    # A withdrawn request takes no more messages and cannot be withdrawn twice.
    response = anonymous.post(reverse("services:request_message", args=[number]), {"message": "x"})
    assert response.status_code == 404
    anonymous.post(reverse("services:request_withdraw", args=[number]))
    assert request_b.events.filter(kind="status").count() == 1


def test_internal_notes_stay_internal(two_enterprises):
    _a, client_b, request_b, _token = two_enterprises
    RequestEvent.objects.create(request=request_b, kind="note", is_public=False, message="内部备注")
    page = client_b.get(reverse("services:request_detail", args=[request_b.number]))
    assert "内部备注" not in page.content.decode()


def test_message_attachments_respect_the_limit(two_enterprises):
    _a, client_b, request_b, _token = two_enterprises
    url = reverse("services:request_message", args=[request_b.number])
    files = [upload(f"{i}.pdf", PDF) for i in range(5)]  # one is already there
    response = client_b.post(url, {"message": "", "attachments": files})
    assert response.status_code == 200
    assert "attachments" in response.context["message_form"].errors
    assert response.context["files_to_choose_again"] is True
    assert request_b.attachments.count() == 1


def test_staff_with_permission_can_view(two_enterprises):
    from django.contrib.auth.models import Permission

    _a, _b, request_b, _token = two_enterprises
    specialist = UserFactory()
    specialist.user_permissions.add(Permission.objects.get(codename="view_servicerequest"))
    staff_client = Client()
    staff_client.force_login(specialist)
    for url in urls_of(request_b):
        if "/done/" not in url:
            assert staff_client.get(url).status_code == 200, url
    # Viewing is not acting for the enterprise.
    withdraw = reverse("services:request_withdraw", args=[request_b.number])
    assert staff_client.post(withdraw).status_code == 404


@pytest.mark.django_db
def test_events_are_append_only():
    from services.models import AppendOnlyError

    service_request = ServiceRequestFactory()
    assert service_request.check_tracking_token(service_request.tracking_token)
    event = RequestEvent.objects.create(request=service_request, kind="message", message="hi")
    event.message = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert RequestAttachment.objects.count() == 0
