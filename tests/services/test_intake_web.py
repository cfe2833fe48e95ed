import datetime
import re

import pytest

from django.urls import reverse

from services.models import (
    Channel,
    Enterprise,
    EnterpriseMembership,
    RequestAttachment,
    RequestEvent,
    RequestType,
    ServiceRequest,
)
from tests.services.conftest import PDF, PNG, request_data, upload
from tests.services.factories import EnterpriseFactory, MembershipFactory, UserFactory, make_uscc

NEW = "/requests/new/"
NUMBER_RE = re.compile(r"^(XQ|BF|TS|YY|ZX)-\d{8}-\d{4}$")


@pytest.mark.django_db
def test_form_opens_anonymously_with_type_from_query(client):
    response = client.get(NEW, {"type": "complaint"})
    assert response.status_code == 200
    assert response.context["form"].initial["request_type"] == "complaint"
    assert b'name="website"' in response.content  # honeypot present
    assert b'name="idempotency_key"' in response.content


@pytest.mark.django_db
def test_service_query_prefills_the_service(client, demo_site):
    from services.models import ServicePage

    service = ServicePage.objects.live().first()
    response = client.get(NEW, {"service": service.slug})
    form = response.context["form"]
    assert form.initial["service"] == service.pk
    assert form.initial["qi_element"] == service.qi_element


@pytest.mark.django_db
def test_submit_gives_a_number_a_page_and_a_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, request_data())
    assert response.status_code == 302
    service_request = ServiceRequest.objects.get()
    assert NUMBER_RE.match(service_request.number)
    assert service_request.number.startswith("XQ-")
    assert service_request.channel == Channel.WEB
    assert service_request.status == "submitted"
    page = client.get(response["Location"])
    assert service_request.number in page.content.decode()
    tracking_url = page.context["tracking_url"]
    assert "token=" in tracking_url
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["lisi@example.com"]
    assert service_request.number in mail.subject
    assert tracking_url in mail.body
    service_request.refresh_from_db()
    assert service_request.confirmation_sent_at is not None
    assert RequestEvent.objects.filter(request=service_request, kind="submitted").exists()
    # The token is not stored, only its hash.
    token = tracking_url.split("token=")[1]
    assert token not in service_request.tracking_token_hash
    assert len(token) >= 43  # 32 random bytes, base64


@pytest.mark.django_db
def test_known_code_joins_the_same_file(client):
    code = make_uscc(77)
    client.post(NEW, request_data(credit_code=code))
    client.post(NEW, request_data(credit_code=code.lower(), enterprise_name="别的名字"))
    assert Enterprise.objects.count() == 1
    enterprise = Enterprise.objects.get()
    assert enterprise.requests.count() == 2
    assert enterprise.name == "厦门某某电缆有限公司"  # an anonymous caller does not rename the file


@pytest.mark.django_db
def test_invalid_fields_keep_what_was_typed(client):
    data = request_data(credit_code="91440300708461136X", contact_phone="12345", contact_email="x@")
    response = client.post(NEW, {**data, "attachments": [upload("a.pdf", PDF)]})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"credit_code", "contact_phone", "contact_email"}
    html = response.content.decode()
    assert 'value="91440300708461136X"' in html
    assert "需要开展产品检测" in html and "我公司生产电线电缆" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_credit_code_error' in html
    assert 'id="id_credit_code_error"' in html
    assert response.context["files_to_choose_again"] is True
    assert not ServiceRequest.objects.exists()
    assert not Enterprise.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("request_type", "missing"),
    [
        ("assistance", {"product_name", "nonconforming_items", "problem_source"}),
        ("complaint", {"complaint_subject"}),
        ("booking", {"equipment_name", "preferred_start"}),
    ],
)
def test_each_type_requires_its_own_fields(client, request_type, missing):
    response = client.post(NEW, request_data(request_type=request_type))
    assert set(response.context["form"].errors) == missing


@pytest.mark.django_db
def test_assistance_application_keeps_its_fields(client):
    data = request_data(
        request_type="assistance",
        product_name="电线电缆",
        product_model="BV 2.5mm²",
        nonconforming_items="导体电阻",
        problem_source="supervision_sampling",
        report_number="XM2026-0001",
        expected_by="2020-01-01",  # belongs to another type: dropped, not validated
    )
    response = client.post(NEW, data)
    assert response.status_code == 302
    service_request = ServiceRequest.objects.get()
    assert service_request.number.startswith("BF-")
    assert service_request.problem_source == "supervision_sampling"
    assert service_request.report_number == "XM2026-0001"
    assert service_request.expected_by is None


