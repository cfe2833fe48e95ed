"""Turning a resolved request into a draft typical case (001 7.3.1, Annex F).

The draft is an unpublished CasePage under the case library, prefilled from the request, its
plan, follow-ups and assistance rounds; an editor completes and publishes it in Wagtail.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from resources.models import CaseIndexPage, CasePage
from resources.models.cases import PROFILE_MAX_LENGTH
from services.models import RequestEvent, RequestStatus
from services.models.workflow import CAUSE_FIELDS
from services.workflow import WorkflowError, _check_can_act, _lock, record

CASE_READY_STATUSES = (RequestStatus.RESOLVED, RequestStatus.CLOSED)


def create_case_draft(service_request, *, user):
    """The request's draft case, created on the first call and returned on later ones."""
    with transaction.atomic():
        locked = _lock(service_request)
        _check_can_act(user, locked)
        if locked.case_page_id is not None:
            return CasePage.objects.get(pk=locked.case_page_id)
        _check_ready(locked)
        index = CaseIndexPage.objects.order_by("path").first()
        if index is None:
            raise WorkflowError(_("There is no case library page to put the draft case in."))
        # The draft is content for the public site: write it in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            page = CasePage(live=False, **case_fields(locked))
            page.slug = _free_slug(index, slugify(locked.number) or "case")
            index.add_child(instance=page)
            page.save_revision(user=user)
            message = _("Draft case created: %(title)s") % {"title": page.title}
        locked.case_page = page
        locked.save(update_fields=["case_page", "updated_at"])
        record(locked, RequestEvent.Kind.NOTE, user=user, message=message)
    return page


def _check_ready(service_request):
    if service_request.status not in CASE_READY_STATUSES:
        raise WorkflowError(_("Only a resolved or closed request can become a typical case."))
    if not service_request.case_consent:
        raise WorkflowError(
            _("Record first that the enterprise agrees to publication as a typical case.")
        )
    enterprise = service_request.enterprise
    missing = []
    if not enterprise.industry:
        missing.append(_("the enterprise's industry"))
    if not enterprise.district:
        missing.append(_("the enterprise's district"))
    if not service_request.qi_element:
        missing.append(_("the request's QI element"))
    if missing:
        raise WorkflowError(
            _("A case needs %(missing)s; complete them first.") % {"missing": "、".join(missing)}
        )


def _free_slug(parent, base):
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


TO_COMPLETE = "…"


def _join(parts):
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _or_to_complete(text):
    return text or _("(to be completed by the editor)")


def case_fields(service_request):
    """The Annex F sections of a case, as CasePage field values, from one request."""
    enterprise = service_request.enterprise
    plan = service_request.plans.order_by("-version").first()
    rounds = list(service_request.rounds.prefetch_related("knowledge_entries").order_by("number"))
    resolved_on = (
        timezone.localdate(service_request.resolved_at)
        if service_request.resolved_at
        else timezone.localdate()
    )
    follow_ups = list(service_request.follow_ups.order_by("happened_on", "pk"))
    during = [f for f in follow_ups if f.happened_on < resolved_on]
    after = [f for f in follow_ups if f.happened_on >= resolved_on]
    subject = service_request.product_name or service_request.title
    return {
        "title": _("%(subject)s: quality assistance case") % {"subject": subject},
        "enterprise_name": enterprise.name,
        "enterprise_profile": enterprise_profile(service_request),
        "case_date": resolved_on,
        "industry": enterprise.industry,
        "district": enterprise.district,
        "qi_elements": [service_request.qi_element],
        "services": [service_request.service] if service_request.service_id else [],
        "diagnosis": _or_to_complete(_diagnosis(service_request, plan, rounds)),
        "assistance": _or_to_complete(_assistance(plan, rounds, during)),
        "follow_up": _or_to_complete(_follow_up(rounds, after)),
        "expert_advice": _or_to_complete(
            _join([r.expert_advice for r in rounds]) or service_request.resolution_summary
        ),
        "enterprise_actions": _or_to_complete(
            _join([r.improvement for r in rounds] + [r.rectification_note for r in rounds])
        ),
        "management_benefit": _management_benefit(service_request),
        "economic_benefit": _economic_benefit(service_request),
        "social_benefit": "",
        "industry_problems": _or_to_complete(_industry_problems(rounds)),
    }


