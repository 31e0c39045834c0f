"""Development mail: each mail kept as a file and announced in one readable line."""

import email
import io

from django.core.mail import EmailMultiAlternatives

from outbox.backends import FileAndLineBackend


def test_each_mail_is_one_line_on_the_console_and_a_file(tmp_path):
    stream = io.StringIO()
    backend = FileAndLineBackend(file_path=tmp_path, stream=stream)
    message = EmailMultiAlternatives(
        "Anmeldebestätigung: Fachforum Vielfalt – Straße",
        "Guten Tag\n" * 200,
        "noreply@example.org",
        ["kim@example.org"],
    )
    message.attach("termin.ics", b"BEGIN:VCALENDAR", "text/calendar")

    sent = backend.send_messages([message])

    [line] = stream.getvalue().splitlines()
    [path] = tmp_path.glob("*.eml")
    assert sent == 1
    assert line == (
        f"E-Mail an kim@example.org: Anmeldebestätigung: Fachforum Vielfalt – Straße ({path})"
    )
    stored = email.message_from_bytes(path.read_bytes())
    assert stored["To"] == "kim@example.org"
    assert [part.get_filename() for part in stored.walk() if part.get_filename()] == ["termin.ics"]
