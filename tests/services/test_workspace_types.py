"""The type-specific panels of the workspace: assistance rounds, complaints, bookings."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from services.models import AssistanceRound, RequestStatus, RequestType
from tests.services.queue_helpers import make_specialist, request_in

pytestmark = pytest.mark.django_db


def url(service_request, action):
    return reverse("services_queue:action", args=[service_request.pk, action])


@pytest.fixture
def specialist(client):
    user = make_specialist()
    client.force_login(user)
    return user


def test_a_failed_reinspection_opens_the_next_round(client, specialist):
    service_request = request_in(
        RequestStatus.IN_PROGRESS,
        user=specialist,
        request_type=RequestType.ASSISTANCE,
        product_name="电热水壶",
    )
    first = service_request.rounds.get()
    data = {
        "round-cause_machine": "耐压测试仪超期未校准，出厂检验失效。",
        "round-cause_material": "绝缘材料批次不稳定。",
        "round-cause_analysis_state": "done",
        "round-reinspection": "failed",
        "round-reinspection_note": "泄漏电流仍超标。",
    }
    response = client.post(url(service_request, "round"), data)
    assert response.status_code == 400  # the date of the re-inspection is missing
    first.refresh_from_db()
    assert first.cause_machine == "" and first.is_open
    data["round-reinspected_on"] = timezone.localdate().isoformat()
    assert client.post(url(service_request, "round"), data).status_code == 302
    first.refresh_from_db()
    assert not first.is_open
    assert first.cause_machine.startswith("耐压测试仪")
    second = AssistanceRound.objects.get(request=service_request, number=2)
    assert second.is_open
    public = service_request.public_events().values_list("message", flat=True)
    assert any("第 2 轮" in message for message in public)
    trail = service_request.events.filter(kind="round").first()
    assert "机（设备）" in trail.changes


def test_complaint_promise_feedback_and_resolution(client, specialist):
    service_request = request_in(
        RequestStatus.IN_PROGRESS, user=specialist, request_type=RequestType.COMPLAINT
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        url(service_request, "complaint"), {"complaint_promised_by": yesterday.isoformat()}
    )
    assert response.status_code == 400
    promised = timezone.localdate() + timedelta(days=5)
    response = client.post(
        url(service_request, "complaint"),
        {
            "complaint_promised_by": promised.isoformat(),
            "complaint_investigation": "调取检测机构受理记录，确认报告延期12天。",
        },
    )
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert timezone.localtime(service_request.resolve_due_at).date() == promised
    client.post(url(service_request, "resolution"), {"resolution_summary": "已督促机构出具报告。"})
    response = client.post(url(service_request, "transition"), {"to_status": "resolved"})
    assert response.status_code == 400  # no feedback to the complainant yet
    client.post(
        url(service_request, "complaint"),
        {
            "complaint_promised_by": promised.isoformat(),
            "complaint_investigation": "调取检测机构受理记录，确认报告延期12天。",
            "complaint_feedback": "检测机构已出具报告并致歉，平台已约谈该机构。",
        },
    )
    assert (
        client.post(url(service_request, "transition"), {"to_status": "resolved"}).status_code
        == 302
    )
    public = list(service_request.public_events().values_list("message", flat=True))
    assert "检测机构已出具报告并致歉，平台已约谈该机构。" in public
    assert any(promised.isoformat() in message for message in public)


def test_booking_approved_then_used(client, specialist):
    service_request = request_in(
        RequestStatus.SUBMITTED,
        user=specialist,
        request_type=RequestType.BOOKING,
        equipment_name="电感耦合等离子体质谱仪",
    )
    start = (timezone.localtime() + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    response = client.post(
        url(service_request, "booking"),
        {"decision": "approved", "booked_from": start.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 400  # no end time
    response = client.post(
        url(service_request, "booking"),
        {
            "decision": "approved",
            "booked_from": start.strftime("%Y-%m-%dT%H:%M"),
            "booked_until": (start + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.ACCEPTED
    assert service_request.booking_decision == "approved"
    client.post(url(service_request, "transition"), {"to_status": "in_progress"})
    response = client.post(
        url(service_request, "resolution"),
        {
            "resolution_summary": "完成样品重金属检测。",
            "machine_hours": "3.5",
            "booking_fee": "1200",
        },
    )
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert str(service_request.machine_hours) == "3.5"
    assert service_request.booking_fee == 1200


def test_booking_refused_needs_a_reason_and_declines(client, specialist):
    service_request = request_in(
        RequestStatus.SUBMITTED, user=specialist, request_type=RequestType.BOOKING
    )
    assert client.post(url(service_request, "booking"), {"decision": "refused"}).status_code == 400
    response = client.post(
        url(service_request, "booking"),
        {"decision": "refused", "note": "该时段仪器检修，请改约下周。"},
    )
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.DECLINED
    assert service_request.retention_until is not None
