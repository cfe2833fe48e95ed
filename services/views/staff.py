"""Specialists register requests that came by window, phone, email, visit or forum (003 7.2.1.2)."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from services.forms import StaffRequestForm
from services.intake import create_request, tracking_path


@permission_required("services.add_servicerequest", raise_exception=True)
def staff_request_new(request):
    created = None
    if request.method == "POST":
        form = StaffRequestForm(request.POST, request.FILES)
        if form.is_valid():
            service_request, token, _created = create_request(
                form.request_data(),
                files=form.cleaned_data["attachments"],
                channel=form.cleaned_data["channel"],
                entered_by=request.user,
                idempotency_key=form.cleaned_data.get("idempotency_key"),
                base_url=request.build_absolute_uri("/"),
            )
            created = {
                "service_request": service_request,
                "tracking_url": (
                    request.build_absolute_uri(tracking_path(service_request.number, token))
                    if token
                    else ""
                ),
            }
            form = StaffRequestForm()
    else:
        form = StaffRequestForm(initial={"request_type": request.GET.get("type", "demand")})
    return render(
        request,
        "services/staff/request_new.html",
        {
            "form": form,
            "created": created,
            "page_title": _("Register a request"),
            "header_icon": "form",
            "files_to_choose_again": request.method == "POST"
            and bool(request.FILES)
            and not created,
        },
    )


def workspace(request, pk):
    raise NotImplementedError


def workspace_action(request, pk, action):
    raise NotImplementedError
