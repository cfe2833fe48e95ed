"""The state machine: each move allowed or refused per role, and what a move leaves behind."""

import pytest

from services import workflow
from services.models import (
    ALLOWED_TRANSITIONS,
    RequestEvent,
    RequestStatus,
    Role,
    ServiceRequest,
)
from tests.services.factories import UserFactory
from tests.services.queue_helpers import make_manager, make_specialist, request_in

pytestmark = pytest.mark.django_db

STATUSES = [
    RequestStatus.SUBMITTED,
    RequestStatus.ACCEPTED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.RESOLVED,
    RequestStatus.CLOSED,
    RequestStatus.DECLINED,
    RequestStatus.WITHDRAWN,
]
ROLES = [Role.ENTERPRISE, Role.SPECIALIST, Role.MANAGER]


def _actor(role):
    if role == Role.MANAGER:
        return make_manager()
    if role == Role.SPECIALIST:
        return make_specialist()
    return None


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("to_status", STATUSES)
@pytest.mark.parametrize("from_status", STATUSES)
def test_transition_matrix(from_status, to_status, role):
    manager = make_manager()
    service_request = request_in(from_status, user=manager)
    actor = _actor(role)
    if role == Role.SPECIALIST:
        # The specialist owns it, so only the table decides.
        ServiceRequest.objects.filter(pk=service_request.pk).update(owner=actor)
    events_before = service_request.events.count()
    allowed = role in ALLOWED_TRANSITIONS.get(from_status, {}).get(to_status, ())
    if from_status == to_status:
        allowed = False
    kwargs = {"role": Role.ENTERPRISE} if role == Role.ENTERPRISE else {"user": actor}
    if allowed:
        if to_status == RequestStatus.RESOLVED:
            workflow.record_resolution(
                service_request, user=manager, data={"resolution_summary": "已办结"}
            )
            events_before += 1
        moved = workflow.transition(service_request, to_status, note="理由", **kwargs)
        assert moved.status == to_status
        event = moved.events.order_by("-pk").first()
        assert (event.from_status, event.to_status) == (from_status, to_status)
        assert event.author == actor
    else:
        with pytest.raises(workflow.WorkflowError):
            workflow.transition(service_request, to_status, note="理由", **kwargs)
        service_request.refresh_from_db()
        assert service_request.status == from_status
        assert service_request.events.count() == events_before


def test_decline_needs_a_reason_and_changes_nothing_without_one():
    manager = make_manager()
    service_request = request_in(RequestStatus.SUBMITTED, user=manager)
    with pytest.raises(workflow.WorkflowError, match="理由|reason"):
        workflow.transition(service_request, RequestStatus.DECLINED, user=manager, note=" ")
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.SUBMITTED
    assert service_request.acknowledged_at is None


def test_accepting_needs_a_qi_element():
    manager = make_manager()
    service_request = request_in(RequestStatus.SUBMITTED, user=manager, qi_element="")
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(service_request, RequestStatus.ACCEPTED, user=manager)
    workflow.classify(service_request, user=manager, qi_element="testing")
    moved = workflow.transition(service_request, RequestStatus.ACCEPTED, user=manager)
    assert moved.status == RequestStatus.ACCEPTED
    assert moved.acknowledged_at is not None
    assert moved.owner == manager


def test_a_specialist_cannot_act_on_a_colleagues_request():
    owner = make_specialist()
    colleague = make_specialist()
    service_request = request_in(RequestStatus.ACCEPTED, user=owner)
    assert service_request.owner == owner
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(service_request, RequestStatus.IN_PROGRESS, user=colleague)
    with pytest.raises(workflow.WorkflowError):
        workflow.add_note(service_request, user=colleague, text="越权")
    assert workflow.transition(service_request, RequestStatus.IN_PROGRESS, user=make_manager())


def test_a_user_without_a_queue_role_is_refused():
    editor = UserFactory()
    service_request = request_in(RequestStatus.SUBMITTED, user=make_manager())
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        workflow.transition(service_request, RequestStatus.ACCEPTED, user=editor)


def test_closing_sets_retention_and_creates_one_survey(django_capture_on_commit_callbacks):
    manager = make_manager()
    with django_capture_on_commit_callbacks(execute=True):
        service_request = request_in(RequestStatus.CLOSED, user=manager)
    assert service_request.retention_until.year - service_request.closed_at.year in (3, 6)
    assert service_request.survey.kind == "completion"
    assert RequestEvent.objects.filter(request=service_request, kind="status").count() == 4
