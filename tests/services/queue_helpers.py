"""Staff users in the queue roles and requests taken through the workflow, for queue tests."""

from services import workflow
from services.models import RequestStatus, RequestType
from services.roles import MANAGER_GROUP, SPECIALIST_GROUP, ensure_queue_groups
from tests.services.factories import ServiceRequestFactory, UserFactory


def make_staff(group_name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(ensure_queue_groups()[group_name])
    return user


def make_specialist(**kwargs):
    return make_staff(SPECIALIST_GROUP, **kwargs)


def make_manager(**kwargs):
    return make_staff(MANAGER_GROUP, **kwargs)


def request_in(status, *, user, request_type=RequestType.CONSULTATION, **kwargs):
    """A request of `request_type` taken by `user` through the workflow up to `status`."""
    kwargs.setdefault("qi_element", "metrology")
    service_request = ServiceRequestFactory(request_type=request_type, **kwargs)
    workflow.apply_time_limits(service_request)
    service_request.save()
    path = {
        RequestStatus.SUBMITTED: [],
        RequestStatus.ACCEPTED: [RequestStatus.ACCEPTED],
        RequestStatus.DECLINED: [RequestStatus.DECLINED],
        RequestStatus.IN_PROGRESS: [RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS],
        RequestStatus.RESOLVED: [
            RequestStatus.ACCEPTED,
            RequestStatus.IN_PROGRESS,
            RequestStatus.RESOLVED,
        ],
        RequestStatus.CLOSED: [
            RequestStatus.ACCEPTED,
            RequestStatus.IN_PROGRESS,
            RequestStatus.RESOLVED,
            RequestStatus.CLOSED,
        ],
        RequestStatus.WITHDRAWN: [],
    }[status]
    for step in path:
        if step == RequestStatus.RESOLVED:
            _prepare_resolution(service_request, user)
        service_request = workflow.transition(
            service_request, step, user=user, note="测试说明" if step == "declined" else ""
        )
    if status == RequestStatus.WITHDRAWN:
        service_request = workflow.transition(
            service_request, RequestStatus.WITHDRAWN, role="enterprise"
        )
    return service_request


def _prepare_resolution(service_request, user):
    if service_request.request_type == RequestType.COMPLAINT:
        workflow.update_complaint(
            service_request, user=user, data={"complaint_feedback": "已核实并整改，向投诉人反馈。"}
        )
    workflow.record_resolution(
        service_request,
        user=user,
        data={
            "resolution_summary": "已完成服务并交付报告。",
            "person_days": 2,
            "problems_solved": 1,
        },
    )
