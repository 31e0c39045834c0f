"""Texts and structure of the demo site's home app: pages, focus areas, municipalities,
images, settings and accounts. Pure data in the vocabulary of `home.demo.specs`.
"""

from home.choices import FederalState, MunicipalityKind

from .specs import (
    DaysAgo,
    DemoAccount,
    FocusAreaRef,
    GeneratedImage,
    ImageRef,
    NewsItem,
    PageSpec,
    Ref,
    T,
    accordion,
    call_to_action,
    heading,
    paragraph,
    quote,
    table,
)

DEMO_NOTE_NEWS = (
    "<p><i>Demo-Inhalt: Diese Nachricht ist ein erfundenes Beispiel für die Demo-Website.</i></p>"
)


# --- Users, locales, site ----------------------------------------------------------------

ADMIN_USERNAME = "admin"
DEFAULT_DEMO_PASSWORD = "querschnitt-demo"

# The demo groups, by key; each app's demo module grants its own permissions to them.
GROUPS = {
    "editors": "Redaktion",
    "organisers": "Veranstaltungsorganisation",
}
ACCOUNTS = [
    DemoAccount(ADMIN_USERNAME, "admin@example.org", superuser=True),
    DemoAccount(
        "redaktion",
        "redaktion@example.org",
        "Rita",
        "Redakteurin (Demo)",
        groups=("editors",),
    ),
    DemoAccount(
        "organisation",
        "organisation@example.org",
        "Oskar",
        "Organisator (Demo)",
        groups=("organisers",),
    ),
]

SITE_NAME = "Integration im Querschnitt"
# The address `make run` serves (SITE_URL, see config/settings/base.py): links in mails, feeds,
# calendar files and the sitemap are built from the Site's host and port.
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


# --- Taxonomies -----------------------------------------------------------------------------

FOCUS_AREAS = [
    {
        "slug": "organisation",
        "number": 1,
        "title": T(
            "Verwaltungsinterne Organisation und Koordination von Integrationsaufgaben",
            "Internal organisation and coordination of integration tasks",
        ),
        "short_title": T("Organisation und Koordination", "Organisation and coordination"),
        "summary": T(
            "Wie die Fachbereiche einer Verwaltung ihr Wissen bündeln und Integrationsaufgaben "
            "gemeinsam steuern – auch zwischen Landkreis und kreisangehörigen Gemeinden.",
            "How the departments of a local authority pool their knowledge and steer "
            "integration tasks together – including between a district and its municipalities.",
        ),
        "page": Ref("organisation"),
    },
    {
        "slug": "akteure",
        "number": 2,
        "title": T(
            "Abstimmung zwischen Akteuren innerhalb und außerhalb der Verwaltung",
            "Coordination between actors inside and outside the administration",
        ),
        "short_title": T("Zusammenarbeit der Akteure", "Cooperation between actors"),
        "summary": T(
            "Wie Verwaltung, freie Träger, Vereine und Ehrenamtliche sich auf gemeinsame Ziele "
            "verständigen und ihre Arbeit aufeinander abstimmen.",
            "How the administration, service providers, associations and volunteers agree on "
            "shared goals and align their work.",
        ),
        "page": Ref("akteure"),
    },
    {
        "slug": "beteiligung",
        "number": 3,
        "title": T(
            "Beteiligung von Zugewanderten und ihren Selbstorganisationen",
            "Participation of immigrants and their self-organisations",
        ),
        "short_title": T("Beteiligung", "Participation"),
        "summary": T(
            "Wie Zugewanderte, ihre Selbstorganisationen und muslimische Gemeinden an der "
            "Planung der Integrationsarbeit mitwirken.",
            "How immigrants, their self-organisations and Muslim communities take part in "
            "planning integration work.",
        ),
        "page": Ref("beteiligung"),
    },
    {
        "slug": "vielfalt",
        "number": 4,
        "title": T(
            "Kooperationsstrukturen für ein kommunales Vielfaltsmanagement",
            "Cooperation structures for municipal diversity management",
        ),
        "short_title": T("Vielfaltsmanagement", "Diversity management"),
        "summary": T(
            "Wie Kommunen ihr Integrationsmanagement zu einem Vielfaltsmanagement "
            "weiterentwickeln und dafür Verwaltung und Zivilgesellschaft verbinden.",
            "How municipalities develop their integration management into diversity "
            "management, linking the administration and civil society.",
        ),
        "page": Ref("vielfalt"),
    },
]

MUNICIPALITIES = [
    {
        "slug": "andernach",
        "name": "Stadt Andernach",
        "kind": MunicipalityKind.CITY,
        "state": FederalState.RHINELAND_PALATINATE,
        "sort_order": 10,
    },
    {
        "slug": "ludwigshafen",
        "name": "Stadt Ludwigshafen am Rhein",
        "kind": MunicipalityKind.CITY,
        "state": FederalState.RHINELAND_PALATINATE,
        "sort_order": 20,
    },
    {
        "slug": "salzgitter",
        "name": "Stadt Salzgitter",
        "kind": MunicipalityKind.CITY,
        "state": FederalState.LOWER_SAXONY,
        "sort_order": 30,
    },
    {
        "slug": "cuxhaven",
        "name": "Landkreis Cuxhaven",
        "kind": MunicipalityKind.DISTRICT,
        "state": FederalState.LOWER_SAXONY,
        "sort_order": 40,
    },
    {
        "slug": "hildesheim",
        "name": "Landkreis Hildesheim",
        "kind": MunicipalityKind.DISTRICT,
        "state": FederalState.LOWER_SAXONY,
        "sort_order": 50,
    },
    {
        "slug": "rotenburg-wuemme",
        "name": "Landkreis Rotenburg (Wümme)",
        "kind": MunicipalityKind.DISTRICT,
        "state": FederalState.LOWER_SAXONY,
        "sort_order": 60,
    },
]

# --- Images ---------------------------------------------------------------------------------

NEWS_IMAGES = [
    GeneratedImage(
        key="fachforum",
        title="Demo-Bild: Fachforum",
        lines=("Fachforum",),
        background="#1d4f7a",
        foreground="#ffffff",
    ),
    GeneratedImage(
        key="beteiligung",
        title="Demo-Bild: Beteiligung",
        lines=("Beteiligung",),
        background="#7a3b1d",
        foreground="#ffffff",
    ),
    GeneratedImage(
        key="netzwerk",
        title="Demo-Bild: Netzwerk der Partnerkommunen",
        lines=("6 Kommunen", "1 Netzwerk"),
        background="#245c3a",
        foreground="#ffffff",
    ),
]

FUNDER_LOGO_SIZE = (480, 192)

FUNDERS = [
    {
        "name": "Europäische Union – Asyl-, Migrations- und Integrationsfonds (AMIF)"
        " [Demo: Platzhalter-Logo]",
        "logo": GeneratedImage(
            key="logo-amif",
            title="Platzhalter-Logo: EU – AMIF",
            lines=("DEMO: Platzhalter-Logo", "EU · AMIF"),
            background="#ffffff",
            foreground="#003399",
            size=FUNDER_LOGO_SIZE,
            shapes=False,
        ),
    },
    {
        "name": "Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung"
        " [Demo: Platzhalter-Logo]",
        "logo": GeneratedImage(
            key="logo-ms-niedersachsen",
            title="Platzhalter-Logo: Sozialministerium Niedersachsen",
            lines=("DEMO: Platzhalter-Logo", "MS Niedersachsen"),
            background="#ffffff",
            foreground="#a4141e",
            size=FUNDER_LOGO_SIZE,
            shapes=False,
        ),
    },
    {
        "name": "Ministerium für Familie, Frauen, Kultur und Integration Rheinland-Pfalz"
        " [Demo: Platzhalter-Logo]",
        "logo": GeneratedImage(
            key="logo-mffki-rlp",
            title="Platzhalter-Logo: Integrationsministerium Rheinland-Pfalz",
            lines=("DEMO: Platzhalter-Logo", "MFFKI RLP"),
            background="#ffffff",
            foreground="#1d1d1b",
            size=FUNDER_LOGO_SIZE,
            shapes=False,
        ),
    },
    {
        "name": "Stadt Ludwigshafen am Rhein [Demo: Platzhalter-Logo]",
        "logo": GeneratedImage(
            key="logo-ludwigshafen",
            title="Platzhalter-Logo: Stadt Ludwigshafen am Rhein",
            lines=("DEMO: Platzhalter-Logo", "Ludwigshafen"),
            background="#ffffff",
            foreground="#005ca9",
            size=FUNDER_LOGO_SIZE,
            shapes=False,
        ),
    },
]

