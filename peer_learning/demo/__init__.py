"""The portal's part of the demo site (see home.demo.builder): a member for each partner
municipality and a facilitator, a past and a current peer-learning round, and cases in every
state and at every level of confidentiality, with attachments and peers; one case through the
whole consultation and one in the middle of it.

Cases, attachments, peers and the consultation (advice, synthesis, release, answers, action
items, closing) are made only through `peer_learning.services`, by the people the portal would
let do it, so the audit trail, the revisions and the mails in the outbox are what real use
leaves. A case that exists already (same municipality and title, in whatever state) is left
alone, with everything in it, and the rounds' dates and the memberships' start are set only
when they are created, so later runs (also on later days) change nothing. The texts are in
`content`.
"""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from home.demo import ensure_user, render_png
from home.demo.builder import DemoContext, apply_values, grant, grant_pages, sync_object
from home.models import Municipality

from .. import services
from ..models import Case, Concept, Idea, Membership, PeerLearningRound, PraxiswissenPage
from . import content


def ensure_accounts(ctx: DemoContext) -> None:
    """The group „Fachbegleitung“ and the portal's accounts, with the demo password."""
    group, created = Group.objects.get_or_create(name=content.FACILITATOR_GROUP)
    ctx.report.add("groups", "created" if created else "unchanged")
    ctx.groups[content.FACILITATOR_GROUP_KEY] = group
    grant(ctx, content.FACILITATOR_GROUP_KEY, *content.FACILITATOR_PERMISSIONS)
    for account in content.ACCOUNTS:
        ensure_user(ctx, account)


def build_memberships(ctx: DemoContext) -> None:
    for member in content.MEMBERS:
        user = ctx.users[member.account.username]
        municipality = Municipality.objects.get(slug=member.municipality)
        membership = Membership.objects.filter(user=user, municipality=municipality).first()
        if membership is None:
            since = ctx.today - timedelta(days=content.MEMBER_SINCE_DAYS)
            membership = Membership(user=user, municipality=municipality, active_from=since)
        sync_object(ctx, "memberships", membership, {"role": member.role, "active_until": None})


def _session_date(ctx: DemoContext, spec: content.RoundSpec):
    event = ctx.pages.get(spec.event) if spec.event else None
    if event is not None:
        return timezone.localtime(event.specific.start).date()
    return ctx.today + timedelta(days=spec.session_in_days)


def build_rounds(ctx: DemoContext) -> None:
    """The rounds, with all six municipalities and the facilitator; dates only when new."""
    municipalities = set(
        Municipality.objects.filter(slug__in=[m.municipality for m in content.MEMBERS])
    )
    facilitators = {ctx.users[content.FACILITATOR.username]}
    for spec in content.ROUNDS:
        round_ = PeerLearningRound.objects.filter(title=spec.title).first()
        is_new = round_ is None
        if is_new:
            session = _session_date(ctx, spec)
            round_ = PeerLearningRound(
                title=spec.title,
                session_date=session,
                **{
                    name: session + timedelta(days=days)
                    for name, days in content.DATE_OFFSETS.items()
                },
            )
        event = ctx.pages.get(spec.event) if spec.event else None
        values = {
            "description": spec.description,
            "format": spec.format,
            "attribution": spec.attribution,
            "status": spec.status,
            "event": event.pk if event is not None else None,
        }
        changed = apply_values(round_, values) or is_new
        if changed:
            round_.full_clean()
            round_.save()
        if set(round_.municipalities.all()) != municipalities:
            round_.municipalities.set(municipalities)
            changed = True
        if set(round_.facilitators.all()) != facilitators:
            round_.facilitators.set(facilitators)
            changed = True
        ctx.report.add(
            "peer-learning rounds", "created" if is_new else "updated" if changed else "unchanged"
        )


# --- Cases ------------------------------------------------------------------------------------


def pdf_document(title: str, lines: tuple[str, ...]) -> bytes:
    """A one-page PDF 1.4 with a heading and lines of text (Helvetica, WinAnsi)."""

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    commands = ["BT", "/F1 16 Tf", "20 TL", "56 780 Td", f"({text(title)}) Tj", "/F1 11 Tf"]
    commands += [f"T* ({text(line)}) Tj" for line in lines]
    commands.append("ET")
    stream = "\n".join(commands).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    document = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(document))
        document += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(document)
    document += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    document += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    document += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(document)


