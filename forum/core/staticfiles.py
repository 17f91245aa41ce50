"""The production storage of static files, with each file's address worked out once.

The manifest that maps a name to its hashed file is read when the process starts and does
not change until the next deploy (a new process), so the address of `forum/css/forum.css`
is the same on every page: `{% static %}` cost a thread page more than a tenth of its
rendering when each of its four tags looked it up again.
"""

import functools

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    @functools.cache  # noqa: B019 - one storage per process, kept for its lifetime anyway
    def _address(self, name: str) -> str:
        return super().url(name)

    def url(self, name, force=False):
        if force or settings.DEBUG:  # DEBUG serves the unhashed name, and tests may turn it on
            return super().url(name, force)
        return self._address(name)
