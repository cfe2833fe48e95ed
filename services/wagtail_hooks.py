from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from services.views import staff


@hooks.register("register_admin_urls")
def register_intake_admin_urls():
    return [path("requests/new/", staff.staff_request_new, name="services_staff_request_new")]


class StaffRequestMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("services.add_servicerequest")


@hooks.register("register_admin_menu_item")
def register_intake_menu_item():
    return StaffRequestMenuItem(
        _("Register a request"),
        reverse("services_staff_request_new"),
        icon_name="form",
        order=250,
    )
