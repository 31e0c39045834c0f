from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeerLearningConfig(AppConfig):
    name = "peer_learning"
    verbose_name = _("Peer-Learning")
