import os

import pytest

from services.models import Enterprise, RequestAttachment, ServiceRequest
from tests.services.conftest import (
    EXE,
    HTML,
    JPG,
    PDF,
    PNG,
    SVG,
    docx_bytes,
    request_data,
    upload,
    xlsx_bytes,
)

NEW = "/requests/new/"


def stored_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return {os.path.join(d, f) for d, _dirs, files in os.walk(root) for f in files}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("b.jpg", JPG, "image/jpeg"),
        ("c.png", PNG, "image/png"),
        (
            "d.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "e.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("no-extension", PDF, "application/pdf"),  # decided by content, not by name
    ],
)
def test_allowed_types_are_accepted(client, name, content, content_type):
    response = client.post(NEW, {**request_data(), "attachments": [upload(name, content)]})
    assert response.status_code == 302
    attachment = RequestAttachment.objects.get()
    assert attachment.content_type == content_type


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", EXE),  # an executable renamed .pdf
        ("page.pdf", HTML),
        ("page.html", HTML),
        ("logo.svg", SVG),
        ("logo.png", SVG),
        ("empty.pdf", b""),
        ("notes.txt", "纯文本".encode()),
    ],
)
def test_other_content_is_refused_and_nothing_is_saved(client, settings, name, content):
    before = stored_files(settings)
    response = client.post(
        NEW, {**request_data(), "attachments": [upload("ok.pdf", PDF), upload(name, content)]}
    )
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors
    assert response.context["files_to_choose_again"] is True
    assert not ServiceRequest.objects.exists()
    assert not Enterprise.objects.exists()
    assert stored_files(settings) == before


@pytest.mark.django_db
def test_oversize_file_is_refused(client):
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = client.post(NEW, {**request_data(), "attachments": [upload("big.pdf", big)]})
    assert "attachments" in response.context["form"].errors
    assert not ServiceRequest.objects.exists()


@pytest.mark.django_db
def test_exactly_10_mb_is_allowed(client):
    exact = PDF + b"0" * (10 * 1024 * 1024 - len(PDF))
    response = client.post(NEW, {**request_data(), "attachments": [upload("exact.pdf", exact)]})
    assert response.status_code == 302


@pytest.mark.django_db
def test_at_most_five_files(client):
    files = [upload(f"{i}.pdf", PDF) for i in range(6)]
    response = client.post(NEW, {**request_data(), "attachments": files})
    assert "attachments" in response.context["form"].errors
    assert not ServiceRequest.objects.exists()
    files = [upload(f"{i}.pdf", PDF) for i in range(5)]
    assert client.post(NEW, {**request_data(), "attachments": files}).status_code == 302
    assert RequestAttachment.objects.count() == 5


@pytest.mark.django_db
def test_failed_storage_leaves_no_request_no_file_and_no_mail(
    client, settings, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from services import intake

    real_store = intake._store_attachment
    calls = []

    def failing_store(service_request, uploaded, user, stored_names):
        calls.append(uploaded.name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_store(service_request, uploaded, user, stored_names)

    monkeypatch.setattr(intake, "_store_attachment", failing_store)
    before = stored_files(settings)
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            NEW, {**request_data(), "attachments": [upload("a.pdf", PDF), upload("b.pdf", PDF)]}
        )
    assert response.status_code == 500
    assert callbacks == []
    assert mailoutbox == []
    assert not ServiceRequest.objects.exists()
    assert not Enterprise.objects.exists()
    assert not RequestAttachment.objects.exists()
    assert stored_files(settings) == before
