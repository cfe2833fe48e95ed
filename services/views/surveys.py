"""Satisfaction surveys: the one-time public form and the results for staff."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from services.forms import SatisfactionFilterForm, SurveyForm
from services.models import SatisfactionSurvey
from services.surveys import (
    answer_survey,
    find_survey,
    latest_suggestions,
    satisfaction_by,
    satisfaction_summary,
)


def _closed(request, survey, state, status):
    return render(
        request, "services/survey_done.html", {"survey": survey, "state": state}, status=status
    )


@never_cache
def survey(request, token):
    survey = find_survey(token)
    if survey is None:
        raise Http404
    if survey.is_answered:
        return _closed(request, survey, "answered", 410)
    if survey.is_expired:
        return _closed(request, survey, "expired", 410)
    if request.method == "POST":
        form = SurveyForm(request.POST, instance=survey)
        if form.is_valid():
            if not answer_survey(survey, form.cleaned_data):
                return _closed(request, survey, "answered", 410)
            return _closed(request, survey, "thanks", 200)
    else:
        form = SurveyForm(instance=survey)
    response = render(request, "services/survey.html", {"survey": survey, "form": form})
    # The token is in the URL: never send it to other sites. "same-origin" (not "no-referrer")
    # keeps the Origin header on our own POST, which the CSRF check needs.
    response["Referrer-Policy"] = "same-origin"
    return response


def satisfaction_report(request):
    user = request.user
    if not (
        user.has_perm("services.view_satisfactionsurvey") or user.has_perm("services.manage_queue")
    ):
        raise PermissionDenied
    filters = SatisfactionFilterForm(request.GET or None)
    surveys = filters.filter(SatisfactionSurvey.objects.all())
    return render(
        request,
        "services/queue/satisfaction.html",
        {
            "page_title": _("Satisfaction survey results"),
            "header_icon": "list-ul",
            "filters": filters,
            "summary": satisfaction_summary(surveys),
            "dimensions": [
                (_("By specialist"), satisfaction_by(surveys, "owner")),
                (_("By QI element"), satisfaction_by(surveys, "qi_element")),
                (_("By institution"), satisfaction_by(surveys, "institution")),
            ],
            "suggestions": latest_suggestions(surveys),
        },
    )
