"""Every change in peer learning: one transaction each, with the row locked, the audit entry
(`home.audit.log_transition`) and the mails queued in the outbox for after the commit."""

import datetime

import filetype
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from home.audit import log_transition
from home.links import site_url
from home.locales import default_locale
from outbox.services import send_email

from .choices import (
    AssignmentRole,
    AssignmentStatus,
    CaseStatus,
    FeedbackStatus,
    MembershipRole,
    Method,
    NoticeKind,
    NoticeMode,
)
from .models import (
    ActionItem,
    Case,
    CaseAttachment,
    CaseRevision,
    ClarifyingQuestion,
    Concept,
    ConceptQuestion,
    Feedback,
    FeedbackAttachment,
    Idea,
    Membership,
    NoticePreference,
    PeerAssignment,
    PendingNotice,
    PraxiswissenIndexPage,
    PraxiswissenPage,
    Synthesis,
)
from .transitions import (
    ASSIGNMENT_STATES,
    CASE_STATES,
    CREATED,
    DRAFT,
    EDITABLE_STATUSES,
    INVITED,
    PeerLearningError,
    facilitates,
    is_member_of,
)

# What an upload may be, by its content (magic numbers), not by its name.
ALLOWED_UPLOAD_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
}
# Submitting needs these filled (the form may save a draft without them).
REQUIRED_FOR_SUBMISSION = (
    "title",
    "summary",
    "focus_area_id",
    "situation",
    "key_question",
    "round_id",
)
# Days before a round's case deadline when drafts for it are reminded (once).
DEADLINE_REMINDER_DAYS = 3


def _portal_url(name: str, *args) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return site_url(reverse(name, args=args))


def _members(case: Case):
    User = get_user_model()
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.active()
        .filter(municipality_id=case.municipality_id)
        .values("user_id"),
    ).order_by("pk")


def _facilitators(case: Case):
    return case.round.facilitators.filter(is_active=True).order_by("pk") if case.round else []


# The kind of each portal mail, for people who want some kinds as a daily digest. Mails not
# listed here (invitations, account mails) always go out at once.
NOTICE_KINDS = {
    "case_submitted": NoticeKind.CASES,
    "case_submitted_facilitator": NoticeKind.CASES,
    "case_changes_requested": NoticeKind.CASES,
    "case_resubmitted": NoticeKind.CASES,
    "case_accepted": NoticeKind.CASES,
    "case_declined": NoticeKind.CASES,
    "case_withdrawn": NoticeKind.CASES,
    "case_feedback_released": NoticeKind.CASES,
    "case_closed": NoticeKind.CASES,
    "case_follow_up": NoticeKind.CASES,
    "clarifying_question": NoticeKind.CONSULTATION,
    "peer_accepted": NoticeKind.CONSULTATION,
    "peer_declined": NoticeKind.CONSULTATION,
    "feedback_complete": NoticeKind.CONSULTATION,
    "concept_question": NoticeKind.CONSULTATION,
    "case_deadline_reminder": NoticeKind.REMINDERS,
    "feedback_reminder": NoticeKind.REMINDERS,
    "follow_up_reminder": NoticeKind.REMINDERS,
}


def _wants_digest(user, template: str) -> bool:
    kind = NOTICE_KINDS.get(template)
    return bool(
        kind
        and NoticePreference.objects.filter(user=user, kind=kind, mode=NoticeMode.DIGEST).exists()
    )


def _mail(users, template: str, *, related_to, **context) -> None:
    for user in users:
        if not user.email:
            continue
        full_context = {"recipient": user, **context}
        if _wants_digest(user, template):
            with translation.override(settings.LANGUAGE_CODE):
                subject = " ".join(
                    render_to_string(f"emails/{template}.subject.txt", full_context).split()
                )
            url = next((value for key, value in context.items() if key.endswith("_url")), "")
            PendingNotice.objects.create(user=user, subject=subject[:300], url=url)
            continue
        send_email(
            to=user.email,
            template=template,
            language=settings.LANGUAGE_CODE,
            context=full_context,
            related_to=related_to,
        )


