"""Demo events and registrants. Pure data in the vocabulary of `home.demo.specs`.

An event's first day is counted from the day its page is first created (`FirstDay`), every
other date and time of the event from that first day (`EventDay`). Later runs keep the stored
first day, so the demo events neither wander nor get republished, and their calendar
SEQUENCE stays 0. Times are local times in Europe/Berlin.
"""

from dataclasses import dataclass
from datetime import time

from events.choices import EventFormat, EventMode, EventStatus
from home.demo.specs import EventDay, FirstDay, FocusAreaRef, PageSpec, T, heading, paragraph

EVENT_INDEX_KEY = "veranstaltungen"

# The upcoming Fachforum with five seats, registration open and a waiting list. The
# registration feature fills it from its own demo step: `ctx.pages[SMALL_EVENT_KEY]`.
SMALL_EVENT_KEY = "fachforum-kleine-runde"


DEMO_NOTE_EVENT = T(
    "<p><i>Demo-Inhalt: Diese Veranstaltung ist ein erfundenes Beispiel für die "
    "Demo-Website.</i></p>",
    "<p><i>Demo content: this event is an invented example for the demo website.</i></p>",
)

PROJECT_TEAM = "Projektteam „Integration im Querschnitt“ (ism)"
PEER_LEARNING_AUDIENCE = (
    "Nur für die sechs Partnerkommunen des Projekts. Die Einladung erfolgt über die "
    "Fachbegleitung des ism."
)

CONTACT = {
    "contact_name": PROJECT_TEAM,
    "contact_email": "querschnitt@example.org",  # example.org: never delivers
    "contact_phone": "06131 000000 (Demo)",
}


# Venues: the partner municipalities' own buildings, the ism in Mainz, and Hannover.
def venue(name: str, street: str, postal_code: str, city: str) -> dict:
    return {"venue_name": name, "street": street, "postal_code": postal_code, "city": city}


KREISHAUS_HILDESHEIM = venue(
    "Kreishaus Hildesheim", "Bischof-Janssen-Straße 31", "31134", "Hildesheim"
)
KREISHAUS_ROTENBURG = venue(
    "Kreishaus Rotenburg (Wümme)", "Hopfengarten 2", "27356", "Rotenburg (Wümme)"
)
KREISHAUS_CUXHAVEN = venue("Kreishaus Cuxhaven", "Vincent-Lübeck-Straße 2", "27474", "Cuxhaven")
RATHAUS_SALZGITTER = venue("Rathaus Salzgitter", "Joachim-Campe-Straße 6–8", "38226", "Salzgitter")
HAUS_DER_REGION_HANNOVER = venue("Haus der Region", "Hildesheimer Straße 18", "30169", "Hannover")
ISM_MAINZ = venue(
    "Institut für Sozialpädagogische Forschung Mainz (ism)", "Flachsmarktstraße 9", "55116", "Mainz"
)
STADTVERWALTUNG_ANDERNACH = venue(
    "Stadtverwaltung Andernach", "Läufstraße 11", "56626", "Andernach"
)
RATHAUS_LUDWIGSHAFEN = venue(
    "Rathaus Ludwigshafen", "Rathausplatz 20", "67059", "Ludwigshafen am Rhein"
)


def online_access(room: str, meeting_id: str) -> str:
    return (
        f"Zugangslink: https://konferenz.example.org/querschnitt/{room}\n"
        f"Meeting-ID: {meeting_id} (Demo)"
    )


def registration(capacity: int, *, opens: EventDay, closes: EventDay, **options) -> dict:
    return {
        "registration_enabled": True,
        "capacity": capacity,
        "registration_opens_at": opens,
        "registration_closes_at": closes,
        **options,
    }


NO_REGISTRATION = {"registration_enabled": False, "capacity": None}


def agenda(start=None, end=None, title="", *, speakers="", description="") -> dict:
    """One programme item (a ListBlock item); times are `time` objects or None."""
    # Every key is given: wagtail-localize cannot extract a text block whose value is None.
    value = {
        "start_time": start,
        "end_time": end,
        "title": title,
        "speakers": speakers,
        "description": description,
    }
    return {"type": "item", "value": value}


def programme_day(*items, day: EventDay | None = None):
    """One day of the programme; single-day events leave `day` empty."""
    return ("day", {"day": day, "items": list(items)})


def event_spec(fields: dict, *, translate: bool = False) -> PageSpec:
    """A page below "Veranstaltungen", with the project's contact and the demo note."""
    slug = fields["slug"]
    return PageSpec(
        key=slug.de if isinstance(slug, T) else slug,
        parent=EVENT_INDEX_KEY,
        model="events.EventPage",
        translate=translate,
        fields={
            **CONTACT,
            **fields,
            "body": [*fields.get("body", []), paragraph(DEMO_NOTE_EVENT)],
        },
    )


def h(hour: int, minute: int = 0) -> time:
    return time(hour, minute)


# Below „Aktuell“ (home.demo.content.NEWS_INDEX), where people look for what is current.
EVENT_INDEX = PageSpec(
    key=EVENT_INDEX_KEY,
    parent="aktuell",
    model="events.EventIndexPage",
    translate=True,
    fields={
        "title": T("Veranstaltungen", "Events"),
        "slug": T("veranstaltungen", "events"),
        "show_in_menus": True,
        "intro": T(
            "Fachforen, Workshops, Online-Veranstaltungen und Peer-Learning-Treffen des Projekts. "
            "Die Fachforen stehen Fach- und Führungskräften aus allen interessierten Kommunen "
            "offen – in Niedersachsen, Rheinland-Pfalz und darüber hinaus. Hinweis: Die "
            "Veranstaltungen auf dieser Demo-Website sind erfundene Beispiele.",
            "Expert forums, workshops, online events and peer learning meetings of the project. "
            "The expert forums are open to professionals and managers from all interested "
            "municipalities – in Lower Saxony, Rhineland-Palatinate and beyond. Most events are "
            "held in German; events without an English page are listed in German. Note: the "
            "events on this demo website are invented examples.",
        ),
    },
)

