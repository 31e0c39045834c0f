"""The portal's demo data: accounts of the six partner municipalities and the facilitator,
two peer-learning rounds, and cases in every state and at every level of confidentiality.

Pure data. Every person logs in with the demo password (README). The cases are made through
`peer_learning.services` by `peer_learning.demo`, along `CASE_PATHS`; the texts describe
situations in municipal administrations and contain no personal data of clients.

One case goes through the whole consultation (the past round's case of Landkreis Cuxhaven:
two peers' advice, the facilitator's synthesis, the release, the municipality's answer to
each idea, its action items and closing statement); another is in the middle of it (the
current round's case of Landkreis Cuxhaven: one peer has handed in, one is still writing).
Two more cases of the past round stop in the states around it: Andernach's just released
(one idea answered, the rest open) and Ludwigshafen's with its follow-up recorded.
"""

from dataclasses import dataclass, field

from home.demo.specs import DemoAccount, GeneratedImage, PageSpec

from ..choices import (
    ActionStatus,
    AssignmentRole,
    AssignmentStatus,
    Attribution,
    CaseStatus,
    Confidentiality,
    Effort,
    HelpWanted,
    IdeaKind,
    IdeaResponse,
    MembershipRole,
    Method,
    RoundFormat,
    RoundStatus,
)

# --- People ---------------------------------------------------------------------------------

DEMO_DOMAIN = "demo.querschnitt.example"  # .example: reserved, never delivers (RFC 2606)
FACILITATOR_GROUP_KEY = "facilitators"
FACILITATOR_GROUP = "Fachbegleitung"
FACILITATOR_PERMISSIONS = ("wagtailadmin.access_admin", "peer_learning.facilitate")
# Members belong to their municipality since this many days before the first run, so they
# were members during the past round.
MEMBER_SINCE_DAYS = 400


def portal_account(local_part: str, first_name: str, last_name: str, **options) -> DemoAccount:
    email = f"{local_part}@{DEMO_DOMAIN}"
    return DemoAccount(email, email, first_name, last_name, **options)


FACILITATOR = portal_account("moderation", "Miriam", "Schäfer", groups=(FACILITATOR_GROUP_KEY,))


@dataclass(frozen=True)
class Member:
    account: DemoAccount
    municipality: str  # slug of home.Municipality
    role: str = MembershipRole.MEMBER
    position: str = ""  # for the README


MEMBERS = [
    Member(
        portal_account("andernach", "Julia", "Hoffmann"),
        "andernach",
        position="Integrationsbeauftragte",
    ),
    Member(
        portal_account("ludwigshafen", "Murat", "Yılmaz"),
        "ludwigshafen",
        position="Büro für Integration",
    ),
    Member(
        portal_account("salzgitter", "Sabine", "Krüger"),
        "salzgitter",
        position="Fachdienst Integration",
    ),
    Member(
        portal_account("cuxhaven", "Jan-Hendrik", "Meyer"),
        "cuxhaven",
        position="Fachdienst Integration des Landkreises",
    ),
    Member(
        portal_account("hildesheim", "Thomas", "Brandt"),
        "hildesheim",
        role=MembershipRole.COORDINATOR,
        position="Leitung der Koordinierungsstelle Integration",
    ),
    Member(
        portal_account("rotenburg-wuemme", "Anna", "Lüdemann"),
        "rotenburg-wuemme",
        position="Integrationsmanagement des Landkreises",
    ),
]
ACCOUNTS = [*(member.account for member in MEMBERS), FACILITATOR]


def member_of(municipality: str) -> DemoAccount:
    return next(member.account for member in MEMBERS if member.municipality == municipality)


# --- Rounds ---------------------------------------------------------------------------------

PAST, CURRENT = "past", "current"


@dataclass(frozen=True)
class RoundSpec:
    key: str
    title: str  # the stable key: a round is found by its title
    description: str
    format: str
    attribution: str
    status: str
    # The session is this many days from the day the round is created, or on the day of the
    # event page `event` (a key of the events demo) where that exists. The other dates count
    # back from the session (`DATE_OFFSETS`). All of them are set once, when the round is made.
    session_in_days: int
    event: str = ""


# Days before the session: cases due, questions clarified, written contributions due.
DATE_OFFSETS = {"case_deadline": -21, "clarification_until": -14, "feedback_due": -7}

ROUNDS = [
    RoundSpec(
        key=PAST,
        title="Peer-Learning-Runde 1: Aufgabenteilung im Landkreis",
        description=(
            "Die erste Runde der kollegialen Fallberatung mit allen sechs Partnerkommunen. "
            "Beraten wurde beim Peer-Learning-Treffen im Kreishaus Rotenburg (Wümme); die "
            "Fachbegleitung des ism hat die Anregungen anschließend zusammengefasst."
        ),
        format=RoundFormat.LIVE,
        attribution=Attribution.BY_MUNICIPALITY,
        status=RoundStatus.FINISHED,
        session_in_days=-24,
        event="peer-learning-rotenburg",
    ),
    RoundSpec(
        key=CURRENT,
        title="Peer-Learning-Runde 2: Ehrenamt, Beteiligung und Vielfalt",
        description=(
            "Die Partnerkommunen reichen bis zum Einreichungsschluss ihre Fälle ein. Die "
            "Fachbegleitung nimmt sie in die Runde auf und lädt Peers aus den anderen Kommunen "
            "ein. Die Peers schicken vorab kurze schriftliche Beratungsbeiträge; beraten wird "
            "in einer gemeinsamen Online-Sitzung."
        ),
        format=RoundFormat.HYBRID,
        attribution=Attribution.BY_MUNICIPALITY,
        status=RoundStatus.OPEN,
        session_in_days=42,
    ),
]


# --- Cases ----------------------------------------------------------------------------------

SUBMITTED = CaseStatus.SUBMITTED
CHANGES_REQUESTED = CaseStatus.CHANGES_REQUESTED
RESUBMITTED = CaseStatus.RESUBMITTED
ACCEPTED = CaseStatus.ACCEPTED
IN_CONSULTATION = CaseStatus.IN_CONSULTATION
FEEDBACK_RELEASED = CaseStatus.FEEDBACK_RELEASED
CLOSED = CaseStatus.CLOSED
FOLLOW_UP = CaseStatus.FOLLOW_UP
WITHDRAWN = CaseStatus.WITHDRAWN
DECLINED = CaseStatus.DECLINED
REVISE = "revise"  # the member edits the case (services.update_case) before resubmitting

# The way into each state, as the portal's buttons go: members submit, revise, resubmit,
# withdraw, close (with their statement) and record the follow-up; the facilitator asks for
# changes, accepts, starts the consultation, releases the advice with the synthesis and
# declines.
CASE_PATHS = {
    CaseStatus.DRAFT: (),
    SUBMITTED: (SUBMITTED,),
    CHANGES_REQUESTED: (SUBMITTED, CHANGES_REQUESTED),
    RESUBMITTED: (SUBMITTED, CHANGES_REQUESTED, REVISE, RESUBMITTED),
    ACCEPTED: (SUBMITTED, ACCEPTED),
    IN_CONSULTATION: (SUBMITTED, ACCEPTED, IN_CONSULTATION),
    FEEDBACK_RELEASED: (SUBMITTED, ACCEPTED, IN_CONSULTATION, FEEDBACK_RELEASED),
    CLOSED: (SUBMITTED, ACCEPTED, IN_CONSULTATION, FEEDBACK_RELEASED, CLOSED),
    FOLLOW_UP: (SUBMITTED, ACCEPTED, IN_CONSULTATION, FEEDBACK_RELEASED, CLOSED, FOLLOW_UP),
    WITHDRAWN: (SUBMITTED, WITHDRAWN),
    DECLINED: (SUBMITTED, DECLINED),
}
MEMBER_STEPS = frozenset({SUBMITTED, REVISE, RESUBMITTED, WITHDRAWN, CLOSED, FOLLOW_UP})


@dataclass(frozen=True)
class AttachmentSpec:
    name: str  # the file name the member uploaded
    kind: str  # "pdf" or "png": generated by peer_learning.demo
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class AssignmentSpec:
    municipality: str  # the peer is the member of this municipality
    role: str
    status: str
    decline_reason: str = ""


@dataclass(frozen=True)
class IdeaSpec:
    text: str
    kind: str
    effort: str
    how_we_do_it: str = ""  # „So machen wir es in …“
    # The municipality's answer once the advice is released (cases that get that far).
    response: str = ""
    note: str = ""


@dataclass(frozen=True)
class FeedbackSpec:
    """A peer's advice („Beratungsbeitrag“), written by the member of `municipality` while the
    case is in consultation and their assignment accepted; handed in or left a draft."""

    municipality: str
    submitted: bool
    data: dict  # strengths, questions, experience, transferability, method_section
    ideas: tuple[IdeaSpec, ...] = ()


@dataclass(frozen=True)
class ActionItemSpec:
    what: str
    responsible_role: str
    due_in_days: int  # from the day the case is built
    status: str
    follow_up_status: str = ""  # as the municipality updates it at the follow-up


@dataclass(frozen=True)
class CaseSpec:
    municipality: str
    round: str  # PAST or CURRENT
    status: str
    data: dict  # Case.CONTENT_FIELDS; "focus_area" is a slug, the round is set from `round`
    comments: dict = field(default_factory=dict)  # by target state
    revision: dict = field(default_factory=dict)  # what the member changes before resubmitting
    redacted_version: str = ""  # the facilitator's text for peers (confidential cases)
    attachments: tuple[AttachmentSpec, ...] = ()
    assignments: tuple[AssignmentSpec, ...] = ()
    # The consultation, as far as `status` goes: the peers' advice, the facilitator's
    # synthesis (released with it), the municipality's action items and closing statement.
    feedback: tuple[FeedbackSpec, ...] = ()
    synthesis: dict = field(default_factory=dict)
    action_items: tuple[ActionItemSpec, ...] = ()
    closing_statement: str = ""
    follow_up_note: str = ""  # the municipality's report at the follow-up


