from django.shortcuts import render

from services.models import ServicePage


def request_new(request):
    """Entry point of the request form; the intake issue replaces this with the full form."""
    service = None
    slug = request.GET.get("service", "")
    if slug:
        service = ServicePage.objects.live().filter(slug=slug).first()
    return render(request, "services/request_new.html", {"service": service})
