import re
import threading

import pytest

from django.db import connection, connections
from django.utils import timezone

from services.intake import create_request, next_number
from services.models import Channel, RequestCounter, ServiceRequest
from tests.services.conftest import request_data
from tests.services.factories import make_uscc


@pytest.mark.django_db
def test_numbers_carry_type_date_and_sequence():
    today = f"{timezone.localdate():%Y%m%d}"
    numbers = [next_number("demand"), next_number("demand"), next_number("complaint")]
    assert numbers == [f"XQ-{today}-0001", f"XQ-{today}-0002", f"TS-{today}-0001"]


@pytest.mark.django_db
def test_numbers_come_from_one_counter_per_type_and_day():
    first, _t, _c = create_request({**request_data(), "attachments": []}, channel=Channel.WEB)
    second, _t, _c = create_request(
        {**request_data(credit_code=make_uscc(2)), "attachments": []}, channel=Channel.WEB
    )
    assert first.number != second.number
    assert RequestCounter.objects.get(prefix="XQ").last_value == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_submissions_get_fifty_numbers():
    if connection.vendor != "postgresql":
        reason = "needs PostgreSQL: run with DATABASE_URL=postgres://..."
        print(f"skipped: {reason}")
        pytest.skip(reason)
    barrier = threading.Barrier(50)
    numbers, errors = [], []
    lock = threading.Lock()

    def submit(i):
        try:
            barrier.wait(timeout=30)
            service_request, _token, _created = create_request(
                {**request_data(credit_code=make_uscc(i % 7)), "attachments": []},
                channel=Channel.API,
            )
            with lock:
                numbers.append(service_request.number)
        except Exception as error:
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(numbers) == 50
    assert len(set(numbers)) == 50
    assert all(re.match(r"^XQ-\d{8}-\d{4}$", n) for n in numbers)
    assert ServiceRequest.objects.count() == 50
    assert sorted(int(n[-4:]) for n in numbers) == list(range(1, 51))
