"""Demo requests taken through the workflow, so the queue, the enterprise files and the
dashboards have something to show. Safe to run again: a request that exists is left alone.
"""

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from resources.models import Equipment, Expert, Institution
from services import workflow
from services.intake import create_request
from services.models import (
    STAFF_CHANNELS,
    AssistanceRound,
    Notification,
    RequestStatus,
    Role,
    SatisfactionSurvey,
    ServiceRequest,
)
from services.roles import ensure_queue_groups
from services.validators import USCC_CHARSET, uscc_check_character

from .request_data import ENTERPRISES, REQUESTS, STAFF

DEMO_NAMESPACE = uuid.UUID("5b0c1c4e-7d1a-4f53-9a57-3f1e0c2d9a10")
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
DECIMAL_FIELDS = {"person_days", "benefit_wan", "machine_hours", "booking_fee"}


def demo_key(slug):
    """The idempotency key that marks a demo request, stable across runs."""
    return uuid.uuid5(DEMO_NAMESPACE, f"demo-request:{slug}")


def demo_uscc(division_code, serial):
    """A valid 统一社会信用代码: 9 1 (enterprise), division, organisation code, check (GB 32100).

    The organisation code carries its own check character (GB 11714), as real codes do.
    """
    body = f"MA{serial:06d}"[:8]
    total = sum(
        USCC_CHARSET.index(char) * w
        for char, w in zip(body, ORGANISATION_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    organisation_code = body + {10: "X", 11: "0"}.get(check, str(check))
    # "X" is in the USCC charset; GB 32100 keeps the organisation code as it is.
    first17 = f"91{division_code}{organisation_code}"
    return first17 + uscc_check_character(first17)


def load_staff():
    """Demo specialists and a manager; they cannot log in until someone sets a password."""
    users = {}
    groups = ensure_queue_groups()
    for username, last_name, first_name, group_name in STAFF:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "last_name": last_name,
                "first_name": first_name,
                "email": f"{username}@example.cn",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(groups[group_name])
        users[username] = user
    return users


def _enterprise_data(key):
    name, district, division, industry, size, contact, phone, serial = ENTERPRISES[key]
    return {
        "enterprise_name": name,
        "credit_code": demo_uscc(division, serial),
        "district": district,
        "industry": industry,
        "size": size,
        "contact_name": contact,
        "contact_phone": phone,
        "contact_email": f"{key}@example.cn",
    }


def _day(base, days):
    return (base + timedelta(days=days)).date()


def _at(base, days, hour=9):
    return timezone.make_aware(datetime.combine(_day(base, days), time(hour)))


def _request_data(spec, base):
    data = _enterprise_data(spec["enterprise"])
    data.update(
        {
            "request_type": spec["request_type"],
            "title": spec["title"],
            "description": spec["description"],
            "qi_element": spec.get("qi_element", ""),
        }
    )
    for name in (
        "product_name",
        "product_model",
        "nonconforming_items",
        "problem_source",
        "report_number",
        "complaint_subject",
        "desired_outcome",
        "sample_description",
    ):
        if name in spec:
            data[name] = spec[name]
    if "expected_by_days" in spec:
        data["expected_by"] = _day(base, spec["expected_by_days"])
    if "occurred_days_ago" in spec:
        data["occurred_on"] = _day(base, spec["days_ago"] - spec["occurred_days_ago"])
    if "equipment" in spec:
        equipment = Equipment.objects.filter(name=spec["equipment"]).first()
        data["equipment_ref"] = equipment.pk if equipment else None
        data["equipment_name"] = str(equipment or spec["equipment"])
        start, end = spec["preferred_in_days"]
        data["preferred_start"] = _day(base, start)
        data["preferred_end"] = _day(base, end)
    return data


def load_requests():
    """Create the demo requests that are missing; returns how many were created."""
    users = load_staff()
    manager = users["manager_wu"]
    created = 0
    now = timezone.now()
    for spec in REQUESTS:
        key = demo_key(spec["slug"])
        if ServiceRequest.objects.filter(idempotency_key=key).exists():
            continue
        base = now - timedelta(days=spec["days_ago"], hours=len(spec["slug"]) % 7)
        with transaction.atomic():
            owner = users.get(spec.get("owner"), manager)
            service_request, _token, _new = create_request(
                _request_data(spec, base),
                channel=spec["channel"],
                entered_by=owner if spec["channel"] in STAFF_CHANNELS else None,
                idempotency_key=key,
            )
            _work(service_request, spec, base, owner, manager)
            _backdate(service_request.pk, spec, base)
        created += 1
    return created


def _work(service_request, spec, base, owner, manager):
    """Take one request through the workflow as far as the demo wants it."""
    target = spec["status"]
    if target == RequestStatus.SUBMITTED:
        return
    if target == RequestStatus.WITHDRAWN:
        workflow.transition(
            service_request,
            RequestStatus.WITHDRAWN,
            role=Role.ENTERPRISE,
            note=spec.get("withdraw_note", ""),
        )
        return
    if "team" in spec:
        workflow.assign(
            service_request,
            user=manager,
            owner=owner,
            experts=Expert.objects.filter(name__in=spec["team"]["experts"]),
            institutions=Institution.objects.filter(slug__in=spec["team"]["institutions"]),
        )
    if target == RequestStatus.DECLINED and "decline_note" in spec:
        workflow.transition(
            service_request, RequestStatus.DECLINED, user=owner, note=spec["decline_note"]
        )
        return
    booking = spec.get("booking")
    if booking:
        start = _at(base, booking.get("start_in_days", 0))
        service_request = workflow.decide_booking(
            service_request,
            user=owner,
            decision=booking["decision"],
            booked_from=start,
            booked_until=start + timedelta(hours=booking.get("hours", 1)),
            note=booking.get("note", ""),
        )
        if target == RequestStatus.DECLINED:
            return
    else:
        service_request = workflow.transition(service_request, RequestStatus.ACCEPTED, user=owner)
    if target == RequestStatus.ACCEPTED:
        return
    service_request = workflow.transition(service_request, RequestStatus.IN_PROGRESS, user=owner)
    _plans(service_request, spec, base, owner, manager)
    for days, mode, participants, content in spec.get("follow_ups", []):
        workflow.add_follow_up(
            service_request,
            user=owner,
            data={
                "happened_on": _day(base, days),
                "mode": mode,
                "participants": participants,
                "content": content,
            },
        )
    _rounds(service_request, spec, base, owner)
    if "complaint" in spec:
        complaint = dict(spec["complaint"])
        promised = complaint.pop("promised_in_days", None)
        if promised is not None:
            complaint["complaint_promised_by"] = _day(base, promised)
        service_request = workflow.update_complaint(service_request, user=owner, data=complaint)
    for text in spec.get("messages", []):
        workflow.send_message(service_request, user=owner, text=text)
    if target == RequestStatus.IN_PROGRESS:
        return
    resolution = {
        name: Decimal(value) if name in DECIMAL_FIELDS else value
        for name, value in spec["resolution"].items()
    }
    workflow.record_resolution(service_request, user=owner, data=resolution)
    service_request = workflow.transition(service_request, RequestStatus.RESOLVED, user=owner)
    if target == RequestStatus.CLOSED:
        workflow.transition(service_request, RequestStatus.CLOSED, user=owner)


def _plans(service_request, spec, base, owner, manager):
    reviews = spec.get("reviews", [])
    for index, plan_data in enumerate(spec.get("plans", [])):
        plan = workflow.add_plan_version(
            service_request,
            user=owner,
            data={
                **plan_data,
                "starts_on": _day(base, 7 + 30 * index),
                "ends_on": _day(base, 90 + 30 * index),
            },
        )
        if index < len(reviews):
            review = reviews[index]
            criteria = {name: review.get(name, "met") for name in _criteria()}
            workflow.review_plan(
                plan,
                user=manager,
                data={
                    **criteria,
                    "conclusion": review["conclusion"],
                    "comments": review.get("comments", ""),
                },
            )


def _criteria():
    from services.models import REVIEW_CRITERIA

    return [name for name, _label in REVIEW_CRITERIA]


def _rounds(service_request, spec, base, owner):
    for round_spec in spec.get("rounds", []):
        current = AssistanceRound.objects.filter(
            request=service_request, closed_at__isnull=True
        ).latest("number")
        data = {
            name: value
            for name, value in round_spec.items()
            if name not in {"visited_on_days", "reinspected_days"}
        }
        data["visited_on"] = _day(base, round_spec["visited_on_days"])
        if "reinspected_days" in round_spec:
            data["reinspected_on"] = _day(base, round_spec["reinspected_days"])
        workflow.update_round(current, user=owner, data=data)


def _backdate(pk, spec, base):
    """Put the request's clock where the demo story says, so dashboards show a trend."""
    service_request = ServiceRequest.objects.get(pk=pk)
    limit = workflow.time_limit_for(service_request.request_type)
    acknowledge_due, resolve_due = limit.due_times(base)
    if service_request.complaint_promised_by:
        resolve_due = service_request.resolve_due_at
    fields = {
        "created_at": base,
        "confirmation_sent_at": base,
        "acknowledge_due_at": acknowledge_due,
        "resolve_due_at": resolve_due,
    }
    status = service_request.status
    if status not in (RequestStatus.SUBMITTED, RequestStatus.WITHDRAWN):
        fields["acknowledged_at"] = base + timedelta(hours=2 + len(spec["slug"]) % 20)
    resolved_at = None
    if status in (RequestStatus.RESOLVED, RequestStatus.CLOSED):
        resolved_at = base + timedelta(days=spec.get("took_days", 10))
        fields["resolved_at"] = resolved_at
    if status == RequestStatus.CLOSED:
        closed_at = resolved_at + timedelta(days=3)
        fields["closed_at"] = closed_at
        _answer_survey(service_request, spec, closed_at)
    ServiceRequest.objects.filter(pk=pk).update(**fields)
    # The demo's mails count as sent: loading it must not mail anyone.
    Notification.objects.filter(request_id=pk, sent_at__isnull=True).update(sent_at=timezone.now())


def _answer_survey(service_request, spec, closed_at):
    """Answers as the enterprise would give them (001 Annex E, 004 Annex C)."""
    answers = spec.get("survey", {})
    contact_name = ENTERPRISES[spec["enterprise"]][5]
    SatisfactionSurvey.objects.filter(request=service_request).update(
        created_at=closed_at,
        expires_at=closed_at + timedelta(days=30),
        answered_at=closed_at + timedelta(days=2 + len(spec["slug"]) % 5),
        improvement_effect=answers.get("improvement_effect", ""),
        improved_areas=answers.get("improved_areas", []),
        overall=answers.get("overall", "satisfied"),
        satisfied_aspects=answers.get("satisfied_aspects", []),
        main_content=service_request.title,
        main_results=service_request.resolution_summary,
        attitude=answers.get("attitude", ""),
        competence=answers.get("competence", ""),
        effect=answers.get("effect", ""),
        suggestions=answers.get("suggestions", ""),
        respondent_name=contact_name,
        respondent_phone=service_request.contact_phone,
    )
