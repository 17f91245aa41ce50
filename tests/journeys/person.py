"""A person at a browser: every step is a click, a key press or reading the page.

Journeys never post form data themselves and never run JavaScript to change a page: a
person cannot, so a disabled field, a nested form or a button outside its form fails here
as it fails for them. The few scripts run below only *read* the page (which form a button
belongs to, for the form-coverage test).

Every form a person submits is recorded by the URL name it sends to (`SUBMITTED`), so
`test_every_form_is_driven` can compare it with every form the templates render.
"""

import base64
import re
import time
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    NoSuchElementException,
    TimeoutException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser import has_left

# (method, url name) of every form submitted by any journey in this test run.
SUBMITTED: set[tuple[str, str]] = set()

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "journeys"

# Typing speed of a quick typist: slow enough to be a person, fast enough for CI.
KEY_DELAY = 0.004
# How long a person waits for the page a click or a key leads to.
NEXT_PAGE_SECONDS = 5
CLICK_ATTEMPTS = 10


def _xpath_text(text: str) -> str:
    """An XPath string literal for `text`, whatever quotes it holds."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    parts = text.split("'")
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in parts) + ")"


class Person:
    def __init__(self, driver, base_url: str, journey: str, *, phone: bool = False):
        self.driver = driver
        self.phone = phone
        self.base_url = base_url.rstrip("/")
        self.journey = journey
        self.shots = 0
        self.folder = SCREENSHOTS / journey
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()

    # -- reading -----------------------------------------------------------------------------

    @property
    def path(self) -> str:
        parts = urlsplit(self.driver.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    @property
    def text(self) -> str:
        """What the page says, as a person reads it (hidden text excluded)."""
        return self.driver.find_element(By.TAG_NAME, "body").text

    @property
    def html(self) -> str:
        return self.driver.page_source

    def sees(self, words: str) -> bool:
        return words in self.text

    def must_see(self, *phrases: str) -> None:
        page = self.text
        for words in phrases:
            assert words in page, f"{self.journey}: expected {words!r} on {self.path}:\n{page}"

    def must_not_see(self, *phrases: str) -> None:
        page = self.text
        for words in phrases:
            assert words not in page, f"{self.journey}: did not expect {words!r} on {self.path}"

    def title(self) -> str:
        return self.driver.title

    def links(self, text: str) -> list:
        return self.driver.find_elements(By.XPATH, f"//a[normalize-space()={_xpath_text(text)}]")

    def shot(self, name: str) -> Path:
        """A screenshot of the whole page, numbered in journey order."""
        self.shots += 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        target = self.folder / f"{self.shots:02d}-{slug}.png"
        # The whole page, as DevTools captures it, without resizing the window (a resize
        # would undo a phone's emulated screen).
        picture = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
        )
        target.write_bytes(base64.b64decode(picture["data"]))
        return target

    # -- acting ------------------------------------------------------------------------------

    def go(self, path: str) -> None:
        """Type an address into the location bar."""
        self.driver.get(self.base_url + path)

    def click_link(self, text: str, *, within=None) -> None:
        scope = within or self.driver
        link = scope.find_element(By.XPATH, f".//a[normalize-space()={_xpath_text(text)}]")
        href = link.get_attribute("href") or ""
        # A link to a place on this page only scrolls; any other loads a page.
        if "#" in href and href.split("#")[0] == self.driver.current_url.split("#")[0]:
            self._click(link)
        else:
            self._and_wait_for_the_next_page(lambda: self._click(link))

    def find_button(self, text: str, *, within=None):
        scope = within or self.driver
        literal = _xpath_text(text)
        return scope.find_element(
            By.XPATH,
            f".//button[normalize-space()={literal}]"
            f" | .//input[@type='submit' and @value={literal}]",
        )

    def press(self, text: str, *, within=None) -> None:
        """Click the button labelled `text` (the first one, or the one inside `within`)."""
        self.submit_with(self.find_button(text, within=within))

    def submit_with(self, button) -> None:
        self._record(button)
        self._and_wait_for_the_next_page(lambda: self._click(button))

    def field(self, label: str, *, within=None):
        """The input a person finds by its name: a <label>, or the aria-label of a field
        that shows no label (the search box)."""
        scope = within or self.driver
        literal = _xpath_text(label)
        labels = scope.find_elements(By.XPATH, f".//label[normalize-space()={literal}]")
        # Crispy marks required fields with an asterisk inside the label.
        labels = labels or scope.find_elements(
            By.XPATH, f".//label[starts-with(normalize-space(), {literal})]"
        )
        visible = [element for element in labels if element.is_displayed()] or labels
        if visible:
            target = visible[0].get_attribute("for")
            if target:
                return self.driver.find_element(By.ID, target)
            return visible[0].find_element(By.XPATH, ".//input|.//textarea|.//select")
        named = scope.find_elements(By.XPATH, f".//*[@aria-label={literal}]")
        shown = [element for element in named if element.is_displayed()]
        if not shown:
            raise AssertionError(f"{self.journey}: no visible field {label!r} on {self.path}")
        return shown[0]

    def fill(self, label: str, value: str, *, within=None, clear: bool = True) -> None:
        """Click into the field and type, key by key: over what it held, or (clear=False)
        after it, as a person adds a line at the end."""
        element = self.field(label, within=within)
        self._click(element)
        if clear:
            element.send_keys(Keys.CONTROL, "a")
            element.send_keys(Keys.DELETE)
        else:
            element.send_keys(Keys.CONTROL, Keys.END)
        for char in value:
            element.send_keys(char)
            time.sleep(KEY_DELAY)

    def choose(self, label: str, option: str, *, within=None) -> None:
        Select(self.field(label, within=within)).select_by_visible_text(option)

    def tick(self, label: str, *, within=None) -> None:
        box = self.field(label, within=within)
        if not box.is_selected():
            self._click(box)

    def log_in(self, username: str, password: str) -> None:
        """From any page: the navigation's Log in link, the form, and back as a member."""
        self.click_link("Log in")
        self.fill("Username", username)
        self.fill("Password", password)
        self.press("Log in")
        self.must_see("Log out")

    def open_menu(self) -> None:
        """On a narrow screen the navigation folds behind a menu control: open it if so."""
        controls = self.driver.find_elements(
            By.XPATH,
            "//nav//summary[normalize-space()='Menu'] | //nav//button[@aria-label='Menu']"
            " | //nav//button[@aria-label='Toggle navigation']",
        )
        shown = [control for control in controls if control.is_displayed()]
        if shown:
            self._click(shown[0])
            self.wait(0.5)  # the menu slides open

    def open_details(self, summary: str, *, within=None) -> None:
        """Click a disclosure's summary ("Add a comment", "flag") to show what it folds."""
        scope = within or self.driver
        control = scope.find_element(
            By.XPATH, f".//details/summary[normalize-space()={_xpath_text(summary)}]"
        )
        if control.find_element(By.XPATH, "..").get_attribute("open") is None:
            self._click(control)

    def enter(self, label: str, *, within=None) -> None:
        """Press Enter in a field, as a person submits a one-line form."""
        element = self.field(label, within=within)
        self._record(element)
        self._and_wait_for_the_next_page(lambda: element.send_keys(Keys.ENTER))

    def wait(self, seconds: float) -> None:
        """A person's pause (reading, thinking): the forum checks pace in places."""
        time.sleep(seconds)

    def wait_for(self, words: str, timeout: float = 5) -> None:
        WebDriverWait(self.driver, timeout).until(lambda driver: words in self.text)

    def back(self) -> None:
        self.driver.back()

    def _click(self, element) -> None:
        if self.phone:
            # Chromedriver places taps wrongly on an emulated phone screen once the page has
            # scrolled; a phone user's tap on a link or button is the same as activating it
            # from the keyboard, which needs no coordinates.
            key = Keys.SPACE if element.get_attribute("type") in ("checkbox", "radio") else None
            if element.tag_name in ("a", "button", "summary") or key:
                element.send_keys(key or Keys.ENTER)
            return
        # Bootstrap scrolls smoothly, to a page's #place too, and a click during the glide
        # lands elsewhere: scroll at once, and if the page was still gliding, look again.
        for attempt in range(CLICK_ATTEMPTS):
            self.driver.execute_script(
                "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
            )
            try:
                element.click()
                return
            except ElementClickInterceptedException:
                if attempt == CLICK_ATTEMPTS - 1:
                    raise
                time.sleep(0.1)

    def _and_wait_for_the_next_page(self, act) -> None:
        """Do `act` and wait until the browser has left the page and loaded the next one, as
        a person waits for it: a click returns before the navigation it starts, and reading
        then would read the page being left. A form the browser does not send (a required
        field left empty) stays: after a while the next check reads that page."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        act()

        with suppress(TimeoutException):
            WebDriverWait(self.driver, NEXT_PAGE_SECONDS).until(has_left(old))
            WebDriverWait(self.driver, NEXT_PAGE_SECONDS).until(
                lambda driver: driver.execute_script("return document.readyState") == "complete"
            )

    def _record(self, element) -> None:
        """Note which form a button or field submits (reading the DOM, changing nothing)."""
        try:
            form = element.find_element(By.XPATH, "./ancestor::form[1]")
        except NoSuchElementException:
            form_id = element.get_attribute("form")
            if not form_id:
                raise AssertionError(
                    f"{self.journey}: {element.text!r} on {self.path} is in no form"
                ) from None
            form = self.driver.find_element(By.ID, form_id)
        method = (form.get_attribute("method") or "get").lower()
        if named := form.get_attribute("data-form"):
            SUBMITTED.add((method, f"form:{named}"))
            return
        action = form.get_attribute("action") or self.driver.current_url
        try:
            match = resolve(urlsplit(action).path)
        except Resolver404:
            raise AssertionError(f"{self.journey}: form on {self.path} posts to {action}") from None
        SUBMITTED.add((method, match.view_name))
