"""The partner municipalities' portal (/portal/, English /en/portal/). Every read goes
through `selectors` with the user; what one may not see answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import selectors, services
from .choices import AssignmentStatus, FeedbackStatus
from .forms import (
    STEPS,
    ActionItemForm,
    AttachmentForm,
    CaseForm,
    ClosingForm,
    CommentForm,
    ConceptForm,
    FeedbackForm,
    FollowUpForm,
    IdeaFormSet,
    IdeaResponseForm,
    NoticePreferencesForm,
    QuestionForm,
    SynthesisForm,
)
from .transitions import ASSIGNMENT_STATES, CASE_STATES, MEMBER, PeerLearningError


@require_safe
@login_required
def dashboard(request):
    """„Meine Kommune“: the municipality's cases by state, its rounds, the invitations, and
    what waits for this person."""
    user = request.user
    cases = list(selectors.own_cases(user))
    by_status = {}
    for case in cases:
        by_status.setdefault(case.get_status_display(), []).append(case)
    context = {
        "memberships": list(selectors.memberships(user)),
        "cases_by_status": by_status,
        "rounds": list(selectors.rounds_of(user)),
        "assignments": list(selectors.assignments_for(user)),
        "facilitated": list(selectors.rounds_facilitated(user)[:20]),
        "action": {key: list(value) for key, value in selectors.needs_action(user).items()},
        "network_cases": list(
            selectors.visible_cases(user).exclude(
                municipality_id__in=[c.municipality_id for c in cases]
            )[:20]
        ),
    }
    return render(request, "peer_learning/dashboard.html", context)


def _step(request) -> int:
    try:
        step = int(request.GET.get("schritt", "1"))
    except ValueError:
        step = 1
    return min(max(step, 1), len(STEPS)) - 1


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_create(request):
    memberships = list(selectors.memberships(request.user))
    if not memberships:
        raise Http404
    municipality = memberships[0].municipality
    rounds = selectors.open_rounds_for(request.user)
    form = CaseForm(request.POST or None, step=0, rounds=rounds)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.create_case(
                municipality=municipality, by=request.user, data=form.data_for_service()
            )
        except PeerLearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Ihr Entwurf ist gespeichert."))
            target = "2" if "weiter" in request.POST else "1"
            return redirect(f"{reverse('portal:case_edit', args=[case.pk])}?schritt={target}")
    return render(
        request,
        "peer_learning/case_form.html",
        {"form": form, "case": None, "steps": STEPS, "step": 0, "municipality": municipality},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_edit(request, pk):
    case = selectors.case_for(request.user, pk)
    if not selectors.may_edit(request.user, case):
        raise Http404
    step = _step(request)
    rounds = selectors.rounds_to_choose(request.user, case)
    form = CaseForm(request.POST or None, instance=case, step=step, rounds=rounds)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_case(case, by=request.user, data=form.data_for_service())
        except PeerLearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Ihr Entwurf ist gespeichert."))
            if "weiter" in request.POST and step + 1 < len(STEPS):
                return redirect(f"{request.path}?schritt={step + 2}")
            if "fertig" in request.POST:
                return redirect("portal:case", pk=case.pk)
            return redirect(f"{request.path}?schritt={step + 1}")
    context = {
        "form": form,
        "case": case,
        "steps": STEPS,
        "step": step,
        "municipality": case.municipality,
        "attachment_form": AttachmentForm(),
        "attachments": list(case.attachments.all()),
    }
    return render(request, "peer_learning/case_form.html", context)


# Changes that need what a form asks for (the closing statement, the follow-up report) have
# their own pages, not a bare button.
FORM_TRANSITIONS = frozenset({"close", "follow-up"})


@require_safe
@login_required
def case_detail(request, pk):
    user = request.user
    case = selectors.case_for(user, pk)
    redacted = selectors.shows_redacted(user, case)
    actions = [
        transition
        for transition in CASE_STATES.actions_for(case, by=user)
        if MEMBER in transition.actors and transition.name not in FORM_TRANSITIONS
    ]
    context = {
        "case": case,
        "redacted": redacted,
        "may_edit": selectors.may_edit(user, case),
        "actions": actions,
        "attachments": [] if redacted else list(case.attachments.all()),
        "revisions": list(selectors.revisions_for(user, case)),
        "missing": services.missing_for_submission(case) if selectors.may_edit(user, case) else [],
        "comment_form": CommentForm(),
        "feedback": selectors.feedback_visible(user, case),
        "own_feedback": selectors.own_feedback(user, case),
        "may_give_feedback": selectors.may_give_feedback(user, case),
        "synthesis": selectors.released_synthesis(user, case),
        "is_facilitator": selectors.is_facilitator_of(user, case),
        "may_respond": selectors.may_respond(user, case),
        "may_close": selectors.may_close(user, case),
        "may_follow_up": selectors.may_follow_up(user, case),
        "action_items": selectors.action_items_for(user, case),
        "follow_up_note": selectors.follow_up_note_for(user, case),
        "idea_response_form": IdeaResponseForm(),
        "questions": selectors.clarifying_questions_for(user, case),
        "may_ask": selectors.may_ask(user, case),
        "may_answer": case.municipality_id in selectors.municipality_ids(user),
        "peers_to_record": selectors.peers_to_record(user, case),
        "action_item_form": ActionItemForm(),
    }
    return render(request, "peer_learning/case_detail.html", context)


@require_POST
@login_required
def case_action(request, pk, name):
    case = selectors.case_for(request.user, pk)
    transition = CASE_STATES.by_name(name)
    if transition is None or MEMBER not in transition.actors or name in FORM_TRANSITIONS:
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        services.set_case_state(
            case, transition.target, by=request.user, comment=comment, name=name
        )
    except PeerLearningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(transition.success_message) % {"name": case.title})
    return redirect("portal:case", pk=case.pk)


@require_POST
@login_required
def attachment_upload(request, pk):
    case = selectors.case_for(request.user, pk)
    if not selectors.may_edit(request.user, case):
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Datei aus."))
    else:
        try:
            services.add_attachment(case, by=request.user, upload=form.cleaned_data["file"])
        except PeerLearningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Die Datei ist angehängt."))
    return redirect(f"{reverse('portal:case_edit', args=[case.pk])}?schritt=3")


@require_POST
@login_required
def attachment_delete(request, pk):
    attachment = selectors.attachment_for(request.user, pk)
    case = attachment.case
    try:
        services.remove_attachment(attachment, by=request.user)
    except PeerLearningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Die Datei ist entfernt."))
    return redirect(f"{reverse('portal:case_edit', args=[case.pk])}?schritt=3")


@require_safe
@login_required
def attachment_download(request, pk):
    attachment = selectors.attachment_for(request.user, pk)
    return _private_file(attachment, attachment.original_name)


def _private_file(stored, name: str) -> FileResponse:
    """A file from the private storage as a download, never rendered by the browser."""
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def invitation(request, pk):
    """Accept or decline an invitation to advise on a case."""
    assignment = selectors.assignment_for(request.user, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        name = request.POST.get("action", "")
        transition = ASSIGNMENT_STATES.by_name(name)
        if transition is None or name not in ("accept", "decline"):
            raise Http404
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        if form.is_valid():
            try:
                services.set_assignment_state(
                    assignment, transition.target, by=request.user, comment=comment, name=name
                )
            except PeerLearningError as error:
                form.add_error("comment" if name == "decline" else None, error.message)
            else:
                messages.success(request, str(transition.success_message))
                return redirect("portal:invitation", pk=assignment.pk)
    case = assignment.case
    visible = selectors.visible_cases(request.user).filter(pk=case.pk).exists()
    context = {
        "assignment": assignment,
        "case": case,
        "case_visible": visible,
        "redacted": selectors.shows_redacted(request.user, case),
        "form": form,
        "open": assignment.status == AssignmentStatus.INVITED,
    }
    return render(request, "peer_learning/invitation.html", context)


# --- implemented concepts ------------------------------------------------------------------


@require_safe
@login_required
def concept_list(request):
    concepts = list(selectors.network_concepts(request.user))
    return render(request, "peer_learning/concept_list.html", {"concepts": concepts})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def concept_edit(request, pk=None):
    memberships = list(selectors.memberships(request.user))
    if not memberships:
        raise Http404
    municipality = memberships[0].municipality
    concept = None
    if pk is not None:
        concept = selectors.concept_for(request.user, pk)
        if concept.municipality_id not in [m.municipality_id for m in memberships]:
            raise Http404
        municipality = concept.municipality
    form = ConceptForm(request.POST or None, instance=concept)
    if request.method == "POST" and form.is_valid():
        try:
            concept = services.save_concept(
                municipality=municipality,
                by=request.user,
                data=form.cleaned_data,
                concept=concept,
            )
        except PeerLearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Das Konzept ist gespeichert."))
            return redirect("portal:concept", pk=concept.pk)
    return render(
        request,
        "peer_learning/concept_form.html",
        {"form": form, "concept": concept, "municipality": municipality},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def concept_detail(request, pk):
    concept = selectors.concept_for(request.user, pk)
    own = concept.municipality_id in selectors.municipality_ids(request.user)
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("relevant", "not-relevant") and not own:
            services.mark_concept_relevant(concept, by=request.user, relevant=action == "relevant")
            messages.success(request, _("Danke, Ihre Einschätzung ist gespeichert."))
            return redirect("portal:concept", pk=concept.pk)
        if action == "ask" and form.is_valid():
            try:
                services.ask_about_concept(concept, by=request.user, text=form.cleaned_data["text"])
            except PeerLearningError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Ihre Frage ist an die Kommune weitergegeben."))
                return redirect("portal:concept", pk=concept.pk)
    own_municipalities = set(selectors.municipality_ids(request.user))
    context = {
        "concept": concept,
        "own": own,
        "form": form,
        "questions": list(concept.questions.select_related("municipality")),
        "marked_relevant": bool(own_municipalities & {m.pk for m in concept.relevant_for.all()}),
    }
    return render(request, "peer_learning/concept_detail.html", context)


# --- consultation: feedback, synthesis, the municipality's answer ---------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def feedback_edit(request, pk, peer_pk=None):
    """A peer writes the advice („Beratungsbeitrag“): save as a draft, hand in when done.
    With `peer_pk`, a facilitator records what that peer said in a live session."""
    case = selectors.case_for(request.user, pk)
    if peer_pk is None:
        author, recorded_by = request.user, None
        if not selectors.may_give_feedback(request.user, case):
            raise Http404
    else:
        author = selectors.peer_to_record(request.user, case, peer_pk)
        recorded_by = request.user
    feedback = selectors.own_feedback(author, case)
    if feedback is not None and feedback.status == FeedbackStatus.SUBMITTED:
        return redirect("portal:case", pk=case.pk)
    method_label = services.METHOD_SECTIONS.get(case.method)
    ideas = [
        {
            "text": idea.text,
            "kind": idea.kind,
            "effort": idea.effort,
            "how_we_do_it": idea.how_we_do_it,
        }
        for idea in (feedback.ideas.all() if feedback else [])
    ]
    form = FeedbackForm(request.POST or None, instance=feedback, method_label=method_label)
    formset = IdeaFormSet(
        request.POST or None,
        initial=ideas + [{}] * 3 if not request.POST else None,
        prefix="ideen",
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        items = [item for item in formset.cleaned_data if item and item.get("text")]
        try:
            feedback = services.save_feedback(
                case, by=author, data=data, ideas=items, recorded_by=recorded_by
            )
            if "abgeben" in request.POST:
                services.submit_feedback(feedback, by=request.user)
                messages.success(request, _("Vielen Dank! Der Beitrag ist abgegeben."))
                return redirect("portal:case", pk=case.pk)
        except PeerLearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Der Entwurf ist gespeichert."))
            return redirect(request.path)
    context = {
        "case": case,
        "form": form,
        "formset": formset,
        "feedback": feedback,
        "attachment_form": AttachmentForm() if recorded_by is None else None,
        "method_label": method_label,
        "recorded_for": author if recorded_by else None,
    }
    return render(request, "peer_learning/feedback_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def synthesis_edit(request, pk):
    """The facilitator's synthesis; the release itself is an action on the case."""
    case = selectors.case_for(request.user, pk)
    if not (selectors.is_facilitator_of(request.user, case)):
        raise Http404
    instance = getattr(case, "synthesis", None)
    form = SynthesisForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_synthesis(case, by=request.user, data=form.cleaned_data)
        except PeerLearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Die Synthese ist gespeichert."))
            return redirect("portal:case", pk=case.pk)
    context = {"case": case, "form": form}
    return render(request, "peer_learning/synthesis_form.html", context)