def attachment_upload(spec: content.AttachmentSpec) -> SimpleUploadedFile:
    if spec.kind == "pdf":
        return SimpleUploadedFile(
            spec.name, pdf_document(spec.title, spec.lines), content_type="application/pdf"
        )
    if spec.kind == "png":
        data = render_png(content.attachment_image(spec))
        return SimpleUploadedFile(spec.name, data, content_type="image/png")
    raise ValueError(f"Unknown kind of demo attachment: {spec.kind!r}")


def _case_data(ctx: DemoContext, spec: content.CaseSpec, round_: PeerLearningRound) -> dict:
    data = {name: value for name, value in spec.data.items() if name != "focus_area"}
    data["focus_area_id"] = ctx.focus_areas[spec.data["focus_area"]].pk
    data["round_id"] = round_.pk
    return data


def _assign_peers(ctx, case, spec: content.CaseSpec, round_, facilitator) -> list:
    """Invite the peers (the facilitator) and let each answer as the spec says."""
    assignments = []
    for item in spec.assignments:
        peer = ctx.users[content.member_of(item.municipality).username]
        assignment = services.assign_peer(
            case, user=peer, role=item.role, due_date=round_.feedback_due, by=facilitator
        )
        if item.status in (content.ASSIGNMENT_ACCEPTED, content.DONE):
            assignment = services.set_assignment_state(
                assignment, content.ASSIGNMENT_ACCEPTED, by=peer
            )
        elif item.status == content.ASSIGNMENT_DECLINED:
            assignment = services.set_assignment_state(
                assignment, content.ASSIGNMENT_DECLINED, by=peer, comment=item.decline_reason
            )
        assignments.append((item, assignment))
        ctx.report.add("peer assignments", "created")
    return assignments


def _finish_assignments(assignments: list, *, by) -> list:
    """After the session: the facilitator marks the assignments done that the spec says are."""
    finished = []
    for item, assignment in assignments:
        if item.status == content.DONE and assignment.status != content.DONE:
            assignment = services.set_assignment_state(assignment, content.DONE, by=by)
        finished.append((item, assignment))
    return finished


def give_feedback(ctx: DemoContext, case: Case, spec: content.CaseSpec) -> list:
    """Each peer writes their advice as a draft (the form's „Entwurf speichern“) and hands it
    in where the spec says so. Needs the case in consultation and the peer's assignment
    accepted (not yet done)."""
    given = []
    for item in spec.feedback:
        peer = ctx.users[content.member_of(item.municipality).username]
        ideas = [
            {
                "text": idea.text,
                "kind": idea.kind,
                "effort": idea.effort,
                "how_we_do_it": idea.how_we_do_it,
            }
            for idea in item.ideas
        ]
        feedback = services.save_feedback(case, by=peer, data=item.data, ideas=ideas)
        if item.submitted:
            feedback = services.submit_feedback(feedback, by=peer)
        given.append((item, feedback))
        ctx.report.add("peer feedback", "created")
    return given


def answer_feedback(ctx: DemoContext, case: Case, spec: content.CaseSpec, given: list, *, by):
    """After the release: the municipality answers the ideas the spec answers (all of them,
    once it closes the case) and notes its action items."""
    for item, feedback in given:
        # Fresh from the database: `feedback.ideas` would hand each idea the feedback's
        # cached case, still in consultation.
        ideas = Idea.objects.filter(feedback_id=feedback.pk).order_by("pk")
        for idea_spec, idea in zip(item.ideas, ideas, strict=True):
            if idea_spec.response:
                services.respond_to_idea(
                    idea, by=by, response=idea_spec.response, note=idea_spec.note
                )
    for action in spec.action_items:
        data = {
            "what": action.what,
            "responsible_role": action.responsible_role,
            "due_date": ctx.today + timedelta(days=action.due_in_days),
            "status": action.status,
        }
        services.save_action_item(case, by=by, data=data)
        ctx.report.add("action items", "created")


def record_follow_up(case: Case, spec: content.CaseSpec, *, by) -> Case:
    """Months later (in the demo: right away): where each action item stands now, and the
    municipality's report for the peers."""
    items = case.action_items.order_by("pk")
    statuses = {
        item.pk: action.follow_up_status or item.status
        for action, item in zip(spec.action_items, items, strict=True)
    }
    return services.record_follow_up(case, by=by, statuses=statuses, report=spec.follow_up_note)


def write_redacted_version(case: Case, text: str, *, by) -> None:
    """The facilitator's shortened version for peers, saved as the admin's edit view saves it
    (only this field, and an edit in the case's history)."""
    services.set_redacted_version(case, text, by=by)


