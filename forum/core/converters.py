"""URL converters that only match what can exist, so odd bytes get a 404 before any query."""

from django.urls import register_converter


class UsernameConverter:
    regex = r"[\w.@+-]{1,150}"  # Django's default username alphabet

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class TagNameConverter(UsernameConverter):
    regex = r"[a-z0-9][a-z0-9.+#-]{0,34}"


def register() -> None:
    register_converter(UsernameConverter, "username")
    register_converter(TagNameConverter, "tag")
