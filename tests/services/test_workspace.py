"""The request workspace in the admin: what a specialist sees and does, by POST only."""

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse

from services.models import FollowUp, RequestEvent, RequestStatus, RequestType, ServicePlan
from tests.services.conftest import PDF
from tests.services.factories import ServiceRequestFactory, UserFactory
from tests.services.queue_helpers import make_manager, make_specialist, request_in

pytestmark = pytest.mark.django_db


def url(service_request, action=None):
    if action:
        return reverse("services_queue:action", args=[service_request.pk, action])
    return reverse("services_queue:workspace", args=[service_request.pk])


@pytest.fixture
def specialist():
    return make_specialist(first_name="小", last_name="陈")


def test_specialist_sees_the_request_and_what_to_do_next(client, specialist):
    service_request = request_in(RequestStatus.SUBMITTED, user=specialist)
    client.force_login(specialist)
    response = client.get(url(service_request))
    assert response.status_code == 200
    page = response.content.decode()
    assert service_request.number in page
    assert "下一步" in page
    assert 'value="accepted"' in page and 'value="declined"' in page


def test_state_changes_by_get_are_refused(client, specialist):
    service_request = request_in(RequestStatus.SUBMITTED, user=specialist)
    client.force_login(specialist)
    response = client.get(url(service_request, "transition") + "?to_status=accepted")
    assert response.status_code == 405
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.SUBMITTED


def test_post_without_csrf_is_refused(specialist):
    from django.test import Client

    service_request = request_in(RequestStatus.SUBMITTED, user=specialist)
    client = Client(enforce_csrf_checks=True)
    client.force_login(specialist)
    response = client.post(url(service_request, "transition"), {"to_status": "accepted"})
    assert response.status_code == 403
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.SUBMITTED


def test_an_editor_without_the_right_cannot_open_or_act(client):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    service_request = request_in(RequestStatus.SUBMITTED, user=make_manager())
    client.force_login(editor)
    # Wagtail turns a refusal in the admin into a redirect to the dashboard with a message.
    response = client.get(url(service_request))
    assert response.status_code in (302, 403)
    assert service_request.number.encode() not in response.content
    response = client.post(url(service_request, "transition"), {"to_status": "accepted"})
    assert response.status_code in (302, 403)
    assert client.get(reverse("services_servicerequest_modeladmin_index")).status_code in (
        302,
        403,
    )
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.SUBMITTED


def test_decline_without_reason_keeps_everything(client, specialist):
    service_request = request_in(RequestStatus.SUBMITTED, user=specialist)
    client.force_login(specialist)
    response = client.post(
        url(service_request, "transition"), {"to_status": "declined", "note": ""}
    )
    assert response.status_code == 400
    assert "理由" in response.content.decode()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.SUBMITTED


def test_accept_then_plan_review_and_a_second_version(client, specialist):
    service_request = request_in(
        RequestStatus.SUBMITTED, user=specialist, request_type=RequestType.DEMAND
    )
    client.force_login(specialist)
    response = client.post(url(service_request, "transition"), {"to_status": "accepted"})
    assert response.status_code == 302
    plan = {
        "status_analysis": "企业计量器具管理台账不全。",
        "main_problems": "关键检测设备未按期校准。",
        "goals": "三个月内建立计量管理制度，关键设备校准率100%。",
        "service_items": "计量器具清查、校准、制度编写。",
        "service_methods": ["on_site", "training"],
        "schedule": "第一个月清查，第二个月校准，第三个月验收。",
        "starts_on": "2026-12-01",
        "ends_on": "2027-02-28",
        "expected_effect": "关键设备全部受控。",
    }
    assert client.post(url(service_request, "plan"), plan).status_code == 302
    review = {
        "goal_fitness": "met",
        "completeness": "met",
        "feasibility": "met",
        "staffing": "not_met",
        "timing": "met",
        "expected_benefit": "met",
        "conclusion": "approved",
    }
    response = client.post(url(service_request, "review"), review)
    assert response.status_code == 400
    assert "不符合" in response.content.decode()
    review["conclusion"] = "revise"
    assert client.post(url(service_request, "review"), review).status_code == 302
    # A change without a reason is refused; with one it becomes version 2.
    response = client.post(url(service_request, "plan"), plan)
    assert response.status_code == 400
    plan["change_reason"] = "增加一名计量专家，周期不变，成本增加约2人·天。"
    assert client.post(url(service_request, "plan"), plan).status_code == 302
    assert list(service_request.plans.values_list("version", flat=True)) == [1, 2]
    assert ServicePlan.objects.get(request=service_request, version=1).change_reason == ""


