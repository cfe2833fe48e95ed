import pytest

from wagtail.models import Page, Site

from tests.factories import HomePageFactory


@pytest.fixture
def no_demo_records(db):
    """Empty resource tables, even when the session's demo content is loaded (rolled back after)."""
    from resources.models import Equipment, Expert, Institution
    from services.models import ServicePage

    Equipment.objects.all().delete()
    Expert.objects.all().delete()
    ServicePage.institutions.through.objects.all().delete()
    Institution.objects.all().delete()


@pytest.fixture
def home(no_demo_records):
    """A bare site: a home page as the default site's root, nothing under it."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home_page = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home_page},
    )
    return home_page
