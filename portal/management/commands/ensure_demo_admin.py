import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = settings.BASE_DIR / ".demo-admin-password"


class Command(BaseCommand):
    help = "Create the local demo administrator once and print how to log in to /admin/."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        User = get_user_model()
        username = "admin"
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(username, "admin@qi-portal.example.cn", password)
            PASSWORD_FILE.write_text(password + "\n", encoding="utf-8")
            PASSWORD_FILE.chmod(0o600)
        elif PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text(encoding="utf-8").strip()
        else:
            password = "(unchanged; reset it with: .venv/bin/python manage.py changepassword admin)"
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Admin: {url}\n"
                f"  Username: {username}\n"
                f"  Password: {password}\n"
                f"  (kept in {PASSWORD_FILE.name}, which git ignores)\n"
            )
        )