def set_notice_preferences(user, modes: dict) -> None:
    for kind, mode in modes.items():
        NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})


def send_digests() -> int:
    """One mail per person with everything collected since the last digest."""
    User = get_user_model()
    sent = 0
    for user in User.objects.filter(pending_notices__isnull=False).distinct():
        with transaction.atomic():
            notices = list(
                PendingNotice.objects.select_for_update().filter(user=user).order_by("pk")
            )
            if not notices or not user.email:
                continue
            send_email(
                to=user.email,
                template="portal_digest",
                language=settings.LANGUAGE_CODE,
                context={"recipient": user, "notices": notices},
                related_to=user,
            )
            PendingNotice.objects.filter(pk__in=[n.pk for n in notices]).delete()
            sent += 1
    return sent


# --- cases ---------------------------------------------------------------------------------


def _apply(case: Case, data: dict) -> None:
    for name in Case.CONTENT_FIELDS:
        if name in data:
            setattr(case, name, data[name])


def create_case(*, municipality, by, data: dict) -> Case:
    """A new draft of `municipality`, written by one of its members."""
    if not is_member_of(by, municipality.pk):
        raise PeerLearningError(_("Sie können nur Fälle Ihrer eigenen Kommune anlegen."))
    with transaction.atomic():
        case = Case(municipality=municipality, created_by=by, status=DRAFT)
        _apply(case, data)
        CASE_STATES.check_creation(DRAFT, by=by, obj=case)
        case.save()
        log_transition(case, CREATED, DRAFT, by=by)
    return case