@pytest.mark.django_db
def test_booking_dates_are_checked(client):
    data = request_data(
        request_type="booking",
        equipment_name="电子万能试验机",
        preferred_start="2999-05-02",
        preferred_end="2999-05-01",
    )
    response = client.post(NEW, data)
    assert set(response.context["form"].errors) == {"preferred_end"}
    response = client.post(NEW, {**data, "preferred_end": "2999-05-03"})
    assert response.status_code == 302
    assert ServiceRequest.objects.get().number.startswith("YY-")


@pytest.mark.django_db
def test_unbookable_equipment_id_is_refused(client):
    from tests.factories import EquipmentFactory

    expired = EquipmentFactory(calibration_valid_until=datetime.date(2020, 1, 1))
    data = request_data(
        request_type="booking",
        equipment=str(expired.pk),
        equipment_name="x",
        preferred_start="2999-01-01",
    )
    response = client.post(NEW, data)  # 000 6.2.3: an expired calibration can't be booked
    assert "equipment_name" in response.context["form"].errors
    assert not ServiceRequest.objects.exists()

    bookable = EquipmentFactory(name="三坐标测量机")
    data["equipment"] = str(bookable.pk)
    response = client.post(NEW, data)
    assert response.status_code == 302
    service_request = ServiceRequest.objects.get()
    assert service_request.equipment_ref == bookable.pk
    assert service_request.equipment_name == str(bookable)  # a snapshot: name and model
    assert service_request.equipment_name.startswith("三坐标测量机")


@pytest.mark.django_db
def test_logged_in_user_of_new_enterprise_is_linked_and_sees_it(client):
    user = UserFactory()
    client.force_login(user)
    client.post(NEW, request_data())
    membership = EnterpriseMembership.objects.get(user=user)
    assert membership.status == "active"
    response = client.get(reverse("services:my_requests"))
    assert ServiceRequest.objects.get().number in response.content.decode()
    # The next form is prefilled from the profile and needs no enterprise fields.
    form = client.get(NEW).context["form"]
    assert "credit_code" not in form.fields
    assert form.initial["contact_phone"] == "13900139000"
    data = request_data(credit_code="", enterprise_name="")
    assert client.post(NEW, data).status_code == 302
    assert Enterprise.objects.get().requests.count() == 2


@pytest.mark.django_db
def test_claiming_an_existing_file_needs_staff(client):
    enterprise = EnterpriseFactory()
    client.post(NEW, request_data(credit_code=enterprise.credit_code))  # earlier anonymous request
    user = UserFactory()
    client.force_login(user)
    client.post(NEW, request_data(credit_code=enterprise.credit_code))
    assert EnterpriseMembership.objects.get(user=user).status == "pending"
    response = client.get(reverse("services:my_requests"))
    assert response.context["requests"].count() == 0


@pytest.mark.django_db
def test_my_requests_needs_login(client):
    response = client.get(reverse("services:my_requests"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_member_lists_only_own_requests(client):
    own = MembershipFactory()
    other = EnterpriseFactory()
    client.force_login(own.user)
    client.post(NEW, request_data(title="我们的请求"))
    client.logout()
    client.post(NEW, request_data(title="别人的请求", credit_code=other.credit_code))
    client.force_login(own.user)
    html = client.get(reverse("services:my_requests")).content.decode()
    assert "我们的请求" in html and "别人的请求" not in html


@pytest.mark.django_db
def test_attachment_is_stored_privately_under_a_generated_name(client, settings):
    data = request_data()
    data["attachments"] = [upload("../../etc/报告.pdf", PDF), upload("photo.png", PNG)]
    assert client.post(NEW, data).status_code == 302
    first, second = RequestAttachment.objects.order_by("pk")
    assert first.original_name == "报告.pdf"
    assert first.content_type == "application/pdf"
    assert second.content_type == "image/png"
    assert "报告" not in first.file.name and first.file.name.endswith(".pdf")
    path = first.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert not path.startswith(str(settings.STATIC_ROOT))


@pytest.mark.django_db
def test_consultation_without_email_gets_number_but_no_mail(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, request_data(request_type="consultation", contact_email=""))
    assert response.status_code == 302
    assert ServiceRequest.objects.get().request_type == RequestType.CONSULTATION
    assert mailoutbox == []


def test_bookable_equipment_lookup_refuses_unknown_and_malformed_ids(db):
    from services.equipment import get_bookable_equipment

    assert get_bookable_equipment(999999) is None
    assert get_bookable_equipment("not a number") is None