def test_follow_up_with_file_is_internal(client, specialist):
    from django.core.files.uploadedfile import SimpleUploadedFile

    service_request = request_in(RequestStatus.IN_PROGRESS, user=specialist)
    client.force_login(specialist)
    response = client.post(
        url(service_request, "follow-up"),
        {
            "happened_on": "2026-11-20",
            "mode": "visit",
            "content": "现场查看生产线，指导建立首件检验制度。",
            "attachments": SimpleUploadedFile("签到表.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(request=service_request)
    attachment = follow_up.attachments.get()
    assert attachment.is_public is False
    assert (
        not RequestEvent.objects.filter(request=service_request, kind="follow_up").get().is_public
    )


def test_resolve_close_and_survey_mail(
    client, specialist, mailoutbox, django_capture_on_commit_callbacks
):
    service_request = request_in(RequestStatus.IN_PROGRESS, user=specialist)
    client.force_login(specialist)
    response = client.post(url(service_request, "transition"), {"to_status": "resolved"})
    assert response.status_code == 400
    assert (
        client.post(
            url(service_request, "resolution"),
            {
                "resolution_summary": "已解答并提供检定机构名单。",
                "person_days": "0.5",
                "problems_solved": "1",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(url(service_request, "transition"), {"to_status": "resolved"}).status_code
        == 302
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(service_request, "transition"), {"to_status": "closed"})
    assert response.status_code == 302
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.CLOSED
    assert service_request.survey is not None
    assert any("/requests/survey/" in mail.body for mail in mailoutbox)


def test_negative_benefit_is_refused_next_to_the_field(client, specialist):
    service_request = request_in(RequestStatus.IN_PROGRESS, user=specialist)
    client.force_login(specialist)
    response = client.post(
        url(service_request, "resolution"),
        {"resolution_summary": "完成", "benefit_wan": "-3"},
    )
    assert response.status_code == 400
    service_request.refresh_from_db()
    assert service_request.benefit_wan is None
    assert "完成" in response.content.decode()


def test_colleague_sees_read_only_workspace(client, specialist):
    service_request = request_in(RequestStatus.ACCEPTED, user=specialist)
    colleague = make_specialist()
    client.force_login(colleague)
    page = client.get(url(service_request)).content.decode()
    assert 'value="in_progress"' not in page
    response = client.post(url(service_request, "note"), {"note-text": "我来接手"})
    assert response.status_code == 400
    assert not service_request.events.filter(kind="note").exists()


def test_queue_listing_tabs(client, specialist):
    mine = request_in(RequestStatus.ACCEPTED, user=specialist)
    new = ServiceRequestFactory()
    client.force_login(specialist)
    index = reverse("services_servicerequest_modeladmin_index")
    page = client.get(index + "?queue=new").content.decode()
    assert new.number in page and mine.number not in page
    page = client.get(index + "?queue=mine").content.decode()
    assert mine.number in page and new.number not in page
    assert client.get(index + "?tracking_token_hash__startswith=a").status_code == 400


def test_the_enterprise_sees_public_steps_but_not_internal_ones(client, specialist):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from services import workflow
    from services.intake import tracking_path

    service_request = ServiceRequestFactory(qi_element="testing")
    token = service_request.tracking_token
    workflow.transition(service_request, "accepted", user=specialist, note="已受理，明天上门。")
    workflow.add_note(service_request, user=specialist, text="企业负责人较难沟通")
    workflow.send_message(service_request, user=specialist, text="请准备近三个月的出厂检验记录。")
    workflow.add_deliverables(
        service_request,
        user=specialist,
        files=[SimpleUploadedFile("检测报告.pdf", PDF, "application/pdf")],
        kind="report",
        description="型式检验报告",
    )
    response = client.get(tracking_path(service_request.number, token), follow=True)
    page = response.content.decode()
    assert "已受理，明天上门。" in page
    assert "请准备近三个月的出厂检验记录。" in page
    assert "型式检验报告" in page
    assert "企业负责人较难沟通" not in page
