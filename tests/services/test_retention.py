"""Records retention: nothing deleted before its time, personal data removed after (000 7.2, 003 7.3)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from django.core.management import call_command
from django.utils import timezone

from portal.append_only import AppendOnlyError
from services import retention
from services.intake import add_attachments, add_enterprise_message
from services.models import (
    Notification,
    RequestAttachment,
    RequestEvent,
    RequestStatus,
    RequestType,
    SatisfactionSurvey,
    ServiceRequest,
)
from services.retention import RetentionError, anonymise, anonymise_due, retention_end
from tests.services.conftest import PDF, upload
from tests.services.factories import ServiceRequestFactory
from tests.services.queue_helpers import make_manager, request_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return make_manager()


def closed_request(manager, **kwargs):
    service_request = request_in(RequestStatus.CLOSED, user=manager, **kwargs)
    service_request.refresh_from_db()
    return service_request


def expire(service_request, days_ago=1):
    ServiceRequest.objects.filter(pk=service_request.pk).update(
        retention_until=timezone.localdate() - timedelta(days=days_ago)
    )
    service_request.refresh_from_db()
    return service_request


def with_upload(service_request):
    """An enterprise upload, added while the request was open."""
    return add_attachments(service_request, [upload("营业执照.pdf", PDF, "application/pdf")])[0]


# -- how long ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qi_element", "request_type", "years"),
    [
        ("testing", RequestType.DEMAND, 6),
        ("metrology", RequestType.CONSULTATION, 6),
        ("standardization", RequestType.BOOKING, 6),
        ("standardization", RequestType.DEMAND, 3),
        ("", RequestType.CONSULTATION, 3),
    ],
)
def test_testing_related_records_are_kept_six_years_others_three(
    manager, qi_element, request_type, years
):
    # Declined: every type ends that way without the type's own steps.
    service_request = request_in(
        RequestStatus.DECLINED, user=manager, qi_element=qi_element, request_type=request_type
    )
    service_request.refresh_from_db()
    today = timezone.localdate()
    assert service_request.retention_until == today.replace(year=today.year + years)


def test_a_request_ended_on_29_february_is_kept_until_28_february():
    service_request = ServiceRequest(qi_element="", request_type=RequestType.DEMAND)
    assert retention_end(service_request, date(2024, 2, 29)) == date(2027, 2, 28)


def test_a_declined_or_withdrawn_request_gets_its_date_too(manager):
    for status in (RequestStatus.DECLINED, RequestStatus.WITHDRAWN):
        service_request = request_in(status, user=manager, qi_element="")
        service_request.refresh_from_db()
        assert service_request.retention_until is not None


# -- nothing deleted before its time ---------------------------------------------------------


def test_a_request_cannot_be_deleted_before_its_date(manager):
    service_request = closed_request(manager, qi_element="testing")
    with pytest.raises(RetentionError) as refused:
        service_request.delete()
    message = str(refused.value)
    assert service_request.number in message
    assert service_request.retention_until.isoformat() in message
    assert "000 7.2" in message  # why: testing records, six years
    assert ServiceRequest.objects.filter(pk=service_request.pk).exists()


def test_the_message_names_the_three_year_rule_for_other_requests(manager):
    service_request = closed_request(manager, qi_element="standardization")
    with pytest.raises(RetentionError, match="003 7.3"):
        service_request.delete()


def test_an_open_request_cannot_be_deleted(manager):
    service_request = request_in(RequestStatus.IN_PROGRESS, user=manager)
    with pytest.raises(RetentionError, match=service_request.number):
        service_request.delete()


def test_a_queryset_delete_does_not_bypass_the_rule(manager):
    kept = closed_request(manager)
    other = request_in(RequestStatus.SUBMITTED, user=manager)
    with pytest.raises(RetentionError, match=kept.number):
        ServiceRequest.objects.filter(pk=kept.pk).delete()
    with pytest.raises(RetentionError):
        ServiceRequest.objects.all().delete()
    assert ServiceRequest.objects.filter(pk__in=[kept.pk, other.pk]).count() == 2


def test_even_after_the_period_a_request_is_anonymised_not_deleted(manager):
    service_request = expire(closed_request(manager))
    with pytest.raises(RetentionError, match="届满"):
        service_request.delete()
    with pytest.raises(RetentionError):
        ServiceRequest.objects.filter(pk=service_request.pk).delete()


def test_an_empty_queryset_delete_is_harmless():
    assert ServiceRequest.objects.none().delete() == (0, {})
    assert RequestAttachment.objects.filter(pk=-1).delete() == (0, {})


def test_attachments_cannot_be_deleted_before_the_date(manager):
    service_request = request_in(RequestStatus.SUBMITTED, user=manager)
    attachment = with_upload(service_request)
    with pytest.raises(RetentionError, match=service_request.number):
        attachment.delete()
    with pytest.raises(RetentionError):
        RequestAttachment.objects.filter(pk=attachment.pk).delete()
    with pytest.raises(RetentionError):
        service_request.attachments.all().delete()
    assert RequestAttachment.objects.filter(pk=attachment.pk).exists()


def test_the_trail_stays_append_only(manager):
    service_request = closed_request(manager)
    event = service_request.events.first()
    with pytest.raises(AppendOnlyError):
        RequestEvent.objects.filter(request=service_request).update(message="x")
    with pytest.raises(AppendOnlyError):
        RequestEvent.objects.filter(request=service_request).delete()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        event.save()


# -- after the period: anonymised ------------------------------------------------------------


def test_anonymise_is_refused_before_the_date(manager):
    service_request = closed_request(manager)
    with pytest.raises(RetentionError, match=service_request.retention_until.isoformat()):
        anonymise(service_request)
    open_request = request_in(RequestStatus.ACCEPTED, user=manager)
    with pytest.raises(RetentionError, match=open_request.number):
        anonymise(open_request)
    service_request.refresh_from_db()
    assert service_request.anonymised_at is None
    assert service_request.contact_name == "张三"


def test_anonymise_removes_personal_data_and_keeps_the_figures(
    manager, django_capture_on_commit_callbacks
):
    service_request = closed_request(manager)
    # Added directly: the intake helpers do not look at the status.
    upload_ = with_upload(service_request)
    stored_name = upload_.file.name
    storage = upload_.file.storage
    add_enterprise_message(service_request, "我的手机号是13912345678")
    # A second request of the same enterprise keeps everything.
    untouched = closed_request(manager, enterprise=service_request.enterprise)
    original = ServiceRequest.objects.get(pk=service_request.pk)
    SatisfactionSurvey.objects.filter(request=original).update(
        respondent_name="李四", respondent_phone="13900000000", overall="satisfied"
    )
    staff_events = list(
        original.events.filter(by_enterprise=False).values_list("pk", "message", "kind")
    )
    expire(original)

    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise(original, user=manager) is True

    after = ServiceRequest.objects.get(pk=original.pk)
    assert after.anonymised_at is not None
    assert after.contact_name == after.contact_phone == after.description == retention.ANONYMISED
    assert after.contact_email == "" and after.tracking_token_hash == ""
    assert after.submitted_by is None
    # What stays: number, status, type, dates, figures, the staff trail.
    assert after.number == original.number
    assert after.status == RequestStatus.CLOSED
    assert after.closed_at == original.closed_at
    assert after.person_days == Decimal("2.0") and after.problems_solved == 1
    assert after.retention_until == original.retention_until
    for pk, message, kind in staff_events:
        event = RequestEvent.objects.get(pk=pk)
        assert (event.message, event.kind) == (message, kind)
    assert after.events.filter(kind=RequestEvent.Kind.RETENTION, author=manager).count() == 1
    # The enterprise's own words and uploads go.
    assert set(
        after.events.filter(by_enterprise=True)
        .exclude(message="")
        .values_list("message", flat=True)
    ) == {"—"}
    upload_.refresh_from_db()
    assert upload_.original_name == retention.ANONYMISED and not upload_.file
    assert not storage.exists(stored_name)
    survey = SatisfactionSurvey.objects.get(request=after)
    assert (survey.respondent_name, survey.respondent_phone, survey.recipient) == ("", "", "")
    assert survey.overall == "satisfied"
    assert not Notification.objects.filter(request=after).exclude(recipient="").exists()
    untouched.refresh_from_db()
    assert untouched.contact_name == "张三" and untouched.anonymised_at is None


def test_anonymise_twice_is_harmless(manager):
    service_request = expire(closed_request(manager))
    assert anonymise(service_request) is True
    first = ServiceRequest.objects.get(pk=service_request.pk).anonymised_at
    assert anonymise(service_request) is False
    after = ServiceRequest.objects.get(pk=service_request.pk)
    assert after.anonymised_at == first
    assert after.events.filter(kind=RequestEvent.Kind.RETENTION).count() == 1


def test_anonymise_due_takes_only_the_expired(manager):
    due = expire(closed_request(manager))
    kept = closed_request(manager)
    still_open = request_in(RequestStatus.IN_PROGRESS, user=manager)
    assert anonymise_due() == 1
    assert anonymise_due() == 0
    assert ServiceRequest.objects.get(pk=due.pk).anonymised_at is not None
    assert ServiceRequest.objects.get(pk=kept.pk).anonymised_at is None
    assert ServiceRequest.objects.get(pk=still_open.pk).anonymised_at is None


def test_apply_retention_command_says_how_many(manager, capsys):
    expire(closed_request(manager))
    expire(closed_request(manager), days_ago=400)
    call_command("apply_retention")
    assert "2" in capsys.readouterr().out
    call_command("apply_retention")
    assert "0" in capsys.readouterr().out


def test_the_daily_task_is_scheduled():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["anonymise-expired-requests"]
    assert entry["task"] == "services.tasks.anonymise_expired_requests"


def test_the_task_anonymises(manager):
    from services.tasks import anonymise_expired_requests

    expire(closed_request(manager))
    assert anonymise_expired_requests.delay().get() == 1


def test_a_request_built_outside_the_workflow_has_no_date_and_is_kept():
    service_request = ServiceRequestFactory()
    with pytest.raises(RetentionError):
        service_request.delete()
