"""The queue's roles as groups (003 Annex B): 服务专员 (specialist) and 平台管理员 (manager).

Migration 0004 creates them on install; `ensure_queue_groups()` does the same at run time for a
database that was emptied (the demo loader and tests call it).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SPECIALIST_GROUP = "服务专员"
MANAGER_GROUP = "平台管理员"

SPECIALIST_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("services", "view_servicerequest"),
    ("services", "add_servicerequest"),
    ("services", "change_servicerequest"),
    ("services", "view_enterprise"),
    ("services", "view_satisfactionsurvey"),
]
MANAGER_PERMISSIONS = SPECIALIST_PERMISSIONS + [
    ("services", "manage_queue"),
    ("services", "view_timelimit"),
    ("services", "change_timelimit"),
    ("services", "add_timelimit"),
    ("services", "change_queuesettings"),
    ("services", "change_enterprise"),
    ("services", "change_enterprisemembership"),
    ("services", "view_enterprisemembership"),
]


def ensure_queue_groups():
    groups = {}
    for name, wanted in (
        (SPECIALIST_GROUP, SPECIALIST_PERMISSIONS),
        (MANAGER_GROUP, MANAGER_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
        groups[name] = group
    return groups


def users_with_permission(codename):
    """Active users holding a services permission directly, by group, or as superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename=codename)
            | Q(user_permissions__codename=codename)
        )
        .distinct()
    )


def staff_users():
    """Who can own requests: specialists, managers, superusers."""
    return users_with_permission("change_servicerequest").order_by("username")
