from datetime import timedelta

import pytest

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from resources.models import Institution
from services import surveys as survey_service
from services.models import (
    QueueSettings,
    RequestEvent,
    RequestStatus,
    SatisfactionSurvey,
)
from services.tasks import remind_unanswered_surveys, send_periodic_surveys
from services.views.surveys import satisfaction_report
from tests.services.factories import (
    EnterpriseFactory,
    MembershipFactory,
    ServiceRequestFactory,
    UserFactory,
)
from tests.services.queue_helpers import make_manager, make_specialist, request_in

pytestmark = pytest.mark.django_db

REPORT = "/admin/queue/satisfaction/"


def survey_url(survey):
    return reverse("services:survey", args=[survey.token])


def answers(**overrides):
    data = {
        "products": "电线电缆",
        "improvement_effect": "very_obvious",
        "improved_areas": ["awareness", "testing"],
        "overall": "satisfied",
        "satisfied_aspects": ["competence"],
        "main_content": "计量器具检定指导",
        "attitude": "satisfied",
        "competence": "basically",
        "effect": "satisfied",
        "suggestions": "希望多组织培训。",
    }
    data.update(overrides)
    return data


@pytest.fixture
def closed_request():
    return request_in(RequestStatus.CLOSED, user=make_manager())


def make_survey(*, owner=None, qi_element="", request=None, overall="", answered=True, **extra):
    enterprise = request.enterprise if request is not None else EnterpriseFactory()
    survey = SatisfactionSurvey(
        kind=SatisfactionSurvey.Kind.COMPLETION if request else SatisfactionSurvey.Kind.PERIODIC,
        request=request,
        enterprise=enterprise,
        owner=owner,
        qi_element=qi_element,
        recipient="boss@example.com",
        expires_at=timezone.now() + timedelta(days=30),
        overall=overall,
        answered_at=timezone.now() if answered else None,
        **extra,
    )
    survey.issue_token()
    survey.save()
    return survey


def test_survey_page_shows_the_request_not_the_contact(client, closed_request):
    response = client.get(survey_url(closed_request.survey))
    html = response.content.decode()
    assert response.status_code == 200
    assert closed_request.number in html
    assert closed_request.enterprise.name in html
    assert closed_request.contact_phone not in html
    assert html.index('name="improvement_effect"') < html.index('name="overall"')
    assert html.index('name="overall"') < html.index('name="attitude"')


def test_a_survey_link_answers_once(client, closed_request):
    survey = closed_request.survey
    first = client.post(survey_url(survey), answers())
    assert first.status_code == 200
    assert first.context["state"] == "thanks"

    second = client.post(survey_url(survey), answers(overall="dissatisfied"))
    assert second.status_code == 410
    assert second.context["state"] == "answered"
    assert b'name="overall"' not in second.content

    survey.refresh_from_db()
    assert survey.overall == "satisfied"
    assert survey.improved_areas == ["awareness", "testing"]
    assert SatisfactionSurvey.objects.filter(answered_at__isnull=False).count() == 1
    assert RequestEvent.objects.filter(request=closed_request, kind="survey").count() == 1


def test_the_losing_concurrent_answer_is_not_saved(closed_request):
    survey = closed_request.survey
    stale_copy = SatisfactionSurvey.objects.get(pk=survey.pk)
    assert survey_service.answer_survey(survey, answers())
    # The second request read the survey before the first one answered it.
    assert not survey_service.answer_survey(stale_copy, answers(overall="dissatisfied"))
    survey.refresh_from_db()
    assert survey.overall == "satisfied"


def test_a_wrong_token_is_a_404(client, closed_request):
    assert client.get(reverse("services:survey", args=["not-a-token"])).status_code == 404
    assert client.post(reverse("services:survey", args=["x" * 43]), answers()).status_code == 404


