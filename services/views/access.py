"""Who may see a request: its enterprise's accounts, the holder of its tracking link, staff.

Anything else gets the same 404 as a request that does not exist.
"""

from django.http import FileResponse, Http404

from services.models import ServiceRequest, enterprise_of

SESSION_TRACKED = "intake_tracked_requests"
SESSION_NEW_TOKENS = "intake_new_tokens"
MAX_TRACKED = 50


def remember_tracking(request, service_request, token=None):
    """After a correct number and token, this browser session may open the request."""
    tracked = [pk for pk in request.session.get(SESSION_TRACKED, []) if pk != service_request.pk]
    tracked.append(service_request.pk)
    request.session[SESSION_TRACKED] = tracked[-MAX_TRACKED:]
    if token:
        tokens = request.session.get(SESSION_NEW_TOKENS, {})
        tokens[service_request.number] = token
        request.session[SESSION_NEW_TOKENS] = dict(list(tokens.items())[-MAX_TRACKED:])


def acts_for_enterprise(request, service_request):
    enterprise = enterprise_of(request.user)
    if enterprise is not None and enterprise.pk == service_request.enterprise_id:
        return True
    return service_request.pk in request.session.get(SESSION_TRACKED, [])


def can_view_internal(request):
    """Staff with the right to the queue also see internal files and notes."""
    from services.workflow import can_view as staff_can_view

    return staff_can_view(request.user)


def can_view(request, service_request):
    if acts_for_enterprise(request, service_request):
        return True
    return can_view_internal(request)


def get_request_or_404(request, number, *, as_enterprise=False):
    service_request = (
        ServiceRequest.objects.select_related("enterprise", "service").filter(number=number).first()
    )
    if service_request is None:
        raise Http404
    allowed = (
        acts_for_enterprise(request, service_request)
        if as_enterprise
        else can_view(request, service_request)
    )
    if not allowed:
        raise Http404
    return service_request


def private_headers(response):
    """Private files are never sniffed, scripted or cached on the way."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_response(attachment):
    """Serve a stored attachment under its original name; 404 if the file has gone."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    return private_headers(response)
