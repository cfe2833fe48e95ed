"""Creating and sending satisfaction surveys (001 7.2.6.1, 004 6.4.2, 003 7.2.4.2, 000 6.5.5)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Avg, Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.choices import QIElement
from portal.fields import has_choice
from services.models import (
    ImprovedArea,
    ImprovementEffect,
    OverallSatisfaction,
    QueueSettings,
    Rating,
    SatisfactionSurvey,
    SatisfiedAspect,
)
from services.models.surveys import OVERALL_SCORES, SATISFIED_ANSWERS
from services.notifications import notify


def queue_settings():
    return QueueSettings.load()


def create_completion_survey(service_request):
    """The survey sent when a request is closed; one per request, whatever happens twice."""
    existing = SatisfactionSurvey.objects.filter(request=service_request).first()
    if existing is not None:
        return existing
    survey = SatisfactionSurvey(
        kind=SatisfactionSurvey.Kind.COMPLETION,
        request=service_request,
        enterprise_id=service_request.enterprise_id,
        owner_id=service_request.owner_id,
        qi_element=service_request.qi_element,
        recipient=service_request.contact_email,
        products=service_request.product_name,
        expires_at=timezone.now() + timedelta(days=queue_settings().survey_valid_days),
    )
    survey.issue_token()
    survey.save()
    notify(
        f"survey:{survey.pk}",
        template="survey",
        recipient=survey.recipient,
        service_request=service_request,
        survey=survey,
    )
    return survey


def find_survey(token):
    """The survey behind a link, or None; only the hash of the token is stored."""
    if not token:
        return None
    return (
        SatisfactionSurvey.objects.select_related("request", "enterprise")
        .filter(token_hash=SatisfactionSurvey.hash_token(token))
        .first()
    )


def open_survey_for(service_request):
    """The completion survey the enterprise can still answer, or None."""
    survey = SatisfactionSurvey.objects.filter(
        request=service_request, answered_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
    return survey


ANSWER_FIELDS = [
    "products",
    "improvement_effect",
    "improved_areas",
    "overall",
    "satisfied_aspects",
    "other_text",
    "main_content",
    "main_results",
    "attitude",
    "competence",
    "effect",
    "suggestions",
    "respondent_name",
    "respondent_phone",
]


def answer_survey(survey, answers):
    """Save the answers if nobody has yet; returns False when the survey was already answered.

    One conditional UPDATE both claims and fills the row, so of two simultaneous posts exactly
    one sets `answered_at`.
    """
    from services import workflow
    from services.models import RequestEvent

    values = {name: answers[name] for name in ANSWER_FIELDS if name in answers}
    now = timezone.now()
    with transaction.atomic():
        saved = SatisfactionSurvey.objects.filter(
            pk=survey.pk, answered_at__isnull=True, expires_at__gt=now
        ).update(answered_at=now, **values)
        if not saved:
            return False
        if survey.request_id:
            overall = OverallSatisfaction(values["overall"]).label if values.get("overall") else ""
            workflow.record(
                survey.request,
                RequestEvent.Kind.SURVEY,
                message=_("Satisfaction survey answered: %(overall)s") % {"overall": overall},
                public=True,
                by_enterprise=True,
            )
    for name, value in values.items():
        setattr(survey, name, value)
    survey.answered_at = now
    return True


def remind_unanswered():
    """One reminder per completion survey still open `survey_reminder_days` after sending."""
    now = timezone.now()
    due_before = now - timedelta(days=queue_settings().survey_reminder_days)
    due = SatisfactionSurvey.objects.filter(
        kind=SatisfactionSurvey.Kind.COMPLETION,
        answered_at__isnull=True,
        reminder_sent_at__isnull=True,
        expires_at__gt=now,
        created_at__lt=due_before,
    ).exclude(recipient="")
    reminded = 0
    for survey in due.select_related("request").iterator():
        with transaction.atomic():
            claimed = SatisfactionSurvey.objects.filter(
                pk=survey.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            notify(
                f"survey-reminder:{survey.pk}",
                template="survey_reminder",
                recipient=survey.recipient,
                service_request=survey.request,
                survey=survey,
            )
        reminded += 1
    return reminded


def send_periodic_surveys():
    """000 6.5.5: every enterprise served gets a survey each `periodic_survey_days` days."""
    from services.models import Enterprise, RequestStatus

    config = queue_settings()
    if not config.periodic_survey_days:
        return 0
    now = timezone.now()
    recent = SatisfactionSurvey.objects.filter(
        kind=SatisfactionSurvey.Kind.PERIODIC,
        created_at__gt=now - timedelta(days=config.periodic_survey_days),
    )
    due = (
        Enterprise.objects.filter(requests__status=RequestStatus.CLOSED)
        .exclude(contact_email="")
        .exclude(Exists(recent.filter(enterprise=OuterRef("pk"))))
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for enterprise in due.iterator():
        with transaction.atomic():
            # Lock the enterprise so two runs at once cannot both create its survey.
            Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
            if recent.filter(enterprise=enterprise).exists():
                continue
            survey = SatisfactionSurvey(
                kind=SatisfactionSurvey.Kind.PERIODIC,
                enterprise=enterprise,
                recipient=enterprise.contact_email,
                expires_at=now + timedelta(days=config.survey_valid_days),
            )
            survey.issue_token()
            survey.save()
            notify(
                f"survey:{survey.pk}",
                template="periodic_survey",
                recipient=survey.recipient,
                survey=survey,
            )
        sent += 1
    return sent


# The results: each question's counts come from one aggregate query, never a loop over rows.
SINGLE_CHOICE_QUESTIONS = {
    "improvement_effect": ImprovementEffect,
    "overall": OverallSatisfaction,
    "attitude": Rating,
    "competence": Rating,
    "effect": Rating,
}
MULTIPLE_CHOICE_QUESTIONS = {
    "improved_areas": ImprovedArea,
    "satisfied_aspects": SatisfiedAspect,
}
DIMENSIONS = {
    "owner": ("owner", "owner__username", "owner__first_name", "owner__last_name"),
    "qi_element": ("qi_element",),
    "institution": ("request__institutions", "request__institutions__name"),
}
ANSWERED = Q(answered_at__isnull=False)


def _score_expression():
    return Case(
        *[When(overall=answer, then=Value(points)) for answer, points in OVERALL_SCORES.items()],
        output_field=IntegerField(),
    )


def _headline_aggregates():
    return {
        "sent": Count("pk", distinct=True),
        "answered": Count("pk", filter=ANSWERED, distinct=True),
        "rated": Count("pk", filter=ANSWERED & ~Q(overall=""), distinct=True),
        "satisfied": Count("pk", filter=ANSWERED & Q(overall__in=SATISFIED_ANSWERS), distinct=True),
        "mean_score": Avg(_score_expression(), filter=ANSWERED & ~Q(overall="")),
    }


def _with_rates(row):
    row["response_rate"] = _percent(row["answered"], row["sent"])
    row["satisfaction_rate"] = _percent(row["satisfied"], row["rated"])
    if row["mean_score"] is not None:
        row["mean_score"] = round(row["mean_score"], 1)
    return row


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def satisfaction_summary(queryset):
    """Sent, answered, rates and every question's answer counts for the surveys in `queryset`."""
    aggregates = _headline_aggregates()
    for name, choices in SINGLE_CHOICE_QUESTIONS.items():
        for value in choices.values:
            aggregates[f"{name}:{value}"] = Count("pk", filter=ANSWERED & Q(**{name: value}))
    for name, choices in MULTIPLE_CHOICE_QUESTIONS.items():
        for value in choices.values:
            aggregates[f"{name}:{value}"] = Count("pk", filter=ANSWERED & has_choice(name, value))
    totals = queryset.aggregate(**aggregates)
    summary = _with_rates({key: totals[key] for key in _headline_aggregates()})
    choice_sets = {**SINGLE_CHOICE_QUESTIONS, **MULTIPLE_CHOICE_QUESTIONS}
    summary["questions"] = [
        _question(name, choice_sets[name], totals, multiple=name in MULTIPLE_CHOICE_QUESTIONS)
        for name in ANSWER_FIELDS
        if name in choice_sets
    ]
    return summary