ALL_IMAGES = NEWS_IMAGES + [funder["logo"] for funder in FUNDERS]

# --- Site settings --------------------------------------------------------------------------

SITE_SETTINGS = {
    "organisation": "Institut für Sozialpädagogische Forschung Mainz gGmbH (ism)",
    "street": "Flachsmarktstraße 9",
    "postal_code": "55116",
    "city": "Mainz",
    "email": "querschnitt@example.org",  # example.org: a demo address that never delivers
    "phone": "06131 000000 (Demo)",  # no German subscriber number starts with 0
    "imprint_page": Ref("impressum"),
    "privacy_page": Ref("datenschutz"),
    "accessibility_page": Ref("barrierefreiheit"),
}

# --- Pages ----------------------------------------------------------------------------------

AKTUELL_CTA = call_to_action(
    "Aus der Praxis",
    "Berichte aus Fachforen und Peer-Learning-Treffen finden Sie unter „Aktuell“.",
    "Zu den Nachrichten",
    page=Ref("aktuell"),
)

HOME = PageSpec(
    key="home",
    parent=None,
    model="home.HomePage",
    translate=True,
    fields={
        "title": T("Integration im Querschnitt", "Integration im Querschnitt"),
        # Wagtail names copies of root-level pages "<slug>-<language>"; we keep that scheme.
        "slug": T("home", "home-en"),
        "intro": T(
            "<p>Integration betrifft fast jeden Fachbereich einer Kommunalverwaltung – vom "
            "Sozialamt über die Schulverwaltung bis zur Ausländerbehörde. Das Projekt "
            "<b>„Integration im Querschnitt“</b> begleitet sechs Städte und Landkreise in "
            "Niedersachsen und Rheinland-Pfalz dabei, ihre Zusammenarbeit in der "
            "Integrationsarbeit neu zu ordnen: innerhalb der Verwaltung, mit Partner*innen vor "
            "Ort und mit den Menschen, um die es geht.</p>"
            "<p>Durchgeführt wird das Projekt vom Institut für Sozialpädagogische Forschung "
            "Mainz (ism).</p>",
            "<p>Integration concerns almost every department of a local authority – from the "
            "social welfare office and the schools department to the immigration office. The "
            "project <b>“Integration im Querschnitt”</b> (integration as a cross-cutting task) "
            "supports six cities and districts in Lower Saxony and Rhineland-Palatinate in "
            "reorganising how they work together on integration: within the administration, "
            "with local partners and with the people it is all about.</p>"
            "<p>The project is run by the Institut für Sozialpädagogische Forschung Mainz "
            "(ism), an independent social research institute.</p>",
        ),
        "focus_areas_heading": T("Vier Gestaltungsbereiche", "Four fields of action"),
        "focus_areas_intro": T(
            "Alle Maßnahmen des Projekts lassen sich einem von vier Gestaltungsbereichen zuordnen.",
            "Every activity of the project belongs to one of four fields of action.",
        ),
        "municipalities_heading": T("Sechs Projektstandorte", "Six partner municipalities"),
        "municipalities_intro": T(
            "Drei Städte und drei Landkreise aus zwei Bundesländern arbeiten im Projekt "
            "zusammen und lernen voneinander.",
            "Three cities and three districts from two federal states work together in the "
            "project and learn from each other.",
        ),
        "municipalities_page": Ref("projektstandorte"),
        "body": [
            call_to_action(
                T("Mehr über das Projekt", "More about the project"),
                T(
                    "Ziele, Arbeitsweise und Förderung im Überblick.",
                    "Aims, working methods and funding at a glance.",
                ),
                T("Zum Projekt", "About the project"),
                page=Ref("about"),
            ),
        ],
    },
)

