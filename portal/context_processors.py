from django.core.cache import cache

NAVIGATION_CACHE_KEY = "portal:navigation:v1"


def site_navigation(request):
    """The QI-element sections for the header, cached until a page is published or moved."""
    if request.path.startswith("/admin/"):
        return {}
    return {"nav_sections": _navigation_sections}


def _navigation_sections():
    sections = cache.get(NAVIGATION_CACHE_KEY)
    if sections is None:
        from services.models import ServiceSectionPage

        sections = [
            {"title": page.title, "url": page.url, "qi_element": page.qi_element}
            for page in ServiceSectionPage.objects.live()
            .order_by("path")
            .only("title", "url_path", "qi_element", "path", "depth")
        ]
        cache.set(NAVIGATION_CACHE_KEY, sections, 600)
    return sections


def clear_navigation_cache(**kwargs):
    cache.delete(NAVIGATION_CACHE_KEY)