def enterprise_profile(service_request):
    """Name, industry, district and size in one sentence, within the 300 characters of Annex F."""
    enterprise = service_request.enterprise
    text = _("%(name)s is a %(size)s enterprise in %(district)s, in the industry %(industry)s.") % {
        "name": enterprise.name,
        "size": enterprise.get_size_display() or _("(size not given)"),
        "district": enterprise.get_district_display(),
        "industry": enterprise.get_industry_display(),
    }
    if service_request.product_name:
        text += _("Main product concerned: %(product)s.") % {
            "product": service_request.product_name
        }
    if len(text) > PROFILE_MAX_LENGTH:
        text = text[: PROFILE_MAX_LENGTH - len(TO_COMPLETE)] + TO_COMPLETE
    return text


def _labelled(label, text):
    return f"{label}：{text.strip()}" if text and text.strip() else ""


def _diagnosis(service_request, plan, rounds):
    parts = [
        _labelled(_("Request from the enterprise"), service_request.description),
        _labelled(
            _("Where the problem was found"),
            service_request.get_problem_source_display() if service_request.problem_source else "",
        ),
        _labelled(_("Nonconforming items"), service_request.nonconforming_items),
    ]
    if plan is not None:
        parts += [
            _labelled(_("Status analysis"), plan.status_analysis),
            _labelled(_("Main problems"), plan.main_problems),
        ]
    for assistance_round in rounds:
        causes = [_labelled(label, text) for label, text in assistance_round.causes()]
        if any(causes):
            parts.append(
                _("Cause analysis, round %(number)s:") % {"number": assistance_round.number}
            )
            parts += causes
    return _join(parts)


def _assistance(plan, rounds, follow_ups):
    parts = []
    if plan is not None:
        parts += [
            _labelled(_("Goals"), plan.goals),
            _labelled(_("Service items"), plan.service_items),
        ]
    for assistance_round in rounds:
        parts.append(
            _labelled(
                _("Disposal of nonconforming products"), assistance_round.nonconforming_disposal
            )
        )
        parts.append(_labelled(_("Corrective measures"), assistance_round.rectification_note))
        parts.append(_labelled(_("Management improvement"), assistance_round.management_note))
    parts += [_follow_up_line(item) for item in follow_ups]
    return _join(parts)


def _follow_up(rounds, follow_ups):
    parts = []
    for assistance_round in rounds:
        if assistance_round.reinspection in ("passed", "failed"):
            parts.append(
                _labelled(
                    _("Re-inspection, round %(number)s") % {"number": assistance_round.number},
                    _join(
                        [
                            assistance_round.get_reinspection_display(),
                            assistance_round.reinspection_note,
                        ]
                    ),
                )
            )
    parts += [_follow_up_line(item) for item in follow_ups]
    return _join(parts)


def _follow_up_line(follow_up):
    return f"{follow_up.happened_on:%Y-%m-%d} {follow_up.get_mode_display()}：{follow_up.content}"


def _management_benefit(service_request):
    figures = [
        (_("Quality problems solved"), service_request.problems_solved),
        (_("Service visits"), service_request.service_visits),
        (_("Trainings held"), service_request.trainings),
        (_("Trainees"), service_request.trainees),
    ]
    return "；".join(f"{label}：{value}" for label, value in figures if value)


def _economic_benefit(service_request):
    if not service_request.benefit_wan:
        return ""
    text = _("Quality benefit about %(amount)s ten-thousand yuan.") % {
        "amount": service_request.benefit_wan
    }
    return _join([text, service_request.benefit_basis])


def _industry_problems(rounds):
    parts = []
    for assistance_round in rounds:
        for name in CAUSE_FIELDS:
            text = getattr(assistance_round, name)
            if text.strip():
                label = assistance_round._meta.get_field(name).verbose_name
                parts.append(_labelled(label, text))
    seen = set()
    for assistance_round in rounds:
        for entry in assistance_round.knowledge_entries.all():
            if entry.pk not in seen:
                seen.add(entry.pk)
                parts.append(_labelled(entry.title, entry.problem))
    return _join(parts)