ABOUT = PageSpec(
    key="about",
    parent="home",
    model="home.ContentPage",
    translate=True,
    fields={
        "title": T("Über das Projekt", "About the project"),
        "slug": T("ueber-das-projekt", "about-the-project"),
        "show_in_menus": True,
        "intro": T(
            "„Integration im Querschnitt“ unterstützt Kommunalverwaltungen dabei, Integration "
            "als gemeinsame Aufgabe vieler Fachbereiche zu organisieren – und nicht als "
            "Sonderthema einer einzelnen Stelle.",
            "“Integration im Querschnitt” helps local authorities to organise integration as a "
            "shared task of many departments – rather than as a special topic for a single "
            "office.",
        ),
        "body": [
            heading(T("Worum es geht", "What it is about")),
            paragraph(
                T(
                    "<p>Mit der starken Fluchtzuwanderung der vergangenen Jahre ist in vielen "
                    "Kommunen deutlich geworden: Fast jeder Fachbereich hat mit Fragen der "
                    "Integration zu tun. Damit diese Arbeit nicht nebeneinanderher läuft, "
                    "braucht es abgestimmte Strukturen – innerhalb der Verwaltung und mit "
                    "Partner*innen außerhalb.</p>"
                    "<p>Gemeinsam mit sechs Partnerkommunen in Niedersachsen und "
                    "Rheinland-Pfalz erprobt das Projekt, wie sich die Zusammenarbeit im "
                    "kommunalen Integrationsmanagement besser organisieren lässt. Träger ist "
                    "das Institut für Sozialpädagogische Forschung Mainz gGmbH (ism).</p>",
                    "<p>The large number of refugees who arrived in recent years has made one "
                    "thing clear in many municipalities: almost every department deals with "
                    "questions of integration. To keep this work from running side by side "
                    "without connection, coordinated structures are needed – within the "
                    "administration and with partners outside it.</p>"
                    "<p>Together with six partner municipalities in Lower Saxony and "
                    "Rhineland-Palatinate, the project explores how cooperation in municipal "
                    "integration management can be better organised. It is run by the "
                    "Institut für Sozialpädagogische Forschung Mainz gGmbH (ism).</p>",
                )
            ),
            heading(T("Vier Gestaltungsbereiche", "Four fields of action")),
            paragraph(
                T(
                    "<ul>"
                    "<li><b>Organisation und Koordination:</b> Die Fachbereiche der Verwaltung "
                    "bündeln ihr Wissen, damit die Adressat*innen ihrer Leistungen davon "
                    "profitieren.</li>"
                    "<li><b>Zusammenarbeit der Akteure:</b> Verwaltung, freie Träger, Vereine "
                    "und Ehrenamtliche verständigen sich auf gemeinsame Ziele.</li>"
                    "<li><b>Beteiligung:</b> Zugewanderte und ihre Selbstorganisationen wirken "
                    "schon an der Planung mit.</li>"
                    "<li><b>Vielfaltsmanagement:</b> Kommunen bauen Kooperationsstrukturen auf, "
                    "die über Integration im engeren Sinn hinausgehen.</li>"
                    "</ul>",
                    "<ul>"
                    "<li><b>Organisation and coordination:</b> the departments of the "
                    "administration pool their knowledge so that the people they serve "
                    "benefit.</li>"
                    "<li><b>Cooperation between actors:</b> the administration, service "
                    "providers, associations and volunteers agree on shared goals.</li>"
                    "<li><b>Participation:</b> immigrants and their self-organisations take part "
                    "from the planning stage onwards.</li>"
                    "<li><b>Diversity management:</b> municipalities build cooperation "
                    "structures that go beyond integration in the narrow sense.</li>"
                    "</ul>",
                )
            ),
            heading(T("So arbeitet das Projekt", "How the project works")),
            paragraph(
                T(
                    "<p>Mitarbeiter*innen des ism begleiten die Partnerkommunen fachlich. In "
                    "<b>Peer-to-Peer-Lernformaten</b> stellen die Kommunen einander ihre "
                    "Konzepte vor, bringen eigene Fragestellungen ein und beraten sich "
                    "gegenseitig. In offenen <b>Fachforen</b> vertiefen Fach- und "
                    "Führungskräfte aus interessierten Kommunen einzelne Schwerpunktthemen.</p>",
                    "<p>Staff of the ism support the partner municipalities with their "
                    "expertise. In <b>peer-to-peer learning formats</b>, the municipalities "
                    "present their approaches to each other, bring in their own questions and "
                    "advise one another. In open <b>expert forums</b>, professionals and "
                    "managers from interested municipalities explore selected topics in "
                    "depth.</p>",
                )
            ),
            quote(
                T(
                    "Integration ist nicht die Aufgabe eines einzelnen Amtes. Sie gelingt dort, "
                    "wo Fachbereiche ihre Zuständigkeiten gemeinsam denken.",
                    "Integration is not the job of a single office. It succeeds where "
                    "departments think about their responsibilities together.",
                ),
                role=T("Beispielzitat (Demo-Inhalt)", "Sample quote (demo content)"),
            ),
            heading(T("Förderung", "Funding")),
            paragraph(
                T(
                    "<p>Das Projekt wird aus dem Asyl-, Migrations- und Integrationsfonds (AMIF) "
                    "der Europäischen Union gefördert. Weitere Mittel stellen die für "
                    "Integration und Teilhabe zuständigen Ministerien der Länder Niedersachsen "
                    "und Rheinland-Pfalz sowie die Stadt Ludwigshafen am Rhein bereit.</p>",
                    "<p>The project is funded by the European Union’s Asylum, Migration and "
                    "Integration Fund (AMIF). Further funding comes from the ministries "
                    "responsible for integration and participation in Lower Saxony and "
                    "Rhineland-Palatinate and from the City of Ludwigshafen am Rhein.</p>",
                )
            ),
            accordion(
                T("Häufige Fragen", "Frequently asked questions"),
                [
                    (
                        T(
                            "Wer kann an den Fachforen teilnehmen?",
                            "Who can take part in the expert forums?",
                        ),
                        T(
                            "<p>Die Fachforen sind offen für Fach- und Führungskräfte aus allen "
                            "interessierten Kommunen in Niedersachsen und Rheinland-Pfalz. "
                            "Teilnehmer*innen aus anderen Bundesländern sind ebenfalls "
                            "willkommen.</p>",
                            "<p>The expert forums are open to professionals and managers from "
                            "all interested municipalities in Lower Saxony and "
                            "Rhineland-Palatinate. Participants from other federal states are "
                            "welcome too.</p>",
                        ),
                    ),
                    (
                        T(
                            "Was geschieht in den Peer-to-Peer-Lernformaten?",
                            "What happens in the peer-to-peer learning formats?",
                        ),
                        T(
                            "<p>Die sechs Partnerkommunen beraten sich in einem geschützten "
                            "Rahmen. Eine Kommune schildert eine konkrete Fragestellung, die "
                            "anderen bringen ihre Erfahrungen und Lösungsideen ein. Diese "
                            "Formate sind nicht öffentlich.</p>",
                            "<p>The six partner municipalities advise each other in a "
                            "protected setting. One municipality describes a specific question, "
                            "and the others contribute their experience and ideas. These "
                            "formats are not public.</p>",
                        ),
                    ),
                    (
                        T("Wer führt das Projekt durch?", "Who runs the project?"),
                        T(
                            "<p>Das Institut für Sozialpädagogische Forschung Mainz gGmbH (ism) "
                            "führt das Projekt durch und begleitet die Partnerkommunen "
                            "fachlich.</p>",
                            "<p>The project is run by the Institut für Sozialpädagogische "
                            "Forschung Mainz gGmbH (ism), which also supports the partner "
                            "municipalities with its expertise.</p>",
                        ),
                    ),
                    (
                        T(
                            "Wo finde ich Termine und Neuigkeiten?",
                            "Where can I find dates and news?",
                        ),
                        T(
                            "<p>Nachrichten aus dem Projekt und die nächsten Veranstaltungen "
                            "finden Sie im Menü unter „Aktuell“.</p>",
                            "<p>News from the project and upcoming events are in the "
                            "“Current” section of the menu; items without an English version "
                            "are shown in German.</p>",
                        ),
                    ),
                ],
            ),
            call_to_action(
                T("Termine und Neuigkeiten", "News and events"),
                T(
                    "Berichte aus dem Projekt und die nächsten Fachforen finden Sie unter "
                    "„Aktuell“.",
                    "Reports from the project and upcoming expert forums, mostly in German.",
                ),
                T("Zu „Aktuell“", "Go to “Current”"),
                page=Ref("aktuell"),
            ),
        ],
    },
)

FOCUS_OVERVIEW = PageSpec(
    key="gestaltungsbereiche",
    parent="home",
    model="home.ContentPage",
    fields={
        "title": "Gestaltungsbereiche",
        "slug": "gestaltungsbereiche",
        "show_in_menus": True,
        "intro": (
            "Die Maßnahmen des Projekts setzen an vier Stellen an. Hier finden Sie die "
            "Gestaltungsbereiche im Überblick; die Unterseiten erklären, worum es jeweils geht."
        ),
        "body": [
            heading("1. Organisation und Koordination in der Verwaltung"),
            paragraph(
                "<p>Fast alle Fachbereiche einer Kommunalverwaltung haben mit Integration zu "
                "tun. Gefragt sind Formate, in denen sie ihr Wissen zusammenführen – und eine "
                "Integrationsstelle mit klarem Auftrag. "
                '<a linktype="page" id="@organisation">Mehr zum Bereich Organisation und '
                "Koordination</a></p>"
            ),
            heading("2. Zusammenarbeit mit Akteuren in und außerhalb der Verwaltung"),
            paragraph(
                "<p>Verwaltung, freie Träger, Vereine und Ehrenamtliche verfolgen eigene "
                "Prioritäten. Das Projekt unterstützt sie dabei, gemeinsame Ziele zu vereinbaren "
                'und ihre Arbeit abzustimmen. <a linktype="page" id="@akteure">Mehr zum Bereich '
                "Zusammenarbeit der Akteure</a></p>"
            ),
            heading("3. Beteiligung von Zugewanderten"),
            paragraph(
                "<p>Zugewanderte und ihre Selbstorganisationen sollen Integrationsangebote "
                "mitgestalten, statt nur deren Zielgruppe zu sein. "
                '<a linktype="page" id="@beteiligung">Mehr zum Bereich Beteiligung</a></p>'
            ),
            heading("4. Kommunales Vielfaltsmanagement"),
            paragraph(
                "<p>Einige Kommunen entwickeln ihr Integrationsmanagement zu einem "
                "Vielfaltsmanagement weiter und binden dafür noch mehr Partner*innen ein. "
                '<a linktype="page" id="@vielfalt">Mehr zum Bereich Vielfaltsmanagement</a></p>'
            ),
        ],
    },
)