PEER = AssignmentRole.PEER
MODERATION = AssignmentRole.MODERATION
MINUTES = AssignmentRole.MINUTES
INVITED = AssignmentStatus.INVITED
ASSIGNMENT_ACCEPTED = AssignmentStatus.ACCEPTED
ASSIGNMENT_DECLINED = AssignmentStatus.DECLINED
DONE = AssignmentStatus.DONE
TAKE_UP = IdeaResponse.TAKE_UP
CHECK = IdeaResponse.CHECK
DOES_NOT_FIT = IdeaResponse.DOES_NOT_FIT

CASES = [
    # --- The past round: the case the news item „Peer-Learning: Wie Landkreis und Gemeinden
    # Aufgaben teilen“ reports on, through the whole consultation. The two peers sent their
    # advice before the session; after it their part (and the moderation's and minutes') is
    # done, the facilitator releases the advice with her synthesis, and the district answers
    # each idea, plans its next steps and closes the case.
    CaseSpec(
        municipality="cuxhaven",
        round=PAST,
        status=CLOSED,
        data={
            "title": (
                "Integrationsaufgaben zwischen Landkreis und kreisangehörigen Gemeinden "
                "verbindlich aufteilen"
            ),
            "summary": (
                "Mehrere Gemeinden im Landkreis haben eigene Stellen für Integration geschaffen. "
                "Wer welche Aufgaben übernimmt, ist nirgends festgehalten – Doppelarbeit und "
                "Lücken sind die Folge."
            ),
            "focus_area": "organisation",
            "situation": (
                "Sieben der fünfzehn kreisangehörigen Gemeinden haben in den letzten Jahren "
                "eigene Integrationsstellen eingerichtet, teils in Teilzeit, teils befristet aus "
                "Fördermitteln. Der Landkreis koordiniert das Integrationsmanagement und "
                "finanziert die Migrationsberatung der freien Träger. Absprachen zwischen Kreis "
                "und Gemeinden laufen über persönliche Kontakte; wenn Personal wechselt, gehen "
                "sie verloren. Gemeinden ohne eigene Stelle fühlen sich vom Kreis allein "
                "gelassen, Gemeinden mit Stelle beklagen, dass der Kreis Angebote plant, ohne "
                "sie einzubeziehen."
            ),
            "actors": (
                "Fachdienst Integration des Landkreises; die Integrationsstellen der Gemeinden; "
                "Bürgermeister*innen und Samtgemeindeverwaltungen; Migrationsberatung der "
                "Wohlfahrtsverbände; Jobcenter. Der Kreis wünscht sich einheitliche Standards, "
                "die Gemeinden wollen ihre Spielräume behalten."
            ),
            "tried": (
                "Eine jährliche Dienstbesprechung mit allen Gemeinden: gut besucht, aber ohne "
                "verbindliche Ergebnisse. Der Entwurf einer Aufgabenmatrix blieb in der "
                "Abstimmung mit den Hauptverwaltungsbeamt*innen stecken."
            ),
            "key_question": (
                "Wie können wir erreichen, dass Landkreis und Gemeinden ihre Integrationsaufgaben "
                "verbindlich aufteilen, ohne dass die Gemeinden Gestaltungsspielraum verlieren?"
            ),
            "help_wanted": [HelpWanted.EXPERIENCES, HelpWanted.MATERIALS, HelpWanted.ACTION_PLAN],
            "method": Method.EXPERIENCE_REPORTS,
            "constraints_text": (
                "Zusätzliche Stellen sind nicht in Sicht. Eine Vereinbarung muss vom "
                "Kreisausschuss und von den Räten der Gemeinden mitgetragen werden."
            ),
            "success_criteria": (
                "Eine Kooperationsvereinbarung mit Aufgabenmatrix und festen Ansprechpersonen, "
                "die alle Gemeinden unterschreiben; eine halbjährliche Abstimmungsrunde, die "
                "auch Personalwechsel übersteht."
            ),
            "confidentiality": Confidentiality.NETWORK,
            "no_personal_data_confirmed": True,
            "publication_consent": True,
        },
        comments={
            ACCEPTED: "Vielen Dank – ein Thema, das alle Landkreise der Runde kennen.",
        },
        assignments=(
            AssignmentSpec("rotenburg-wuemme", MODERATION, DONE),
            AssignmentSpec("salzgitter", PEER, DONE),
            AssignmentSpec("ludwigshafen", PEER, DONE),
            AssignmentSpec("andernach", MINUTES, DONE),
        ),
        feedback=(
            FeedbackSpec(
                "salzgitter",
                submitted=True,
                data={
                    "strengths": (
                        "Die Ausgangslage ist offen beschrieben: Doppelarbeit und Lücken werden "
                        "benannt, ohne einer Seite die Schuld zu geben. Mit der jährlichen "
                        "Dienstbesprechung gibt es schon ein Format, zu dem alle Gemeinden "
                        "kommen, und der erste Entwurf der Aufgabenmatrix ist eine gute "
                        "Grundlage, auch wenn er noch nicht abgestimmt ist."
                    ),
                    "questions": (
                        "Ich frage mich, ob die Hauptverwaltungsbeamt*innen den Entwurf der "
                        "Aufgabenmatrix vor allem als Vorgabe des Kreises gelesen haben – und ob "
                        "ein Entwurf, den zwei oder drei Gemeinden mitgeschrieben haben, anders "
                        "aufgenommen würde.\n"
                        "Ich frage mich, ob Gemeinden ohne eigene Integrationsstelle etwas "
                        "anderes brauchen als Gemeinden mit Stelle, zum Beispiel zuerst eine "
                        "feste Ansprechperson beim Kreis und erst danach eine Matrix."
                    ),
                    "experience": (
                        "Wir haben mit dem Jobcenter und den Trägern der Migrationsberatung eine "
                        "Kooperationsvereinbarung geschlossen, die auf zwei Seiten passt: Ziele, "
                        "Aufgaben in einer Tabelle, Ansprechpersonen als Funktionen und ein "
                        "fester Termin im Jahr, an dem alle gemeinsam prüfen, was sich bewährt "
                        "hat. Das Muster schicken wir gern; Rückfragen beantwortet unser "
                        "Fachdienst Integration."
                    ),
                    "transferability": (
                        "Als kreisfreie Stadt haben wir keine kreisangehörigen Gemeinden. Am "
                        "ehesten vergleichbar sind unsere Ortschaften mit eigenen Ortsräten, die "
                        "bei Angeboten vor Ort mitreden wollen. Eigenständige Gemeinden mit "
                        "eigenen Räten müssen Sie sicher verbindlicher einbinden als wir unsere "
                        "Ortschaften."
                    ),
                },
                ideas=(
                    IdeaSpec(
                        text=(
                            "Die Aufgabenmatrix um eine dritte Spalte „gemeinsam“ ergänzen: Was "
                            "Kreis und Gemeinden nur zusammen entscheiden, steht dort, statt die "
                            "ganze Vereinbarung aufzuhalten."
                        ),
                        kind=IdeaKind.STRUCTURE,
                        effort=Effort.MEDIUM,
                        how_we_do_it=(
                            "So machen wir es in Salzgitter: Unsere Vereinbarung mit dem "
                            "Jobcenter hat eine solche Spalte; strittige Punkte klären wir dort "
                            "Schritt für Schritt."
                        ),
                        response=TAKE_UP,
                        note="Übernehmen wir für den zweiten Entwurf der Aufgabenmatrix.",
                    ),
                    IdeaSpec(
                        text=(
                            "Ansprechpersonen als Funktionen festschreiben, nicht als Namen; die "
                            "aktuellen Namen stehen in einer Anlage, die bei jedem Wechsel "
                            "ausgetauscht wird."
                        ),
                        kind=IdeaKind.QUICK_WIN,
                        effort=Effort.LOW,
                        how_we_do_it=(
                            "So machen wir es in Salzgitter: In der Vereinbarung steht „Leitung "
                            "Fachdienst Integration“; die Anlage pflegt das Sekretariat."
                        ),
                        response=TAKE_UP,
                        note=(
                            "Setzen wir sofort um: Die Anlage mit den Ansprechpersonen aller "
                            "Gemeinden pflegt künftig der Fachdienst Integration."
                        ),
                    ),
                    IdeaSpec(
                        text=(
                            "Die Vereinbarung einmal im Jahr in der Dienstbesprechung mit allen "
                            "Gemeinden überprüfen und anpassen."
                        ),
                        kind=IdeaKind.COOPERATION,
                        effort=Effort.LOW,
                        how_we_do_it=(
                            "So machen wir es in Salzgitter: ein fester Tagesordnungspunkt im "
                            "Herbst; was sich nicht bewährt hat, streichen wir."
                        ),
                        response=CHECK,
                        note=(
                            "Prüfen wir: Vielleicht passt die Überprüfung besser in die neue "
                            "halbjährliche Abstimmungsrunde als in die Dienstbesprechung."
                        ),
                    ),
                ),
            ),
            FeedbackSpec(
                "ludwigshafen",
                submitted=True,
                data={
                    "strengths": (
                        "Sie wollen Verbindlichkeit, ohne den Gemeinden etwas überzustülpen – "
                        "diese Haltung merkt man dem Fall an. Die Erfolgskriterien sind schon "
                        "konkret: eine Vereinbarung, die alle unterschreiben, und eine "
                        "Abstimmungsrunde, die Personalwechsel übersteht."
                    ),
                    "questions": (
                        "Ich frage mich, ob die Gemeinden einen sichtbaren Vorteil davon haben, "
                        "wenn sie unterschreiben – oder ob die Vereinbarung für sie vor allem "
                        "nach zusätzlichen Pflichten aussieht.\n"
                        "Ich frage mich, ob Kreisausschuss und Räte früh genug eingebunden sind "
                        "oder erst den fertigen Text zu sehen bekommen."
                    ),
                    "experience": (
                        "Unser Büro für Integration hat mit den freien Trägern und den "
                        "Ortsbezirken Leistungsbeschreibungen abgestimmt. Geholfen hat eine "
                        "kleine Arbeitsgruppe aus beiden Seiten, die den Entwurf vorbereitet "
                        "hat, bevor er in die Gremien ging. Eine kommentierte Gliederung geben "
                        "wir gern weiter."
                    ),
                    "transferability": (
                        "Wir sind eine kreisfreie Großstadt; unsere Ortsbezirke haben keine "
                        "eigene Verwaltung. Die Frage, wer zuständig ist, stellt sich bei uns "
                        "zwischen Fachbereichen und Trägern, nicht zwischen zwei "
                        "Gebietskörperschaften. Die Erfahrung mit der gemischten Arbeitsgruppe "
                        "lässt sich aber übertragen."
                    ),
                },
                ideas=(
                    IdeaSpec(
                        text=(
                            "Den zweiten Entwurf in einer kleinen Arbeitsgruppe schreiben: der "
                            "Kreis, zwei Gemeinden mit eigener Integrationsstelle und eine ohne."
                        ),
                        kind=IdeaKind.COOPERATION,
                        effort=Effort.MEDIUM,
                        how_we_do_it=(
                            "So machen wir es in Ludwigshafen: Büro für Integration, zwei Träger "
                            "und ein Ortsbezirk haben in drei Sitzungen einen Entwurf vorgelegt, "
                            "den danach niemand mehr grundsätzlich infrage gestellt hat."
                        ),
                        response=TAKE_UP,
                        note=(
                            "Die Arbeitsgruppe startet mit zwei Gemeinden mit eigener Stelle und "
                            "einer Samtgemeinde ohne."
                        ),
                    ),
                    IdeaSpec(
                        text=(
                            "Vor der Beschlussvorlage die Fraktionen des Kreistags und die "
                            "Bürgermeister*innen in einer Informationsrunde über Ziel und "
                            "Entwurf informieren."
                        ),
                        kind=IdeaKind.COMMUNICATION,
                        effort=Effort.LOW,
                        how_we_do_it=(
                            "So machen wir es in Ludwigshafen: Größere Vereinbarungen stellen "
                            "wir im Ausschuss zuerst als Bericht vor und lassen erst in der "
                            "nächsten Sitzung abstimmen."
                        ),
                        response=CHECK,
                        note=(
                            "Prüfen wir mit der Verwaltungsspitze; eine Informationsrunde vor "
                            "der Beschlussvorlage wäre bei uns neu."
                        ),
                    ),
                    IdeaSpec(
                        text=(
                            "Gemeinsame Fortbildungen des Kreises für alle Integrationsstellen "
                            "der Gemeinden als greifbaren Vorteil der Vereinbarung anbieten."
                        ),
                        kind=IdeaKind.OTHER,
                        effort=Effort.HIGH,
                        how_we_do_it=(
                            "So machen wir es in Ludwigshafen: Die Träger nehmen an unseren "
                            "Schulungen zum Aufenthaltsrecht teil; das hat die Zusammenarbeit "
                            "mehr gestärkt als jede Vereinbarung."
                        ),
                        response=DOES_NOT_FIT,
                        note=(
                            "Passt bei uns derzeit nicht: Für ein eigenes Fortbildungsprogramm "
                            "fehlen Mittel; wir weisen die Gemeinden auf die Angebote des Landes "
                            "hin."
                        ),
                    ),
                ),
            ),
        ),
        synthesis={
            "insights": (
                "Beide Beiträge sehen den Kern weniger in der fehlenden Aufgabenmatrix als in "
                "der Art, wie sie entsteht: Ein Entwurf des Kreises wird als Vorgabe gelesen, "
                "ein gemeinsam geschriebener als Vereinbarung. Verbindlich über Personalwechsel "
                "hinweg wird sie durch Funktionen statt Namen und einen festen Termin, an dem "
                "alle Beteiligten sie überprüfen.\n"
                "Gemeinden ohne eigene Integrationsstelle brauchen vor allem eine verlässliche "
                "Ansprechperson beim Kreis; Gemeinden mit Stelle wollen mitreden, wenn der Kreis "
                "Angebote plant."
            ),
            "recommendations": (
                "Den zweiten Entwurf der Aufgabenmatrix in einer kleinen Arbeitsgruppe aus Kreis "
                "und Gemeinden mit und ohne eigene Integrationsstelle schreiben.\n"
                "Neben „Kreis“ und „Gemeinde“ eine Spalte „gemeinsam“ vorsehen, damit strittige "
                "Punkte die Vereinbarung nicht aufhalten.\n"
                "Ansprechpersonen als Funktionen festschreiben und die Namen in einer Anlage "
                "pflegen.\n"
                "Die halbjährliche Abstimmungsrunde mit einer regelmäßigen Überprüfung der "
                "Vereinbarung verbinden.\n"
                "Kreisausschuss und Räte vor der Beschlussfassung über Ziel und Entwurf "
                "informieren."
            ),
            "open_questions": (
                "Welchen greifbaren Vorteil haben Gemeinden ohne eigene Integrationsstelle von "
                "der Vereinbarung?\n"
                "Wie wird die Migrationsberatung der freien Träger in die Aufgabenmatrix "
                "einbezogen?"
            ),
            "contacts": (
                "Stadt Salzgitter, Fachdienst Integration: Muster einer Kooperationsvereinbarung "
                "mit Jobcenter und Migrationsberatung.\n"
                "Stadt Ludwigshafen am Rhein, Büro für Integration: kommentierte Gliederung für "
                "Leistungsbeschreibungen mit Trägern und Ortsbezirken."
            ),
        },
        action_items=(
            ActionItemSpec(
                what=(
                    "Anlage mit den Ansprechpersonen aller fünfzehn Gemeinden anlegen "
                    "(Funktionen in der Vereinbarung, Namen nur in der Anlage)"
                ),
                responsible_role="Sachbearbeitung im Fachdienst Integration",
                due_in_days=14,
                status=ActionStatus.DONE,
            ),
            ActionItemSpec(
                what=(
                    "Zweiten Entwurf der Aufgabenmatrix mit der Spalte „gemeinsam“ in der "
                    "Arbeitsgruppe mit drei Gemeinden erarbeiten"
                ),
                responsible_role="Leitung des Fachdienstes Integration",
                due_in_days=70,
                status=ActionStatus.IN_PROGRESS,
            ),
            ActionItemSpec(
                what="Beschlussvorlage zur Kooperationsvereinbarung für den Kreisausschuss",
                responsible_role="Dezernat Soziales mit dem Fachdienst Integration",
                due_in_days=140,
                status=ActionStatus.OPEN,
            ),
        ),
        closing_statement=(
            "Die Beratung hat uns gezeigt, dass unser erster Entwurf der Aufgabenmatrix weniger "
            "am Inhalt als am Verfahren gescheitert ist. Den zweiten Entwurf schreiben wir "
            "deshalb gemeinsam mit drei Gemeinden, mit einer Spalte für das, was Kreis und "
            "Gemeinden nur zusammen entscheiden. Ansprechpersonen halten wir als Funktionen "
            "fest, und die neue halbjährliche Abstimmungsrunde prüft die Vereinbarung "
            "regelmäßig. Ein eigenes Fortbildungsprogramm können wir derzeit nicht anbieten.\n"
            "Vielen Dank an die beratenden Kommunen für ihre Erfahrungen und Muster. Wie weit "
            "wir gekommen sind, berichten wir in der nächsten Runde."
        ),
    ),
    # --- Also in the past round: Andernach's case, released a few days ago. The city has
    # answered one idea and noted its first step; the other ideas, the closing statement and
    # the rest of the plan are still to come. Only the consultation group sees it.
    CaseSpec(
        municipality="andernach",
        round=PAST,
        status=FEEDBACK_RELEASED,
        data={
            "title": (
                "Migrant*innenorganisationen an der Fortschreibung des Integrationskonzepts "
                "beteiligen"
            ),
            "summary": (
                "Die Stadt schreibt ihr Integrationskonzept fort. Zu den bisherigen "
                "Beteiligungsterminen kamen fast nur Fachleute aus Verwaltung und "
                "Wohlfahrtsverbänden; die Vereine der Zugewanderten blieben weg."
            ),
            "focus_area": "beteiligung",
            "situation": (
                "Das Integrationskonzept der Stadt ist acht Jahre alt und wird in diesem Jahr "
                "fortgeschrieben. Die Verwaltung hat zu zwei Werkstätten am Nachmittag im "
                "Rathaus eingeladen, schriftlich und über die Internetseite. Von zwölf "
                "Migrant*innenorganisationen, die wir kennen, kam eine. Der Beirat für Migration "
                "und Integration fühlt sich übergangen, weil die Termine ohne ihn festgelegt "
                "wurden."
            ),
            "actors": (
                "Die Integrationsbeauftragte und das Sozialamt; der Beirat für Migration und "
                "Integration; Kultur- und Moscheevereine, Elterninitiativen und eine "
                "Sportgruppe; die Wohlfahrtsverbände; der Stadtrat, der das Konzept "
                "beschließt. Die meisten Vereine arbeiten ausschließlich ehrenamtlich."
            ),
            "tried": (
                "Zwei Werkstätten im Rathaus und ein Online-Fragebogen auf Deutsch. Der "
                "Fragebogen wurde 31 Mal ausgefüllt, fast nur von Mitarbeitenden der Träger."
            ),
            "key_question": (
                "Wie können wir erreichen, dass Migrant*innenorganisationen das "
                "Integrationskonzept mitschreiben und nicht nur nachträglich davon erfahren?"
            ),
            "help_wanted": [HelpWanted.IDEAS, HelpWanted.ASSESSMENT],
            "method": Method.HYPOTHESES,
            "constraints_text": (
                "Der Entwurf soll im Herbst in den Stadtrat; für Beteiligung gibt es kein "
                "eigenes Budget."
            ),
            "success_criteria": (
                "Mindestens sechs Vereine bringen sich in die Fortschreibung ein, und der Beirat "
                "trägt den Entwurf mit."
            ),
            "confidentiality": Confidentiality.GROUP,
            "no_personal_data_confirmed": True,
            "publication_consent": False,
        },
        comments={
            ACCEPTED: "Gern – Beteiligung ist in allen sechs Kommunen ein Thema.",
        },
        assignments=(
            AssignmentSpec("hildesheim", PEER, DONE),
            AssignmentSpec("rotenburg-wuemme", PEER, DONE),
        ),
        feedback=(
            FeedbackSpec(
                "hildesheim",
                submitted=True,
                data={
                    "strengths": (
                        "Sie haben genau hingeschaut, wer gekommen ist und wer nicht, und "
                        "sagen es offen. Mit dem Beirat gibt es ein gewähltes Gremium, das die "
                        "Vereine kennt."
                    ),
                    "questions": (
                        "Ich frage mich, ob die Vereine wissen, was mit ihren Beiträgen "
                        "geschieht – und ob sie bei früheren Beteiligungen erlebt haben, dass "
                        "sich etwas geändert hat."
                    ),
                    "experience": (
                        "Wir haben unser Handlungskonzept mit einem „Vereinsabend“ begonnen: "
                        "ein Samstag im Gemeindehaus eines Vereins, Essen von den Vereinen, "
                        "Kinderbetreuung und Übersetzung. Es kamen dreimal so viele wie zu den "
                        "Terminen im Kreishaus. Den Ablaufplan geben wir gern weiter."
                    ),
                    "transferability": (
                        "Wir sind ein Landkreis mit weiten Wegen; in einer Stadt wie Andernach "
                        "liegen die Vereine näher beieinander. Das spricht eher für mehrere "
                        "kleine Termine vor Ort als für einen großen."
                    ),
                    "method_section": (
                        "Vielleicht erreichen Einladungen aus dem Rathaus die Vereine gar nicht "
                        "als Einladung, sondern als Behördenpost.\n"
                        "Vielleicht passen Nachmittagstermine an Werktagen nicht zu Menschen, "
                        "die ehrenamtlich arbeiten.\n"
                        "Vielleicht hat der Beirat den Eindruck, dass man ihn nur braucht, wenn "
                        "etwas schon entschieden ist."
                    ),
                },
                ideas=(
                    IdeaSpec(
                        text=(
                            "Den Beirat bitten, die Beteiligung gemeinsam mit der Verwaltung "
                            "zu planen und selbst einzuladen."
                        ),
                        kind=IdeaKind.COOPERATION,
                        effort=Effort.LOW,
                        how_we_do_it=(
                            "So machen wir es in Hildesheim: Die Einladungen zum Vereinsabend "
                            "kamen vom Integrationsbeirat, die Verwaltung hat organisiert."
                        ),
                        response=TAKE_UP,
                        note=(
                            "Der Beirat hat zugesagt; die nächste Werkstatt plant er mit uns "
                            "gemeinsam."
                        ),
                    ),
                    IdeaSpec(
                        text=(
                            "Die Werkstatt an einem Samstag in den Räumen eines Vereins "
                            "anbieten, mit Kinderbetreuung und Übersetzung."
                        ),
                        kind=IdeaKind.STRUCTURE,
                        effort=Effort.MEDIUM,
                        how_we_do_it=(
                            "So machen wir es in Hildesheim: Die Vereine wechseln sich als "
                            "Gastgeber ab."
                        ),
                    ),
                ),
            ),
            FeedbackSpec(
                "rotenburg-wuemme",
                submitted=True,
                data={
                    "strengths": (
                        "Das Ziel ist klar und messbar: sechs Vereine und ein Beirat, der den "
                        "Entwurf mitträgt. Die Zahlen aus dem Fragebogen zeigen ehrlich, wo es "
                        "hakt."
                    ),
                    "questions": (
                        "Ich frage mich, ob die Fortschreibung für die Vereine ein Thema ist, "
                        "das sie selbst betrifft, oder eher ein Papier der Verwaltung."
                    ),
                    "experience": (
                        "Unser Integrationsmanagement besucht Vereine in ihren regulären "
                        "Treffen und bringt zwei, drei konkrete Fragen mit, statt zu einem "
                        "eigenen Termin einzuladen. Die Antworten fließen in unsere Planung "
                        "ein, und wir berichten beim nächsten Besuch, was daraus wurde."
                    ),
                    "transferability": (
                        "Im Landkreis Rotenburg (Wümme) gibt es weniger Vereine, dafür kennt man "
                        "sich. In einer Stadt mit zwölf Organisationen braucht es vermutlich "
                        "eine Aufteilung, wer welchen Verein besucht."
                    ),
                    "method_section": (
                        "Vielleicht fehlt den Vereinen ein Grund, ihre knappe Zeit in ein "
                        "Konzept zu stecken, dessen Nutzen sie nicht sehen.\n"
                        "Vielleicht wirkt ein deutschsprachiger Online-Fragebogen wie eine "
                        "Prüfung."
                    ),
                },
                ideas=(
                    IdeaSpec(
                        text=(
                            "Statt zu Werkstätten einzuladen, die Vereine bei ihren eigenen "
                            "Treffen besuchen und drei Fragen mitbringen."
                        ),
                        kind=IdeaKind.QUICK_WIN,
                        effort=Effort.LOW,
                        how_we_do_it=(
                            "So machen wir es in Rotenburg (Wümme): Das Integrationsmanagement "
                            "ist zweimal im Jahr bei jedem Verein zu Gast."
                        ),
                    ),
                    IdeaSpec(
                        text=(
                            "Den Vereinen zurückmelden, was aus ihren Beiträgen geworden ist, "
                            "zum Beispiel in einem kurzen Bericht vor dem Ratsbeschluss."
                        ),
                        kind=IdeaKind.COMMUNICATION,
                        effort=Effort.LOW,
                    ),
                ),
            ),
        ),
        synthesis={
            "insights": (
                "Beide Beiträge vermuten den Grund weniger im fehlenden Interesse der Vereine "
                "als in der Form der Einladung: Termine, Ort und Absender passen zu einer "
                "Behörde, nicht zu ehrenamtlich arbeitenden Vereinen. Der Beirat kann die "
                "Brücke sein, wenn er von Anfang an mitplant."
            ),
            "recommendations": (
                "Die weitere Beteiligung gemeinsam mit dem Beirat planen und von ihm einladen "
                "lassen.\n"
                "Termine an Samstagen oder abends in Räumen der Vereine anbieten.\n"
                "Vereine bei ihren eigenen Treffen besuchen und wenige konkrete Fragen "
                "mitbringen.\n"
                "Vor dem Ratsbeschluss zurückmelden, was aus den Beiträgen geworden ist."
            ),
            "open_questions": (
                "Reicht die Zeit bis zum Herbst für eine zweite Beteiligungsrunde, oder sollte "
                "der Ratsbeschluss verschoben werden?"
            ),
            "contacts": (
                "Landkreis Hildesheim, Koordinierungsstelle Integration: Ablaufplan des "
                "Vereinsabends.\n"
                "Landkreis Rotenburg (Wümme), Integrationsmanagement: Erfahrungen mit "
                "Vereinsbesuchen."
            ),
        },
        action_items=(
            ActionItemSpec(
                what="Zweite Werkstatt gemeinsam mit dem Beirat planen",
                responsible_role="Integrationsbeauftragte mit dem Vorstand des Beirats",
                due_in_days=30,
                status=ActionStatus.IN_PROGRESS,
            ),
        ),
    ),
    # --- And Ludwigshafen's case of the past round, the furthest along: advised, answered,
    # closed with its statement, and the follow-up recorded (earlier than the usual three
    # months, so the demo shows it): the peers have been told what became of their advice.
    CaseSpec(
        municipality="ludwigshafen",
        round=PAST,
        status=FOLLOW_UP,
        data={
            "title": "Mehrsprachige Informationen der Verwaltung aktuell und auffindbar halten",
            "summary": (
                "Die Stadt hat in den letzten Jahren viele Merkblätter übersetzen lassen. Viele "
                "sind veraltet, niemand weiß genau, welche es gibt, und Bürger*innen finden sie "
                "nicht."
            ),
            "focus_area": "vielfalt",
            "situation": (
                "Fachbereiche geben Übersetzungen einzeln in Auftrag, meist aus Projektmitteln. "
                "Die Dateien liegen auf verschiedenen Laufwerken und Internetseiten. Ändert sich "
                "das deutsche Original, bleibt die Übersetzung oft alt. Beratungsstellen "
                "drucken deshalb eigene Fassungen, die sich widersprechen."
            ),
            "actors": (
                "Büro für Integration; die Fachbereiche mit Publikumsverkehr; die Pressestelle, "
                "die die Internetseite betreut; das Übersetzungsbüro im Rahmenvertrag; "
                "Beratungsstellen der Träger."
            ),
            "tried": (
                "Eine Liste aller Übersetzungen in einer Tabelle des Büros für Integration; sie "
                "wurde nach einem Jahr nicht mehr gepflegt."
            ),
            "key_question": (
                "Wie können wir erreichen, dass mehrsprachige Informationen aktuell bleiben und "
                "an einer Stelle zu finden sind?"
            ),
            "help_wanted": [HelpWanted.EXPERIENCES, HelpWanted.ACTION_PLAN],
            "method": Method.RESONANCE,
            "constraints_text": (
                "Die Fachbereiche bleiben für ihre Inhalte zuständig; ein zentrales "
                "Übersetzungsbudget gibt es nicht."
            ),
            "success_criteria": (
                "Eine Übersicht auf der Internetseite, in der jede Übersetzung das Datum ihres "
                "Originals trägt."
            ),
            "confidentiality": Confidentiality.NETWORK,
            "no_personal_data_confirmed": True,
            "publication_consent": True,
        },
        comments={
            ACCEPTED: "Danke – eine Frage, die viele Verwaltungen kennen.",
        },
        assignments=(
            AssignmentSpec("cuxhaven", PEER, DONE),
            AssignmentSpec("andernach", PEER, DONE),
        ),
        feedback=(
            FeedbackSpec(
                "cuxhaven",
                submitted=True,
                data={
                    "strengths": (
                        "Sie wissen, wie viele Übersetzungen es gibt und wo es hakt; die "
                        "gescheiterte Tabelle zeigt, dass eine Liste allein nicht reicht."
                    ),
                    "questions": (
                        "Ich frage mich, ob die Fachbereiche überhaupt merken, wenn ihre "
                        "Übersetzung veraltet ist."
                    ),
                    "experience": (
                        "Bei uns steht auf jedem übersetzten Merkblatt das Datum des deutschen "
                        "Originals; das Muster unseres Merkblatt-Kopfes schicken wir gern."
                    ),
                    "transferability": (
                        "Ein Landkreis hat weniger Fachbereiche mit Publikumsverkehr als eine "
                        "Großstadt; bei Ihnen braucht es vermutlich eine feste Zuständigkeit."
                    ),
                    "method_section": (
                        "Beim Lesen habe ich Ärger gespürt, stellvertretend für die "
                        "Beratungsstellen, die mit widersprüchlichen Fassungen arbeiten – und "
                        "Respekt davor, dass Sie das Problem so offen beschreiben."
                    ),
                },
                ideas=(
                    IdeaSpec(
                        text=("Auf jede Übersetzung das Datum des deutschen Originals drucken."),
                        kind=IdeaKind.QUICK_WIN,
                        effort=Effort.LOW,
                        how_we_do_it=(
                            "So machen wir es in Cuxhaven: Der Kopf jedes Merkblatts nennt "
                            "„Stand des Originals“."
                        ),
                        response=TAKE_UP,
                        note="Gilt ab sofort für alle neuen Übersetzungen.",
                    ),
                    IdeaSpec(
                        text=(
                            "Eine Seite „Informationen in anderen Sprachen“ auf der "
                            "Internetseite, die die Pressestelle pflegt."
                        ),
                        kind=IdeaKind.STRUCTURE,
                        effort=Effort.MEDIUM,
                        response=TAKE_UP,
                        note="Die Pressestelle baut die Seite auf.",
                    ),
                ),
            ),
            FeedbackSpec(
                "andernach",
                submitted=True,
                data={
                    "strengths": (
                        "Ein klares Erfolgskriterium: jede Übersetzung mit dem Datum ihres "
                        "Originals. Das lässt sich prüfen."
                    ),
                    "questions": (
                        "Ich frage mich, ob die Beratungsstellen der Träger mitprüfen könnten, "
                        "welche Übersetzungen sie wirklich brauchen."
                    ),
                    "experience": (
                        "Wir lassen Übersetzungen einmal im Jahr von den Beratungsstellen "
                        "durchsehen: Was wird genutzt, was fehlt, was kann weg?"
                    ),
                    "transferability": (
                        "Andernach ist kleiner, wir haben nur wenige Übersetzungen. Die "
                        "jährliche Durchsicht lässt sich aber auch auf viele Merkblätter "
                        "übertragen, wenn man sie nach Fachbereichen aufteilt."
                    ),
                    "method_section": (
                        "Mir kam der Gedanke, wie viel Arbeit und Geld in Übersetzungen "
                        "steckt, die niemand findet. Das hat mich nachdenklich gemacht, was "
                        "unsere eigenen Merkblätter angeht."
                    ),
                },
                ideas=(
                    IdeaSpec(
                        text=(
                            "Einmal im Jahr mit den Beratungsstellen durchsehen, welche "
                            "Übersetzungen genutzt werden und welche fehlen."
                        ),
                        kind=IdeaKind.COOPERATION,
                        effort=Effort.LOW,
                        how_we_do_it=(
                            "So machen wir es in Andernach: ein Termin im Januar mit allen "
                            "Beratungsstellen."
                        ),
                        response=CHECK,
                        note="Prüfen wir nach dem Aufbau der Übersichtsseite.",
                    ),
                    IdeaSpec(
                        text="Veraltete Übersetzungen sofort offline nehmen, statt sie stehen "
                        "zu lassen.",
                        kind=IdeaKind.QUICK_WIN,
                        effort=Effort.LOW,
                        response=DOES_NOT_FIT,
                        note=(
                            "Für manche Sprachen gäbe es dann gar nichts; wir kennzeichnen sie "
                            "stattdessen als veraltet."
                        ),
                    ),
                ),
            ),
        ),
        synthesis={
            "insights": (
                "Die Übersetzungen sind da, aber ohne Zuständigkeit und Datum verlieren sie "
                "ihren Wert. Beide Beiträge setzen bei einfachen Regeln an, die jeder "
                "Fachbereich einhalten kann."
            ),
            "recommendations": (
                "Auf jede Übersetzung das Datum des Originals setzen.\n"
                "Eine Übersichtsseite auf der Internetseite mit fester Zuständigkeit.\n"
                "Die Beratungsstellen einmal im Jahr durchsehen lassen, was genutzt wird."
            ),
            "open_questions": "Wer bezahlt die Aktualisierung, wenn Projektmittel auslaufen?",
            "contacts": (
                "Landkreis Cuxhaven, Fachdienst Integration: Muster des Merkblatt-Kopfes."
            ),
        },
        action_items=(
            ActionItemSpec(
                what="Datum des Originals auf alle neuen Übersetzungen setzen",
                responsible_role="Büro für Integration",
                due_in_days=-10,
                status=ActionStatus.IN_PROGRESS,
                follow_up_status=ActionStatus.DONE,
            ),
            ActionItemSpec(
                what="Seite „Informationen in anderen Sprachen“ auf der Internetseite aufbauen",
                responsible_role="Pressestelle mit dem Büro für Integration",
                due_in_days=20,
                status=ActionStatus.OPEN,
                follow_up_status=ActionStatus.IN_PROGRESS,
            ),
            ActionItemSpec(
                what="Veraltete Übersetzungen kennzeichnen",
                responsible_role="Fachbereiche mit Publikumsverkehr",
                due_in_days=45,
                status=ActionStatus.OPEN,
                follow_up_status=ActionStatus.DROPPED,
            ),
        ),
        closing_statement=(
            "Die Beratung hat uns zu einfachen Regeln statt einer neuen Liste geführt: Datum "
            "des Originals auf jeder Übersetzung, eine Übersichtsseite, die die Pressestelle "
            "pflegt. Die jährliche Durchsicht mit den Beratungsstellen prüfen wir, sobald die "
            "Seite steht. Danke an Cuxhaven und Andernach!"
        ),
        follow_up_note=(
            "Alle neuen Übersetzungen tragen jetzt das Datum ihres Originals. Die Seite "
            "„Informationen in anderen Sprachen“ ist im Aufbau; die Pressestelle hat die ersten "
            "zwanzig Merkblätter eingestellt. Veraltete Übersetzungen kennzeichnen wir nicht "
            "mehr: Die Fachbereiche lassen sie stattdessen beim nächsten Druck aktualisieren."
        ),
    ),
    # --- The current round ----------------------------------------------------------------
    # A draft that still lacks its success criteria and the confirmation that it contains no
    # personal data; the sketch of the current process is attached.
    CaseSpec(
        municipality="andernach",
        round=CURRENT,
        status=CaseStatus.DRAFT,
        data={
            "title": "Ehrenamtskoordination zwischen Stadtverwaltung und Initiativen neu ordnen",
            "summary": (
                "Ehrenamtliche in der Integrationsarbeit wenden sich mit ihren Fragen an "
                "verschiedene Stellen der Verwaltung. Eine feste Ansprechperson fehlt, "
                "Informationen kommen spät oder gar nicht an."
            ),
            "focus_area": "akteure",
            "situation": (
                "Rund 120 Ehrenamtliche engagieren sich in Sprachcafés, Patenschaften und in der "
                "Begleitung zu Behörden. Die Stadt unterstützt sie über das Integrationsbüro, "
                "das Sozialamt und die Ehrenamtsagentur – ohne klare Aufgabenteilung. "
                "Ehrenamtliche berichten, dass sie von Stelle zu Stelle verwiesen werden und "
                "von geänderten Verfahren erst spät erfahren. Zwei Initiativen haben ihre "
                "Angebote deshalb eingeschränkt."
            ),
            "actors": (
                "Integrationsbüro, Sozialamt, städtische Ehrenamtsagentur, Initiativen und "
                "Vereine, Kirchengemeinden. Alle wollen die Ehrenamtlichen halten; keine Stelle "
                "möchte zusätzliche Aufgaben ohne zusätzliche Stunden übernehmen."
            ),
            "tried": (
                "Ein gemeinsamer E-Mail-Verteiler (wird kaum genutzt) und ein "
                "Ehrenamtsstammtisch zweimal im Jahr (gut besucht, aber zu selten für aktuelle "
                "Fragen)."
            ),
            "key_question": (
                "Wie können wir erreichen, dass Ehrenamtliche in der Integrationsarbeit eine "
                "feste Ansprechperson in der Verwaltung haben und rechtzeitig informiert werden?"
            ),
            "help_wanted": [HelpWanted.IDEAS, HelpWanted.EXPERIENCES, HelpWanted.MATERIALS],
            "method": Method.BRAINSTORMING,
            "constraints_text": (
                "Die Ehrenamtsagentur ist mit einer halben Stelle besetzt; neue Stellen sieht "
                "der laufende Haushalt nicht vor."
            ),
            "success_criteria": "",
            "confidentiality": Confidentiality.GROUP,
            "no_personal_data_confirmed": False,
            "publication_consent": False,
        },
        attachments=(
            AttachmentSpec(
                name="Ablaufskizze_Ehrenamtskoordination.pdf",
                kind="pdf",
                title="Ablaufskizze Ehrenamtskoordination (Entwurf)",
                lines=(
                    "Stadt Andernach - Demo-Dokument, keine echten Daten",
                    "",
                    "1. Eine Initiative meldet einen Bedarf (Raum, Schulung, Auskunft).",
                    "2. Die Anfrage geht je nach Absender an Integrationsbüro, Sozialamt",
                    "   oder Ehrenamtsagentur.",
                    "3. Eine Weiterleitung zwischen den Stellen ist nicht geregelt.",
                    "4. Rückmeldung an die Initiative: ohne feste Frist.",
                    "",
                    "Offen: Wer ist erste Anlaufstelle? Wer informiert über Änderungen?",
                ),
            ),
        ),
    ),
    CaseSpec(
        municipality="ludwigshafen",
        round=CURRENT,
        status=SUBMITTED,
        data={
            "title": "Interkulturelle Öffnung der Personalgewinnung in der Stadtverwaltung",
            "summary": (
                "Die Stadtverwaltung möchte mehr Beschäftigte mit Einwanderungsgeschichte "
                "gewinnen. Ausschreibungen und Auswahlverfahren erreichen diese Zielgruppe "
                "bisher kaum."
            ),
            "focus_area": "vielfalt",
            "situation": (
                "Ein großer Teil der Bevölkerung hat eine Einwanderungsgeschichte, in der "
                "Verwaltung ist ihr Anteil deutlich geringer. Der Stadtrat hat ein Leitbild "
                "Vielfalt beschlossen; umsetzen soll es der Personalbereich, fachlich begleitet "
                "vom Büro für Integration. Ausschreibungstexte, Auswahlkriterien und das "
                "Ausbildungsmarketing sind bisher unverändert."
            ),
            "actors": (
                "Personalbereich, Büro für Integration, Personalrat, Gleichstellungsstelle, "
                "Ausbildungsleitung; außerhalb der Verwaltung Migrantenorganisationen, Schulen "
                "und die Agentur für Arbeit. Der Personalrat achtet auf gleiche Chancen im "
                "Verfahren, die Fachbereiche auf schnelle Besetzungen."
            ),
            "tried": (
                "Ein Satz zur Vielfalt in allen Ausschreibungen und ein Infostand beim "
                "Sommerfest eines Kulturvereins. Die Zahl der Bewerbungen aus der Zielgruppe "
                "hat sich kaum verändert."
            ),
            "key_question": (
                "Wie können wir erreichen, dass sich mehr Menschen mit Einwanderungsgeschichte "
                "bei der Stadtverwaltung bewerben und im Auswahlverfahren faire Chancen haben?"
            ),
            "help_wanted": [HelpWanted.EXPERIENCES, HelpWanted.MATERIALS, HelpWanted.CONTACTS],
            "method": Method.EXPERIENCE_REPORTS,
            "constraints_text": (
                "Die Auswahl folgt der Bestenauslese. Angaben zur Einwanderungsgeschichte der "
                "Beschäftigten werden nur freiwillig und anonym erhoben."
            ),
            "success_criteria": (
                "Innerhalb von zwei Jahren mehr Bewerbungen aus der Zielgruppe für die "
                "Ausbildungsberufe; ein mit dem Personalrat abgestimmter Leitfaden für "
                "diversitätssensible Auswahlgespräche."
            ),
            "confidentiality": Confidentiality.NETWORK,
            "no_personal_data_confirmed": True,
            "publication_consent": True,
        },
    ),
    # Sent back: the member has to revise it before resubmitting.
    CaseSpec(
        municipality="salzgitter",
        round=CURRENT,
        status=CHANGES_REQUESTED,
        data={
            "title": "Migrantenorganisationen an der Fortschreibung des Integrationskonzepts "
            "beteiligen",
            "summary": (
                "Bei der Fortschreibung des Integrationskonzepts sollen Migrantenorganisationen "
                "mitwirken. Spannungen zwischen einzelnen Vereinen und der Verwaltung belasten "
                "das Verfahren."
            ),
            "focus_area": "beteiligung",
            "situation": (
                "Das Integrationskonzept der Stadt wird fortgeschrieben. Zur Auftaktveranstaltung "
                "kamen Vertreter*innen von vierzehn Vereinen; zwei größere Vereine blieben fern, "
                "weil sie sich bei der Vergabe städtischer Räume benachteiligt sehen. In den "
                "Ratsfraktionen wird gefragt, ob die Beteiligung repräsentativ ist."
            ),
            "actors": (
                "Fachdienst Integration (federführend), Integrationsbeirat, "
                "Migrantenorganisationen und Moscheegemeinden, Ratsfraktionen, Stadtteilbüros. "
                "Einige Vereine erwarten für ihre Mitwirkung eine feste Förderung."
            ),
            "tried": "Eine offene Auftaktveranstaltung und Gespräche mit zwei Vereinsvorständen.",
            "key_question": (
                "Wie können wir erreichen, dass sich die Migrantenorganisationen trotz der "
                "Konflikte an der Fortschreibung beteiligen?"
            ),
            "help_wanted": [HelpWanted.ASSESSMENT, HelpWanted.IDEAS],
            "method": Method.HYPOTHESES,
            "constraints_text": "Der Rat soll die Fortschreibung in zwölf Monaten beschließen.",
            "success_criteria": "",
            "confidentiality": Confidentiality.CONFIDENTIAL,
            "no_personal_data_confirmed": True,
            "publication_consent": False,
        },
        comments={
            CHANGES_REQUESTED: (
                "Vielen Dank für den Fall! Bitte ergänzen Sie, was die Gespräche mit den "
                "Vereinsvorständen ergeben haben, und beschreiben Sie, woran Sie eine gelungene "
                "Beteiligung erkennen würden. Den Streit um die Räume bitte nur allgemein "
                "schildern, damit die Vereine nicht erkennbar sind."
            ),
        },
        redacted_version=(
            "Eine Stadt schreibt ihr Integrationskonzept fort und möchte "
            "Migrantenorganisationen daran beteiligen. Nicht alle Vereine nehmen teil, "
            "einige haben Vorbehalte gegenüber der Verwaltung. Gefragt ist, wie eine Beteiligung "
            "gelingt, die auch kritische Stimmen einbezieht und die der Rat als tragfähig "
            "anerkennt."
        ),
    ),
    # Revised and sent again: waits for the facilitator.
    CaseSpec(
        municipality="rotenburg-wuemme",
        round=CURRENT,
        status=RESUBMITTED,
        data={
            "title": "Sprachmittlung gemeinsam mit den Samtgemeinden organisieren",
            "summary": (
                "Landkreis und Gemeinden beauftragen Sprachmittlung bisher jeweils selbst. Ein "
                "gemeinsamer Pool könnte Kosten sparen und die Qualität sichern – wenn sich alle "
                "auf Regeln einigen."
            ),
            "focus_area": "organisation",
            "situation": (
                "Kreisverwaltung, Samtgemeinden und Schulen organisieren Sprachmittlung jeweils "
                "auf eigene Faust: über Honorarkräfte, Ehrenamtliche oder Videodolmetschen. "
                "Gemeinsame Qualitätsstandards gibt es nicht, die Honorarsätze sind "
                "unterschiedlich. Ehrenamtliche Sprachmittler*innen werden oft von mehreren "
                "Stellen zugleich angefragt."
            ),
            "actors": (
                "Fachdienst Integration des Landkreises, Samt- und Einheitsgemeinden, "
                "Gesundheitsamt, Schulen, ehrenamtliche Sprachmittler*innen und ein freier "
                "Träger mit einem Dolmetscherpool."
            ),
            "tried": (
                "Eine Umfrage unter den Gemeinden zum Bedarf (fast alle haben geantwortet). Das "
                "Angebot eines freien Trägers für einen kreisweiten Pool wurde aus Kostengründen "
                "nicht weiterverfolgt."
            ),
            "key_question": (
                "Wie können wir erreichen, dass Landkreis und Gemeinden einen gemeinsamen "
                "Sprachmittlungspool aufbauen und gemeinsam finanzieren?"
            ),
            "help_wanted": [HelpWanted.EXPERIENCES, HelpWanted.MATERIALS, HelpWanted.ACTION_PLAN],
            "method": Method.ADVICE,
            "constraints_text": (
                "Jede Gemeinde entscheidet selbst, ob sie sich beteiligt; eine Kostenbeteiligung "
                "braucht Ratsbeschlüsse."
            ),
            "success_criteria": (
                "Mindestens zwei Drittel der Gemeinden machen mit; einheitliche Honorarsätze; "
                "ein Vermittlungsweg, der auch kurzfristige Anfragen abdeckt."
            ),
            "confidentiality": Confidentiality.GROUP,
            "no_personal_data_confirmed": True,
            "publication_consent": True,
        },
        comments={
            CHANGES_REQUESTED: (
                "Bitte ergänzen Sie, welche Kosten heute ungefähr entstehen und wer im Kreis "
                "die Vermittlung übernehmen könnte. Dann können die Peers realistische "
                "Vorschläge machen."
            ),
        },
        revision={
            "constraints_text": (
                "Jede Gemeinde entscheidet selbst, ob sie sich beteiligt; eine Kostenbeteiligung "
                "braucht Ratsbeschlüsse. Nach der Umfrage geben Kreis und Gemeinden zusammen "
                "rund 60.000 Euro im Jahr für Sprachmittlung aus. Die Vermittlung könnte die "
                "Koordinierungsstelle im Fachdienst Integration übernehmen, wenn sie dafür "
                "Stunden aus dem Integrationsmanagement erhält."
            ),
        },
    ),
    # Accepted, with the peers' invitations open, accepted and declined. Peers see only the
    # facilitator's shortened version.
    CaseSpec(
        municipality="hildesheim",
        round=CURRENT,
        status=ACCEPTED,
        data={
            "title": "Ehrenamtliche Unterstützerkreise und Ausländerbehörde wieder ins Gespräch "
            "bringen",
            "summary": (
                "Nach öffentlicher Kritik ehrenamtlicher Unterstützerkreise an der "
                "Ausländerbehörde ist die Zusammenarbeit festgefahren. Der Landkreis sucht einen "
                "Weg zurück zu einem sachlichen Austausch."
            ),
            "focus_area": "akteure",
            "situation": (
                "Unterstützerkreise aus mehreren Gemeinden haben sich in einem offenen Brief und "
                "in der Lokalpresse über lange Bearbeitungszeiten und schwer erreichbare "
                "Sachbearbeitung beschwert. Die Beschäftigten der Ausländerbehörde fühlen sich "
                "pauschal angegriffen; ein geplantes Austauschtreffen wurde abgesagt. Die "
                "Koordinierungsstelle Integration steht zwischen den Seiten."
            ),
            "actors": (
                "Ausländerbehörde, Koordinierungsstelle Integration, Dezernatsleitung, die "
                "Unterstützerkreise und ihre Sprecher*innen, Kreistagsfraktionen, Lokalpresse."
            ),
            "tried": (
                "Ein Gesprächsangebot der Dezernatsleitung, das die Unterstützerkreise als "
                "Beschwichtigung verstanden haben, und häufige Fragen zu Bearbeitungszeiten auf "
                "der Website des Landkreises."
            ),
            "key_question": (
                "Wie können wir erreichen, dass Ausländerbehörde und Unterstützerkreise wieder "
                "regelmäßig und sachlich miteinander sprechen?"
            ),
            "help_wanted": [HelpWanted.EXPERIENCES, HelpWanted.ASSESSMENT, HelpWanted.IDEAS],
            "method": Method.RESONANCE,
            "constraints_text": (
                "Einzelfälle dürfen in einem gemeinsamen Format nicht besprochen werden "
                "(Datenschutz). Die Personallage der Ausländerbehörde bleibt auf absehbare Zeit "
                "angespannt."
            ),
            "success_criteria": (
                "Ein vereinbartes Austauschformat, das mindestens zweimal stattgefunden hat; "
                "Kritik kommt über einen verabredeten Weg statt über die Presse."
            ),
            "confidentiality": Confidentiality.CONFIDENTIAL,
            "no_personal_data_confirmed": True,
            "publication_consent": False,
        },
        comments={
            ACCEPTED: (
                "Aufgenommen. Die Peers erhalten nur die gekürzte Fassung ohne Hinweise auf den "
                "Landkreis."
            ),
        },
        redacted_version=(
            "Ein Landkreis berichtet von einer festgefahrenen Zusammenarbeit zwischen "
            "ehrenamtlichen Unterstützerkreisen und einer Behörde der Kreisverwaltung. Nach "
            "öffentlicher Kritik fühlen sich beide Seiten missverstanden. Gefragt ist, mit "
            "welchen Formaten andere Kommunen einen regelmäßigen, sachlichen Austausch zwischen "
            "Ehrenamt und Verwaltung aufgebaut haben, ohne dass dort Einzelfälle besprochen "
            "werden."
        ),
        assignments=(
            AssignmentSpec("rotenburg-wuemme", PEER, ASSIGNMENT_ACCEPTED),
            AssignmentSpec("andernach", PEER, INVITED),
            AssignmentSpec(
                "ludwigshafen",
                PEER,
                ASSIGNMENT_DECLINED,
                decline_reason=(
                    "Ich vertrete in den nächsten Wochen die Leitung unseres Büros und schaffe "
                    "die Vorbereitung leider nicht. In der nächsten Runde bin ich gern wieder "
                    "dabei."
                ),
            ),
        ),
    ),
    # In consultation, with its network map attached: one peer has handed in (and now sees the
    # handed-in advice, as the facilitator does), the other is still writing (nobody else sees
    # a draft); the district sees none of it before the release.
    CaseSpec(
        municipality="cuxhaven",
        round=CURRENT,
        status=IN_CONSULTATION,
        data={
            "title": "Fachbereiche für ein gemeinsames Vielfaltsmanagement gewinnen",
            "summary": (
                "Der Kreistag hat beschlossen, das Integrationsmanagement zu einem "
                "Vielfaltsmanagement weiterzuentwickeln. Außerhalb des Fachdienstes Integration "
                "sehen viele Fachbereiche darin keine eigene Aufgabe."
            ),
            "focus_area": "vielfalt",
            "situation": (
                "Der Fachdienst Integration hat Handlungsfelder von der Gesundheitsversorgung "
                "bis zur Ausbildung beschrieben. Die Resonanz in der Verwaltung ist gering: Auf "
                "die Einladung zu einer Arbeitsgruppe haben drei von elf Fachbereichen "
                "geantwortet. Die Netzwerkkarte im Anhang zeigt, wer heute womit befasst ist."
            ),
            "actors": (
                "Fachdienst Integration, Fachbereichsleitungen, Verwaltungsvorstand, Personalrat, "
                "Kreistag; außerhalb der Verwaltung Wohlfahrtsverbände, Migrantenorganisationen "
                "und die Kreisvolkshochschule."
            ),
            "tried": (
                "Eine Vorlage im Verwaltungsvorstand (zur Kenntnis genommen) und Vorträge in "
                "zwei Dienstbesprechungen."
            ),
            "key_question": (
                "Wie können wir erreichen, dass die Fachbereiche Vielfaltsmanagement als Teil "
                "ihrer eigenen Aufgaben verstehen und Verantwortung dafür übernehmen?"
            ),
            "help_wanted": [HelpWanted.IDEAS, HelpWanted.EXPERIENCES, HelpWanted.ACTION_PLAN],
            "method": Method.HEADSTAND,
            "constraints_text": (
                "Keine zusätzlichen Stellen; bis zum nächsten Haushalt bleiben zehn Monate."
            ),
            "success_criteria": (
                "Jeder Fachbereich benennt eine Ansprechperson; mindestens drei Fachbereiche "
                "setzen eine eigene Maßnahme um."
            ),
            "confidentiality": Confidentiality.GROUP,
            "no_personal_data_confirmed": True,
            "publication_consent": True,
        },
        attachments=(
            AttachmentSpec(
                name="Netzwerkkarte_Vielfaltsmanagement.png",
                kind="png",
                title="Netzwerkkarte Vielfaltsmanagement",
                lines=("Netzwerkkarte", "Vielfaltsmanagement", "Landkreis Cuxhaven (Demo)"),
            ),
        ),
        assignments=(
            AssignmentSpec("hildesheim", MODERATION, ASSIGNMENT_ACCEPTED),
            AssignmentSpec("rotenburg-wuemme", MINUTES, ASSIGNMENT_ACCEPTED),
            AssignmentSpec("salzgitter", PEER, ASSIGNMENT_ACCEPTED),
            AssignmentSpec("andernach", PEER, ASSIGNMENT_ACCEPTED),
        ),
        feedback=(
            FeedbackSpec(
                "salzgitter",
                submitted=True,
                data={
                    "strengths": (
                        "Der Kreistagsbeschluss gibt Ihnen einen klaren Auftrag, und die "
                        "Handlungsfelder sind schon beschrieben. Die Netzwerkkarte zeigt gut, wo "
                        "es bereits Berührungspunkte gibt, etwa in der Gesundheitsversorgung und "
                        "bei der Kreisvolkshochschule."
                    ),
                    "questions": (
                        "Ich frage mich, ob die Fachbereiche Vielfaltsmanagement als zusätzliche "
                        "Aufgabe verstehen – und ob es hilft, bei Fragen anzusetzen, die sie "
                        "ohnehin beschäftigen, etwa bei Beschwerden über schwer verständliche "
                        "Bescheide.\n"
                        "Ich frage mich, ob der Verwaltungsvorstand das Thema in die "
                        "Zielvereinbarungen mit den Fachbereichsleitungen aufnehmen würde."
                    ),
                    "method_section": (
                        "Garantiert schlimmer machen wir es, wenn der Fachdienst Integration "
                        "allen Fachbereichen ein fertiges Konzept schickt, eine Frist setzt und "
                        "in der Dienstbesprechung vorliest, wer noch nicht geantwortet hat. "
                        "Umgekehrt heißt das: mit einzelnen Fachbereichen einzeln sprechen, bei "
                        "ihren eigenen Problemen anfangen und Erfolge dort zeigen, wo sie "
                        "entstanden sind."
                    ),
                    "experience": (
                        "Bei uns haben die Bürgerdienste angefangen: mehrsprachige Wegweiser im "
                        "Rathaus und ein kurzer Leitfaden für einfache Sprache in Bescheiden. "
                        "Danach kamen andere Fachbereiche von sich aus auf uns zu. Den Leitfaden "
                        "stellen wir gern zur Verfügung."
                    ),
                    "transferability": (
                        "Als Stadtverwaltung haben wir kürzere Wege zwischen den Fachbereichen "
                        "als eine Kreisverwaltung mit Außenstellen."
                    ),
                },
                ideas=(
                    IdeaSpec(
                        text=(
                            "Mit zwei Fachbereichen beginnen, die schon Berührungspunkte haben, "
                            "statt alle elf gleichzeitig einzuladen."
                        ),
                        kind=IdeaKind.QUICK_WIN,
                        effort=Effort.LOW,
                        how_we_do_it=(
                            "So machen wir es in Salzgitter: Die Bürgerdienste waren unser "
                            "Pilot; ihre Ergebnisse haben sie selbst in der Runde der "
                            "Fachbereichsleitungen vorgestellt."
                        ),
                    ),
                    IdeaSpec(
                        text=(
                            "Den Verwaltungsvorstand bitten, in jedem Fachbereich eine "
                            "Ansprechperson für Vielfalt zu benennen, die sich zweimal im Jahr "
                            "mit den anderen trifft."
                        ),
                        kind=IdeaKind.STRUCTURE,
                        effort=Effort.MEDIUM,
                        how_we_do_it=(
                            "So machen wir es in Salzgitter: Die Ansprechpersonen wurden per "
                            "Verfügung der Verwaltungsspitze benannt; das Netzwerk koordiniert "
                            "der Fachdienst Integration."
                        ),
                    ),
                ),
            ),
            # Still a draft: the method's section is missing, so it could not be handed in yet.
            FeedbackSpec(
                "andernach",
                submitted=False,
                data={
                    "strengths": (
                        "Mit dem Kreistagsbeschluss haben Sie Rückendeckung, und mit dem "
                        "Fachdienst Integration gibt es eine Stelle, die das Thema voranbringt."
                    ),
                    "questions": (
                        "Ich frage mich, ob der Personalrat ein Verbündeter sein könnte, wenn es "
                        "um Fortbildungen für die Beschäftigten geht."
                    ),
                },
                ideas=(
                    IdeaSpec(
                        text=(
                            "Kurze Fortbildungen zu Vielfalt im Verwaltungsalltag über das "
                            "Fortbildungsprogramm des Personalbereichs anbieten, nicht über den "
                            "Fachdienst Integration."
                        ),
                        kind=IdeaKind.COMMUNICATION,
                        effort=Effort.MEDIUM,
                    ),
                ),
            ),
        ),
    ),
    CaseSpec(
        municipality="salzgitter",
        round=CURRENT,
        status=WITHDRAWN,
        data={
            "title": "Digitale Ehrenamtsbörse für Integrationsprojekte",
            "summary": (
                "Eine Online-Börse soll Initiativen helfen, Ehrenamtliche für "
                "Integrationsprojekte zu finden."
            ),
            "focus_area": "akteure",
            "situation": (
                "Initiativen suchen Ehrenamtliche über Aushänge, soziale Medien und persönliche "
                "Kontakte. Interessierte wissen oft nicht, wo sie gebraucht werden."
            ),
            "actors": "Fachdienst Integration, Freiwilligenagentur, Initiativen und Vereine.",
            "tried": "Eine Liste der Initiativen auf der Website der Stadt.",
            "key_question": (
                "Wie können wir erreichen, dass Initiativen und Interessierte über eine "
                "gemeinsame Börse zueinanderfinden?"
            ),
            "help_wanted": [HelpWanted.EXPERIENCES, HelpWanted.CONTACTS],
            "method": Method.BRAINSTORMING,
            "constraints_text": "",
            "success_criteria": "",
            "confidentiality": Confidentiality.GROUP,
            "no_personal_data_confirmed": True,
            "publication_consent": False,
        },
        comments={
            WITHDRAWN: (
                "Die Freiwilligenagentur baut eine solche Börse jetzt für alle Engagementbereiche "
                "auf. Wir bringen uns dort ein und ziehen den Fall zurück."
            ),
        },
    ),
    CaseSpec(
        municipality="ludwigshafen",
        round=CURRENT,
        status=DECLINED,
        data={
            "title": "Koordination der Integrationsarbeit in der neuen Verwaltungsstruktur sichern",
            "summary": (
                "Im Zuge einer Verwaltungsreform werden Fachbereiche zusammengelegt. Offen ist, "
                "wo die Koordination der Integrationsarbeit künftig angesiedelt ist."
            ),
            "focus_area": "organisation",
            "situation": (
                "Die Verwaltungsspitze plant, das Büro für Integration mit anderen "
                "Querschnittsstellen in einer Stabsstelle zusammenzuführen. Entwürfe des neuen "
                "Organigramms liegen vor, sind aber noch nicht bekannt gemacht. Das Büro "
                "befürchtet, seine Koordinationsrolle gegenüber den Fachbereichen zu verlieren."
            ),
            "actors": (
                "Büro für Integration, Organisationsamt, Verwaltungsspitze, Personalrat; der "
                "Integrationsbeirat ist noch nicht informiert."
            ),
            "tried": "Eine schriftliche Stellungnahme des Büros zum Entwurf des Organigramms.",
            "key_question": (
                "Wie können wir erreichen, dass die Koordination der Integrationsarbeit in der "
                "neuen Struktur eine klare Zuständigkeit und ausreichende Befugnisse behält?"
            ),
            "help_wanted": [HelpWanted.ASSESSMENT, HelpWanted.EXPERIENCES],
            "method": Method.HYPOTHESES,
            "constraints_text": (
                "Die Pläne bleiben vertraulich, bis die Verwaltungsspitze sie vorstellt."
            ),
            "success_criteria": (
                "Die Koordination ist im neuen Organigramm mit eigener Zuständigkeit und "
                "Berichtsweg zur Verwaltungsspitze verankert."
            ),
            "confidentiality": Confidentiality.INTERNAL,
            "no_personal_data_confirmed": True,
            "publication_consent": False,
        },
        comments={
            DECLINED: (
                "Vielen Dank! Solange der Fall intern bleiben muss, können die anderen Kommunen "
                "ihn in der Runde nicht beraten. Wir schlagen ein Einzelgespräch mit der "
                "Fachbegleitung vor und nehmen das Thema gern in eine spätere Runde auf, sobald "
                "die Pläne bekannt sind."
            ),
        },
    ),
]


