"""What the plain content pages contribute to the public search (see search.registry)."""

from django.utils.translation import gettext_lazy as _

from home.models import StandardPage
from search.registry import register

register(StandardPage, kind="page", label=_("Page"), body=["intro", "body"], boost=0.8)
