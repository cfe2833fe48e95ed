"""Putting results to use in the admin: the draft typical case (001 7.3.1) and the ratings of
experts and institutions (003 8.2.3)."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from services.cases import create_case_draft
from services.ratings import (
    expert_ratings,
    institution_ratings,
    parse_sort,
    sort_rows,
)
from services.views.quality_map import check_manager
from services.views.staff import _load
from services.workflow import WorkflowError


def case_draft(request, pk):
    """POST only (with CSRF): create or find the draft case, then open it in the page editor."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    service_request = _load(request, pk)
    try:
        page = create_case_draft(service_request, user=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('services_queue:workspace', args=[pk])}#case-consent")
    messages.success(request, _("The draft case is ready for editing."))
    return redirect("wagtailadmin_pages:edit", page.pk)


RATING_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("served", gettext_lazy("Requests served")),
    ("resolved", gettext_lazy("Resolved")),
    ("on_time_rate", gettext_lazy("On-time rate")),
    ("satisfaction_rate", gettext_lazy("Satisfaction rate")),
    ("mean_score", gettext_lazy("Mean score")),
    ("problems_solved", gettext_lazy("Quality problems solved")),
    ("benefit_wan", gettext_lazy("Quality benefit (10,000 yuan)")),
    ("score", gettext_lazy("Composite score")),
]


def _columns(current):
    """Each heading links to its sort: names A to Z and figures high to low first, and a second
    click on the current column reverses it."""
    columns = []
    for key, label in RATING_COLUMNS:
        first = key if key == "name" else f"-{key}"
        flipped = first.removeprefix("-") if first.startswith("-") else f"-{first}"
        state = None
        if current.removeprefix("-") == key:
            state = "descending" if current.startswith("-") else "ascending"
        columns.append(
            {
                "key": key,
                "label": label,
                "sort": flipped if current == first else first,
                "state": state,
            }
        )
    return columns


def ratings(request):
    check_manager(request.user)
    key, descending = parse_sort(request.GET.get("sort"))
    current = f"-{key}" if descending else key
    return render(
        request,
        "services/queue/ratings.html",
        {
            "page_title": _("Ratings of experts and institutions"),
            "header_icon": "pick",
            "experts": sort_rows(expert_ratings(), current),
            "institutions": sort_rows(institution_ratings(), current),
            "columns": _columns(current),
        },
    )
