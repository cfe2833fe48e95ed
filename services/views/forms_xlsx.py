"""Downloads of the standards' record forms, filled in (001 Annexes A, D; 004 Annexes A, B)."""

import io
import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.choices import District, Industry
from services.forms_xlsx import (
    FORM_BUILDERS,
    FORM_TITLES,
    XLSX_CONTENT_TYPE,
    BenefitScope,
    benefit_summary_workbook,
    forms_for,
)
from services.models import ServiceRequest
from services.workflow import can_view

audit_logger = logging.getLogger("services.audit")


def _xlsx_response(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    response = FileResponse(
        buffer, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def request_form(request, pk, kind):
    """One filled form of one request, for anyone who may read the queue."""
    if not can_view(request.user):
        raise PermissionDenied
    service_request = get_object_or_404(
        ServiceRequest.objects.select_related("enterprise", "owner"), pk=pk
    )
    if kind not in forms_for(service_request):
        raise Http404(_("This form does not apply to this request."))
    workbook = FORM_BUILDERS[kind](service_request)
    audit_logger.info(
        "%s exported form %s of request %s",
        request.user.get_username(),
        kind,
        service_request.number,
    )
    return _xlsx_response(workbook, f"{FORM_TITLES[kind]}-{service_request.number}.xlsx")


class BenefitSummaryFilter(forms.Form):
    district = forms.ChoiceField(
        label=gettext_lazy("district"), choices=[("", "")] + District.choices, required=False
    )
    industry = forms.ChoiceField(
        label=gettext_lazy("industry"), choices=[("", "")] + Industry.choices, required=False
    )
    start = forms.DateField(label=gettext_lazy("Resolved from"), required=False)
    end = forms.DateField(label=gettext_lazy("Resolved until"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return cleaned


def benefit_summary(request):
    """004 Annex B over the finished requests of a district, an industry and a period."""
    if not request.user.has_perm("services.manage_queue"):
        raise PermissionDenied
    form = BenefitSummaryFilter(request.GET)
    if not form.is_valid():
        errors = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in form.errors.items()
        )
        return HttpResponseBadRequest(
            _("The benefit summary filter is not valid: %(errors)s") % {"errors": errors},
            content_type="text/plain; charset=utf-8",
        )
    scope = BenefitScope(**form.cleaned_data)
    workbook = benefit_summary_workbook(scope)
    audit_logger.info(
        "%s exported the benefit summary %s", request.user.get_username(), form.cleaned_data
    )
    return _xlsx_response(workbook, f"质量提升效益评价表-{timezone.localdate():%Y%m%d}.xlsx")
