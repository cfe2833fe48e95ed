"""The demo requests: every type and status is there, the loader is safe to run again, and
every closed request has an answered satisfaction survey."""

import pytest

from services.demo import load_requests
from services.demo.requests import demo_uscc
from services.models import (
    FollowUp,
    RequestStatus,
    RequestType,
    SatisfactionSurvey,
    ServicePlan,
    ServiceRequest,
)
from services.validators import validate_uscc

pytestmark = pytest.mark.django_db


def demo_requests():
    return ServiceRequest.objects.filter(idempotency_key__isnull=False)


def test_every_type_and_status_is_present(demo_site):
    requests = demo_requests()
    assert set(requests.values_list("request_type", flat=True)) == set(RequestType.values)
    assert set(requests.values_list("status", flat=True)) == set(RequestStatus.values)


def test_running_the_request_step_twice_keeps_counts(demo_site):
    counts = (
        ServiceRequest.objects.count(),
        FollowUp.objects.count(),
        ServicePlan.objects.count(),
        SatisfactionSurvey.objects.count(),
    )
    assert load_requests() == 0
    assert (
        ServiceRequest.objects.count(),
        FollowUp.objects.count(),
        ServicePlan.objects.count(),
        SatisfactionSurvey.objects.count(),
    ) == counts


def test_each_closed_request_has_an_answered_survey(demo_site):
    closed = demo_requests().filter(status=RequestStatus.CLOSED)
    assert closed.exists()
    for service_request in closed:
        assert service_request.survey.answered_at is not None
        assert service_request.survey.overall


def test_some_new_requests_are_overdue_and_history_spans_months(demo_site):
    from django.utils import timezone

    from services.workflow import overdue_q

    assert demo_requests().filter(overdue_q(), status=RequestStatus.SUBMITTED).exists()
    oldest = demo_requests().order_by("created_at").first()
    assert (timezone.now() - oldest.created_at).days > 150


def test_failed_reinspection_opened_a_second_round(demo_site):
    assert demo_requests().filter(rounds__number=2).exists()


def test_demo_credit_codes_are_valid():
    for serial in range(100, 130):
        validate_uscc(demo_uscc("350203", serial))