FOCUS_PAGES = [
    PageSpec(
        key="organisation",
        parent="gestaltungsbereiche",
        model="home.ContentPage",
        fields={
            "title": "Organisation und Koordination in der Verwaltung",
            "slug": "organisation",
            "show_in_menus": True,
            "intro": (
                "Integration ist eine Querschnittsaufgabe: Fast alle Fachbereiche einer "
                "Kommunalverwaltung haben damit zu tun. Dieser Gestaltungsbereich fragt, wie die "
                "Verwaltung ihre Kräfte bündelt."
            ),
            "body": [
                heading("Worum es geht"),
                paragraph(
                    "<p>Mit der gestiegenen Fluchtzuwanderung hat sich gezeigt: "
                    "Integrationsfragen tauchen im Sozialamt ebenso auf wie in der "
                    "Schulverwaltung, im Jugendamt oder in der Ausländerbehörde. Jeder Bereich "
                    "sammelt dabei eigenes Wissen und eigene Erfahrungen.</p>"
                    "<p>Im Projekt geht es darum, dieses Wissen so zusammenzuführen, dass alle "
                    "Beteiligten einen Nutzen davon haben – vor allem die Adressat*innen der "
                    "kommunalen Leistungen.</p>"
                ),
                heading("Was im Projekt entsteht"),
                paragraph(
                    "<ul>"
                    "<li>wirksame Formate und Verfahren, in denen Fachbereiche über ihre Grenzen "
                    "hinweg planen und zusammenarbeiten</li>"
                    "<li>ein zeitgemäßes Aufgabenprofil für die Stelle, die in der Verwaltung "
                    "eigens für Integration zuständig ist</li>"
                    "</ul>"
                ),
                heading("Landkreis und kreisangehörige Gemeinden"),
                paragraph(
                    "<p>Viele kreisangehörige Gemeinden haben in den letzten Jahren eigenes "
                    "Personal und eigene Strukturen geschaffen, um geflüchtete Menschen gut "
                    "aufzunehmen. Inzwischen haben sich die Anforderungen gewandelt. Das Projekt "
                    "hilft dabei, die Aufgaben der Gemeinden und ihr Zusammenspiel mit der "
                    "Kreisverwaltung neu zu bestimmen.</p>"
                ),
                AKTUELL_CTA,
            ],
        },
    ),
    PageSpec(
        key="akteure",
        parent="gestaltungsbereiche",
        model="home.ContentPage",
        fields={
            "title": "Zusammenarbeit mit Akteuren in und außerhalb der Verwaltung",
            "slug": "akteure",
            "show_in_menus": True,
            "intro": (
                "Zur Integration vor Ort tragen viele bei: Verwaltung, Wohlfahrtsverbände, "
                "Bildungsträger, Vereine und Ehrenamtliche. Dieser Gestaltungsbereich zielt auf "
                "gemeinsame Ziele und eine abgestimmte Praxis."
            ),
            "body": [
                heading("Worum es geht"),
                paragraph(
                    "<p>Damit neu zugewanderte Menschen gleichberechtigt teilhaben können, "
                    "engagieren sich in jeder Kommune zahlreiche Stellen und Organisationen. "
                    "Ihre Arbeit wirkt am besten, wenn sie sich auf gemeinsame Ziele und "
                    "Schwerpunkte verständigen, Übergänge zwischen ihren Angeboten klären und "
                    "berücksichtigen, wie ihre Arbeitsfelder einander beeinflussen.</p>"
                    "<p>Leicht ist das nicht: Die Beteiligten setzen unterschiedliche "
                    "Prioritäten, arbeiten nach eigenen Routinen und verfolgen eigene "
                    "Interessen.</p>"
                ),
                heading("Was im Projekt entsteht"),
                paragraph(
                    "<p>Das Projekt unterstützt Strukturen und Abläufe, in denen die Akteure "
                    "ihre Integrationsarbeit gemeinsam strategisch planen und regelmäßig "
                    "miteinander überprüfen, was sie erreicht haben.</p>"
                ),
                heading("Haupt- und Ehrenamt"),
                paragraph(
                    "<p>Ein Schwerpunkt liegt darauf, wie hauptamtliche Fachkräfte und "
                    "ehrenamtlich Engagierte besser zusammenarbeiten können.</p>"
                ),
                AKTUELL_CTA,
            ],
        },
    ),
    PageSpec(
        key="beteiligung",
        parent="gestaltungsbereiche",
        model="home.ContentPage",
        fields={
            "title": "Beteiligung von Zugewanderten",
            "slug": "beteiligung",
            "show_in_menus": True,
            "intro": (
                "Menschen, für die Integrationsangebote gemacht werden, sollen sie auch "
                "mitgestalten können. Dieser Gestaltungsbereich stärkt ihre Beteiligung."
            ),
            "body": [
                heading("Worum es geht"),
                paragraph(
                    "<p>Wer erst in den letzten Jahren aus Ländern wie Syrien, Afghanistan oder "
                    "dem Irak nach Deutschland gekommen ist, findet oft noch kaum eigene Vereine "
                    "oder Netzwerke vor. Für Kommunen ist es deshalb schwer, diese Gruppen als "
                    "Partner*innen in ihr Integrationsmanagement einzubeziehen.</p>"
                    "<p>Auch muslimische Gemeinden sind in kommunalen Integrationsnetzwerken "
                    "bislang häufig nur am Rand vertreten.</p>"
                ),
                heading("Was im Projekt entsteht"),
                paragraph(
                    "<p>Das Projekt unterstützt Ansätze, mit denen Zugewanderte und ihre "
                    "Selbstorganisationen schon bei der Planung von Maßnahmen mitreden – und "
                    "nicht erst als Zielgruppe fertiger Angebote angesprochen werden.</p>"
                ),
                AKTUELL_CTA,
            ],
        },
    ),
    PageSpec(
        key="vielfalt",
        parent="gestaltungsbereiche",
        model="home.ContentPage",
        fields={
            "title": "Kommunales Vielfaltsmanagement",
            "slug": "vielfalt",
            "show_in_menus": True,
            "intro": (
                "Einige Kommunen entwickeln ihr Integrationsmanagement zu einem "
                "Vielfaltsmanagement weiter. Dieser Gestaltungsbereich begleitet den Aufbau der "
                "nötigen Kooperationsstrukturen."
            ),
            "body": [
                heading("Worum es geht"),
                paragraph(
                    "<p>Ob jemand einen Migrationshintergrund hat, sagt immer weniger über seine "
                    "Lebenslage und seinen Unterstützungsbedarf aus. Einige Kommunen richten ihr "
                    "Integrationsmanagement deshalb breiter aus und verstehen es als Management "
                    "von Vielfalt.</p>"
                    "<p>Das heißt auch: Noch mehr Bereiche der Verwaltung und noch mehr "
                    "Partner*innen aus der Stadtgesellschaft müssen eingebunden werden.</p>"
                ),
                heading("Was im Projekt entsteht"),
                paragraph(
                    "<p>Gemeinsam mit den Partnerkommunen entwickelt das Projekt Modelle dafür, "
                    "wie sich die Verwaltung intern abstimmt und wie sie zivilgesellschaftliche "
                    "Akteure beteiligt.</p>"
                ),
                AKTUELL_CTA,
            ],
        },
    ),
]

SITES_PAGE = PageSpec(
    key="projektstandorte",
    parent="home",
    model="home.ContentPage",
    fields={
        "title": "Projektstandorte",
        "slug": "projektstandorte",
        "show_in_menus": True,
        "intro": (
            "Sechs Kommunen aus Niedersachsen und Rheinland-Pfalz sind Partnerinnen im Projekt: "
            "drei Städte und drei Landkreise."
        ),
        "body": [
            heading("Die Partnerkommunen im Überblick"),
            table(
                "Projektstandorte nach Art der Kommune und Bundesland",
                [
                    ["Kommune", "Art", "Bundesland"],
                    ["Andernach", "Stadt", "Rheinland-Pfalz"],
                    ["Ludwigshafen am Rhein", "Stadt", "Rheinland-Pfalz"],
                    ["Salzgitter", "Stadt", "Niedersachsen"],
                    ["Cuxhaven", "Landkreis", "Niedersachsen"],
                    ["Hildesheim", "Landkreis", "Niedersachsen"],
                    ["Rotenburg (Wümme)", "Landkreis", "Niedersachsen"],
                ],
            ),
            heading("Rheinland-Pfalz"),
            paragraph(
                "<p>In Rheinland-Pfalz sind die <b>Stadt Andernach</b> und die <b>Stadt "
                "Ludwigshafen am Rhein</b> dabei. Die Stadt Ludwigshafen trägt außerdem zur "
                "Finanzierung des Projekts bei.</p>"
            ),
            heading("Niedersachsen"),
            paragraph(
                "<p>Aus Niedersachsen beteiligen sich die <b>Stadt Salzgitter</b> sowie die "
                "Landkreise <b>Cuxhaven</b>, <b>Hildesheim</b> und <b>Rotenburg (Wümme)</b>. In "
                "den Landkreisen spielt das Zusammenspiel zwischen Kreisverwaltung und "
                "kreisangehörigen Gemeinden eine besondere Rolle.</p>"
            ),
            heading("Was die Partnerkommunen verbindet"),
            paragraph(
                "<p>Alle sechs Kommunen entwickeln ihr Integrationsmanagement mit fachlicher "
                "Begleitung durch das ism weiter. In gemeinsamen Peer-to-Peer-Lernformaten "
                "stellen sie sich gegenseitig ihre Ansätze vor und beraten einander bei "
                "konkreten Fragestellungen.</p>"
            ),
        ],
    },
)