# --- Past events (the last six months) ------------------------------------------------------

PAST_EVENTS = [
    event_spec(
        {
            "title": "Fachforum: Integration als Querschnittsaufgabe im Landkreis",
            "slug": "fachforum-querschnitt-landkreis",
            "teaser": (
                "Wie teilen sich Kreisverwaltung und kreisangehörige Gemeinden die "
                "Integrationsarbeit auf? Das Fachforum in Hildesheim stellte Modelle der "
                "Zusammenarbeit vor und fragte, welche Aufgaben sich seit der starken "
                "Fluchtzuwanderung verschoben haben."
            ),
            "start": FirstDay(-158, h(10)),
            "end": EventDay(0, h(16)),
            "event_format": EventFormat.EXPERT_FORUM,
            "mode": EventMode.IN_PERSON,
            **KREISHAUS_HILDESHEIM,
            "focus_areas": [FocusAreaRef("organisation")],
            "target_audience": (
                "Fach- und Führungskräfte aus Kreisverwaltungen und kreisangehörigen "
                "Gemeinden, etwa Integrationsbeauftragte, Koordinator*innen und Leitungen von "
                "Sozial- und Ordnungsämtern."
            ),
            "body": [
                paragraph(
                    "<p>In vielen kreisangehörigen Gemeinden sind in den vergangenen Jahren "
                    "eigene Stellen und Strukturen für die Integrationsarbeit entstanden. Heute "
                    "stellt sich neu die Frage, welche Aufgaben bei den Gemeinden liegen, welche "
                    "beim Landkreis – und wie beide Ebenen ihre Arbeit abstimmen.</p>"
                ),
                heading("Dokumentation"),
                paragraph(
                    "<p>Dokumentation folgt: Die Präsentationen der Referent*innen und eine "
                    "Zusammenfassung der Arbeitsgruppen stellen wir hier in Kürze bereit.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(10), h(10, 30), "Begrüßung und Einführung", speakers=PROJECT_TEAM),
                    agenda(
                        h(10, 30),
                        h(11, 15),
                        "Impuls: Integrationsarbeit zwischen Kreis und Gemeinden",
                        speakers="Koordinierungsstelle Integration eines Landkreises (Demo)",
                    ),
                    agenda(
                        h(11, 30),
                        h(13),
                        "Arbeitsgruppen: Aufgaben, Zuständigkeiten, Schnittstellen",
                        description=(
                            "Drei Arbeitsgruppen zu Beratung, Ehrenamtskoordination und "
                            "Sozialplanung."
                        ),
                    ),
                    agenda(h(13), h(14), "Mittagspause"),
                    agenda(
                        h(14),
                        h(15, 30),
                        "Podiumsgespräch: Was brauchen die Gemeinden vom Landkreis?",
                        speakers="Vertreter*innen von Kreis- und Gemeindeverwaltungen (Demo)",
                    ),
                    agenda(h(15, 30), h(16), "Ausblick und Abschluss"),
                ),
            ],
            **registration(
                60,
                opens=EventDay(-42, h(9)),
                closes=EventDay(-5, h(12)),
                catering_offered=True,
            ),
        }
    ),
    event_spec(
        {
            "title": "Online-Impuls: Fortschritte der Integrationsarbeit gemeinsam überprüfen",
            "slug": "online-impuls-fortschritte-pruefen",
            "teaser": (
                "Woran erkennen Verwaltung, freie Träger und Vereine, ob ihre gemeinsame "
                "Integrationsarbeit vorankommt? Der Online-Impuls stellte schlanke Verfahren "
                "für eine regelmäßige, gemeinsame Bilanz vor."
            ),
            "start": FirstDay(-126, h(14)),
            "end": EventDay(0, h(15, 30)),
            "event_format": EventFormat.ONLINE,
            "mode": EventMode.ONLINE,
            "online_access": online_access("fortschritte", "481 220 317"),
            "focus_areas": [FocusAreaRef("akteure")],
            "target_audience": (
                "Koordinator*innen für Integration in Kommunen sowie Mitarbeiter*innen von "
                "Wohlfahrtsverbänden, Bildungsträgern und Migrant*innenorganisationen."
            ),
            "body": [
                paragraph(
                    "<p>Gemeinsame Ziele sind ein Anfang – aber wie prüfen die Beteiligten, ob "
                    "sie ihnen näherkommen? Im Online-Impuls ging es um wenige, aussagekräftige "
                    "Kennzahlen, um Bilanzgespräche im Netzwerk und darum, Ergebnisse so "
                    "aufzubereiten, dass sie in die weitere Planung einfließen.</p>"
                    "<p>Dokumentation folgt: Die Folien des Impulses finden Sie bald an dieser "
                    "Stelle.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(14), h(14, 10), "Begrüßung und technische Hinweise"),
                    agenda(
                        h(14, 10),
                        h(14, 40),
                        "Impuls: Wenige Kennzahlen, regelmäßig besprochen",
                        speakers=PROJECT_TEAM,
                    ),
                    agenda(h(14, 40), h(15, 20), "Austausch in Kleingruppen"),
                    agenda(h(15, 20), h(15, 30), "Zusammenfassung und Ausblick"),
                ),
            ],
            **registration(80, opens=EventDay(-35, h(9)), closes=EventDay(-1, h(12))),
        }
    ),
    event_spec(
        {
            "title": "Fachforum: Beteiligung von Zugewanderten und ihren Selbstorganisationen",
            "slug": "fachforum-beteiligung-mainz",
            "teaser": (
                "Wie können Menschen mit Einwanderungsgeschichte und ihre Vereine an der "
                "Planung kommunaler Integrationsarbeit mitwirken – und nicht erst gefragt "
                "werden, wenn alles feststeht? Das Fachforum in Mainz stellte Ansätze aus der "
                "Praxis vor."
            ),
            "start": FirstDay(-96, h(10)),
            "end": EventDay(0, h(16)),
            "event_format": EventFormat.EXPERT_FORUM,
            "mode": EventMode.IN_PERSON,
            **ISM_MAINZ,
            "focus_areas": [FocusAreaRef("beteiligung")],
            "target_audience": (
                "Fach- und Führungskräfte aus Kommunen in Rheinland-Pfalz, Niedersachsen und "
                "darüber hinaus sowie Vertreter*innen von Migrant*innenorganisationen und "
                "Integrationsbeiräten."
            ),
            "body": [
                paragraph(
                    "<p>Gerade Menschen, die erst in den letzten Jahren nach Deutschland "
                    "gekommen sind, haben oft noch kaum eigene Vereine. Das erschwert es "
                    "Kommunen, sie als Partner*innen in die Integrationsarbeit einzubinden. Das "
                    "Fachforum fragte, wie Verwaltungen junge Selbstorganisationen und "
                    "muslimische Gemeinden stärken und beteiligen können.</p>"
                    "<p>Einen Bericht lesen Sie in der Nachricht "
                    '<a linktype="page" id="@fachforum-beteiligung">„Fachforum Beteiligung: '
                    "Selbstorganisationen an den Planungstisch“</a>. Dokumentation folgt: Die "
                    "Präsentationen stellen wir hier bereit, sobald alle Referent*innen "
                    "zugestimmt haben.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(10), h(10, 30), "Begrüßung", speakers=PROJECT_TEAM),
                    agenda(
                        h(10, 30), h(11, 15), "Impuls: Beteiligung, die mehr ist als eine Anhörung"
                    ),
                    agenda(
                        h(11, 30),
                        h(13),
                        "Praxisbeispiele aus drei Kommunen",
                        speakers="Integrationsbeiräte und Migrant*innenorganisationen (Demo)",
                    ),
                    agenda(h(13), h(14), "Mittagspause"),
                    agenda(h(14), h(15, 30), "Werkstatt: Beteiligung in der eigenen Kommune"),
                    agenda(h(15, 30), h(16), "Abschluss"),
                ),
            ],
            **registration(
                50,
                opens=EventDay(-45, h(9)),
                closes=EventDay(-5, h(12)),
                catering_offered=True,
            ),
        }
    ),
    event_spec(
        {
            "title": "Peer-Learning-Treffen: Aufgabenteilung zwischen Landkreis und Gemeinden",
            "slug": "peer-learning-rotenburg",
            "teaser": (
                "Die Partnerkommunen berieten sich in Rotenburg (Wümme) in einer kollegialen "
                "Fallberatung: Eine Kommune brachte die Frage ein, wie Kreis und Gemeinden "
                "Integrationsaufgaben verbindlich untereinander aufteilen können."
            ),
            "start": FirstDay(-24, h(10)),
            "end": EventDay(0, h(15, 30)),
            "event_format": EventFormat.PEER_LEARNING,
            "mode": EventMode.IN_PERSON,
            **KREISHAUS_ROTENBURG,
            "focus_areas": [FocusAreaRef("organisation")],
            "target_audience": PEER_LEARNING_AUDIENCE,
            "body": [
                paragraph(
                    "<p>Die Peer-Learning-Treffen sind ein geschützter Rahmen: Eine Kommune "
                    "schildert eine konkrete Situation, die anderen beraten – ohne zu bewerten. "
                    "Was die Kommunen diesmal mitgenommen haben, lesen Sie in der Nachricht "
                    '<a linktype="page" id="@peer-learning-landkreis-und-gemeinden">'
                    "„Peer-Learning: Wie Landkreis und Gemeinden Aufgaben teilen“</a>.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(10), h(10, 30), "Ankommen und Rückblick auf das letzte Treffen"),
                    agenda(
                        h(10, 30),
                        h(12, 30),
                        "Kollegiale Fallberatung: Aufgabenteilung zwischen Kreis und Gemeinden",
                        speakers="Fachbegleitung des ism (Moderation)",
                        description=(
                            "Fall schildern, Schlüsselfrage klären, Methode wählen, beraten – "
                            "die fallgebende Kommune hört zu und zieht am Ende ihr Fazit."
                        ),
                    ),
                    agenda(h(12, 30), h(13, 15), "Mittagspause"),
                    agenda(
                        h(13, 15), h(14, 45), "Austausch: Was hat sich seit dem letzten Mal getan?"
                    ),
                    agenda(h(14, 45), h(15, 30), "Vereinbarungen und nächste Schritte"),
                ),
            ],
            **NO_REGISTRATION,
        }
    ),
    event_spec(
        {
            "title": "Fachforum: Koordination über Fachbereichsgrenzen",
            "slug": "fachforum-koordination-hannover",
            "teaser": (
                "Wie ziehen Sozialamt, Jugendamt, Schulverwaltung und Ausländerbehörde in der "
                "Integrationsarbeit an einem Strang? Das Fachforum in Hannover – vor Ort und "
                "online – stellte Steuerungsrunden und fachbereichsübergreifende "
                "Arbeitsgruppen vor."
            ),
            "start": FirstDay(-10, h(10)),
            "end": EventDay(0, h(16, 30)),
            "event_format": EventFormat.EXPERT_FORUM,
            "mode": EventMode.HYBRID,
            **HAUS_DER_REGION_HANNOVER,
            "online_access": online_access("koordination", "502 771 046"),
            "focus_areas": [FocusAreaRef("organisation")],
            "target_audience": (
                "Fach- und Führungskräfte aus Kommunalverwaltungen in Niedersachsen, "
                "Rheinland-Pfalz und anderen Ländern."
            ),
            "body": [
                paragraph(
                    "<p>Rund 60 Teilnehmer*innen haben vor Ort und online diskutiert, wie sich "
                    "Integrationsarbeit über Ämtergrenzen hinweg steuern lässt. Die wichtigsten "
                    "Erkenntnisse fasst unser "
                    '<a linktype="page" id="@rueckblick-fachforum-koordination">Rückblick auf '
                    "das Fachforum</a> zusammen.</p>"
                    "<p>Dokumentation folgt: Die Präsentationen und das Fotoprotokoll der "
                    "Arbeitsgruppen veröffentlichen wir in den nächsten Wochen hier.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(10), h(10, 30), "Begrüßung und Einführung", speakers=PROJECT_TEAM),
                    agenda(
                        h(10, 30),
                        h(11, 15),
                        "Impuls: Integration als Aufgabe der ganzen Verwaltung",
                    ),
                    agenda(
                        h(11, 30),
                        h(13),
                        "Parallele Arbeitsgruppen",
                        description=(
                            "Steuerungsrunden einrichten · Daten gemeinsam nutzen · Die Rolle "
                            "der Integrationsstelle"
                        ),
                    ),
                    agenda(h(13), h(14), "Mittagspause"),
                    agenda(h(14), h(15, 45), "Praxisberichte und Diskussion"),
                    agenda(h(15, 45), h(16, 30), "Ergebnisse und Ausblick"),
                ),
            ],
            **registration(
                70,
                opens=EventDay(-50, h(9)),
                closes=EventDay(-5, h(12)),
                catering_offered=True,
            ),
        }
    ),
]

