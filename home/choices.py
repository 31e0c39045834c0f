from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityKind(models.TextChoices):
    CITY = "city", _("Stadt")
    DISTRICT = "district", _("Landkreis")
    MUNICIPALITY = "municipality", _("Gemeinde")


class FederalState(models.TextChoices):
    LOWER_SAXONY = "niedersachsen", _("Niedersachsen")
    RHINELAND_PALATINATE = "rheinland-pfalz", _("Rheinland-Pfalz")