def test_an_expired_link_is_refused(client, closed_request):
    survey = closed_request.survey
    SatisfactionSurvey.objects.filter(pk=survey.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.post(survey_url(survey), answers())
    assert response.status_code == 410
    assert response.context["state"] == "expired"
    assert b'name="overall"' not in response.content
    survey.refresh_from_db()
    assert survey.answered_at is None


def test_missing_overall_answer_is_explained_and_other_answers_are_kept(client, closed_request):
    response = client.post(
        survey_url(closed_request.survey), answers(overall="", suggestions="请保留这段话")
    )
    html = response.content.decode()
    assert response.status_code == 200
    message = gettext("Please choose how satisfied you are with the service overall.")
    assert message in html
    assert 'aria-describedby="id_overall_error"' in html
    assert "请保留这段话" in html
    assert 'value="testing"' in html and "checked" in html
    assert SatisfactionSurvey.objects.get().answered_at is None


def test_other_needs_a_few_words(client, closed_request):
    response = client.post(
        survey_url(closed_request.survey), answers(satisfied_aspects=["other"], other_text="")
    )
    assert "other_text" in response.context["form"].errors
    assert 'aria-describedby="id_other_text_error id_other_text_helptext"' in (
        response.content.decode()
    )


def test_tracking_page_offers_the_survey_until_answered(client, closed_request):
    membership = MembershipFactory(enterprise=closed_request.enterprise)
    client.force_login(membership.user)
    detail = reverse("services:request_detail", args=[closed_request.number])
    link = survey_url(closed_request.survey)

    assert link in client.get(detail).content.decode()

    client.post(link, answers())
    assert link not in client.get(detail).content.decode()


def test_staff_viewing_the_tracking_page_get_no_rate_button(client, closed_request):
    client.force_login(make_manager())
    detail = reverse("services:request_detail", args=[closed_request.number])
    assert survey_url(closed_request.survey) not in client.get(detail).content.decode()


def test_periodic_survey_page_shows_the_enterprise(client):
    survey = make_survey(answered=False)
    response = client.get(survey_url(survey))
    assert response.status_code == 200
    assert survey.enterprise.name in response.content.decode()
    assert client.post(survey_url(survey), answers()).context["state"] == "thanks"


def test_reminder_is_sent_once(closed_request, mailoutbox, django_capture_on_commit_callbacks):
    survey = closed_request.survey
    reminder_days = QueueSettings.load().survey_reminder_days
    SatisfactionSurvey.objects.filter(pk=survey.pk).update(
        created_at=timezone.now() - timedelta(days=reminder_days + 1)
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        remind_unanswered_surveys.delay()
    with django_capture_on_commit_callbacks(execute=True):
        remind_unanswered_surveys.delay()

    assert len(mailoutbox) == 1
    assert survey.token in mailoutbox[0].body
    assert mailoutbox[0].to == [survey.recipient]
    survey.refresh_from_db()
    assert survey.reminder_sent_at is not None


def test_no_reminder_for_answered_or_recent_surveys(closed_request, mailoutbox):
    make_survey(
        answered=True,
        request=ServiceRequestFactory(),
        created_at=timezone.now() - timedelta(days=20),
    )
    assert survey_service.remind_unanswered() == 0


def test_periodic_surveys_once_per_enterprise(mailoutbox, django_capture_on_commit_callbacks):
    manager = make_manager()
    served = request_in(RequestStatus.CLOSED, user=manager)
    request_in(RequestStatus.CLOSED, user=manager, enterprise=served.enterprise)
    request_in(RequestStatus.IN_PROGRESS, user=manager)  # not yet served
    no_mail = request_in(RequestStatus.CLOSED, user=manager)
    no_mail.enterprise.contact_email = ""
    no_mail.enterprise.save()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        send_periodic_surveys.delay()
    with django_capture_on_commit_callbacks(execute=True):
        send_periodic_surveys.delay()

    periodic = SatisfactionSurvey.objects.filter(kind="periodic")
    assert list(periodic.values_list("enterprise", flat=True)) == [served.enterprise_id]
    assert periodic.get().request is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [served.enterprise.contact_email]


def test_periodic_surveys_can_be_turned_off(closed_request):
    config = QueueSettings.load()
    config.periodic_survey_days = 0
    config.save()
    assert survey_service.send_periodic_surveys() == 0


@pytest.fixture
def report_data():
    wang, li = make_specialist(first_name="伟", last_name="王"), make_specialist(username="li")
    lab = Institution.objects.create(
        name="厦门计量院", slug="xm-metrology", kind="metrology_institute", district="siming"
    )
    with_lab = ServiceRequestFactory()
    with_lab.institutions.add(lab)
    make_survey(
        owner=wang,
        qi_element="metrology",
        request=with_lab,
        overall="satisfied",
        improved_areas=["awareness", "cost"],
        suggestions="服务很好",
    )
    make_survey(owner=wang, qi_element="metrology", overall="fairly_satisfied")
    make_survey(owner=wang, qi_element="standards", overall="dissatisfied", improved_areas=["cost"])
    make_survey(owner=li, qi_element="standards", answered=False)
    return wang, li, lab


def test_report_figures(report_data):
    wang, li, _lab = report_data
    all_surveys = SatisfactionSurvey.objects.all()
    summary = survey_service.satisfaction_summary(all_surveys)
    assert (summary["sent"], summary["answered"], summary["satisfied"]) == (4, 3, 2)
    assert summary["response_rate"] == 75.0
    assert summary["satisfaction_rate"] == 66.7
    assert summary["mean_score"] == 60.0
    areas = next(q for q in summary["questions"] if q["name"] == "improved_areas")
    counts = {str(option["label"]): option["count"] for option in areas["options"]}
    assert counts[str(gettext("Lower costs"))] == 2
    assert counts[str(gettext("Quality awareness"))] == 1

    by_owner = {row["owner"]: row for row in survey_service.satisfaction_by(all_surveys, "owner")}
    assert (by_owner[wang.pk]["sent"], by_owner[wang.pk]["answered"]) == (3, 3)
    assert by_owner[wang.pk]["label"] == "王伟"
    assert (by_owner[li.pk]["sent"], by_owner[li.pk]["answered"]) == (1, 0)

    by_element = {
        row["qi_element"]: row for row in survey_service.satisfaction_by(all_surveys, "qi_element")
    }
    assert by_element["metrology"]["satisfaction_rate"] == 100.0
    assert by_element["standards"]["satisfaction_rate"] == 0.0
    assert by_element["standards"]["response_rate"] == 50.0

    by_institution = survey_service.satisfaction_by(all_surveys, "institution")
    assert [(row["label"], row["answered"], row["mean_score"]) for row in by_institution] == [
        ("厦门计量院", 1, 100.0)
    ]


def test_report_page_within_query_budget(client, report_data, django_assert_max_num_queries):
    client.force_login(make_manager())
    with django_assert_max_num_queries(20):
        response = client.get(REPORT, {"kind": "completion"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "厦门计量院" in html
    assert "服务很好" in html


def test_report_filters_by_answer_date(client, report_data):
    client.force_login(make_manager())
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.get(REPORT, {"answered_from": tomorrow})
    assert response.context["summary"]["answered"] == 0


def test_report_needs_the_permission(client, rf):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    request = rf.get(REPORT)
    request.user = user
    with pytest.raises(PermissionDenied):
        satisfaction_report(request)
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code in {302, 403}
    assert response.get("Location", "/admin/") == "/admin/"


def test_survey_result_for_a_request(closed_request):
    assert survey_service.survey_result_for(closed_request) is None
    survey_service.answer_survey(closed_request.survey, answers())
    result = survey_service.survey_result_for(closed_request)
    assert result["score"] == 100
    assert any(value == "希望多组织培训。" for _label, value in result["answers"])