# The PNG attachment's look (rendered like the demo site's images).
ATTACHMENT_IMAGE_STYLE = {
    "background": "#f4f1e8",
    "foreground": "#1d4f7a",
    "size": (960, 540),
}


def attachment_image(spec: AttachmentSpec) -> GeneratedImage:
    return GeneratedImage(
        key=spec.name, title=spec.title, lines=spec.lines, **ATTACHMENT_IMAGE_STYLE
    )


# Implemented concepts („umgesetzte Konzepte“): (municipality slug, fields, questions by slug).
CONCEPTS = [
    (
        "hildesheim",
        {
            "title": "Integrationslots*innen in den Bürgerbüros des Landkreises",
            "what_and_why": (
                "Ehrenamtliche Lots*innen begleiten neu zugewanderte Menschen bei ihren "
                "ersten Behördengängen. Viele Anliegen scheiterten bisher an Formularen und "
                "Zuständigkeiten, nicht am Anspruch."
            ),
            "how": (
                "Das Ehrenamtsbüro gewinnt und schult die Lots*innen, die Bürgerbüros geben feste "
                "Sprechzeiten; eine Koordinierungsstelle im Fachdienst Integration hält beides "
                "zusammen."
            ),
            "results": "Nach einem Jahr 40 aktive Lots*innen in sechs Gemeinden.",
            "advice": "Ohne feste Ansprechperson in jedem Bürgerbüro versandet das Angebot.",
            "contact": "Fachdienst Integration, Landkreis Hildesheim",
            "publication_consent": True,
        },
        {"cuxhaven": "Wie haben Sie die Gemeinden für die festen Sprechzeiten gewonnen?"},
    ),
    (
        "salzgitter",
        {
            "title": "Beirat der Migrantenorganisationen mit eigenem Budget",
            "what_and_why": (
                "Der Beirat entscheidet über einen kleinen Fonds für Projekte der "
                "Selbstorganisationen. Noch in Abstimmung mit dem Rechtsamt."
            ),
            "publication_consent": False,  # not yet shown to the network
        },
        {},
    ),
]
RELEVANT_FOR = {"Integrationslots*innen in den Bürgerbüros des Landkreises": ["andernach"]}


# „Praxiswissen“: the public page that closed cases and shared concepts turn into.
PRAXISWISSEN_INDEX = PageSpec(
    key="praxiswissen",
    parent="home",
    model="peer_learning.PraxiswissenIndexPage",
    fields={
        "title": "Praxiswissen",
        "slug": "praxiswissen",
        "intro": (
            "Was die Partnerkommunen in den Peer-Learning-Runden gelernt haben: anonymisierte "
            "Zusammenfassungen abgeschlossener Beratungen und umgesetzter Konzepte, "
            "veröffentlicht mit Zustimmung der Kommunen. Demo-Inhalt."
        ),
    },
)
PAGES = [PRAXISWISSEN_INDEX]
# The closed demo case that is published as Praxiswissen (its municipality consented).
PRAXISWISSEN_CASE_TITLE = (
    "Integrationsaufgaben zwischen Landkreis und kreisangehörigen Gemeinden verbindlich aufteilen"
)
