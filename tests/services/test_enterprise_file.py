"""一企一档 (003 7.3): the enterprise file page in the admin, its downloads and the ZIP export."""

import io
import logging
import zipfile
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from services import workflow
from services.exports import safe_name, unique_name
from services.intake import add_attachments
from services.models import Enterprise, RequestStatus
from services.views.enterprise_file import enterprise_file_url
from tests.services.conftest import PDF, upload
from tests.services.factories import EnterpriseFactory, UserFactory
from tests.services.queue_helpers import make_manager, request_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return make_manager()


@pytest.fixture
def enterprise():
    return EnterpriseFactory(name="厦门档案测试有限公司")


@pytest.fixture
def outsider():
    """Can reach the admin, but not the queue."""
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def file_request(manager, enterprise, name="检验报告.pdf"):
    service_request = request_in(RequestStatus.CLOSED, user=manager, enterprise=enterprise)
    add_attachments(service_request, [upload(name, PDF, "application/pdf")])
    workflow.add_deliverables(
        service_request,
        user=manager,
        files=[upload(name, PDF + b"deliverable", "application/pdf")],
        kind="report",
        description="整改报告",
    )
    service_request.refresh_from_db()
    return service_request


def test_the_page_shows_profile_requests_retention_and_files(client, manager, enterprise):
    service_request = file_request(manager, enterprise)
    client.force_login(manager)
    response = client.get(enterprise_file_url(enterprise))
    assert response.status_code == 200
    page = response.content.decode()
    assert enterprise.name in page and enterprise.credit_code in page
    assert service_request.number in page
    assert reverse("services_queue:workspace", args=[service_request.pk]) in page
    assert service_request.retention_until.strftime("%Y-%m-%d") in page
    assert "整改报告" in page
    for attachment in service_request.attachments.all():
        assert (
            reverse("services_queue:enterprise_attachment", args=[enterprise.pk, attachment.pk])
            in page
        )
    assert reverse("services_queue:enterprise_export", args=[enterprise.pk]) in page


def test_someone_without_the_queue_right_is_refused(client, manager, outsider, enterprise):
    service_request = file_request(manager, enterprise)
    attachment = service_request.attachments.first()
    client.force_login(outsider)
    for url in (
        enterprise_file_url(enterprise),
        reverse("services_queue:enterprise_export", args=[enterprise.pk]),
        reverse("services_queue:enterprise_attachment", args=[enterprise.pk, attachment.pk]),
    ):
        response = client.get(url)
        # Wagtail turns the PermissionDenied into a redirect to the dashboard.
        assert response.status_code in {302, 403}
        assert response.get("Location", "/admin/") == "/admin/"
        assert not response.has_header("Content-Disposition")


def test_the_query_count_does_not_grow_with_the_requests(
    client, manager, django_assert_max_num_queries
):
    small, big = EnterpriseFactory(), EnterpriseFactory()
    file_request(manager, small)
    for _ in range(6):
        file_request(manager, big)
    client.force_login(manager)
    with django_assert_max_num_queries(30) as one:
        client.get(enterprise_file_url(small))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(enterprise_file_url(big)).status_code == 200


def test_staff_download_a_file_with_safe_headers(client, manager, enterprise):
    service_request = file_request(manager, enterprise)
    attachment = service_request.attachments.first()
    client.force_login(manager)
    url = reverse("services_queue:enterprise_attachment", args=[enterprise.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    # Another enterprise's address does not reach this file.
    other = EnterpriseFactory()
    wrong = reverse("services_queue:enterprise_attachment", args=[other.pk, attachment.pk])
    assert client.get(wrong).status_code == 404


def test_the_export_holds_the_workbook_and_every_file(client, manager, enterprise, caplog):
    first = file_request(manager, enterprise)
    second = file_request(manager, enterprise, name="../../etc/passwd.pdf")
    client.force_login(manager)
    with caplog.at_level(logging.INFO, logger="services.audit"):
        response = client.get(reverse("services_queue:enterprise_export", args=[enterprise.pk]))
    assert response.status_code == 200
    today = timezone.localdate().strftime("%Y%m%d")
    filename = f"一企一档_{enterprise.credit_code}_{today}.zip"
    assert quote(filename) in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert manager.get_username() in caplog.text and enterprise.credit_code in caplog.text

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert "档案汇总.xlsx" in names
    assert archive.read(f"附件/{first.number}/检验报告.pdf") == PDF
    assert archive.read(f"附件/{first.number}/检验报告 (2).pdf") == PDF + b"deliverable"
    assert all(".." not in name and "\\" not in name for name in names)
    assert len([name for name in names if name.startswith(f"附件/{second.number}/")]) == 2

    workbook = load_workbook(io.BytesIO(archive.read("档案汇总.xlsx")))
    assert workbook.sheetnames[:2] == ["企业信息", "服务工单"]
    for sheet in ("服务方案", "跟进记录", "技术帮扶", "满意度", "操作记录"):
        assert sheet in workbook.sheetnames
    requests_sheet = list(workbook["服务工单"].iter_rows(values_only=True))
    assert len(requests_sheet) == 3  # header and two requests
    assert {row[0] for row in requests_sheet[1:]} == {first.number, second.number}
    profile = [row[1] for row in workbook["企业信息"].iter_rows(values_only=True)]
    assert enterprise.name in profile
    trail = list(workbook["操作记录"].iter_rows(values_only=True))
    assert len(trail) - 1 == first.events.count() + second.events.count()
    surveys = list(workbook["满意度"].iter_rows(values_only=True))
    assert len(surveys) == 3  # a completion survey per closed request


def test_names_inside_the_archive_are_safe_and_unique():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("a\\b:c.pdf") == "b_c.pdf"
    assert safe_name("报告..\x00.pdf") == "报告._.pdf"
    assert safe_name("..") == "file"
    taken = set()
    assert [unique_name("报告.pdf", taken) for _ in range(3)] == [
        "报告.pdf",
        "报告 (2).pdf",
        "报告 (3).pdf",
    ]


def test_deleting_an_enterprise_with_requests_says_why(client, manager, enterprise):
    request_in(RequestStatus.SUBMITTED, user=manager, enterprise=enterprise)
    admin = UserFactory(is_superuser=True)
    client.force_login(admin)
    url = reverse("wagtailsnippets_services_enterprise:delete", args=[enterprise.pk])
    for response in (client.get(url, follow=True), client.post(url, follow=True)):
        assert response.status_code == 200
        assert "cannot be deleted" in response.content.decode() or "不能删除" in (
            response.content.decode()
        )
    assert Enterprise.objects.filter(pk=enterprise.pk).exists()


def test_an_enterprise_without_requests_can_still_be_deleted(client):
    enterprise = EnterpriseFactory()
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtailsnippets_services_enterprise:delete", args=[enterprise.pk])
    client.post(url)
    assert not Enterprise.objects.filter(pk=enterprise.pk).exists()


def test_the_enterprise_listing_links_to_the_file(client, enterprise):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("wagtailsnippets_services_enterprise:list"))
    assert enterprise_file_url(enterprise) in response.content.decode()
