import pytest

from django.db import transaction

from services.intake import create_request
from services.models import Channel, ServiceRequest
from services.tasks import send_request_confirmation
from tests.services.conftest import request_data


def new_request(**overrides):
    service_request, token, _created = create_request(
        {**request_data(**overrides), "attachments": []}, channel=Channel.WEB
    )
    return service_request, token


@pytest.mark.django_db(transaction=True)
def test_rolled_back_submission_sends_no_mail(mailoutbox):
    # Demo content loaded by other tests may still be in the database: compare, don't assume empty.
    before = ServiceRequest.objects.count()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            new_request()
            raise RuntimeError("the caller's transaction fails after the request was saved")
    assert ServiceRequest.objects.count() == before
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_committed_submission_sends_one_mail(mailoutbox):
    service_request, token = new_request()
    assert len(mailoutbox) == 1
    assert token in mailoutbox[0].body


@pytest.mark.django_db
def test_task_is_safe_to_run_twice(mailoutbox):
    service_request, _token = new_request()
    assert send_request_confirmation.apply(args=[service_request.pk, "http://x/t"]).get() is True
    assert send_request_confirmation.apply(args=[service_request.pk, "http://x/t"]).get() is False
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_failed_send_releases_the_claim_for_a_retry(monkeypatch, mailoutbox):
    service_request, _token = new_request()

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("services.tasks.send_mail", broken)
    with pytest.raises(ConnectionError):
        send_request_confirmation.run(service_request.pk, "http://x/t")
    service_request.refresh_from_db()
    assert service_request.confirmation_sent_at is None
    monkeypatch.undo()
    assert send_request_confirmation.run(service_request.pk, "http://x/t") is True
    assert len(mailoutbox) == 1


def test_task_retries_with_backoff():
    assert send_request_confirmation.autoretry_for == (Exception,)
    assert send_request_confirmation.retry_backoff is True
    assert send_request_confirmation.max_retries == 5
    assert send_request_confirmation.acks_late is True
