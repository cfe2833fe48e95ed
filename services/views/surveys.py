"""Satisfaction surveys: the one-time public form and the results for staff."""

from django.http import Http404


def survey(request, token):
    raise Http404


def satisfaction_report(request):
    raise Http404