# --- Upcoming events (the next six months) --------------------------------------------------

UPCOMING_EVENTS = [
    event_spec(
        {
            "title": "Online-Veranstaltung: Muslimische Gemeinden im Integrationsnetzwerk",
            "slug": "online-muslimische-gemeinden",
            "teaser": (
                "Muslimische Gemeinden unterstützen neu zugewanderte Menschen auf vielfältige "
                "Weise, in kommunalen Netzwerken sind sie aber selten vertreten. In der "
                "Online-Veranstaltung berichten Kommunen und Gemeinden, wie eine "
                "Zusammenarbeit beginnen kann."
            ),
            "start": FirstDay(9, h(14)),
            "end": EventDay(0, h(16)),
            "event_format": EventFormat.ONLINE,
            "mode": EventMode.ONLINE,
            "online_access": online_access("gemeinden", "633 905 128"),
            "focus_areas": [FocusAreaRef("beteiligung"), FocusAreaRef("akteure")],
            "target_audience": (
                "Integrationsbeauftragte und Koordinator*innen aus Kommunen, Vertreter*innen "
                "muslimischer Gemeinden und anderer Religionsgemeinschaften sowie alle "
                "Interessierten."
            ),
            "body": [
                paragraph(
                    "<p>Moscheegemeinden bieten Beratung, Hausaufgabenhilfe und Begegnung – oft "
                    "ehrenamtlich und ohne öffentliche Förderung. Trotzdem spielen sie in vielen "
                    "kommunalen Integrationsnetzwerken nur eine Nebenrolle.</p>"
                    "<p>Die Veranstaltung fragt: Was hilft, damit Verwaltung und Gemeinden ins "
                    "Gespräch kommen? Welche Erwartungen haben beide Seiten, und wie lässt sich "
                    "die Zusammenarbeit verlässlich gestalten?</p>"
                    "<p>Die Teilnahme ist kostenfrei. Die Zugangsdaten erhalten Sie mit Ihrer "
                    "Anmeldebestätigung.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(14), h(14, 10), "Begrüßung und technische Hinweise"),
                    agenda(h(14, 10), h(14, 40), "Impuls: Religionsgemeinschaften im Netzwerk"),
                    agenda(
                        h(14, 40),
                        h(15, 20),
                        "Gesprächsrunde: Erfahrungen aus Kommunen und Gemeinden",
                        speakers=(
                            "Vertreter*innen einer Moscheegemeinde und einer "
                            "Kommunalverwaltung (Demo)"
                        ),
                    ),
                    agenda(h(15, 20), h(15, 55), "Ihre Fragen"),
                    agenda(h(15, 55), h(16), "Ausblick"),
                ),
            ],
            **registration(80, opens=EventDay(-30, h(9)), closes=EventDay(-1, h(12))),
        }
    ),
    event_spec(
        {
            "title": "Hospitationstag in Salzgitter: Integrationsmanagement vor Ort erleben",
            "slug": "hospitationstag-salzgitter",
            "teaser": (
                "Die Stadt Salzgitter öffnet den Partnerkommunen einen Tag lang ihre Türen: "
                "Kolleg*innen aus den anderen Kommunen begleiten Fachdienste, Beratungsstellen "
                "und ein Stadtteilprojekt und sprechen mit den Menschen, die dort arbeiten."
            ),
            # All day: ics.py and the templates use only the local dates of start and end.
            "start": FirstDay(20, h(0)),
            "end": EventDay(0, h(23, 59)),
            "all_day": True,
            "event_format": EventFormat.PEER_LEARNING,
            "mode": EventMode.IN_PERSON,
            **RATHAUS_SALZGITTER,
            "focus_areas": [FocusAreaRef("organisation"), FocusAreaRef("vielfalt")],
            "target_audience": PEER_LEARNING_AUDIENCE,
            "body": [
                paragraph(
                    "<p>Beim Hospitationstag lernen die Partnerkommunen voneinander, indem sie "
                    "einander über die Schulter schauen. In kleinen Gruppen besuchen die "
                    "Teilnehmer*innen verschiedene Stationen; die genauen Zeiten erhalten sie "
                    "mit der Einladung.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(title="Station: Integrationsstelle und Koordination im Rathaus"),
                    agenda(title="Station: Migrationsberatung und Vermittlung in Sprachkurse"),
                    agenda(title="Station: ein Quartiersprojekt im Stadtteil"),
                    agenda(
                        title="Gemeinsamer Abschluss: Was nehmen wir mit?",
                        speakers="Fachbegleitung des ism (Moderation)",
                    ),
                ),
            ],
            **NO_REGISTRATION,
        }
    ),
    event_spec(
        {
            "title": "Workshop: Haupt- und Ehrenamt in der Integrationsarbeit verbinden",
            "slug": "workshop-ehrenamt-cuxhaven",
            "teaser": (
                "Wie gelingt die Zusammenarbeit zwischen hauptamtlichen Fachkräften und "
                "ehrenamtlich Engagierten, gerade in einem großen Landkreis? Der Workshop in "
                "Cuxhaven sammelt Erfahrungen und entwickelt Bausteine für verlässliche "
                "Absprachen."
            ),
            "start": FirstDay(27, h(13)),
            "end": EventDay(0, h(17)),
            "event_format": EventFormat.WORKSHOP,
            "mode": EventMode.IN_PERSON,
            "status": EventStatus.CANCELLED,
            "status_note": (
                "Der Workshop muss leider entfallen, weil die Referentin erkrankt ist. Einen "
                "Ersatztermin geben wir an dieser Stelle bekannt."
            ),
            **KREISHAUS_CUXHAVEN,
            "focus_areas": [FocusAreaRef("akteure")],
            "target_audience": (
                "Hauptamtliche Koordinator*innen für Ehrenamt und Integration aus Kommunen und "
                "Wohlfahrtsverbänden."
            ),
            "body": [
                paragraph(
                    "<p>Ehrenamtliche begleiten Zugewanderte zu Behörden, geben Sprachunterricht "
                    "und organisieren Begegnungen. In einem Flächenlandkreis mit langen Wegen "
                    "brauchen sie verlässliche Ansprechpersonen und klare Absprachen mit dem "
                    "Hauptamt.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(13), h(13, 20), "Begrüßung"),
                    agenda(
                        h(13, 20),
                        h(14, 30),
                        "Erfahrungsaustausch: Was Ehrenamtliche von der Verwaltung brauchen",
                    ),
                    agenda(
                        h(14, 45),
                        h(16, 30),
                        "Werkstatt: Bausteine für Vereinbarungen mit Ehrenamtsinitiativen",
                    ),
                    agenda(h(16, 30), h(17), "Abschluss"),
                ),
            ],
            **registration(30, opens=EventDay(-40, h(9)), closes=EventDay(-7, h(12))),
        }
    ),
    event_spec(
        {
            "title": "Fachforum in kleiner Runde: Was eine Integrationsstelle heute leisten muss",
            "slug": SMALL_EVENT_KEY,
            "teaser": (
                "Welche Aufgaben hat eine Stelle, die in der Verwaltung eigens für Integration "
                "zuständig ist – und welche Befugnisse braucht sie dafür? In kleiner Runde "
                "tauschen sich Leitungskräfte offen über Auftrag, Rolle und Ausstattung aus."
            ),
            "start": FirstDay(34, h(10)),
            "end": EventDay(0, h(13)),
            "event_format": EventFormat.EXPERT_FORUM,
            "mode": EventMode.IN_PERSON,
            **STADTVERWALTUNG_ANDERNACH,
            "focus_areas": [FocusAreaRef("organisation")],
            "target_audience": (
                "Leitungen von Integrationsstellen, Integrationsbüros und Koordinierungsstellen "
                "aus Kommunen jeder Größe."
            ),
            "body": [
                paragraph(
                    "<p>Die Aufgaben einer Integrationsstelle haben sich verändert: Statt "
                    "Angebote selbst zu organisieren, vermittelt sie heute oft zwischen "
                    "Fachbereichen, freien Trägern und Zivilgesellschaft. Was heißt das für "
                    "ihren Auftrag, ihre Befugnisse und ihre Ausstattung?</p>"
                ),
                heading("Bewusst klein"),
                paragraph(
                    "<p>Damit alle zu Wort kommen, ist die Runde auf fünf Teilnehmer*innen "
                    "begrenzt. Sind alle Plätze vergeben, können Sie sich auf die Warteliste "
                    "setzen lassen. Wird ein Platz frei, rücken Sie in der Reihenfolge der "
                    "Anmeldungen nach und erhalten eine E-Mail.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(
                        h(10),
                        h(10, 20),
                        "Begrüßung und Vorstellungsrunde",
                        speakers="Projektteam des ism (Moderation)",
                    ),
                    agenda(
                        h(10, 20), h(11, 30), "Gespräch: Auftrag und Rolle der Integrationsstelle"
                    ),
                    agenda(
                        h(11, 45),
                        h(12, 45),
                        "Gespräch: Befugnisse, Ausstattung und Anbindung in der Verwaltung",
                    ),
                    agenda(h(12, 45), h(13), "Was nehme ich mit?"),
                ),
            ],
            **registration(
                5,
                opens=EventDay(-46, h(9)),  # open since twelve days before the first run
                closes=EventDay(-4, h(12)),
                waiting_list_enabled=True,
                approval_required=False,
            ),
        }
    ),
    event_spec(
        {
            "title": "Zweitägiges Fachforum: Vom Integrations- zum Vielfaltsmanagement",
            "slug": "fachforum-vielfaltsmanagement",
            "teaser": (
                "Immer mehr Kommunen entwickeln ihr Integrationsmanagement zu einem "
                "Vielfaltsmanagement weiter. Das zweitägige Fachforum in Ludwigshafen am Rhein "
                "fragt, welche Strukturen, Partner*innen und Zuständigkeiten dieser Schritt "
                "erfordert."
            ),
            "start": FirstDay(55, h(10)),
            "end": EventDay(1, h(15)),
            "event_format": EventFormat.EXPERT_FORUM,
            "mode": EventMode.IN_PERSON,
            **RATHAUS_LUDWIGSHAFEN,
            "focus_areas": [FocusAreaRef("vielfalt"), FocusAreaRef("akteure")],
            "target_audience": (
                "Fach- und Führungskräfte aus Kommunen in Rheinland-Pfalz, Niedersachsen und "
                "darüber hinaus sowie Vertreter*innen von Verbänden, Vereinen und Initiativen."
            ),
            "body": [
                paragraph(
                    "<p>Das Merkmal „Migrationshintergrund“ sagt immer weniger darüber aus, "
                    "welche Unterstützung Menschen brauchen. Kommunen, die Vielfalt in den "
                    "Mittelpunkt stellen, richten ihre Angebote an Lebenslagen aus. Dafür müssen "
                    "noch mehr Fachbereiche und Akteure innerhalb und außerhalb der Verwaltung "
                    "zusammenarbeiten.</p>"
                    "<p>Am ersten Tag stehen Modelle und Erfahrungen im Mittelpunkt, am zweiten "
                    "Tag arbeiten Sie an Fragen aus Ihrer eigenen Kommune. Für Verpflegung an "
                    "beiden Tagen ist gesorgt.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(
                        h(10),
                        h(10, 30),
                        "Begrüßung",
                        speakers="Stadt Ludwigshafen am Rhein und Projektteam des ism (Demo)",
                    ),
                    agenda(
                        h(10, 30),
                        h(11, 30),
                        "Impuls: Was Vielfaltsmanagement vom Integrationsmanagement unterscheidet",
                    ),
                    agenda(h(11, 45), h(13), "Drei Modelle der Koordination im Vergleich"),
                    agenda(h(13), h(14), "Mittagspause"),
                    agenda(
                        h(14),
                        h(16),
                        "Praxisforen",
                        description=(
                            "Vielfalt in der Personalentwicklung · Zusammenarbeit mit Vereinen "
                            "und Initiativen · Beteiligung im Stadtteil"
                        ),
                    ),
                    agenda(h(16), h(17), "Austausch und Ausklang"),
                    day=EventDay(0),
                ),
                programme_day(
                    agenda(h(9), h(9, 15), "Rückblick auf den ersten Tag"),
                    agenda(
                        h(9, 15),
                        h(11, 30),
                        "Werkstatt: Fragen aus den Kommunen",
                        description=(
                            "In kleinen Gruppen beraten Sie sich zu Fragen, die Teilnehmer*innen "
                            "aus ihrer Kommune mitbringen."
                        ),
                    ),
                    agenda(
                        h(11, 45),
                        h(13, 30),
                        "Podium: Was Verwaltung und Zivilgesellschaft voneinander erwarten",
                    ),
                    agenda(h(13, 30), h(14, 30), "Mittagessen und Austausch"),
                    agenda(h(14, 30), h(15), "Ergebnisse und Ausblick"),
                    day=EventDay(1),
                ),
            ],
            **registration(
                80,
                opens=EventDay(-70, h(9)),
                closes=EventDay(-10, h(12)),
                catering_offered=True,
            ),
        }
    ),
    event_spec(
        {
            "title": "Online-Werkstatt: Beteiligungsformate mit Zugewanderten planen",
            "slug": "online-werkstatt-beteiligung",
            "teaser": (
                "In der Online-Werkstatt planen Sie Schritt für Schritt ein Beteiligungsformat "
                "für Ihre Kommune: Wen wollen Sie erreichen, wie laden Sie ein, und was "
                "geschieht mit den Ergebnissen?"
            ),
            "start": FirstDay(76, h(10)),
            "end": EventDay(0, h(12, 30)),
            "event_format": EventFormat.WORKSHOP,
            "mode": EventMode.ONLINE,
            "status": EventStatus.POSTPONED,
            "status_note": (
                "Die Werkstatt wird verschoben. Den neuen Termin nennen wir hier, sobald er "
                "feststeht; bereits Angemeldete informieren wir per E-Mail."
            ),
            "online_access": online_access("werkstatt-beteiligung", "714 386 552"),
            "focus_areas": [FocusAreaRef("beteiligung")],
            "target_audience": (
                "Mitarbeiter*innen aus Kommunalverwaltungen, die Beteiligungsprozesse planen "
                "oder begleiten."
            ),
            "body": [
                paragraph(
                    "<p>Die Werkstatt ist praktisch angelegt: Bringen Sie ein Vorhaben aus Ihrer "
                    "Kommune mit, an dem Zugewanderte beteiligt werden sollen. Sie arbeiten in "
                    "kleinen Gruppen und erhalten Rückmeldungen von Kolleg*innen.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(10), h(10, 15), "Begrüßung"),
                    agenda(h(10, 15), h(11), "Wen wollen wir erreichen? Zielgruppen und Zugänge"),
                    agenda(h(11), h(12), "Arbeitsphase: ein Beteiligungsformat entwerfen"),
                    agenda(h(12), h(12, 30), "Rückmeldungen und nächste Schritte"),
                ),
            ],
            **registration(40, opens=EventDay(-45, h(9)), closes=EventDay(-2, h(12))),
        }
    ),
    event_spec(
        {
            "title": T(
                "Fachforum: Kooperationsvereinbarungen mit freien Trägern",
                "Expert forum: Cooperation agreements with service providers",
            ),
            "slug": T(
                "fachforum-kooperationsvereinbarungen", "expert-forum-cooperation-agreements"
            ),
            "teaser": T(
                "Wer macht was, wer informiert wen, und wie prüfen alle gemeinsam, ob die "
                "Angebote wirken? Das Fachforum in Hildesheim zeigt, wie Kommunen mit "
                "Wohlfahrtsverbänden, Bildungsträgern und Vereinen verbindliche Absprachen "
                "treffen. Sie können vor Ort oder online teilnehmen.",
                "Who does what, who informs whom, and how do all partners check together "
                "whether their services work? The expert forum in Hildesheim shows how "
                "municipalities make binding agreements with welfare organisations, education "
                "providers and associations. You can take part on site or online; the forum is "
                "held in German.",
            ),
            "start": FirstDay(97, h(10)),
            "end": EventDay(0, h(16)),
            "event_format": EventFormat.EXPERT_FORUM,
            "mode": EventMode.HYBRID,
            # The venue's name is the same in both languages: it is part of the calendar
            # fingerprint, which all translations of an event share.
            **KREISHAUS_HILDESHEIM,
            "online_access": online_access("kooperation", "826 043 319"),
            "focus_areas": [FocusAreaRef("akteure")],
            "target_audience": T(
                "Fach- und Führungskräfte aus Kommunalverwaltungen sowie Mitarbeiter*innen von "
                "Wohlfahrtsverbänden, Bildungsträgern und Vereinen – aus Niedersachsen, "
                "Rheinland-Pfalz und darüber hinaus.",
                "Professionals and managers from local authorities and staff of welfare "
                "organisations, education providers and associations – from Lower Saxony, "
                "Rhineland-Palatinate and beyond.",
            ),
            "body": [
                paragraph(
                    T(
                        "<p>In einer Kommune tragen viele Akteure dazu bei, dass neu "
                        "zugewanderte Menschen teilhaben können. Damit ihre Angebote "
                        "ineinandergreifen, brauchen sie gemeinsame Ziele und klare Absprachen. "
                        "Kooperationsvereinbarungen halten fest, wer welche Aufgaben übernimmt, "
                        "wie sich die Partner*innen gegenseitig informieren und wie sie den "
                        "Fortschritt gemeinsam überprüfen.</p>"
                        "<p>Das Fachforum stellt eine Arbeitshilfe aus dem Projekt vor und lädt "
                        "Sie ein, eigene Vereinbarungen mitzubringen und zu diskutieren.</p>",
                        "<p>Many actors in a municipality help newly arrived people to take part "
                        "in society. For their services to fit together, they need shared goals "
                        "and clear arrangements. Cooperation agreements set out who takes on "
                        "which tasks, how the partners keep each other informed and how they "
                        "review progress together.</p>"
                        "<p>The forum presents a guide developed in the project and invites you "
                        "to bring your own agreements for discussion.</p>",
                    )
                ),
            ],
            "programme": [
                programme_day(
                    agenda(
                        h(10),
                        h(10, 30),
                        T("Begrüßung und Einführung", "Welcome and introduction"),
                        speakers=T(PROJECT_TEAM, "Project team “Integration im Querschnitt” (ism)"),
                    ),
                    agenda(
                        h(10, 30),
                        h(11, 15),
                        T(
                            "Impuls: Was eine gute Kooperationsvereinbarung ausmacht",
                            "Keynote: What makes a good cooperation agreement",
                        ),
                    ),
                    agenda(
                        h(11, 30),
                        h(13),
                        T(
                            "Praxisbeispiele aus Landkreisen und Städten",
                            "Examples from districts and cities",
                        ),
                        speakers=T(
                            "Vertreter*innen von Kommunen und Wohlfahrtsverbänden (Demo)",
                            "Representatives of municipalities and welfare organisations (demo)",
                        ),
                    ),
                    agenda(h(13), h(14), T("Mittagspause", "Lunch break")),
                    agenda(
                        h(14),
                        h(15, 30),
                        T(
                            "Werkstatt: Eigene Vereinbarungen weiterentwickeln",
                            "Workshop: Improving your own agreements",
                        ),
                        description=T(
                            "Bringen Sie gern eine bestehende Vereinbarung oder einen Entwurf mit.",
                            "You are welcome to bring an existing agreement or a draft.",
                        ),
                    ),
                    agenda(
                        h(15, 30), h(16), T("Zusammenfassung und Ausblick", "Summary and outlook")
                    ),
                ),
            ],
            # Open in both languages (the workshop on intercultural opening opens later).
            **registration(
                60,
                opens=EventDay(-100, h(9)),
                closes=EventDay(-7, h(12)),
                catering_offered=True,
            ),
        },
        translate=True,
    ),
    event_spec(
        {
            "title": "Peer-Learning-Treffen online: Beteiligungsgremien wirksam gestalten",
            "slug": "peer-learning-beteiligungsgremien",
            "teaser": (
                "Eine Partnerkommune bringt eine Frage zu ihrem Integrationsbeirat in die "
                "kollegiale Fallberatung ein: Wie wird aus dem Gremium ein Ort, an dem "
                "Zugewanderte wirklich mitentscheiden? Die anderen Kommunen beraten."
            ),
            "start": FirstDay(132, h(9, 30)),
            "end": EventDay(0, h(12)),
            "event_format": EventFormat.PEER_LEARNING,
            "mode": EventMode.ONLINE,
            "online_access": online_access("peer-learning", "905 617 284"),
            "focus_areas": [FocusAreaRef("beteiligung")],
            "target_audience": PEER_LEARNING_AUDIENCE,
            "body": [
                paragraph(
                    "<p>Die Peer-Learning-Treffen sind nicht öffentlich. Diese Seite nennt den "
                    "Termin, damit die Partnerkommunen ihn in ihren Kalender übernehmen "
                    "können.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(9, 30), h(9, 45), "Ankommen"),
                    agenda(
                        h(9, 45),
                        h(11, 15),
                        "Kollegiale Fallberatung",
                        speakers="Fachbegleitung des ism (Moderation)",
                        description=(
                            "Schlüsselfrage: „Wie können wir erreichen, dass der "
                            "Integrationsbeirat an wichtigen Entscheidungen beteiligt wird?“"
                        ),
                    ),
                    agenda(h(11, 15), h(12), "Fazit der fallgebenden Kommune und Vereinbarungen"),
                ),
            ],
            **NO_REGISTRATION,
        }
    ),
    event_spec(
        {
            "title": "Workshop: Interkulturelle Öffnung der eigenen Verwaltung",
            "slug": "workshop-interkulturelle-oeffnung",
            "teaser": (
                "Vielfaltsmanagement beginnt im eigenen Haus: Wie zeigt sich die Vielfalt der "
                "Bevölkerung in Personalgewinnung, Fortbildung und Publikumsverkehr der "
                "Verwaltung? Der Workshop in Salzgitter sammelt Ansätze und Stolpersteine."
            ),
            "start": FirstDay(146, h(9, 30)),
            "end": EventDay(0, h(15)),
            "event_format": EventFormat.WORKSHOP,
            "mode": EventMode.IN_PERSON,
            **RATHAUS_SALZGITTER,
            "focus_areas": [FocusAreaRef("vielfalt")],
            "target_audience": (
                "Mitarbeiter*innen aus Personal- und Organisationsämtern sowie aus "
                "Integrations- und Gleichstellungsstellen."
            ),
            "body": [
                paragraph(
                    "<p>Wer die Vielfalt der Stadtgesellschaft ernst nimmt, fragt auch nach der "
                    "eigenen Verwaltung: Wer arbeitet hier, wer fühlt sich angesprochen, und wie "
                    "gut gelingt die Verständigung im Alltag? Im Workshop tauschen Sie "
                    "Erfahrungen aus und entwickeln erste Schritte für Ihr eigenes Haus.</p>"
                ),
            ],
            "programme": [
                programme_day(
                    agenda(h(9, 30), h(10), "Ankommen und Begrüßung"),
                    agenda(
                        h(10),
                        h(11),
                        "Impuls: Vielfalt als Aufgabe der Personal- und Organisationsentwicklung",
                    ),
                    agenda(
                        h(11, 15),
                        h(12, 30),
                        "Arbeitsgruppen: Personalgewinnung, Fortbildung, Publikumsverkehr",
                    ),
                    agenda(h(12, 30), h(13, 15), "Mittagspause"),
                    agenda(h(13, 15), h(14, 30), "Erste Schritte für die eigene Verwaltung"),
                    agenda(h(14, 30), h(15), "Abschluss"),
                ),
            ],
            **registration(40, opens=EventDay(-60, h(9)), closes=EventDay(-10, h(12))),
        }
    ),
]