def update_case(case: Case, *, by, data: dict) -> Case:
    """Save what a member typed; only drafts and cases sent back for changes."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if case.status not in EDITABLE_STATUSES or not is_member_of(by, case.municipality_id):
            raise PeerLearningError(_("Dieser Fall kann zurzeit nicht bearbeitet werden."))
        _apply(case, data)
        case.save()
    return case


def missing_for_submission(case: Case) -> list[str]:
    """The labels of what is still empty before a case can be submitted."""
    missing = [
        str(Case._meta.get_field(name.removesuffix("_id")).verbose_name)
        for name in REQUIRED_FOR_SUBMISSION
        if not getattr(case, name)
    ]
    if not case.no_personal_data_confirmed:
        missing.append(str(Case._meta.get_field("no_personal_data_confirmed").verbose_name))
    if case.round_id and not case.round.municipalities.filter(pk=case.municipality_id).exists():
        missing.append(_("eine Runde, an der Ihre Kommune teilnimmt"))
    return missing


def set_case_state(case: Case, target: str, *, by, comment: str = "", name: str = "") -> Case:
    """The one way a case changes its state (see transitions.CASE_STATES)."""
    comment = comment.strip()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("round").get(pk=case.pk)
        old = case.status
        change = CASE_STATES.check(case, target, by=by, name=name)
        if change.comment == "required" and not comment:
            raise PeerLearningError(_("Bitte geben Sie eine Begründung an."))
        if target in (CaseStatus.SUBMITTED, CaseStatus.RESUBMITTED):
            missing = missing_for_submission(case)
            if missing:
                raise PeerLearningError(
                    _("Vor dem Einreichen fehlt noch: %(fields)s.") % {"fields": ", ".join(missing)}
                )
            case.submitted_at = timezone.now()
            number = case.revisions.count() + 1
            CaseRevision.objects.create(
                case=case, number=number, content=_revision_content(case), created_by=by
            )
        if target == CaseStatus.FEEDBACK_RELEASED:
            case.released_at = timezone.now()
            case.follow_up_due = timezone.localdate() + datetime.timedelta(
                days=settings.PEER_LEARNING_FOLLOW_UP_DAYS
            )
        if target == CaseStatus.CLOSED and not case.closing_statement.strip():
            raise PeerLearningError(
                _("Bitte schreiben Sie vor dem Abschließen Ihre abschließende Stellungnahme.")
            )
        case.status = target
        case.save(
            update_fields=["status", "submitted_at", "released_at", "follow_up_due", "updated_at"]
        )
        log_transition(case, old, target, by=by, comment=comment)
        _case_mails(case, change.email, comment=comment)
    return case


def _revision_content(case: Case) -> dict:
    content = case.content()
    content["focus_area"] = str(case.focus_area) if case.focus_area_id else ""
    content["attachments"] = list(case.attachments.values_list("original_name", flat=True))
    return content


def _case_mails(case: Case, template: str, *, comment: str) -> None:
    if not template:
        return
    context = {
        "case": case,
        "comment": comment,
        "case_url": _portal_url("portal:case", case.pk),
    }
    to_members = {
        "case_submitted",
        "case_changes_requested",
        "case_accepted",
        "case_declined",
        "case_feedback_released",
    }
    to_facilitators = {"case_submitted", "case_resubmitted", "case_withdrawn", "case_closed"}
    if template in to_members:
        _mail(_members(case), template, related_to=case, **context)
    if template in to_facilitators:
        name = "case_submitted_facilitator" if template == "case_submitted" else template
        _mail(_facilitators(case), name, related_to=case, **context)
    if template == "case_follow_up":  # the peers learn what became of their advice
        handed_in = case.feedback.filter(status=FeedbackStatus.SUBMITTED)
        peers = [feedback.author for feedback in handed_in.select_related("author")]
        _mail(peers, template, related_to=case, **context)


def add_attachment(case: Case, *, by, upload) -> CaseAttachment:
    """Keep an uploaded file after checking its size and type by content (and scanning it
    with ClamAV where one is configured)."""
    if case.status not in EDITABLE_STATUSES or not is_member_of(by, case.municipality_id):
        raise PeerLearningError(_("Dieser Fall kann zurzeit nicht bearbeitet werden."))
    return _store(CaseAttachment(case=case, uploaded_by=by), upload)


def _store(stored, upload):
    """Check `upload` (size, type by content, virus scan) and keep it in `stored`, a
    PrivateFile; a random storage name, the original name only in the row."""
    kind = _checked_upload(upload)
    stored.original_name = (upload.name or "datei")[-255:]
    stored.content_type = kind.mime
    stored.size = upload.size
    with transaction.atomic():
        stored.file.save("upload", upload, save=False)
        stored.save()
    return stored


def _checked_upload(upload):
    """The upload's type by content, after the size check and the virus scan."""
    if upload.size > settings.PEER_LEARNING_MAX_UPLOAD_BYTES:
        raise PeerLearningError(
            _("Die Datei ist zu groß (höchstens %(mb)s MB).")
            % {"mb": settings.PEER_LEARNING_MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_UPLOAD_TYPES:
        raise PeerLearningError(
            _(
                "Diese Datei können wir nicht annehmen. Erlaubt sind PDF, Office-Dokumente "
                "(Word, Excel, PowerPoint, OpenDocument) und Bilder (PNG, JPEG, GIF, WebP)."
            )
        )
    _scan(upload)
    return kind


def _scan(upload) -> None:
    """Refuse what ClamAV finds (or cannot check) where clamd is configured."""
    address = settings.CLAMD_SOCKET or settings.CLAMD_HOST
    if not address:
        return
    from clamav_client import get_scanner  # production extra: only where ClamAV runs

    scanner = get_scanner({"backend": "clamd", "address": address, "stream": True})
    try:
        report = scanner.client.instream(upload)
        state, _details = report.get("stream", ("ERROR", ""))
    except Exception:  # clamd unreachable: do not keep an unchecked file
        state = "ERROR"
    upload.seek(0)
    if state != "OK":
        raise PeerLearningError(
            _("Die Datei konnte nicht auf Viren geprüft werden oder enthält Schadsoftware.")
        )


def remove_attachment(attachment: CaseAttachment, *, by) -> None:
    case = attachment.case
    if case.status not in EDITABLE_STATUSES or not is_member_of(by, case.municipality_id):
        raise PeerLearningError(_("Dieser Fall kann zurzeit nicht bearbeitet werden."))
    attachment.file.delete(save=False)
    attachment.delete()


# --- peers ---------------------------------------------------------------------------------


def assign_peer(case: Case, *, user, role: str, due_date=None, by) -> PeerAssignment:
    """Invite `user` to the case. Never someone of the case's own municipality."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("round").get(pk=case.pk)
        if not facilitates(by, case.round):
            raise PeerLearningError(_("Sie dürfen diese Änderung nicht vornehmen."))
        if case.status not in (CaseStatus.ACCEPTED, CaseStatus.IN_CONSULTATION):
            raise PeerLearningError(
                _("Peers werden erst zugeordnet, wenn der Fall in die Runde aufgenommen ist.")
            )
        if is_member_of(user, case.municipality_id):
            raise PeerLearningError(
                _("%(name)s gehört zur Kommune des Falls und kann ihn nicht beraten.")
                % {"name": user.get_full_name() or user.email}
            )
        if case.assignments.filter(user=user).exists():
            raise PeerLearningError(_("Diese Person ist dem Fall schon zugeordnet."))
        assignment = PeerAssignment(case=case, user=user, role=role, due_date=due_date)
        ASSIGNMENT_STATES.check_creation(INVITED, by=by, obj=assignment)
        assignment.save()
        log_transition(assignment, CREATED, INVITED, by=by)
        _mail(
            [user],
            "peer_invitation",
            related_to=assignment,
            case=case,
            assignment=assignment,
            invitation_url=_portal_url("portal:invitation", assignment.pk),
        )
    return assignment


def set_assignment_state(
    assignment: PeerAssignment, target: str, *, by, comment: str = "", name: str = ""
) -> PeerAssignment:
    comment = comment.strip()
    with transaction.atomic():
        assignment = (
            PeerAssignment.objects.select_for_update(of=("self",))
            .select_related("case", "case__round")
            .get(pk=assignment.pk)
        )
        old = assignment.status
        change = ASSIGNMENT_STATES.check(assignment, target, by=by, name=name)
        if change.comment == "required" and not comment:
            raise PeerLearningError(_("Bitte nennen Sie kurz den Grund für Ihre Absage."))
        assignment.status = target
        assignment.responded_at = timezone.now()
        if target == "declined":
            assignment.decline_reason = comment
        assignment.save()
        log_transition(assignment, old, target, by=by, comment=comment)
        if change.email:
            _mail(
                _facilitators(assignment.case),
                change.email,
                related_to=assignment,
                case=assignment.case,
                assignment=assignment,
                comment=comment,
                case_url=_portal_url("portal:case", assignment.case_id),
            )
    return assignment


# --- people --------------------------------------------------------------------------------


def invite_member(*, email: str, name: str, municipality, role=MembershipRole.MEMBER, by):
    """An account for a member (no self-sign-up): they set their password through the link
    in the invitation mail."""
    # allauth's own token (it also covers the e-mail address), so its reset page accepts it.
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    User = get_user_model()
    email = email.strip().lower()
    first, _space, last = name.strip().partition(" ")
    with transaction.atomic():
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"username": email, "first_name": first, "last_name": last},
        )
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(
            user=user, municipality=municipality, defaults={"role": role}
        )
        token = default_token_generator.make_token(user)
        url = _portal_url("account_reset_password_from_key", user_pk_to_url_str(user), token)
        _mail(
            [user],
            "portal_invitation",
            related_to=user,
            municipality=municipality,
            invited_by=by,
            password_url=url,
        )
    return user


def send_deadline_reminders(*, today=None) -> int:
    """Remind the members of drafts whose round closes soon (once per draft)."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=DEADLINE_REMINDER_DAYS)
    sent = 0
    drafts = Case.objects.filter(
        status=DRAFT,
        round__case_deadline__gte=today,
        round__case_deadline__lte=limit,
        deadline_reminded_at__isnull=True,
    ).select_related("round", "municipality")
    for case in drafts:
        with transaction.atomic():
            updated = Case.objects.filter(pk=case.pk, deadline_reminded_at__isnull=True).update(
                deadline_reminded_at=timezone.now()
            )
            if not updated:
                continue
            _mail(
                _members(case),
                "case_deadline_reminder",
                related_to=case,
                case=case,
                case_url=_portal_url("portal:case", case.pk),
            )
            sent += 1
    return sent


# --- implemented concepts ------------------------------------------------------------------


def save_concept(*, municipality, by, data: dict, concept=None):
    """Create or change a concept of the own municipality; with the consent it is shown to
    the network (published), without it only to the own municipality."""
    if not is_member_of(by, municipality.pk):
        raise PeerLearningError(_("Sie können nur Konzepte Ihrer eigenen Kommune bearbeiten."))
    with transaction.atomic():
        if concept is None:
            concept = Concept(municipality=municipality, created_by=by)
        elif concept.municipality_id != municipality.pk:
            raise PeerLearningError(_("Sie können nur Konzepte Ihrer eigenen Kommune bearbeiten."))
        for name, value in data.items():
            setattr(concept, name, value)
        if concept.publication_consent and concept.published_at is None:
            concept.published_at = timezone.now()
        if not concept.publication_consent:
            concept.published_at = None
        concept.save()
    return concept


def ask_about_concept(concept, *, by, text: str):
    municipalities = (
        Membership.objects.active().filter(user=by).values_list("municipality_id", flat=True)
    )
    if not municipalities:
        raise PeerLearningError(_("Nur Mitglieder der Partnerkommunen können Fragen stellen."))
    with transaction.atomic():
        question = ConceptQuestion.objects.create(
            concept=concept, author=by, municipality_id=municipalities[0], text=text
        )
        _mail(
            [
                m.user
                for m in Membership.objects.active()
                .filter(municipality_id=concept.municipality_id)
                .select_related("user")
            ],
            "concept_question",
            related_to=question,
            concept=concept,
            question=question,
            concept_url=_portal_url("portal:concept", concept.pk),
        )
    return question


def mark_concept_relevant(concept, *, by, relevant: bool = True) -> None:
    for membership in Membership.objects.active().filter(user=by):
        if membership.municipality_id == concept.municipality_id:
            continue
        if relevant:
            concept.relevant_for.add(membership.municipality_id)
        else:
            concept.relevant_for.remove(membership.municipality_id)


def set_redacted_version(case: Case, text: str, *, by) -> Case:
    """The facilitator's shortened version of a confidential case, which is all its peers see.
    Only this field is written: the municipality may be editing the rest meanwhile."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("round").get(pk=case.pk)
        if not facilitates(by, case.round):
            raise PeerLearningError(_("Sie dürfen diese Änderung nicht vornehmen."))
        case.redacted_version = text
        case.save(update_fields=["redacted_version", "updated_at"])
        log(case, "wagtail.edit", user=by)
    return case


# --- consultation: feedback, synthesis, the municipality's answer ---------------------------

# Sections a method asks for (the form's `method_section`), by Case.method.
METHOD_SECTIONS = {
    Method.HYPOTHESES: gettext_lazy("Ihre Hypothesen: Was könnte hinter der Lage stecken?"),
    Method.RESONANCE: gettext_lazy("Ihre Resonanz: Welche Gefühle und Gedanken löst der Fall aus?"),
    Method.HEADSTAND: gettext_lazy(
        "Kopfstand: Wie würden Sie es garantiert schlimmer machen, und was folgt umgekehrt daraus?"
    ),
}


def _peer_municipality(user):
    membership = Membership.objects.active().filter(user=user).first()
    return membership.municipality if membership else None


def save_feedback(case: Case, *, by, data: dict, ideas: list[dict], recorded_by=None):
    """Save a peer's advice as a draft (the form's „Entwurf speichern“). `recorded_by`: the
    facilitator who enters what the peer said in a live session."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("round").get(pk=case.pk)
        if recorded_by is None:
            allowed = PeerAssignment.objects.filter(
                case=case, user=by, status=AssignmentStatus.ACCEPTED
            ).exists()
        else:
            allowed = (
                facilitates(recorded_by, case.round) and case.assignments.filter(user=by).exists()
            )
        if case.status != CaseStatus.IN_CONSULTATION or not allowed:
            raise PeerLearningError(_("Zu diesem Fall können Sie zurzeit keinen Beitrag geben."))
        feedback, _created = Feedback.objects.get_or_create(
            case=case, author=by, defaults={"municipality": _peer_municipality(by)}
        )
        if feedback.status == FeedbackStatus.SUBMITTED:
            raise PeerLearningError(_("Ihr Beitrag ist schon abgegeben."))
        for name, value in data.items():
            setattr(feedback, name, value)
        feedback.recorded_by = recorded_by
        feedback.save()
        feedback.ideas.all().delete()
        Idea.objects.bulk_create(
            Idea(feedback=feedback, **idea) for idea in ideas if idea.get("text", "").strip()
        )
    return feedback


def missing_in_feedback(feedback: Feedback) -> list[str]:
    missing = []
    if not feedback.strengths.strip():
        missing.append(str(Feedback._meta.get_field("strengths").verbose_name))
    if not feedback.ideas.exists() and not feedback.questions.strip():
        missing.append(_("mindestens eine Idee oder eine Frage („Ich frage mich, ob …“)"))
    if feedback.case.method in METHOD_SECTIONS and not feedback.method_section.strip():
        missing.append(str(METHOD_SECTIONS[feedback.case.method]))
    return missing


def submit_feedback(feedback: Feedback, *, by) -> Feedback:
    """Hand the advice in; once all peers who accepted have, the facilitators are told."""
    with transaction.atomic():
        feedback = (
            Feedback.objects.select_for_update(of=("self",))
            .select_related("case", "case__round")
            .get(pk=feedback.pk)
        )
        if feedback.author_id != by.pk and not facilitates(by, feedback.case.round):
            raise PeerLearningError(_("Sie dürfen diese Änderung nicht vornehmen."))
        if feedback.status == FeedbackStatus.SUBMITTED:
            raise PeerLearningError(_("Ihr Beitrag ist schon abgegeben."))
        if feedback.case.status != CaseStatus.IN_CONSULTATION:
            raise PeerLearningError(_("Zu diesem Fall können Sie zurzeit keinen Beitrag geben."))
        missing = missing_in_feedback(feedback)
        if missing:
            raise PeerLearningError(
                _("Vor dem Abgeben fehlt noch: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        feedback.status = FeedbackStatus.SUBMITTED
        feedback.submitted_at = timezone.now()
        feedback.save(update_fields=["status", "submitted_at"])
        case = feedback.case
        waiting = PeerAssignment.objects.filter(
            case=case, status=AssignmentStatus.ACCEPTED, role=AssignmentRole.PEER
        ).exclude(
            user_id__in=case.feedback.filter(status=FeedbackStatus.SUBMITTED).values("author_id")
        )
        if not waiting.exists():
            _mail(
                _facilitators(case),
                "feedback_complete",
                related_to=case,
                case=case,
                case_url=_portal_url("portal:case", case.pk),
            )
    return feedback


def save_synthesis(case: Case, *, by, data: dict) -> Synthesis:
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("round").get(pk=case.pk)
        if not facilitates(by, case.round):
            raise PeerLearningError(_("Sie dürfen diese Änderung nicht vornehmen."))
        if case.status not in (CaseStatus.IN_CONSULTATION, CaseStatus.FEEDBACK_RELEASED):
            raise PeerLearningError(_("Eine Synthese gibt es erst in der Beratung."))
        synthesis, _created = Synthesis.objects.update_or_create(
            case=case, defaults={**data, "written_by": by}
        )
    return synthesis


def respond_to_idea(idea: Idea, *, by, response: str, note: str = "") -> Idea:
    case = idea.feedback.case
    if case.status != CaseStatus.FEEDBACK_RELEASED or not is_member_of(by, case.municipality_id):
        raise PeerLearningError(_("Auf diese Idee können Sie zurzeit nicht antworten."))
    idea.response = response
    idea.response_note = note
    idea.save(update_fields=["response", "response_note"])
    return idea


def save_action_item(case: Case, *, by, data: dict, item=None) -> ActionItem:
    if case.status not in (
        CaseStatus.FEEDBACK_RELEASED,
        CaseStatus.CLOSED,
        CaseStatus.FOLLOW_UP,
    ) or not is_member_of(by, case.municipality_id):
        raise PeerLearningError(_("Maßnahmen können Sie erst nach der Freigabe festhalten."))
    item = item or ActionItem(case=case)
    for name, value in data.items():
        setattr(item, name, value)
    item.save()
    return item


def close_case(case: Case, *, by, statement: str) -> Case:
    """The municipality's closing statement; with it the case is closed."""
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if not is_member_of(by, locked.municipality_id):
            raise PeerLearningError(_("Sie dürfen diese Änderung nicht vornehmen."))
        locked.closing_statement = statement
        locked.save(update_fields=["closing_statement", "updated_at"])
        return set_case_state(locked, CaseStatus.CLOSED, by=by, name="close")


def record_follow_up(case: Case, *, by, statuses: dict, report: str) -> Case:
    """Months after the release: the municipality sets where each action item stands and
    writes what became of the advice; the peers are told (see CASE_STATES, "follow-up")."""
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
        if not is_member_of(by, locked.municipality_id):
            raise PeerLearningError(_("Sie dürfen diese Änderung nicht vornehmen."))
        if locked.status != CaseStatus.CLOSED:
            raise PeerLearningError(_("Die Nachverfolgung ist nur für abgeschlossene Fälle."))
        for item in locked.action_items.select_for_update():
            status = statuses.get(item.pk)
            if status and status != item.status:
                item.status = status
                item.save(update_fields=["status", "updated_at"])
        locked.follow_up_note = report
        locked.save(update_fields=["follow_up_note", "updated_at"])
        return set_case_state(locked, CaseStatus.FOLLOW_UP, by=by, name="follow-up")


# --- clarifying questions and reminders ------------------------------------------------------

# Days before a round's feedback due date when peers who have not handed in are reminded.
FEEDBACK_REMINDER_DAYS = 3


def ask_clarifying_question(case: Case, *, by, text: str) -> ClarifyingQuestion:
    """A peer's short question before advising, while the round is clarifying."""
    today = timezone.localdate()
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("round").get(pk=case.pk)
        assigned = PeerAssignment.objects.filter(
            case=case, user=by, status__in=(AssignmentStatus.INVITED, AssignmentStatus.ACCEPTED)
        ).exists()
        open_phase = case.status in (CaseStatus.ACCEPTED, CaseStatus.IN_CONSULTATION) and (
            case.round is None
            or case.round.clarification_until is None
            or today <= case.round.clarification_until
        )
        if not (assigned and open_phase):
            raise PeerLearningError(_("Rückfragen sind zu diesem Fall zurzeit nicht möglich."))
        question = ClarifyingQuestion.objects.create(case=case, author=by, text=text)
        _mail(
            _members(case),
            "clarifying_question",
            related_to=question,
            case=case,
            question=question,
            case_url=_portal_url("portal:case", case.pk),
        )
    return question


def answer_clarifying_question(question: ClarifyingQuestion, *, by, answer: str):
    if not is_member_of(by, question.case.municipality_id):
        raise PeerLearningError(_("Nur die Kommune des Falls kann Rückfragen beantworten."))
    question.answer = answer
    question.answered_by = by
    question.save(update_fields=["answer", "answered_by"])
    return question


def send_feedback_reminders(*, today=None) -> int:
    """Remind peers who accepted but have not handed in, shortly before the due date (once)."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=FEEDBACK_REMINDER_DAYS)
    due = PeerAssignment.objects.filter(
        status=AssignmentStatus.ACCEPTED,
        role=AssignmentRole.PEER,
        case__status=CaseStatus.IN_CONSULTATION,
        case__round__feedback_due__gte=today,
        case__round__feedback_due__lte=limit,
        feedback_reminded_at__isnull=True,
    ).select_related("case", "case__round", "user")
    sent = 0
    for assignment in due:
        handed_in = Feedback.objects.filter(
            case=assignment.case, author=assignment.user, status=FeedbackStatus.SUBMITTED
        ).exists()
        if handed_in:
            continue
        with transaction.atomic():
            claimed = PeerAssignment.objects.filter(
                pk=assignment.pk, feedback_reminded_at__isnull=True
            ).update(feedback_reminded_at=timezone.now())
            if not claimed:
                continue
            _mail(
                [assignment.user],
                "feedback_reminder",
                related_to=assignment,
                case=assignment.case,
                feedback_url=_portal_url("portal:feedback", assignment.case_id),
            )
            sent += 1
    return sent


def send_follow_up_reminders(*, today=None) -> int:
    """A few months after the release, ask the municipality about its action items (once)."""
    today = today or timezone.localdate()
    due = Case.objects.filter(
        status=CaseStatus.CLOSED, follow_up_due__lte=today, follow_up_reminded_at__isnull=True
    )
    sent = 0
    for case in due:
        with transaction.atomic():
            claimed = Case.objects.filter(pk=case.pk, follow_up_reminded_at__isnull=True).update(
                follow_up_reminded_at=timezone.now()
            )
            if not claimed:
                continue
            _mail(
                _members(case),
                "follow_up_reminder",
                related_to=case,
                case=case,
                case_url=_portal_url("portal:follow_up", case.pk),
            )
            sent += 1
    return sent


# --- Praxiswissen -------------------------------------------------------------------------------

PRAXISWISSEN_STATUSES = (CaseStatus.CLOSED, CaseStatus.FOLLOW_UP)


def _praxiswissen_index():
    index = PraxiswissenIndexPage.objects.filter(locale=default_locale()).first()
    if index is None:
        raise PeerLearningError(
            _(
                "Es gibt noch keine Seite „Praxiswissen“. Bitte legen Sie sie zuerst im "
                "Seitenbaum an."
            )
        )
    return index


def prepare_praxiswissen_from_case(case: Case, *, by):
    """A draft Praxiswissen page from a closed case whose municipality consented: the summary,
    the synthesis' insights and recommendations, no names and no municipality. An editor
    reviews it in the page editor before publishing."""
    if not facilitates(by, case.round):
        raise PeerLearningError(_("Sie dürfen diese Änderung nicht vornehmen."))
    if case.status not in PRAXISWISSEN_STATUSES or not case.publication_consent:
        raise PeerLearningError(
            _(
                "Praxiswissen entsteht nur aus abgeschlossenen Fällen, deren Kommune der "
                "Veröffentlichung zugestimmt hat."
            )
        )
    synthesis = getattr(case, "synthesis", None)
    with transaction.atomic():
        index = _praxiswissen_index()
        page = PraxiswissenPage(
            title=case.title,
            teaser=case.summary or case.title,
            focus_area=case.focus_area,
            starting_point=case.summary,
            insights=synthesis.insights if synthesis else "",
            recommendations=synthesis.recommendations if synthesis else "",
            source_case=case,
            live=False,
            owner=by,
        )
        index.add_child(instance=page)
        page.save_revision(user=by, log_action=True)
    return page


def prepare_praxiswissen_from_concept(concept: Concept, *, by):
    if not (by.is_superuser or by.has_perm("peer_learning.facilitate")):
        raise PeerLearningError(_("Sie dürfen diese Änderung nicht vornehmen."))
    if not concept.publication_consent:
        raise PeerLearningError(
            _("Praxiswissen entsteht nur aus Konzepten, deren Kommune zugestimmt hat.")
        )
    with transaction.atomic():
        index = _praxiswissen_index()
        page = PraxiswissenPage(
            title=concept.title,
            teaser=concept.what_and_why[:500],
            focus_area=concept.focus_area,
            starting_point=concept.what_and_why,
            insights="\n\n".join(part for part in (concept.how, concept.results) if part),
            recommendations=concept.advice,
            source_concept=concept,
            live=False,
            owner=by,
        )
        index.add_child(instance=page)
        page.save_revision(user=by, log_action=True)
    return page


def add_feedback_attachment(feedback: Feedback, *, by, upload) -> FeedbackAttachment:
    """A file for the own draft contribution (checked like case files)."""
    if feedback.author_id != by.pk or feedback.status != FeedbackStatus.DRAFT:
        raise PeerLearningError(_("Zu diesem Beitrag können Sie keine Datei hinzufügen."))
    return _store(FeedbackAttachment(feedback=feedback), upload)
