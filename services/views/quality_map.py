"""The regional quality map (001 7.3.4): in full for managers, in aggregate for the public."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from services.quality_map import (
    SMALL_COUNT_THRESHOLD,
    common_problems,
    map_legend,
    map_shapes,
    public_quality_map,
    quality_map,
)


def check_manager(user):
    if not user.has_perm("services.manage_queue"):
        raise PermissionDenied


def admin_quality_map(request):
    check_manager(request.user)
    data = quality_map()
    return render(
        request,
        "services/queue/quality_map.html",
        {
            "page_title": _("Regional quality map"),
            "header_icon": "site",
            "data": data,
            "shapes": map_shapes(data["districts"]),
            "legend": map_legend(),
            "common_problems": common_problems(),
        },
    )


def public_quality_map_view(request):
    data = public_quality_map()
    return render(
        request,
        "services/quality_map.html",
        {
            "data": data,
            "shapes": map_shapes(data["districts"]),
            "legend": map_legend(),
            "threshold": SMALL_COUNT_THRESHOLD,
        },
    )
