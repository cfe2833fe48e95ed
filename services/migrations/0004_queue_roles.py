"""Groups for the queue roles (003 Annex B) and the default time limits per request type."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SPECIALIST = "服务专员"
MANAGER = "平台管理员"

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

TIME_LIMITS = {
    "demand": (24, 30),
    "assistance": (24, 60),
    "complaint": (24, 15),
    "booking": (24, 7),
    "consultation": (24, 5),
}


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ((SPECIALIST, SPECIALIST_PERMISSIONS), (MANAGER, MANAGER_PERMISSIONS)):
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
    TimeLimit = apps.get_model("services", "TimeLimit")
    for request_type, (hours, days) in TIME_LIMITS.items():
        TimeLimit.objects.get_or_create(
            request_type=request_type,
            defaults={"acknowledge_hours": hours, "resolve_days": days},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0003_queue"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
