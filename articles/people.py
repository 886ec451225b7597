"""How staff appear to each other: by real name, never by login name."""


def display_name(user):
    """The account's real name (姓名, kept as its full name), else its login name."""
    if user is None:
        return "—"
    return user.get_full_name().strip() or user.get_username()
