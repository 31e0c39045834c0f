"""Forms of the events app: the public registration form."""

from django import forms
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.forms import PlainTextField
from home.text import validate_single_line

from .choices import EventMode, ParticipationMode
from .models import EventPage

MAX_LENGTH_MESSAGE = _(
    "Bitte kürzen Sie Ihre Angabe auf höchstens %(limit_value)d Zeichen (jetzt: %(show_value)d)."
)
NULL_CHARACTER_MESSAGE = _("Ihre Angabe enthält ein unzulässiges Zeichen.")


def _messages(required=None, **extra) -> dict:
    """German error messages for a field; Django's own would say less about what to do."""
    messages = {
        "max_length": MAX_LENGTH_MESSAGE,
        "null_characters_not_allowed": NULL_CHARACTER_MESSAGE,
    }
    if required is not None:
        messages["required"] = required
    messages.update(extra)
    return messages


class RegistrationForm(forms.Form):
    """What a person tells us when registering for an event (no account needed).

    Fields depend on the event: the participation mode only for hybrid events, dietary needs
    only where catering is offered. `website` is a honeypot: people never see it, bots fill it.
    """

    HONEYPOT = "website"

    name = PlainTextField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages=_messages(_("Bitte geben Sie Ihren Namen an.")),
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,  # what the model stores; Django's form default would allow 320
        help_text=_(
            "An diese Adresse schicken wir die Bestätigung und den Link zu Ihrer Anmeldung."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        validators=[validate_single_line],
        error_messages=_messages(
            _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            invalid=_(
                "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@kommune.de."
            ),
        ),
    )
    organisation = PlainTextField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("Zum Beispiel Stadtverwaltung, Kreisverwaltung, Verein oder Träger."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages=_messages(_("Bitte geben Sie Ihre Organisation an.")),
    )
    municipality = PlainTextField(
        label=_("Kommune oder Behörde"),
        max_length=200,
        help_text=_("Zum Beispiel Stadt Andernach oder Landkreis Hildesheim."),
        error_messages=_messages(_("Bitte geben Sie Ihre Kommune oder Behörde an.")),
    )
    role = PlainTextField(
        label=_("Funktion"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel Integrationsbeauftragte*r oder Sachgebietsleitung."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages=_messages(),
    )
    participation_mode = forms.ChoiceField(
        label=_("Wie nehmen Sie teil?"),
        choices=ParticipationMode.choices,
        widget=forms.RadioSelect,
        error_messages=_messages(
            _("Bitte wählen Sie, ob Sie vor Ort oder online teilnehmen."),
            invalid_choice=_("Bitte wählen Sie eine der angebotenen Möglichkeiten."),
        ),
    )
    accessibility_needs = PlainTextField(
        multiline=True,
        label=_("Barrierefreiheit"),
        max_length=1000,
        required=False,
        help_text=_(
            "Brauchen Sie etwas, um gut teilnehmen zu können, zum Beispiel einen stufenlosen "
            "Zugang, Gebärdensprachdolmetschung oder Unterlagen in großer Schrift?"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_messages(),
    )
    dietary_needs = PlainTextField(
        label=_("Verpflegung"),
        max_length=300,
        required=False,
        help_text=_("Zum Beispiel vegetarisch, vegan, Allergien oder Unverträglichkeiten."),
        error_messages=_messages(),
    )
    privacy_consent = forms.BooleanField(
        label=_("Einwilligung zum Datenschutz"),  # replaced in __init__ by the linked text
        error_messages=_messages(
            _(
                "Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein. Ohne Ihre "
                "Einwilligung können wir Ihre Anmeldung nicht annehmen."
            )
        ),
    )
    participant_list_consent = forms.BooleanField(
        label=_(
            "Mein Name und meine Organisation dürfen auf der Teilnehmendenliste stehen, die "
            "alle Teilnehmer*innen der Veranstaltung erhalten."
        ),
        required=False,
    )
    website = forms.CharField(
        label=_("Bitte lassen Sie dieses Feld leer."),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, event: EventPage, privacy_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.mode != EventMode.HYBRID:
            del self.fields["participation_mode"]
        if not event.catering_offered:
            del self.fields["dietary_needs"]
        self.fields["privacy_consent"].label = privacy_label(privacy_url)

    @property
    def is_spam(self) -> bool:
        """True when the honeypot was filled in: pretend success, register nothing."""
        return bool(self.cleaned_data.get(self.HONEYPOT))

    def registration_data(self) -> dict:
        """The cleaned data the registration service stores."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (self.HONEYPOT, "privacy_consent")
        }


def privacy_label(privacy_url: str):
    """The consent text, linking to the privacy notice when the site has one."""
    if privacy_url:
        notice = format_html('<a href="{}">{}</a>', privacy_url, gettext("Datenschutzerklärung"))
    else:
        notice = escape(gettext("Datenschutzerklärung"))
    text = escape(
        gettext(
            "Ich habe die %(privacy_notice)s gelesen und willige ein, dass meine Angaben zur "
            "Organisation dieser Veranstaltung verarbeitet werden. Die Angaben werden "
            "%(days)s Tage nach der Veranstaltung gelöscht."
        )
    )
    # Safe: the sentence and the link text are escaped above, the URL by format_html.
    days = settings.REGISTRATION_RETENTION_DAYS
    return mark_safe(text % {"privacy_notice": notice, "days": days})


class SendLinkForm(forms.Form):
    """„Link erneut zusenden“: the address someone registered with."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse Ihrer Anmeldung"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        validators=[validate_single_line],
        error_messages=_messages(
            _("Bitte geben Sie die E-Mail-Adresse an, mit der Sie sich angemeldet haben."),
            invalid=_(
                "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@kommune.de."
            ),
        ),
    )
