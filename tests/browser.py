"""Debian's Chromium, driven by Selenium, for the tests that need a real browser.

Chromium is started with the flags this closed network needs (no background networking, no
component updates: otherwise it keeps trying hosts it cannot reach). Tests that import this
module are skipped when Chromium is not installed, unless FORUM_REQUIRE_BROWSER is set (CI
sets it after .ci/run installs the browser), so a missing browser can never pass silently in CI.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("FORUM_REQUIRE_BROWSER"):
        raise RuntimeError("FORUM_REQUIRE_BROWSER is set but chromium/chromedriver are missing")
    pytest.skip(
        "Chromium is not installed (make browser)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)

DESKTOP = (1280, 900)
PHONE = (390, 844)


def start_chromium(*, size=DESKTOP, javascript: bool = True, logging: bool = False):
    """A fresh headless Chromium with an empty profile (no cookies, no cache)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={max(size[0], 500)},{size[1] + 100}")
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    if logging:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    if size[0] < 500:
        # A window cannot be narrower than 500 pixels: a phone's screen is emulated as
        # DevTools' device mode does.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": size[0], "height": size[1], "deviceScaleFactor": 3, "mobile": False},
        )
    return driver


def has_left(old_page):
    """A wait condition: true once `old_page` (the <html> element read before a click) is
    gone. Selenium's staleness_of is not enough: mid-navigation chromedriver can answer "Node
    with given id does not belong to the document" instead of "stale", and that means gone too.
    """

    def left(driver) -> bool:
        try:
            old_page.is_enabled()
        except WebDriverException:
            return True
        return False

    return left
