"""Signals the outbox sends; domain apps connect to them for the objects they own."""

from django.dispatch import Signal

# A hard bounce of a mail about an object: sent with `sender` = the object's model class,
# `email` (the OutboundEmail row) and `related_object`. Domain apps connect with their own
# model as sender, e.g. to mark a registration's address as unreachable.
email_bounced = Signal()
