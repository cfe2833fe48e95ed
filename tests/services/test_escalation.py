"""Time limits: overdue requests stand out and are escalated once; the trail stays as written."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from portal.append_only import AppendOnlyError
from services.models import RequestEvent, RequestStatus, ServiceRequest, TimeLimit
from services.tasks import escalate_overdue_requests
from services.workflow import escalate_overdue
from tests.services.factories import ServiceRequestFactory
from tests.services.queue_helpers import make_manager, make_specialist, request_in

pytestmark = pytest.mark.django_db


def _make_overdue(service_request, field="acknowledge_due_at"):
    ServiceRequest.objects.filter(pk=service_request.pk).update(
        **{field: timezone.now() - timedelta(hours=1)}
    )


def test_escalation_runs_twice_and_notifies_once(mailoutbox, django_capture_on_commit_callbacks):
    manager = make_manager(email="manager@example.cn")
    owner = make_specialist(email="owner@example.cn")
    late = request_in(RequestStatus.ACCEPTED, user=owner)
    _make_overdue(late, "resolve_due_at")
    on_time = request_in(RequestStatus.ACCEPTED, user=owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_overdue_requests.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_overdue_requests.delay().get() == 0
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == ["manager@example.cn", "owner@example.cn"]
    assert late.number in mailoutbox[0].subject
    assert RequestEvent.objects.filter(request=late, kind="escalated").count() == 1
    assert not RequestEvent.objects.filter(request=on_time, kind="escalated").exists()
    assert manager.email in recipients


def test_acknowledgement_and_resolution_deadlines_escalate_separately(
    django_capture_on_commit_callbacks,
):
    make_manager(email="manager@example.cn")
    service_request = ServiceRequestFactory()
    _make_overdue(service_request, "acknowledge_due_at")
    assert escalate_overdue() == 1
    service_request = request_in(RequestStatus.ACCEPTED, user=make_manager())
    _make_overdue(service_request, "resolve_due_at")
    assert escalate_overdue() == 1
    assert escalate_overdue() == 0


def test_time_limits_set_by_managers_apply_to_new_requests(
    client, django_capture_on_commit_callbacks
):
    from tests.services.conftest import request_data

    TimeLimit.objects.filter(request_type="complaint").update(acknowledge_hours=4, resolve_days=3)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("services:request_new"),
            request_data(request_type="complaint", complaint_subject="某检测机构"),
        )
    complaint = ServiceRequest.objects.get(request_type="complaint")
    assert complaint.acknowledge_due_at - complaint.created_at == timedelta(hours=4)
    assert complaint.resolve_due_at - complaint.created_at == timedelta(days=3)


def test_managers_edit_time_limits_in_the_admin(client):
    manager = make_manager()
    client.force_login(manager)
    limit = TimeLimit.objects.get(request_type="demand")
    edit = reverse("time_limits:edit", args=[limit.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, {"request_type": "demand", "acknowledge_hours": "8", "resolve_days": "20"}
    )
    assert response.status_code == 302
    limit.refresh_from_db()
    assert (limit.acknowledge_hours, limit.resolve_days) == (8, 20)
    client.force_login(make_specialist())
    assert client.get(edit).status_code in (302, 403)


def test_overdue_requests_stand_out_in_the_listing(client):
    manager = make_manager()
    late = ServiceRequestFactory()
    _make_overdue(late)
    client.force_login(manager)
    page = client.get(
        reverse("services_servicerequest_modeladmin_index") + "?queue=overdue"
    ).content.decode()
    assert late.number in page
    assert "queue-overdue" in page


def test_the_audit_trail_cannot_be_changed_through_the_orm():
    service_request = request_in(RequestStatus.ACCEPTED, user=make_manager())
    event = service_request.events.first()
    event.message = "改写历史"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        RequestEvent.objects.filter(request=service_request).update(message="改写")
    with pytest.raises(AppendOnlyError):
        RequestEvent.objects.filter(request=service_request).delete()
    with pytest.raises(AppendOnlyError):
        RequestEvent.objects.bulk_update([event], ["message"])
    with pytest.raises(AppendOnlyError):
        service_request.plans.model.objects.all().delete()
    assert RequestEvent.objects.get(pk=event.pk).message != "改写历史"


def test_the_audit_trail_has_no_edit_or_delete_screen(client):
    from django.urls import NoReverseMatch

    client.force_login(make_manager())
    for name in (
        "wagtailsnippets_services_requestevent:edit",
        "services_requestevent_modeladmin_edit",
    ):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])
