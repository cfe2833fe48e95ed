"""The queue listing (服务工单): a constant number of queries whatever the number of requests,
allowlisted filters only, and nothing for users without queue rights."""

import pytest

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import RequestStatus, RequestType
from tests.services.factories import UserFactory
from tests.services.queue_helpers import make_manager, make_specialist, request_in

pytestmark = pytest.mark.django_db

LISTING = "/admin/services/servicerequest/"
STATUSES = [
    RequestStatus.SUBMITTED,
    RequestStatus.ACCEPTED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.RESOLVED,
]
# Bookings need a booking decision before they can be resolved; the helper does not make one.
TYPES = [request_type for request_type in RequestType if request_type != RequestType.BOOKING]


def add_requests(count, specialists):
    """Requests of mixed types and statuses, each with its own enterprise and varied owners."""
    return [
        request_in(
            STATUSES[index % len(STATUSES)],
            user=specialists[index % len(specialists)],
            request_type=TYPES[index % len(TYPES)],
        )
        for index in range(count)
    ]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_listing_issues_the_same_queries_for_3_and_30_requests(client):
    manager = make_manager()
    specialists = [make_specialist(first_name=f"专员{index}") for index in range(3)]
    client.force_login(manager)
    url = f"{LISTING}?queue=all"
    first = add_requests(3, specialists)
    client.get(url)  # warm per-process caches (content types, site settings)
    with_3, page = queries_for(client, url)
    for service_request in first:
        assert service_request.number in page

    more = add_requests(27, specialists)
    with_30, page = queries_for(client, url)
    assert with_30 == with_3
    for service_request in more[-20:]:
        assert service_request.number in page


@pytest.mark.parametrize(
    "query",
    ["enterprise__contact_phone__startswith=1", "tracking_token_hash__startswith=a"],
)
def test_an_unknown_filter_is_refused(client, query):
    manager = make_manager()
    request_in(RequestStatus.SUBMITTED, user=manager)
    client.force_login(manager)
    response = client.get(f"{LISTING}?{query}")
    assert response.status_code == 400
    assert "queue-tabs" not in response.content.decode()


def test_a_user_without_queue_rights_gets_no_listing(client):
    manager = make_manager()
    service_request = request_in(RequestStatus.SUBMITTED, user=manager)
    outsider = UserFactory()
    outsider.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(outsider)
    response = client.get(f"{LISTING}?queue=all")
    assert response.status_code in (302, 403)
    assert service_request.number not in response.content.decode()