NEWS_INDEX = PageSpec(
    key="aktuell",
    parent="home",
    model="home.NewsIndexPage",
    translate=True,
    fields={
        "title": T("Aktuell", "Current"),
        "slug": T("aktuell", "current"),
        "show_in_menus": True,
        "intro": T(
            "Was jetzt ansteht: die nächsten Fachforen und anderen Veranstaltungen, Berichte "
            "aus dem Projekt, Rückblicke und Hinweise auf neue Materialien. Hinweis: Die "
            "Nachrichten und Veranstaltungen auf dieser Demo-Website sind erfundene Beispiele.",
            "What is coming up: the next expert forums and other events, reports from the "
            "project, reviews and new materials. News items without an English version are "
            "shown in German. Note: the news and events on this demo website are invented "
            "examples.",
        ),
    },
)

NEWS = [
    NewsItem(
        slug="rueckblick-fachforum-koordination",
        days_ago=8,
        title="Rückblick: Fachforum zur Koordination über Fachbereichsgrenzen",
        teaser=(
            "Rund 60 Fach- und Führungskräfte aus Kommunen in Niedersachsen und "
            "Rheinland-Pfalz haben diskutiert, wie sich Integrationsarbeit über Ämtergrenzen "
            "hinweg steuern lässt."
        ),
        body=[
            paragraph(
                "<p>Wie gelingt es, dass Sozialamt, Jugendamt, Schulverwaltung und "
                "Ausländerbehörde an einem Strang ziehen? Darum ging es beim Fachforum des "
                "Projekts. In kurzen Impulsen zeigten Teilnehmer*innen, wie sie "
                "fachbereichsübergreifende Arbeitsgruppen und Steuerungsrunden organisieren.</p>"
            ),
            heading("Drei Erkenntnisse"),
            paragraph(
                "<ul>"
                "<li>Koordination braucht einen klaren Auftrag der Verwaltungsspitze.</li>"
                "<li>Gemeinsame Ziele entstehen eher in kleinen, regelmäßigen Runden als in "
                "großen Konferenzen.</li>"
                "<li>Die Integrationsstelle wird zur Moderatorin zwischen den Fachbereichen.</li>"
                "</ul>"
            ),
            quote(
                "Wir haben gemerkt, dass viele Ämter längst mit denselben Familien arbeiten – "
                "nur nicht miteinander.",
                role="Teilnehmerin des Fachforums (Beispielzitat)",
            ),
        ],
        focus_areas=("organisation",),
        related=("organisation",),
        image="fachforum",
        image_alt="Grafik: der Schriftzug „Fachforum“ in Weiß auf dunkelblauem Grund",
    ),
    NewsItem(
        slug="peer-learning-landkreis-und-gemeinden",
        days_ago=23,
        title="Peer-Learning: Wie Landkreis und Gemeinden Aufgaben teilen",
        teaser=(
            "Beim Peer-Learning-Treffen der Partnerkommunen ging es um die Frage, welche "
            "Integrationsaufgaben beim Landkreis liegen und welche bei den Gemeinden."
        ),
        body=[
            paragraph(
                "<p>Viele kreisangehörige Gemeinden haben eigene Stellen für Integration "
                "geschaffen. Wie diese mit der Kreisverwaltung zusammenarbeiten, ist aber oft "
                "nicht geregelt. Eine Partnerkommune brachte diese Frage als Fall in die "
                "kollegiale Beratung ein.</p>"
                "<p>Die anderen Kommunen berichteten, wie sie Zuständigkeiten vereinbart haben, "
                "und gaben Hinweise für eine schriftliche Kooperationsvereinbarung. Die "
                "Fachbegleitung des ism fasste die Anregungen anschließend zusammen.</p>"
            ),
        ],
        focus_areas=("organisation",),
        related=("organisation",),
    ),
    NewsItem(
        slug="arbeitshilfe-kooperationsvereinbarungen",
        days_ago=45,
        title="Neue Arbeitshilfe: Kooperationsvereinbarungen mit freien Trägern",
        teaser=(
            "Eine kurze Arbeitshilfe zeigt, wie Kommunen mit Wohlfahrtsverbänden, "
            "Bildungsträgern und Vereinen verbindliche Absprachen für die Integrationsarbeit "
            "treffen können."
        ),
        body=[
            paragraph(
                "<p>Wer macht was, wer informiert wen, und wie prüfen alle gemeinsam, ob die "
                "Angebote wirken? Die Arbeitshilfe bündelt Erfahrungen aus den Partnerkommunen "
                "zu diesen Fragen.</p>"
                "<p>Sie enthält eine Gliederung für Kooperationsvereinbarungen, Leitfragen für "
                "ein erstes Abstimmungsgespräch und Beispiele für gemeinsame Kennzahlen.</p>"
            ),
        ],
        focus_areas=("akteure",),
        related=("akteure",),
    ),
    NewsItem(
        slug="hauptamt-und-ehrenamt",
        days_ago=67,
        title="Haupt- und Ehrenamt: Zusammenarbeit auf Augenhöhe",
        teaser=(
            "Wie arbeiten hauptamtliche Fachkräfte und ehrenamtlich Engagierte gut zusammen? "
            "Ein Peer-Learning-Treffen hat Erfahrungen aus den Partnerkommunen gesammelt."
        ),
        body=[
            paragraph(
                "<p>Ehrenamtliche begleiten Zugewanderte zu Behörden, geben Sprachunterricht "
                "oder organisieren Begegnungen. Damit ihr Engagement nicht ins Leere läuft, "
                "brauchen sie feste Ansprechpersonen in der Verwaltung und verlässliche "
                "Informationen.</p>"
            ),
            heading("Was sich bewährt hat"),
            paragraph(
                "<ul>"
                "<li>feste Ansprechpersonen für Ehrenamtliche in der Verwaltung</li>"
                "<li>regelmäßige Austauschtreffen mit klarer Tagesordnung</li>"
                "<li>gemeinsame Fortbildungen für Haupt- und Ehrenamtliche</li>"
                "</ul>"
            ),
        ],
        focus_areas=("akteure",),
        related=("akteure",),
    ),
    NewsItem(
        slug="fachforum-beteiligung",
        days_ago=94,
        title="Fachforum Beteiligung: Selbstorganisationen an den Planungstisch",
        teaser=(
            "Wie lassen sich Migrant*innenorganisationen früh an der Planung kommunaler "
            "Integrationsarbeit beteiligen? Das Fachforum stellte Ansätze vor und benannte "
            "Stolpersteine."
        ),
        body=[
            paragraph(
                "<p>Oft werden Zugewanderte erst angesprochen, wenn ein Angebot schon fertig "
                "geplant ist. Das Fachforum drehte die Perspektive um: Wie können Menschen mit "
                "Einwanderungsgeschichte von Anfang an mitreden?</p>"
            ),
            heading("Ansätze aus der Praxis"),
            paragraph(
                "<ul>"
                "<li>Beiräte und offene Foren, die mehr sind als eine Anhörung</li>"
                "<li>Unterstützung junger Vereine bei Räumen, Förderanträgen und Vernetzung</li>"
                "<li>Aufwandsentschädigungen für Engagierte, die an Planungsrunden "
                "teilnehmen</li>"
                "</ul>"
            ),
        ],
        focus_areas=("beteiligung",),
        related=("beteiligung",),
        image="beteiligung",
        image_alt="Grafik: der Schriftzug „Beteiligung“ in Weiß auf rotbraunem Grund",
    ),
    NewsItem(
        slug="muslimische-gemeinden-im-netzwerk",
        days_ago=121,
        title="Muslimische Gemeinden als Partnerinnen im Integrationsnetzwerk",
        teaser=(
            "Muslimische Gemeinden leisten viel für neu zugewanderte Menschen, sind in "
            "kommunalen Netzwerken aber selten vertreten. Ein Austausch der Partnerkommunen "
            "ging den Gründen nach."
        ),
        body=[
            paragraph(
                "<p>Moscheegemeinden bieten Beratung, Hausaufgabenhilfe oder "
                "Begegnungsangebote – häufig ehrenamtlich und ohne Förderung. In kommunalen "
                "Integrationsnetzwerken spielen sie trotzdem oft nur eine Nebenrolle.</p>"
                "<p>Im Austausch wurde deutlich, was hilft: persönliche Kontakte, Termine "
                "außerhalb der üblichen Bürozeiten und eine klare Vorstellung davon, was die "
                "Zusammenarbeit beiden Seiten bringt.</p>"
            ),
        ],
        focus_areas=("beteiligung", "akteure"),
    ),
    NewsItem(
        slug="von-integration-zu-vielfalt",
        days_ago=152,
        title="Von Integration zu Vielfalt: Was ändert sich für die Verwaltung?",
        teaser=(
            "Immer mehr Kommunen sprechen von Vielfaltsmanagement statt von "
            "Integrationsmanagement. Ein Impulspapier aus dem Projekt beschreibt, was dieser "
            "Schritt für Strukturen und Zuständigkeiten bedeutet."
        ),
        body=[
            paragraph(
                "<p>Der Migrationshintergrund allein sagt wenig darüber aus, welche "
                "Unterstützung ein Mensch braucht. Kommunen, die Vielfalt in den Mittelpunkt "
                "stellen, richten ihre Angebote deshalb an Lebenslagen aus – und müssen dafür "
                "mehr Fachbereiche und Partner*innen einbinden.</p>"
                "<p>Das Impulspapier beschreibt drei Modelle der Koordination und nennt Fragen, "
                "die sich eine Verwaltung vor dem Umbau stellen sollte.</p>"
            ),
        ],
        focus_areas=("vielfalt", "organisation"),
        related=("vielfalt",),
    ),
    NewsItem(
        slug="das-projekt-stellt-sich-vor",
        days_ago=186,
        title="Sechs Kommunen, ein Netzwerk: Das Projekt stellt sich vor",
        teaser=(
            "Drei Städte und drei Landkreise aus Niedersachsen und Rheinland-Pfalz entwickeln "
            "ihr Integrationsmanagement gemeinsam weiter. Ein Überblick über Ziele und "
            "Arbeitsweise."
        ),
        body=[
            paragraph(
                "<p>„Integration im Querschnitt“ begleitet die Städte Andernach, Ludwigshafen "
                "am Rhein und Salzgitter sowie die Landkreise Cuxhaven, Hildesheim und "
                "Rotenburg (Wümme).</p>"
                "<p>Die Arbeit gliedert sich in vier Gestaltungsbereiche: die Organisation "
                "innerhalb der Verwaltung, die Abstimmung mit Partner*innen außerhalb, die "
                "Beteiligung von Zugewanderten und den Aufbau eines kommunalen "
                "Vielfaltsmanagements.</p>"
            ),
        ],
        focus_areas=("organisation", "akteure"),
        related=("about", "projektstandorte"),
        image="netzwerk",
        image_alt="Grafik: die Worte „6 Kommunen, 1 Netzwerk“ in Weiß auf dunkelgrünem Grund",
    ),
    NewsItem(
        slug="vielfaltsmanagement-im-landkreis",
        days_ago=219,
        title="Vielfaltsmanagement im Landkreis: ein Werkstattgespräch",
        teaser=(
            "Wie sieht Vielfaltsmanagement in einem Landkreis aus, in dem sich Kreis und "
            "Gemeinden die Zuständigkeiten teilen? Ein Werkstattgespräch hat erste Antworten "
            "gesammelt."
        ),
        body=[
            paragraph(
                "<p>In Landkreisen liegen viele Leistungen bei der Kreisverwaltung, das Leben der "
                "Menschen spielt sich aber in den Gemeinden ab. Ein Vielfaltsmanagement muss "
                "beide Ebenen verbinden.</p>"
                "<p>Die Teilnehmer*innen diskutierten, wie Kreis und Gemeinden gemeinsame Ziele "
                "festlegen und wie sie Vereine und Initiativen vor Ort einbeziehen können.</p>"
            ),
        ],
        focus_areas=("vielfalt",),
        related=("vielfalt",),
    ),
    NewsItem(
        slug="kollegiale-fallberatung",
        days_ago=255,
        title="Kollegiale Fallberatung: So lernen die Partnerkommunen voneinander",
        teaser=(
            "Im Peer-Learning bringen die Kommunen eigene Fragestellungen ein und erhalten Rat "
            "von Kolleg*innen aus anderen Verwaltungen. Wir erklären, wie eine Beratung "
            "abläuft."
        ),
        body=[
            paragraph(
                "<p>Die Peer-Learning-Formate des Projekts folgen der Methode der kollegialen "
                "Fallberatung. Eine Kommune schildert eine Situation, die sie verändern möchte, "
                "und formuliert eine Schlüsselfrage: „Wie können wir erreichen, dass …?“</p>"
            ),
            heading("Ablauf in sechs Schritten"),
            paragraph(
                "<ol>"
                "<li>Rollen klären</li>"
                "<li>Fall schildern</li>"
                "<li>Schlüsselfrage formulieren</li>"
                "<li>Methode wählen</li>"
                "<li>Beratung – die fallgebende Kommune hört zu</li>"
                "<li>Abschluss: Was nimmt die Kommune mit?</li>"
                "</ol>"
            ),
            paragraph(
                "<p>Wichtig ist: Es gibt keine Bewertung und keine Rangliste. Die fallgebende "
                "Kommune entscheidet selbst, welche Anregungen sie aufgreift.</p>"
            ),
        ],
        focus_areas=("organisation",),
        related=("about",),
    ),
    NewsItem(
        slug="steuerungsgruppen-einrichten",
        days_ago=298,
        title="Steuerungsgruppen einrichten: Erfahrungen aus der Praxis",
        teaser=(
            "Eine Steuerungsgruppe kann die Integrationsarbeit bündeln – wenn Auftrag, "
            "Besetzung und Arbeitsweise stimmen. Ein Erfahrungsaustausch zeigt, worauf es "
            "ankommt."
        ),
        body=[
            paragraph(
                "<p>Ob Lenkungskreis, Steuerungsgruppe oder Integrationsrunde: Viele Kommunen "
                "haben ein Gremium, das die Integrationsarbeit koordinieren soll. Nicht alle "
                "diese Runden arbeiten so wirksam, wie es sich die Beteiligten wünschen.</p>"
            ),
            heading("Worauf es ankommt"),
            paragraph(
                "<ul>"
                "<li>Die Verwaltungsspitze erteilt einen klaren Auftrag.</li>"
                "<li>In der Runde sitzen Menschen, die für ihren Bereich entscheiden können.</li>"
                "<li>Verbände und Vereine sind dabei, wenn es um gemeinsame Ziele geht.</li>"
                "<li>Ergebnisse werden festgehalten und nachverfolgt.</li>"
                "</ul>"
            ),
        ],
        focus_areas=("organisation", "akteure"),
    ),
    NewsItem(
        slug="auftakt-der-partnerkommunen",
        days_ago=337,
        title="Auftakt: Die Partnerkommunen treffen sich zum ersten Mal",
        teaser=(
            "Zum Start des Projekts kamen Vertreter*innen aller sechs Partnerkommunen zusammen, "
            "um Erwartungen, Themen und die nächsten Schritte abzustimmen."
        ),
        body=[
            paragraph(
                "<p>Beim Auftakttreffen stellten die Kommunen ihre Ausgangslage vor: welche "
                "Strukturen es schon gibt, wo es hakt und was sie sich vom Austausch "
                "erhoffen.</p>"
                "<p>Gemeinsam legten sie die Themen für die ersten Peer-Learning-Treffen fest. "
                "Das ism begleitet die Kommunen in den kommenden Monaten fachlich und "
                "organisiert den Austausch.</p>"
            ),
        ],
        focus_areas=("organisation", "beteiligung"),
        related=("about", "projektstandorte"),
    ),
]


