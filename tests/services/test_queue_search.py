"""Searching the queue by number, credit code or enterprise name."""

import pytest

from django.urls import reverse

from tests.services.factories import EnterpriseFactory, ServiceRequestFactory
from tests.services.queue_helpers import make_manager

pytestmark = pytest.mark.django_db

INDEX = reverse("services_servicerequest_modeladmin_index")


@pytest.fixture
def requests(client):
    client.force_login(make_manager())
    hardware = EnterpriseFactory(name="厦门海沧精密五金有限公司")
    textiles = EnterpriseFactory(name="厦门同安纺织有限公司")
    return (
        ServiceRequestFactory(enterprise=hardware),
        ServiceRequestFactory(enterprise=textiles),
    )


def listed(client, query):
    page = client.get(INDEX, {"queue": "all", "q": query}).content.decode()
    return page


def test_search_by_whole_number_lower_case_and_spaces(client, requests):
    first, second = requests
    page = listed(client, f"  {first.number.lower()} ")
    assert first.number in page and second.number not in page


def test_search_by_number_start(client, requests):
    first, second = requests
    page = listed(client, first.number[:11])
    assert first.number in page and second.number in page


def test_search_by_credit_code(client, requests):
    first, second = requests
    page = listed(client, first.enterprise.credit_code)
    assert first.number in page and second.number not in page


def test_search_by_part_of_the_name(client, requests):
    first, second = requests
    page = listed(client, "纺织")
    assert second.number in page and first.number not in page
