from django import template

from services.people import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user):
    """{{ user|person_name }}: family name first for Chinese names."""
    return _person_name(user)