def _question(name, choices, totals, *, multiple):
    counts = [(label, totals[f"{name}:{value}"]) for value, label in choices.choices]
    answered = totals["answered"]
    return {
        "name": name,
        "label": SatisfactionSurvey._meta.get_field(name).verbose_name,
        "multiple": multiple,
        "options": [
            {"label": label, "count": count, "percent": _percent(count, answered)}
            for label, count in counts
        ],
    }


def satisfaction_by(queryset, dimension):
    """The headline figures per specialist, QI element or institution, most answers first."""
    fields = DIMENSIONS[dimension]
    rows = (
        queryset.order_by()
        .values(*fields)
        .annotate(**_headline_aggregates())
        .order_by("-answered", *fields)
    )
    if dimension == "institution":
        rows = rows.filter(request__institutions__isnull=False)
    elif dimension == "owner":
        rows = rows.filter(owner__isnull=False)
    else:
        rows = rows.exclude(qi_element="")
    labels = dict(QIElement.choices)
    result = []
    for row in rows:
        if dimension == "owner":
            full_name = f"{row['owner__last_name']}{row['owner__first_name']}".strip()
            row["label"] = full_name or row["owner__username"]
        elif dimension == "qi_element":
            row["label"] = labels.get(row["qi_element"], row["qi_element"])
        else:
            row["label"] = row["request__institutions__name"]
        result.append(_with_rates(row))
    return result


def latest_suggestions(queryset, limit=20):
    return (
        queryset.filter(ANSWERED)
        .exclude(suggestions="")
        .select_related("enterprise", "request")
        .order_by("-answered_at")[:limit]
    )


def survey_result_for(service_request):
    """The answered survey of a request as (question, answer) lines, or None if unanswered."""
    survey = SatisfactionSurvey.objects.filter(
        request=service_request, answered_at__isnull=False
    ).first()
    if survey is None:
        return None
    lines = []
    for name in ANSWER_FIELDS:
        field = SatisfactionSurvey._meta.get_field(name)
        value = getattr(survey, name)
        if name in MULTIPLE_CHOICE_QUESTIONS:
            value = "、".join(str(label) for label in field.labels(value))
        elif field.choices:
            value = getattr(survey, f"get_{name}_display")()
        if value:
            lines.append((field.verbose_name, value))
    return {"survey": survey, "score": survey.score, "answers": lines}
