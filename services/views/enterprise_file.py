"""The enterprise file in the admin (一企一档, 003 7.3): one page, its files, and the ZIP export."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from services.exports import (
    archive_filename,
    build_enterprise_archive,
    enterprise_requests,
    enterprise_surveys,
)
from services.models import Enterprise, RequestAttachment
from services.retention import RETENTION_YEARS, TESTING_RETENTION_YEARS
from services.views.access import attachment_response, private_headers
from services.workflow import can_view

audit_logger = logging.getLogger("services.audit")


def enterprise_file_url(enterprise):
    """Where the workspace and the enterprise listing link to."""
    return reverse("services_queue:enterprise_file", args=[enterprise.pk])


def _check_can_view(request):
    if not can_view(request.user):
        raise PermissionDenied


def enterprise_file(request, pk):
    _check_can_view(request)
    enterprise = get_object_or_404(Enterprise, pk=pk)
    service_requests = list(enterprise_requests(enterprise))
    return TemplateResponse(
        request,
        "services/queue/enterprise_file.html",
        {
            "page_title": _("Enterprise file"),
            "page_subtitle": enterprise.name,
            "header_icon": "folder-open-inverse",
            "enterprise": enterprise,
            "service_requests": service_requests,
            "surveys": list(enterprise_surveys(enterprise)),
            "retention_years": RETENTION_YEARS,
            "testing_retention_years": TESTING_RETENTION_YEARS,
        },
    )


def enterprise_export(request, pk):
    _check_can_view(request)
    enterprise = get_object_or_404(Enterprise, pk=pk)
    archive = build_enterprise_archive(enterprise)
    audit_logger.info(
        "%s exported the file of enterprise %s (%s)",
        request.user.get_username(),
        enterprise.pk,
        enterprise.credit_code,
    )
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=archive_filename(enterprise),
        content_type="application/zip",
    )
    return private_headers(response)


def enterprise_attachment(request, pk, attachment_id):
    """A file of the enterprise's requests, for staff who may see the queue."""
    _check_can_view(request)
    attachment = get_object_or_404(
        RequestAttachment.objects.exclude(file=""), pk=attachment_id, request__enterprise_id=pk
    )
    return attachment_response(attachment)


def refuse_enterprise_delete(request, instances):
    """Wagtail's before_delete_snippet hook: an enterprise with requests keeps its file."""
    kept = [
        instance
        for instance in instances
        if isinstance(instance, Enterprise) and instance.requests.exists()
    ]
    if not kept:
        return None
    for enterprise in kept:
        count = enterprise.requests.count()
        messages.error(
            request,
            ngettext(
                "%(name)s cannot be deleted: it has %(count)d service request, and its file "
                "is kept with them for at least 3 years after they end (003 7.3).",
                "%(name)s cannot be deleted: it has %(count)d service requests, and its file "
                "is kept with them for at least 3 years after they end (003 7.3).",
                count,
            )
            % {"name": enterprise.name, "count": count},
        )
    return redirect(reverse("wagtailsnippets_services_enterprise:list"))