def news_page_spec(item: NewsItem) -> PageSpec:
    fields = {
        "title": item.title,
        "slug": item.slug,
        "date": DaysAgo(item.days_ago),
        "teaser": item.teaser,
        "body": [*item.body, paragraph(DEMO_NOTE_NEWS)],
        "image": ImageRef(item.image) if item.image else None,
        "image_alt": item.image_alt,
        "focus_areas": [FocusAreaRef(slug) for slug in item.focus_areas],
        "related_links": [{"related_page": Ref(key)} for key in item.related],
    }
    return PageSpec(key=item.slug, parent="aktuell", model="home.NewsPage", fields=fields)


DEMO_NOTE_LEGAL = (
    "<p><b>Demo-Inhalt:</b> Dieser Text ist ein Platzhalter für die Demo-Website. Alle Angaben "
    "in eckigen Klammern und alle als Demo gekennzeichneten Angaben muss das ism vor einer "
    "Veröffentlichung prüfen und ergänzen.</p>"
)

IMPRINT = PageSpec(
    key="impressum",
    parent="home",
    model="home.ContentPage",
    fields={
        "title": "Impressum",
        "slug": "impressum",
        "intro": "Angaben zum Anbieter dieser Website.",
        "body": [
            paragraph(DEMO_NOTE_LEGAL),
            heading("Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG)"),
            paragraph(
                "<p>Institut für Sozialpädagogische Forschung Mainz gGmbH (ism)<br/>"
                "Flachsmarktstraße 9<br/>55116 Mainz</p>"
            ),
            heading("Kontakt"),
            paragraph(
                "<p>E-Mail: querschnitt@example.org (Demo-Adresse)<br/>"
                "Telefon: 06131 000000 (Demo-Nummer)</p>"
            ),
            heading("Vertretungsberechtigte Geschäftsführung"),
            paragraph("<p>[Demo: Namen der Geschäftsführung ergänzen]</p>"),
            heading("Registereintrag"),
            paragraph(
                "<p>Registergericht: [Demo: ergänzen]<br/>Registernummer: [Demo: ergänzen]</p>"
            ),
            heading("Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV"),
            paragraph("<p>[Demo: Name und Anschrift der verantwortlichen Person ergänzen]</p>"),
            heading("Förderung"),
            paragraph(
                "<p>Das Projekt „Integration im Querschnitt“ wird aus dem Asyl-, Migrations- und "
                "Integrationsfonds (AMIF) der Europäischen Union kofinanziert und von den für "
                "Integration zuständigen Ministerien der Länder Niedersachsen und "
                "Rheinland-Pfalz sowie der Stadt Ludwigshafen am Rhein gefördert.</p>"
            ),
            heading("Links auf andere Websites"),
            paragraph(
                "<p>Für die Inhalte externer Websites, auf die wir verweisen, sind ausschließlich "
                "deren Anbieter verantwortlich.</p>"
            ),
        ],
    },
)

