from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import PlainTextField
from home.models import FocusArea

from .choices import (
    ActionStatus,
    Confidentiality,
    Effort,
    HelpWanted,
    IdeaKind,
    IdeaResponse,
    Method,
    NoticeKind,
    NoticeMode,
)
from .models import ActionItem, Case, Concept, Feedback, Synthesis

# The case form in three steps, each saved on its own („Entwurf speichern“).
STEPS = [
    (_("Worum es geht"), ["title", "summary", "focus_area", "round", "confidentiality"]),
    (_("Die Situation"), ["situation", "actors", "tried", "constraints_text"]),
    (
        _("Ihre Frage an die Runde"),
        [
            "key_question",
            "help_wanted",
            "method",
            "success_criteria",
            "no_personal_data_confirmed",
            "publication_consent",
        ],
    ),
]

HELP_TEXTS = {
    "title": _("Ein kurzer Titel, unter dem die Runde über Ihren Fall spricht."),
    "summary": _(
        "Zwei, drei Sätze, die auch alle anderen Partnerkommunen lesen dürfen: ohne Namen, "
        "ohne interne Einzelheiten."
    ),
    "round": _("Die Peer-Learning-Runde, in der Sie den Fall beraten lassen möchten."),
    "confidentiality": _("Wer den Fall lesen darf. Im Zweifel: Beratungsgruppe."),
    "situation": _(
        "Beschreiben Sie die Lage so, dass Kolleg*innen aus anderen Kommunen sie verstehen: "
        "Was passiert, seit wann, wer merkt es?"
    ),
    "actors": _("Wer ist beteiligt, innerhalb und außerhalb der Verwaltung, und was will wer?"),
    "tried": _("Was haben Sie schon versucht, und was hat es bewirkt?"),
    "constraints_text": _("Was steht fest: Zuständigkeiten, Geld, Fristen, politische Vorgaben."),
    "key_question": _(
        "Die eine Frage, auf die Sie Rat suchen, möglichst beginnend mit „Wie können wir "
        "erreichen, dass …?“"
    ),
    "help_wanted": _("Welche Art von Unterstützung hilft Ihnen am meisten?"),
    "method": _(
        "Wie die Runde beraten soll, etwa Brainstorming (viele Ideen) oder Hypothesen "
        "(Erklärungen für das, was passiert). Die Fachbegleitung berät Sie gern."
    ),
    "success_criteria": _("Woran würden Sie in einem halben Jahr merken, dass es besser ist?"),
    "no_personal_data_confirmed": _(
        "Der Fall enthält keine Namen oder Angaben, mit denen man Klient*innen erkennen könnte."
    ),
    "publication_consent": _(
        "Freiwillig: Eine anonymisierte Zusammenfassung darf später als Praxiswissen "
        "veröffentlicht werden. Sie können das jederzeit widerrufen."
    ),
}


