"""Factories for enterprises and requests (kept next to the intake tests until merge)."""

import factory

from django.contrib.auth import get_user_model

from services.intake import next_number
from services.models import (
    Enterprise,
    EnterpriseMembership,
    RequestType,
    ServiceRequest,
)
from services.validators import USCC_CHARSET, uscc_check_character


def make_uscc(n):
    """A valid code built from a counter: 9135020 + ten characters + the check character."""
    body = "9135020"
    digits = []
    for _ in range(10):
        digits.append(USCC_CHARSET[n % 31])
        n //= 31
    first17 = body + "".join(reversed(digits))
    return first17 + uscc_check_character(first17)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.django.Password("pw-for-tests-123")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"厦门测试企业{n}有限公司")
    credit_code = factory.Sequence(lambda n: make_uscc(1000 + n))
    district = "siming"
    industry = "C"
    size = "small"
    contact_name = "张三"
    contact_phone = "13800138000"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.com")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseMembership

    user = factory.SubFactory(UserFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    status = EnterpriseMembership.Status.ACTIVE


class ServiceRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceRequest
        skip_postgeneration_save = True

    enterprise = factory.SubFactory(EnterpriseFactory)
    request_type = RequestType.CONSULTATION
    title = "咨询计量器具检定"
    description = "请问如何办理检定。"
    contact_name = "张三"
    contact_phone = "13800138000"
    contact_email = "zhang@example.com"
    number = factory.LazyAttribute(lambda o: next_number(o.request_type))

    @factory.post_generation
    def token(obj, create, extracted, **kwargs):  # noqa: N805
        obj.tracking_token = obj.set_tracking_token()
        if create:
            obj.save(update_fields=["tracking_token_hash"])
