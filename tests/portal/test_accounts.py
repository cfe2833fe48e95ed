import re

import pytest


@pytest.mark.django_db
def test_enterprise_user_signs_up_and_verifies_email(client, mailoutbox):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "owner@factory.example.cn",
            "password1": "Zhiliang-2026!",
            "password2": "Zhiliang-2026!",
        },
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["owner@factory.example.cn"]
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)

    confirm_path = link.split("testserver", 1)[-1]
    client.post(confirm_path)
    client.logout()
    login = client.post(
        "/accounts/login/", {"login": "owner@factory.example.cn", "password": "Zhiliang-2026!"}
    )
    assert login.status_code == 302


@pytest.mark.django_db
def test_unverified_user_cannot_log_in(client, django_user_model):
    django_user_model.objects.create_user("x", "new@factory.example.cn", "Zhiliang-2026!")
    response = client.post(
        "/accounts/login/", {"login": "new@factory.example.cn", "password": "Zhiliang-2026!"}
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"] or "verification" in response["Location"]


@pytest.mark.django_db
def test_logout_needs_post(client, django_user_model):
    user = django_user_model.objects.create_user("y", "y@example.cn", "Zhiliang-2026!")
    client.force_login(user)
    client.get("/accounts/logout/")
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
