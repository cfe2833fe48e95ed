from pathlib import Path

import polib
import pytest

from django.conf import settings


def test_settings_are_chinese_first():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert ("en", "English") in settings.LANGUAGES


def test_chinese_catalogue_is_complete():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    assert len(catalogue.translated_entries()) > 100


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client, demo_site):
    assert "跳到主要内容" in client.get("/").content.decode()

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/services/"})
    assert response.status_code == 302
    html = client.get("/services/").content.decode()
    assert "Skip to main content" in html
    assert '<html lang="en">' in html

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "跳到主要内容" in client.get("/").content.decode()


@pytest.mark.django_db
def test_admin_is_chinese(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html
    assert "控制面板" in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_it_switches(client, demo_site):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-Hans">' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="en">' in html