PRIVACY = PageSpec(
    key="datenschutz",
    parent="home",
    model="home.ContentPage",
    fields={
        "title": "Datenschutzerklärung",
        "slug": "datenschutz",
        "intro": (
            "Hier erfahren Sie, welche personenbezogenen Daten diese Website verarbeitet, "
            "wozu und auf welcher Rechtsgrundlage – und welche Rechte Sie haben."
        ),
        "body": [
            paragraph(DEMO_NOTE_LEGAL),
            heading("1. Verantwortliche Stelle"),
            paragraph(
                "<p>Institut für Sozialpädagogische Forschung Mainz gGmbH (ism)<br/>"
                "Flachsmarktstraße 9<br/>55116 Mainz<br/>"
                "E-Mail: querschnitt@example.org (Demo-Adresse)</p>"
                "<p>Datenschutzbeauftragte*r: [Demo: Kontaktdaten ergänzen]</p>"
            ),
            heading("2. Grundsätze"),
            paragraph(
                "<p>Diese Website kommt ohne Tracking und ohne Analysewerkzeuge aus. Sie lädt "
                "keine Schriften, Karten, Videos oder anderen Inhalte von Servern Dritter nach: "
                "Ihr Browser stellt beim Besuch nur Anfragen an unseren eigenen Server.</p>"
            ),
            heading("3. Cookies"),
            paragraph(
                "<p>Wir verwenden ausschließlich technisch notwendige Cookies:</p>"
                "<ul>"
                "<li><b>csrftoken</b> schützt Formulare, etwa die Anmeldung zu einer "
                "Veranstaltung, vor Missbrauch durch fremde Websites. Es wird erst gesetzt, "
                "wenn Sie ein solches Formular aufrufen, und bis zu ein Jahr gespeichert.</li>"
                "<li><b>sessionid</b> wird nur gesetzt, wenn Sie sich anmelden (zum Beispiel als "
                "Redakteur*in oder als Mitarbeiter*in einer Partnerkommune), und hält Sie "
                "höchstens zwei Wochen angemeldet.</li>"
                "</ul>"
                "<p>Rechtsgrundlage ist § 25 Abs. 2 Nr. 2 TDDDG, für die damit verbundene "
                "Verarbeitung Art. 6 Abs. 1 lit. f DSGVO. Eine Einwilligung ist für diese "
                "Cookies nicht erforderlich.</p>"
            ),
            heading("4. Server-Protokolle"),
            paragraph(
                "<p>Bei jedem Aufruf speichert der Webserver vorübergehend: IP-Adresse, Datum und "
                "Uhrzeit, die aufgerufene Adresse, den Statuscode, die übertragene Datenmenge, "
                "die zuvor besuchte Seite sowie Angaben zu Browser und Betriebssystem. Wir "
                "brauchen diese Daten, um den Betrieb zu sichern und Angriffe abzuwehren "
                "(Art. 6 Abs. 1 lit. f DSGVO). Die Protokolle werden nach 14 Tagen gelöscht "
                "[Demo-Angabe].</p>"
            ),
            heading("5. Anmeldung zu Veranstaltungen"),
            paragraph(
                "<p>Wenn Sie sich zu einem Fachforum oder einer anderen Veranstaltung anmelden, "
                "verarbeiten wir Ihre Angaben aus dem Anmeldeformular: Name, E-Mail-Adresse, "
                "Organisation, Kommune oder Behörde und Funktion sowie – freiwillig – Angaben "
                "zur Teilnahmeform, zu Barrierefreiheit und zur Verpflegung.</p>"
                "<p>Rechtsgrundlagen sind:</p>"
                "<ul>"
                "<li>Art. 6 Abs. 1 lit. b DSGVO für die Durchführung der Veranstaltung, zu der "
                "Sie sich anmelden;</li>"
                "<li>Art. 6 Abs. 1 lit. e DSGVO, soweit die Veranstaltung zu dem im öffentlichen "
                "Interesse geförderten Projektauftrag gehört;</li>"
                "<li>Art. 6 Abs. 1 lit. a DSGVO für freiwillige Angaben und für Ihre Aufnahme in "
                "die Teilnehmendenliste. Soweit Angaben zu Ihren Bedarfen Rückschlüsse auf Ihre "
                "Gesundheit zulassen, verarbeiten wir sie nur mit Ihrer ausdrücklichen "
                "Einwilligung (Art. 9 Abs. 2 lit. a DSGVO). Eine Einwilligung können Sie "
                "jederzeit mit Wirkung für die Zukunft widerrufen.</li>"
                "</ul>"
                "<p>Bestätigungen und Erinnerungen versenden wir per E-Mail über einen "
                "Dienstleister, der in unserem Auftrag handelt [Demo: Dienstleister und "
                "Auftragsverarbeitungsvertrag ergänzen].</p>"
                "<p>Ihre Anmeldedaten werden 180 Tage nach dem Ende der Veranstaltung "
                "automatisch gelöscht oder anonymisiert. [Demo: prüfen, ob Nachweispflichten "
                "gegenüber den Fördermittelgebern eine längere Aufbewahrung verlangen.]</p>"
            ),
            heading("6. Kontakt per E-Mail"),
            paragraph(
                "<p>Wenn Sie uns schreiben, verwenden wir Ihre Angaben nur, um Ihre Anfrage zu "
                "beantworten (Art. 6 Abs. 1 lit. b bzw. f DSGVO), und löschen sie, sobald sie "
                "dafür nicht mehr gebraucht werden.</p>"
            ),
            heading("7. Ihre Rechte"),
            paragraph(
                "<p>Sie haben das Recht auf</p>"
                "<ul>"
                "<li>Auskunft über Ihre gespeicherten Daten (Art. 15 DSGVO),</li>"
                "<li>Berichtigung unrichtiger Daten (Art. 16 DSGVO),</li>"
                "<li>Löschung (Art. 17 DSGVO) und Einschränkung der Verarbeitung "
                "(Art. 18 DSGVO),</li>"
                "<li>Datenübertragbarkeit (Art. 20 DSGVO),</li>"
                "<li>Widerspruch gegen Verarbeitungen nach Art. 6 Abs. 1 lit. e oder f DSGVO "
                "(Art. 21 DSGVO) und</li>"
                "<li>Widerruf einer Einwilligung mit Wirkung für die Zukunft "
                "(Art. 7 Abs. 3 DSGVO).</li>"
                "</ul>"
                "<p>Wenden Sie sich dafür formlos an die oben genannte Adresse.</p>"
            ),
            heading("8. Beschwerderecht bei der Aufsichtsbehörde"),
            paragraph(
                "<p>Sie können sich bei einer Datenschutz-Aufsichtsbehörde beschweren. Für das "
                "ism zuständig ist der Landesbeauftragte für den Datenschutz und die "
                "Informationsfreiheit Rheinland-Pfalz (LfDI), Hintere Bleiche 34, 55116 Mainz, "
                '<a href="https://www.datenschutz.rlp.de/">www.datenschutz.rlp.de</a>.</p>'
            ),
        ],
    },
)