class CaseForm(forms.ModelForm):
    title = PlainTextField(label=_("Titel"), max_length=200)
    summary = PlainTextField(
        label=_("Kurzbeschreibung"),
        max_length=1000,
        required=False,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    situation = PlainTextField(
        label=_("Was passiert?"),
        required=False,
        multiline=True,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    actors = PlainTextField(
        label=_("Beteiligte und ihre Interessen"),
        required=False,
        multiline=True,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    tried = PlainTextField(
        label=_("Was wurde schon versucht, mit welcher Wirkung?"),
        required=False,
        multiline=True,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    constraints_text = PlainTextField(
        label=_("Rahmenbedingungen"),
        required=False,
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    key_question = PlainTextField(
        label=_("Schlüsselfrage"),
        required=False,
        multiline=True,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    success_criteria = PlainTextField(
        label=_("Woran würden Sie Erfolg erkennen?"),
        required=False,
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    help_wanted = forms.MultipleChoiceField(
        label=_("Gewünschte Unterstützung"),
        choices=HelpWanted.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    method = forms.ChoiceField(
        label=_("Bevorzugte Methode"),
        choices=[("", _("Noch offen")), *Method.choices],
        required=False,
    )
    confidentiality = forms.ChoiceField(
        label=_("Vertraulichkeit"), choices=Confidentiality.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Case
        fields = [name for _title, names in STEPS for name in names]

    def __init__(self, *args, step: int, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        keep = set(STEPS[step][1])
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name, field in self.fields.items():
            if name in HELP_TEXTS:
                field.help_text = HELP_TEXTS[name]
        if "confidentiality" in self.fields and not self.is_bound:
            self.initial["confidentiality"] = self.instance.confidentiality or Confidentiality.GROUP
        if "round" in self.fields:
            self.fields["round"].queryset = rounds
            self.fields["round"].required = False
            self.fields["round"].empty_label = _("Noch nicht ausgewählt")
        if "focus_area" in self.fields:
            self.fields["focus_area"].queryset = FocusArea.objects.filter(
                pk__in=[area.pk for area in FocusArea.objects.for_active_locale()]
            )
            self.fields["focus_area"].required = False
            self.fields["focus_area"].empty_label = _("Bitte wählen")

    def data_for_service(self) -> dict:
        data = {}
        for name, value in self.cleaned_data.items():
            if name in ("round", "focus_area"):
                data[f"{name}_id"] = value.pk if value else None
            else:
                data[name] = value
        return data


class ConceptForm(forms.ModelForm):
    title = PlainTextField(label=_("Titel"), max_length=200)
    what_and_why = PlainTextField(
        label=_("Was und warum"),
        multiline=True,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Was haben Sie eingeführt, und welches Problem löst es?"),
    )
    how = PlainTextField(
        label=_("Wie es umgesetzt wurde"),
        required=False,
        multiline=True,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    results = PlainTextField(
        label=_("Ergebnisse bisher"),
        required=False,
        multiline=True,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    advice = PlainTextField(
        label=_("Was andere wissen sollten"),
        required=False,
        multiline=True,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Stolpersteine, Voraussetzungen, was Sie heute anders machen würden."),
    )
    contact = PlainTextField(
        label=_("Ansprechperson"),
        required=False,
        max_length=200,
        help_text=_("Name und Dienststelle, an die sich andere Kommunen wenden können."),
    )

    class Meta:
        model = Concept
        fields = [
            "title",
            "focus_area",
            "what_and_why",
            "how",
            "results",
            "advice",
            "contact",
            "publication_consent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = FocusArea.objects.filter(
            pk__in=[area.pk for area in FocusArea.objects.for_active_locale()]
        )
        self.fields["focus_area"].required = False
        self.fields["publication_consent"].help_text = _(
            "Erst mit Ihrem Einverständnis sehen die anderen Partnerkommunen das Konzept. "
            "Sie können es jederzeit zurücknehmen."
        )


class QuestionForm(forms.Form):
    text = PlainTextField(
        label=_("Ihre Frage"),
        multiline=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Datei"))


class CommentForm(forms.Form):
    comment = PlainTextField(
        label=_("Begründung"),
        required=False,
        multiline=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FeedbackForm(forms.ModelForm):
    strengths = PlainTextField(
        label=_("Was schon gut läuft"),
        required=False,
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    questions = PlainTextField(
        label=_("Ich frage mich, ob …"),
        required=False,
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fragen zum Weiterdenken, keine Bewertung."),
    )
    experience = PlainTextField(
        label=_("Eigene Erfahrungen, Materialien, Kontaktangebot"),
        required=False,
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    transferability = PlainTextField(
        label=_("Was ist bei uns anders?"),
        required=False,
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    method_section = PlainTextField(
        label=_("Beitrag zur Methode"),
        required=False,
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Feedback
        fields = ["strengths", "questions", "experience", "transferability", "method_section"]

    def __init__(self, *args, method_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if method_label:
            self.fields["method_section"].label = method_label
        else:
            del self.fields["method_section"]


class IdeaForm(forms.Form):
    text = PlainTextField(
        label=_("Idee"),
        required=False,
        multiline=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kind = forms.ChoiceField(label=_("Art"), choices=IdeaKind.choices, initial=IdeaKind.OTHER)
    effort = forms.ChoiceField(label=_("Aufwand"), choices=Effort.choices, initial=Effort.MEDIUM)
    how_we_do_it = PlainTextField(
        label=_("So machen wir es bei uns"),
        required=False,
        multiline=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


IdeaFormSet = forms.formset_factory(IdeaForm, extra=0, max_num=20)


class SynthesisForm(forms.ModelForm):
    insights = PlainTextField(
        label=_("Zentrale Erkenntnisse"),
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    recommendations = PlainTextField(
        label=_("Empfehlungen"),
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Drei bis fünf Empfehlungen, eine pro Zeile."),
    )
    open_questions = PlainTextField(
        label=_("Offene Fragen"),
        required=False,
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contacts = PlainTextField(
        label=_("Kontakte"),
        required=False,
        multiline=True,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Synthesis
        fields = ["insights", "recommendations", "open_questions", "contacts"]

    def clean_recommendations(self):
        value = self.cleaned_data["recommendations"]
        count = len([line for line in value.splitlines() if line.strip()])
        if not 3 <= count <= 5:
            raise forms.ValidationError(
                _("Bitte schreiben Sie drei bis fünf Empfehlungen, eine pro Zeile.")
            )
        return value


class IdeaResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Ihre Antwort"), choices=IdeaResponse.choices, widget=forms.RadioSelect
    )
    note = PlainTextField(label=_("Anmerkung"), required=False, max_length=1000)


class ActionItemForm(forms.ModelForm):
    what = PlainTextField(label=_("Was"), max_length=300)
    responsible_role = PlainTextField(label=_("Wer (Rolle)"), max_length=150)

    class Meta:
        model = ActionItem
        fields = ["what", "responsible_role", "due_date", "status"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}


class ClosingForm(forms.Form):
    closing_statement = PlainTextField(
        label=_("Abschließende Stellungnahme"),
        multiline=True,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Was nehmen Sie aus der Beratung mit, und wie geht es weiter?"),
    )


class FollowUpForm(forms.Form):
    """Where each action item stands now, and a short report for the peers."""

    follow_up_note = PlainTextField(
        label=_("Was ist aus der Beratung geworden?"),
        multiline=True,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Die Peers, die Sie beraten haben, lesen diesen Bericht."),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"status_{item.pk}"] = forms.ChoiceField(
                label=item.what,
                choices=ActionStatus.choices,
                initial=item.status,
            )

    def status_fields(self):
        return [self[f"status_{item.pk}"] for item in self.items]

    def statuses(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"status_{item.pk}"] for item in self.items}


class NoticePreferencesForm(forms.Form):
    """Per kind of notice: one mail each time, or a daily digest."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NoticeKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=NoticeMode.choices,
                initial=current.get(kind, NoticeMode.IMMEDIATE),
                widget=forms.RadioSelect,
            )
