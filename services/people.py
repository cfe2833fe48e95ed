"""How staff are named in the queue: a Chinese name family name first (陈晓), others as Django
does."""


def person_name(user):
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last and not (first.isascii() or last.isascii()):
        return f"{last}{first}"
    return user.get_full_name() or user.get_username()
