"""Intake pages for editors: add a report, review what was proposed, save it."""

import secrets

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import RequestDataTooBig
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from contacts.models import Country, Organisation, OrganisationKind, Person

from . import review
from .cards import cards
from .drafting import create_source_and_draft, draft_for, duplicate_of, proposals_for
from .forms import DetailsForm, ReportForm
from .models import Draft
from .reading import MAX_BYTES
from .saving import DraftInvalid, save_draft

EDITOR_GROUPS = ("Editor", "Administrator")
PENDING = "intake-pending"  # session key: reports read but not yet stored (step 2)


def is_editor(user):
    return user.is_authenticated and (
        user.has_perm("contacts.add_contact") or user.groups.filter(name__in=EDITOR_GROUPS).exists()
    )


class EditorsOnly(UserPassesTestMixin):
    raise_exception = True  # analysts get 403; anonymous users never get here (login first)
    permission_denied_message = "Only editors add reports; analysts read them in the tracker."

    def test_func(self):
        return is_editor(self.request.user)


def too_big(request):
    """A request body over Django's limit cannot be read: answer, keep the rest of the page."""
    try:
        request.POST, request.FILES  # noqa: B018 - parsing is what may fail
    except RequestDataTooBig:
        return True
    return False


@method_decorator(csrf_exempt, name="dispatch")  # checked below, once the body is readable
class AddReportView(EditorsOnly, View):
    template_name = "intake/add.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and too_big(request) and is_editor(request.user):
            message = (
                f"This report is over {MAX_BYTES / 1_000_000:.0f} MB and was not read. "
                "Paste the article's main text only, or split it."
            )
            return self.page(ReportForm(), status=413, problem=message)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def page(self, form, status=200, **context):
        drafts = Draft.objects.filter(created_by=self.request.user, saved_at=None)
        context.update(form=form, drafts=drafts.select_related("source")[:50])
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.page(ReportForm())

    def post(self, request):
        if "token" in request.POST:
            return self.store(request)
        form = ReportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form, status=400)
        report = form.report
        if existing := duplicate_of(report.text):
            return self.to_existing(existing)
        token = secrets.token_urlsafe(12)
        pending = {k: v for k, v in request.session.get(PENDING, {}).items()}
        pending = dict(list(pending.items())[-2:])  # a few tabs at most
        pending[token] = {"text": report.text, "notes": report.notes}
        request.session[PENDING] = pending
        details = DetailsForm(
            initial={
                "title": report.title,
                "outlet": report.outlet,
                "url": report.url,
                "published": report.published,
                "language": report.language,
            }
        )
        return self.details_page(details, token, report.text)

    def details_page(self, form, token, text, status=200):
        outlets = Organisation.objects.filter(kind=OrganisationKind.NEWS_OUTLET)
        context = {"details": form, "token": token, "preview": text[:1500], "length": len(text)}
        context["outlets"] = outlets.values_list("name", flat=True)
        return render(self.request, "intake/details.html", context, status=status)

    def store(self, request):
        token = request.POST["token"]
        pending = request.session.get(PENDING, {}).get(token)
        if pending is None:
            messages.warning(
                request, "That report was already stored or has expired: add it again."
            )
            return redirect("intake-add")
        form = DetailsForm(request.POST)
        if not form.is_valid():
            return self.details_page(form, token, pending["text"], status=400)
        if existing := duplicate_of(pending["text"]):
            return self.to_existing(existing)
        data = form.cleaned_data
        proposals = proposals_for(
            pending["text"],
            published=data["published"],
            language=data["language"],
            title=data["title"],
        )
        draft = create_source_and_draft(
            text=pending["text"],
            title=data["title"],
            outlet_name=data["outlet"],
            url=data["url"],
            published=data["published"],
            language=data["language"],
            notes=pending["notes"],
            proposals=proposals,
            user=request.user,
        )
        request.session[PENDING] = {
            k: v for k, v in request.session.get(PENDING, {}).items() if k != token
        }
        return redirect(draft)

    def to_existing(self, source):
        draft, created = draft_for(source=source, user=self.request.user)
        messages.info(
            self.request,
            f"This report is already in the tracker as “{source.title}” (source #{source.pk}): "
            + ("a draft was opened for it." if created else "here is its draft."),
        )
        return redirect(draft)