@require_POST
@login_required
def case_facilitator_action(request, pk, name):
    """Facilitators release the feedback from the portal too (the admin has all actions)."""
    case = selectors.case_for(request.user, pk)
    transition = CASE_STATES.by_name(name)
    if transition is None or name != "release":
        raise Http404
    try:
        services.set_case_state(case, transition.target, by=request.user, name=name)
    except PeerLearningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(transition.success_message) % {"name": case.title})
    return redirect("portal:case", pk=case.pk)


@require_POST
@login_required
def idea_response(request, pk):
    idea = selectors.idea_for(request.user, pk)
    form = IdeaResponseForm(request.POST)
    if form.is_valid():
        try:
            services.respond_to_idea(
                idea,
                by=request.user,
                response=form.cleaned_data["response"],
                note=form.cleaned_data["note"],
            )
        except PeerLearningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Ihre Antwort ist gespeichert."))
    else:
        messages.error(request, _("Bitte wählen Sie eine Antwort aus."))
    return redirect(f"{reverse('portal:case', args=[idea.feedback.case_id])}#idee-{idea.pk}")


@require_POST
@login_required
def action_item_add(request, pk):
    case = selectors.case_for(request.user, pk)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.save_action_item(case, by=request.user, data=form.cleaned_data)
        except PeerLearningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Die Maßnahme ist gespeichert."))
    else:
        messages.error(
            request, _("Bitte geben Sie an, was getan wird und wer (welche Rolle) es übernimmt.")
        )
    return redirect(f"{reverse('portal:case', args=[case.pk])}#massnahmen")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_close(request, pk):
    """The municipality's closing statement, and with it the case is closed."""
    case = selectors.case_for(request.user, pk)
    if not selectors.may_close(request.user, case):
        raise Http404
    form = ClosingForm(request.POST or None, initial={"closing_statement": case.closing_statement})
    if request.method == "POST" and form.is_valid():
        try:
            services.close_case(
                case, by=request.user, statement=form.cleaned_data["closing_statement"]
            )
        except PeerLearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Der Fall ist abgeschlossen. Vielen Dank!"))
            return redirect("portal:case", pk=case.pk)
    return render(request, "peer_learning/case_close.html", {"case": case, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def case_follow_up(request, pk):
    """Months after the release: where the action items stand, and a report for the peers."""
    case = selectors.case_for(request.user, pk)
    if not selectors.may_follow_up(request.user, case):
        raise Http404
    form = FollowUpForm(
        request.POST or None,
        items=case.action_items.all(),
        initial={"follow_up_note": case.follow_up_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(
                case,
                by=request.user,
                statuses=form.statuses(),
                report=form.cleaned_data["follow_up_note"],
            )
        except PeerLearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Danke! Die Peers erfahren, was aus ihrem Rat geworden ist.")
            )
            return redirect("portal:case", pk=case.pk)
    return render(request, "peer_learning/case_follow_up.html", {"case": case, "form": form})


@require_POST
@login_required
def clarifying_question_ask(request, pk):
    case = selectors.case_for(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.ask_clarifying_question(case, by=request.user, text=form.cleaned_data["text"])
        except PeerLearningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Ihre Rückfrage ist an die Kommune gegangen."))
    else:
        messages.error(request, _("Bitte schreiben Sie Ihre Rückfrage."))
    return redirect(f"{reverse('portal:case', args=[case.pk])}#rueckfragen")


@require_POST
@login_required
def clarifying_question_answer(request, pk):
    question = selectors.clarifying_question_for(request.user, pk)
    answer = request.POST.get("answer", "")
    form = QuestionForm({"text": answer})
    if form.is_valid():
        try:
            services.answer_clarifying_question(
                question, by=request.user, answer=form.cleaned_data["text"]
            )
        except PeerLearningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Ihre Antwort ist gespeichert."))
    else:
        messages.error(request, _("Bitte schreiben Sie Ihre Antwort."))
    return redirect(f"{reverse('portal:case', args=[question.case_id])}#rueckfragen")


@require_safe
@login_required
def case_dossier(request, pk):
    """The case with its advice, synthesis, answers and action plan, for printing."""
    case = selectors.case_for(request.user, pk)
    context = {"case": case, **selectors.dossier_for(request.user, case)}
    return render(request, "peer_learning/case_dossier.html", context)


@require_POST
@login_required
def praxiswissen_from_case(request, pk):
    case = selectors.case_for(request.user, pk)
    try:
        page = services.prepare_praxiswissen_from_case(case, by=request.user)
    except PeerLearningError as error:
        messages.error(request, error.message)
        return redirect("portal:case", pk=case.pk)
    messages.success(
        request, _("Der Entwurf ist angelegt. Bitte prüfen und veröffentlichen Sie ihn hier.")
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
@login_required
def praxiswissen_from_concept(request, pk):
    concept = selectors.concept_for(request.user, pk)
    try:
        page = services.prepare_praxiswissen_from_concept(concept, by=request.user)
    except PeerLearningError as error:
        messages.error(request, error.message)
        return redirect("portal:concept", pk=concept.pk)
    messages.success(
        request, _("Der Entwurf ist angelegt. Bitte prüfen und veröffentlichen Sie ihn hier.")
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notice_preferences(request):
    """„Benachrichtigungen“: each kind of mail at once or in a daily digest."""
    current = dict(request.user.notice_preferences.values_list("kind", "mode"))
    form = NoticePreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_notice_preferences(request.user, form.cleaned_data)
        messages.success(request, _("Ihre Einstellungen sind gespeichert."))
        return redirect("portal:notices")
    return render(request, "peer_learning/notice_preferences.html", {"form": form})


@require_POST
@login_required
def feedback_attachment_upload(request, pk):
    case = selectors.case_for(request.user, pk)
    feedback = selectors.own_feedback(request.user, case)
    if not selectors.may_give_feedback(request.user, case):
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if feedback is None:
        messages.error(request, _("Bitte speichern Sie zuerst einen Entwurf Ihres Beitrags."))
    elif not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Datei aus."))
    else:
        try:
            services.add_feedback_attachment(
                feedback, by=request.user, upload=form.cleaned_data["file"]
            )
        except PeerLearningError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Die Datei ist angehängt."))
    return redirect("portal:feedback", pk=case.pk)


@require_safe
@login_required
def feedback_attachment_download(request, pk):
    attachment, name = selectors.feedback_attachment_for(request.user, pk)
    return _private_file(attachment, name)
