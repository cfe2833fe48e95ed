import pytest

from wagtail.models import Page, Site

from tests.factories import HomePageFactory


@pytest.fixture
def home(db):
    """A bare site: the home page as the default site's root, nothing under it."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home_page = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home_page},
    )
    return home_page