def build_cases(ctx: DemoContext) -> None:
    facilitator = ctx.users[content.FACILITATOR.username]
    rounds = {spec.key: PeerLearningRound.objects.get(title=spec.title) for spec in content.ROUNDS}
    for spec in content.CASES:
        municipality = Municipality.objects.get(slug=spec.municipality)
        if Case.objects.filter(municipality=municipality, title=spec.data["title"]).exists():
            ctx.report.add("cases", "unchanged")
            continue
        member = ctx.users[content.member_of(spec.municipality).username]
        round_ = rounds[spec.round]
        case = services.create_case(
            municipality=municipality, by=member, data=_case_data(ctx, spec, round_)
        )
        for attachment in spec.attachments:
            services.add_attachment(case, by=member, upload=attachment_upload(attachment))
            ctx.report.add("case attachments", "created")
        assignments = []
        given = None  # the peers' advice, once written
        for step in content.CASE_PATHS[spec.status]:
            if step == content.REVISE:
                case = services.update_case(case, by=member, data=spec.revision)
                continue
            if step == content.FEEDBACK_RELEASED:
                # The peers advise, meet in the session (then their part is done), and the
                # facilitator sums up before she releases it all to the municipality.
                given = give_feedback(ctx, case, spec)
                assignments = _finish_assignments(assignments, by=facilitator)
                services.save_synthesis(case, by=facilitator, data=spec.synthesis)
                ctx.report.add("syntheses", "created")
            if step == content.CLOSED:
                case = services.close_case(case, by=member, statement=spec.closing_statement)
                continue
            if step == content.FOLLOW_UP:
                case = record_follow_up(case, spec, by=member)
                continue
            by = member if step in content.MEMBER_STEPS else facilitator
            case = services.set_case_state(
                case,
                step,
                by=by,
                comment=spec.comments.get(step, ""),
                name="release" if step == content.FEEDBACK_RELEASED else "",
            )
            if step == content.ACCEPTED:
                assignments = _assign_peers(ctx, case, spec, round_, facilitator)
            if step == content.FEEDBACK_RELEASED:
                answer_feedback(ctx, case, spec, given, by=member)
        if spec.redacted_version:
            write_redacted_version(case, spec.redacted_version, by=facilitator)
        if given is None:  # still in consultation (or no consultation at all)
            give_feedback(ctx, case, spec)
        _finish_assignments(assignments, by=facilitator)  # after the session
        ctx.report.add("cases", "created")


def build_concepts(ctx: DemoContext) -> None:
    """Two implemented concepts: one shown to the network with a question and a „relevant for
    us“, one still only for its own municipality."""
    for slug, fields, questions in content.CONCEPTS:
        municipality = Municipality.objects.get(slug=slug)
        if Concept.objects.filter(municipality=municipality, title=fields["title"]).exists():
            ctx.report.add("concepts", "unchanged")
            continue
        author = ctx.users[content.member_of(slug).username]
        concept = services.save_concept(municipality=municipality, by=author, data=fields)
        for asking_slug, text in questions.items():
            asker = ctx.users[content.member_of(asking_slug).username]
            services.ask_about_concept(concept, by=asker, text=text)
        for relevant_slug in content.RELEVANT_FOR.get(concept.title, []):
            member = ctx.users[content.member_of(relevant_slug).username]
            services.mark_concept_relevant(concept, by=member)
        ctx.report.add("concepts", "created")


PAGES = content.PAGES


def grant_praxiswissen_pages(ctx: DemoContext) -> None:
    index = ctx.pages[content.PRAXISWISSEN_INDEX.key]
    grant_pages(ctx, content.FACILITATOR_GROUP_KEY, index, "add_page", "change_page")
    grant_pages(ctx, "editors", index, "add_page", "change_page", "publish_page")


def publish_praxiswissen(ctx: DemoContext) -> None:
    """The closed demo case as a published Praxiswissen page: prepared by the facilitator
    from the consented case, then published as an editor would after reviewing it."""
    if PraxiswissenPage.objects.exists():
        ctx.report.add("praxiswissen", "unchanged")
        return
    case = Case.objects.get(title=content.PRAXISWISSEN_CASE_TITLE)
    facilitator = ctx.users[content.FACILITATOR.username]
    page = services.prepare_praxiswissen_from_case(case, by=facilitator)
    # Reviewed and published by the editors (the facilitators may draft, not publish).
    page.get_latest_revision().publish(user=ctx.users["redaktion"])
    ctx.report.add("praxiswissen", "created")


STEPS = {
    "setup": [ensure_accounts],
    "pages_created": [grant_praxiswissen_pages],
    # After home.demo's municipalities and the pages (a round points to its event page).
    "activity": [
        build_memberships,
        build_rounds,
        build_cases,
        build_concepts,
        publish_praxiswissen,
    ],
}