class ReviewView(EditorsOnly, View):
    template_name = "intake/review.html"

    def get_draft(self, pk):
        return get_object_or_404(Draft.objects.select_related("source__outlet"), pk=pk)

    def get(self, request, pk):
        draft = self.get_draft(pk)
        return self.page(draft)

    def page(self, draft, *, bound=None, problems=None, status=200):
        """`bound`: {proposal id: form with errors}; `problems`: {proposal id: reasons}."""
        found = review.items(draft)
        context = {"draft": draft, "source": draft.source, "problems": problems or {}}
        context["cards"] = cards(found, bound or {}, problems or {})
        context["article"] = review.article(draft)
        context["notes"] = draft.proposals.get("notes") or []
        context["confident_open"] = sum(1 for i in found if i.confident and i.status is None)
        context["accepted"] = sum(1 for i in found if i.status == review.ACCEPTED)
        context["countries"] = Country.objects.values_list("code", "name")
        outlets = Organisation.objects.filter(kind=OrganisationKind.NEWS_OUTLET)
        context["outlets"] = outlets.values_list("name", flat=True)
        context["manual"] = self.manual_forms(draft, bound or {})
        context["problem_list"] = (problems or {}).get("", [])
        context["failed"] = [key for key in (problems or {}) if key]
        return render(self.request, self.template_name, context, status=status)

    def manual_forms(self, draft, bound):
        if "manual" in bound:
            return bound["manual"]
        number = self.request.GET.get("sentence", "")
        wanted = number.isdecimal() and len(number) <= 9  # "²" is a digit int() refuses
        picked = review.sentence(draft, int(number)) if wanted else None
        if picked is None or draft.saved_at:
            return None
        start, end, text = picked
        published = draft.source.published_date
        initial = {"excerpt": text, "text": text, "date_start": published}
        return {
            "sentence": int(number),
            "excerpt": text,
            "contact": review.FORMS["contact"](initial=initial, manual=True, prefix="new-contact"),
            "statement": review.FORMS["statement"](
                initial=initial,
                manual=True,
                prefix="new-statement",
                contacts=review.statement_choices(draft),
            ),
        }

    def post(self, request, pk):
        draft = self.get_draft(pk)
        if draft.saved_at:
            messages.warning(request, "This draft is saved: it can no longer be changed.")
            return redirect(draft)
        action = request.POST.get("action", "")
        key = request.POST.get("proposal", "")
        anchor = f"#proposal-{key}" if key else ""
        if action == "accept_confident":
            count = review.accept_confident(draft)
            messages.success(request, f"Accepted {count} confident proposal(s).")
        elif action in ("new-contact", "new-statement"):
            return self.add_manual(draft, action)
        elif (item := review.find(draft, key)) is None:
            raise Http404("No such proposal in this draft.")
        elif action in ("accept", "reject", "undo"):
            status = {"accept": review.ACCEPTED, "reject": review.REJECTED}.get(action)
            review.decide(draft, key, status)
        elif action == "edit":
            form = item.form(data=request.POST)
            if not form.is_valid():
                return self.page(draft, bound={key: form}, status=400)
            review.edit(draft, key, form.stored())
            messages.success(request, "Your correction is kept, and the proposal accepted.")
        else:
            raise Http404("Unknown action.")
        return redirect(reverse("intake-review", args=[draft.pk]) + anchor)

    def add_manual(self, draft, action):
        kind = action.removeprefix("new-")
        choices = {"contacts": review.statement_choices(draft)}
        extra = {"contact": {}, "statement": choices}
        form = review.FORMS[kind](data=self.request.POST, manual=True, prefix=action, **extra[kind])
        if form.is_valid() and not draft.source.contains(form.cleaned_data["excerpt"]):
            form.add_error("excerpt", "This excerpt is not in the report's text.")
        if not form.is_valid():
            other = "statement" if kind == "contact" else "contact"
            manual = {
                "excerpt": self.request.POST.get(f"{action}-excerpt", ""),
                kind: form,
                other: review.FORMS[other](manual=True, prefix=f"new-{other}", **extra[other]),
            }
            return self.page(draft, bound={"manual": manual}, status=400)
        key = review.add_manual(draft, kind, form.stored())
        messages.success(self.request, f"Your {kind} is added and accepted.")
        return redirect(reverse("intake-review", args=[draft.pk]) + f"#proposal-{key}")


class PeopleLookupView(EditorsOnly, View):
    """People whose name or alias holds `q`, or whose slug starts with it, for the
    autocomplete (JSON)."""

    def get(self, request):
        query = request.GET.get("q", "").strip()[:100]
        if len(query) < 2:
            return JsonResponse({"results": []})
        people = Person.objects.filter(
            Q(name__icontains=query) | Q(aliases__name__icontains=query) | Q(slug__startswith=query)
        ).distinct()
        rows = people.select_related("country").order_by("name")[:15]
        return JsonResponse(
            {
                "results": [
                    {"slug": p.slug, "name": p.name, "country": p.country.code if p.country else ""}
                    for p in rows
                ]
            }
        )


class SaveView(EditorsOnly, View):
    def post(self, request, pk):
        draft = get_object_or_404(Draft, pk=pk)
        try:
            save_draft(draft_id=draft.pk)
        except DraftInvalid as error:
            draft.refresh_from_db()
            return ReviewView(request=request).page(draft, problems=error.problems, status=400)
        messages.success(request, "Saved. Below is what was created or cited.")
        return redirect(draft)