ACCESSIBILITY = PageSpec(
    key="barrierefreiheit",
    parent="home",
    model="home.ContentPage",
    fields={
        "title": "Erklärung zur Barrierefreiheit",
        "slug": "barrierefreiheit",
        "intro": (
            "Wir möchten, dass alle Menschen diese Website nutzen können. Hier beschreiben wir, "
            "wie weit uns das gelingt und wie Sie uns Barrieren melden können."
        ),
        "body": [
            paragraph(DEMO_NOTE_LEGAL),
            paragraph(
                "<p>Das ism ist bemüht, diese Website barrierefrei zugänglich zu machen. "
                "Maßgeblich sind die Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) "
                "und die europäische Norm EN 301 549, die auf den Web Content Accessibility "
                "Guidelines (WCAG) 2.1 in der Konformitätsstufe AA aufbaut.</p>"
            ),
            heading("Stand der Vereinbarkeit mit den Anforderungen"),
            paragraph(
                "<p>Diese Website ist <b>weitgehend</b> mit den genannten Anforderungen "
                "vereinbar. Im Sinne der Mustererklärung gilt sie als <b>teilweise "
                "vereinbar</b>, weil die unten genannten Inhalte noch nicht vollständig "
                "barrierefrei sind.</p>"
            ),
            heading("Nicht barrierefreie Inhalte"),
            paragraph(
                "<ul>"
                "<li>Einige Dokumente zum Herunterladen, etwa Präsentationen aus Fachforen, sind "
                "nicht vollständig barrierefrei. Auf Wunsch stellen wir die Inhalte in einer "
                "zugänglichen Form bereit.</li>"
                "<li>Erläuterungen in Leichter Sprache und in Deutscher Gebärdensprache gibt es "
                "noch nicht.</li>"
                "</ul>"
            ),
            heading("Wie wir die Barrierefreiheit prüfen"),
            paragraph(
                "<p>Diese Erklärung beruht auf einer Selbstbewertung. Bei jeder Änderung an der "
                "Website finden eine automatisierte Prüfung mit axe-core in einem echten Browser "
                "(Chromium) gegen die Regeln der WCAG 2.1 auf den Stufen A und AA statt, "
                "in Deutsch "
                "und Englisch, in Smartphone- und Desktop-Breite. Dazu kommen Tastaturprüfungen "
                "(Sprunglink, Navigation, sichtbarer Fokus), Prüfungen von Überschriftenfolge, "
                "Linktexten und Alternativtexten sowie der Darstellung bei 320 Pixel Breite, was "
                "einer Vergrößerung auf 400 % entspricht. Automatisierte Tests finden nicht jede "
                "Barriere; eine "
                "Prüfung durch eine unabhängige Stelle steht noch aus [Demo-Angabe].</p>"
            ),
            heading("Barrieren melden"),
            paragraph(
                "<p>Ist Ihnen eine Barriere aufgefallen, oder brauchen Sie Inhalte in einer "
                "anderen Form? Schreiben Sie uns an "
                '<a href="mailto:querschnitt@example.org?subject=Barriere%20auf%20der%20Website">'
                "querschnitt@example.org</a> [Demo-Adresse]. Wir melden uns so bald wie möglich "
                "bei Ihnen, spätestens nach sechs Wochen.</p>"
            ),
            heading("Schlichtungsverfahren"),
            paragraph(
                "<p>Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort erhalten, können "
                "Sie ein kostenloses Schlichtungsverfahren beantragen, um die Barriere ohne "
                "Gerichtsverfahren ausräumen zu lassen. Zuständig ist die Schlichtungsstelle "
                "nach § 16 Behindertengleichstellungsgesetz (BGG) "
                '(<a href="https://www.schlichtungsstelle-bgg.de/">'
                "www.schlichtungsstelle-bgg.de</a>) oder – je nach Träger der Website – die "
                "Schlichtungsstelle beim Landesbeauftragten für barrierefreie IT des Landes. "
                "[Demo: Zuständigkeit vor der Veröffentlichung klären.]</p>"
            ),
            heading("Erstellung dieser Erklärung"),
            paragraph(
                "<p>Diese Erklärung wurde am 1. Dezember 2026 erstellt und zuletzt am "
                "1. Dezember 2026 überprüft. Grundlage ist die Selbstbewertung und die "
                "automatisierte Prüfung, die oben beschrieben sind.</p>"
            ),
        ],
    },
)

# Creation order is menu order: the main menu lists the home page's children in tree order.
PAGES: list[PageSpec] = [
    HOME,
    ABOUT,
    FOCUS_OVERVIEW,
    *FOCUS_PAGES,
    SITES_PAGE,
    NEWS_INDEX,
    *(news_page_spec(item) for item in NEWS),
    IMPRINT,
    PRIVACY,
    ACCESSIBILITY,
]
