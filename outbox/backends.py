"""An e-mail backend for development: every mail is kept as a file and announced in one line.

The console backend printed each mail in full (with base64 parts and encoded subjects), which
buried the site's address under thousands of lines when the demo content was built.
"""

import itertools
import sys
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

_counter = itertools.count(1)


class FileAndLineBackend(BaseEmailBackend):
    """Writes each message to `EMAIL_FILE_PATH/<time>-<n>.eml` (open it in any mail program)
    and prints `E-Mail an <recipient>: <subject> (<file>)`."""

    def __init__(self, *, file_path=None, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.folder = Path(file_path or settings.EMAIL_FILE_PATH)
        self.stream = stream or sys.stdout

    def send_messages(self, email_messages):
        self.folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            path = self.folder / f"{stamp}-{next(_counter):04d}.eml"
            path.write_bytes(message.message().as_bytes())
            try:
                shown = path.relative_to(settings.BASE_DIR)
            except ValueError:
                shown = path
            self.stream.write(f"E-Mail an {', '.join(message.to)}: {message.subject} ({shown})\n")
            self.stream.flush()
        return len(email_messages)
