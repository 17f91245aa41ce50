"""A page's forms read as a browser reads them (stdlib html.parser), so a test can press a
button the way a person does, and can catch forms a browser cannot submit.

As in a browser (HTML parsing spec, "in body" insertion mode), a <form> tag inside an open
form is dropped and the first </form> closes the open form: a form nested in another ends
the outer one early, and the buttons after it belong to no form and do nothing.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Button:
    name: str = ""
    value: str = ""
    disabled: bool = False
    text: str = ""


@dataclass
class Control:
    """An input, select or textarea that sends `name=value` when it is successful."""

    name: str
    value: str
    disabled: bool = False
    checkable: bool = False
    checked: bool = False


@dataclass
class HtmlForm:
    action: str
    method: str
    attrs: dict
    line: int
    controls: list[Control] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    text: str = ""

    @property
    def disabled_names(self) -> list[str]:
        return [control.name for control in self.controls if control.disabled]

    def data(self, button: Button | None = None, **typed) -> dict[str, list[str]]:
        """What pressing `button` sends (None: Enter in a text box), with `typed` filled in."""
        sent: dict[str, list[str]] = {}
        for control in self.controls:
            if control.disabled or (control.checkable and not control.checked):
                continue
            sent.setdefault(control.name, []).append(control.value)
        if button is not None and button.name:
            sent.setdefault(button.name, []).append(button.value)
        for name, value in typed.items():
            sent[name] = value if isinstance(value, list) else [value]
        return sent

    def button(self, text: str) -> Button:
        found = [button for button in self.buttons if text in button.text]
        assert found, f"No button saying {text!r}; there are {[b.text for b in self.buttons]}"
        return found[0]


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self.nested: list[int] = []  # lines of <form> tags inside an open form (dropped)
        self.orphan_buttons: list[str] = []  # submit buttons inside no form and naming none
        self._open: HtmlForm | None = None
        self._by_id: dict[str, HtmlForm] = {}
        self._later: list[tuple[str, object]] = []  # (form id, control) for form="id"
        self._button: Button | None = None
        self._textarea: Control | None = None
        self._select: tuple[Control, list] | None = None

    def _attach(self, attrs: dict, item) -> bool:
        """Give `item` to the form that owns it; False when no form does."""
        if attrs.get("form"):
            self._later.append((attrs["form"], item))
            return True
        if self._open is None:
            return False
        (self._open.buttons if isinstance(item, Button) else self._open.controls).append(item)
        return True

    def handle_starttag(self, tag, attr_list):
        attrs = {name: value if value is not None else "" for name, value in attr_list}
        if self._open is not None:
            self._open.text += " "
        name, disabled = attrs.get("name", ""), "disabled" in attrs
        if tag == "form":
            if self._open is not None:
                self.nested.append(self.getpos()[0])
                return
            form = HtmlForm(
                action=attrs.get("action", ""),
                method=attrs.get("method", "get").lower(),
                attrs=attrs,
                line=self.getpos()[0],
            )
            self.forms.append(form)
            self._open = form
            if attrs.get("id"):
                self._by_id[attrs["id"]] = form
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "image"):
                button = Button(name, attrs.get("value", ""), disabled, attrs.get("value", ""))
                if not self._attach(attrs, button):
                    self.orphan_buttons.append(button.text)
            elif kind not in ("button", "reset", "file") and name:
                checkable = kind in ("checkbox", "radio")
                value = attrs.get("value", "on" if checkable else "")
                control = Control(name, value, disabled, checkable, "checked" in attrs)
                self._attach(attrs, control)
        elif tag == "button":
            self._button = Button(name, attrs.get("value", ""), disabled)
            submits = attrs.get("type", "submit").lower() == "submit"
            if submits and not self._attach(attrs, self._button):
                self.orphan_buttons.append(f"line {self.getpos()[0]}")
        elif tag == "textarea" and name:
            self._textarea = Control(name, "", disabled)
            self._attach(attrs, self._textarea)
        elif tag == "select" and name:
            control = Control(name, "", disabled)
            self._select = (control, [])
            self._attach(attrs, control)
        elif tag == "option" and self._select is not None:
            self._select[1].append([attrs.get("value"), "selected" in attrs, ""])

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None
        elif tag == "button" and self._button is not None:
            self._button.text = " ".join(self._button.text.split())
            self._button = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea.value = self._textarea.value.removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select is not None:
            control, options = self._select
            chosen = [option for option in options if option[1]] or options[:1]
            if chosen:
                value, _, text = chosen[0]
                control.value = value if value is not None else text.strip()
            self._select = None

    def handle_data(self, data):
        if self._open is not None:
            self._open.text += data
        if self._button is not None:
            self._button.text += data
        if self._textarea is not None:
            self._textarea.value += data
        if self._select is not None and self._select[1]:
            self._select[1][-1][2] += data

    def close(self):
        super().close()
        for form_id, item in self._later:
            target = self._by_id.get(form_id)
            if target is None:
                if isinstance(item, Button):
                    self.orphan_buttons.append(item.text)
                continue
            (target.buttons if isinstance(item, Button) else target.controls).append(item)
        for form in self.forms:
            form.text = " ".join(form.text.split())


def parse_forms(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    parser.close()
    return parser


def find_form(html: str, *, action: str | None = None, containing: str | None = None) -> HtmlForm:
    """The one form posting to `action` and/or whose text contains `containing`."""
    forms = [
        form
        for form in parse_forms(html).forms
        if (action is None or form.action == action)
        and (containing is None or containing in form.text)
    ]
    assert len(forms) == 1, f"{len(forms)} forms match action={action!r} containing={containing!r}"
    return forms[0]
