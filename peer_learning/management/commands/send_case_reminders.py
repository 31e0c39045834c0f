"""Daily: remind members of drafts before a round's case deadline, peers who have not handed
in their advice before the due date, and municipalities of their follow-up (each once); then
send the daily digests."""

from django.core.management.base import BaseCommand

from peer_learning import services


class Command(BaseCommand):
    help = "Remind municipalities of case drafts shortly before the round's deadline."

    def handle(self, *args, **options):
        drafts = services.send_deadline_reminders()
        peers = services.send_feedback_reminders()
        follow_ups = services.send_follow_up_reminders()
        digests = services.send_digests()  # last: today's reminders go into the digest too
        self.stdout.write(
            f"Reminded {drafts} draft(s), {peers} peer(s), {follow_ups} follow-up(s); "
            f"sent {digests} digest(s)."
        )