# Created after the German pages of `home.demo_content`, so "Veranstaltungen" follows
# "Aktuell" in the main menu (the legal pages in between are not in the menu).
PAGES: list[PageSpec] = [EVENT_INDEX, *PAST_EVENTS, *UPCOMING_EVENTS]


# --- Registrations ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoRegistration:
    """A made-up registrant; `load_demo_content` registers them through the real service."""

    name: str
    email: str  # example.org: never delivers
    organisation: str
    municipality: str
    role: str
    language: str = "de"
    accessibility_needs: str = ""
    dietary_needs: str = ""
    participant_list_consent: bool = True
    cancelled: bool = False  # cancels again through the service after registering
    # Their mail server refuses the confirmation: a failed mail in the outbox to send again.
    mail_refused: bool = False


# In order of registration: the small Fachforum fills its five seats and three people wait.
REGISTRATIONS: dict[str, list[DemoRegistration]] = {
    SMALL_EVENT_KEY: [
        DemoRegistration(
            "Miriam Aydın",
            "miriam.aydin@example.org",
            "Stadtverwaltung Andernach",
            "Stadt Andernach",
            "Leitung Integrationsbüro",
        ),
        DemoRegistration(
            "Jonas Brettschneider",
            "jonas.brettschneider@example.org",
            "Landkreis Hildesheim",
            "Landkreis Hildesheim",
            "Koordinierungsstelle Migration und Teilhabe",
            accessibility_needs="Ich nutze einen Rollstuhl.",
        ),
        DemoRegistration(
            "Dr. Sevgi Çelik",
            "sevgi.celik@example.org",
            "Stadt Ludwigshafen am Rhein",
            "Stadt Ludwigshafen am Rhein",
            "Integrationsbeauftragte",
        ),
        DemoRegistration(
            "Piotr Nowak",
            "piotr.nowak@example.org",
            "Stadt Salzgitter",
            "Stadt Salzgitter",
            "Sachgebietsleitung Integration",
            participant_list_consent=False,
        ),
        DemoRegistration(
            "Anke Harms",
            "anke.harms@example.org",
            "Landkreis Cuxhaven",
            "Landkreis Cuxhaven",
            "Leitung Stabsstelle Integration",
        ),
        DemoRegistration(
            "Tarek Haddad",
            "tarek.haddad@example.org",
            "Landkreis Rotenburg (Wümme)",
            "Landkreis Rotenburg (Wümme)",
            "Integrationskoordinator",
        ),
        DemoRegistration(
            "Lena Vogt",
            "lena.vogt@example.org",
            "Stadtverwaltung Mainz",
            "Stadt Mainz",
            "Referentin für Integration",
        ),
        DemoRegistration(
            "Samuel Osei",
            "samuel.osei@example.org",
            "Stadt Wolfsburg",
            "Stadt Wolfsburg",
            "Leitung Integrationsreferat",
            language="en",
        ),
    ],
    "fachforum-vielfaltsmanagement": [
        DemoRegistration(
            "Katrin Lehmann",
            "katrin.lehmann@example.org",
            "Stadt Ludwigshafen am Rhein",
            "Stadt Ludwigshafen am Rhein",
            "Fachbereich Soziales",
            dietary_needs="vegetarisch",
        ),
        DemoRegistration(
            "Ali Rahimi",
            "ali.rahimi@example.org",
            "Caritasverband für die Diözese Hildesheim",
            "Landkreis Hildesheim",
            "Migrationsberatung",
        ),
        DemoRegistration(
            "Friederike Janssen",
            "friederike.janssen@example.org",
            "Landkreis Cuxhaven",
            "Landkreis Cuxhaven",
            "Personalentwicklung",
            cancelled=True,
        ),
        DemoRegistration(
            "Emma Wilson",
            "emma.wilson@example.org",
            "Kreisverwaltung Mayen-Koblenz",
            "Landkreis Mayen-Koblenz",
            "Integration officer",
            language="en",
            dietary_needs="vegan",
        ),
        DemoRegistration(
            "Jan Petersen",
            "jan.petersen@example.org",
            "Landkreis Rotenburg (Wümme)",
            "Landkreis Rotenburg (Wümme)",
            "Sozialplanung",
            mail_refused=True,
        ),
    ],
    "online-muslimische-gemeinden": [
        DemoRegistration(
            "Yusuf Demir",
            "yusuf.demir@example.org",
            "Stadt Salzgitter",
            "Stadt Salzgitter",
            "Integrationslotse",
        ),
        DemoRegistration(
            "Christiane Roth",
            "christiane.roth@example.org",
            "Stadtverwaltung Andernach",
            "Stadt Andernach",
            "Bürgerbüro",
        ),
    ],
}
