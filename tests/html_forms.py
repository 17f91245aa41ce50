"""What a browser needs of a page's forms, checked on the HTML a view returns: the test
client submits any field it is given, a browser only what the page really lets it send."""

from html.parser import HTMLParser

FIELDS = {"input", "select", "textarea", "button"}


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.open_forms: list[dict] = []
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            if self.open_forms:
                self.problems.append(f"a <form> inside another: {attributes}")
            form = {"method": (attributes.get("method") or "get").lower(), "fields": []}
            self.open_forms.append(form)
            self.forms.append(form)
            return
        if tag not in FIELDS:
            return
        kind = (attributes.get("type") or ("submit" if tag == "button" else "text")).lower()
        if not self.open_forms and "form" not in attributes:
            if kind == "submit" or tag in ("input", "select", "textarea"):
                self.problems.append(f"a <{tag}> outside any form: {attributes}")
            return
        if "disabled" in attributes and attributes.get("name"):
            self.problems.append(f"a disabled field the browser will not send: {attributes}")
        if self.open_forms:
            self.open_forms[-1]["fields"].append((tag, kind, attributes))

    def handle_endtag(self, tag):
        if tag == "form" and self.open_forms:
            form = self.open_forms.pop()
            names = {attributes.get("name") for _, _, attributes in form["fields"]}
            if form["method"] == "post" and "csrfmiddlewaretoken" not in names:
                self.problems.append(f"a POST form without a CSRF token: {form['fields']}")
            submits = [kind for _, kind, _ in form["fields"] if kind == "submit"]
            if form["method"] == "post" and not submits:
                self.problems.append(f"a POST form with no submit button: {form['fields']}")


def form_problems(html: str) -> list[str]:
    """What would stop a person in a real browser from sending this page's forms as meant."""
    reader = _FormReader()
    reader.feed(html)
    reader.close()
    if reader.open_forms:
        reader.problems.append("a <form> never closed")
    return reader.problems


def post_forms(html: str) -> list[dict]:
    """The page's POST forms, each with its fields as (tag, type, attributes)."""
    reader = _FormReader()
    reader.feed(html)
    return [form for form in reader.forms if form["method"] == "post"]
