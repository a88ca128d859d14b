"""History pages that can bring deleted records back, and reverts that respect versions."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from contacts.restore import (
    RestoreError,
    cascaded_children,
    is_deleted,
    last_state,
    object_pk,
    restore_deleted,
)

DELETED_LISTED = 100


class RestorableAdmin(SimpleHistoryAdmin):
    """A deleted record's history page restores it with the rows its deletion took along
    (participants, citations); "Deleted" lists the latest deletions."""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_deleted"
        deleted = path("deleted/", self.admin_site.admin_view(self.deleted_view), name=name)
        return [deleted, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_deleted")
        return super().changelist_view(request, {**(extra_context or {}), "deleted_url": url})

    def deleted_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        history = self.model.history.filter(history_type="-").order_by("-history_date")
        rows = [
            row
            for row in history[:DELETED_LISTED]
            if not self.model._default_manager.filter(pk=object_pk(row)).exists()
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Deleted {self.model._meta.verbose_name_plural}",
            "rows": rows,
        }
        return render(request, "admin/contacts/deleted_list.html", context)

    def check_id(self, object_id):
        """A record's id from the address, or 404 (not a 500 from the query) for "abc"."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError as error:
            raise Http404("No such record.") from error

    def history_view(self, request, object_id, extra_context=None):
        self.check_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.check_id(object_id)
        if not self.model._default_manager.filter(pk=object_id).exists():
            return self.restore_view(request, object_id)
        request.reverting = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        """Reverting to an old version edits the current one: the form remembers the
        current version, so a revert is stopped only by an edit made after it was opened."""
        if getattr(request, "reverting", False) and hasattr(obj, "version"):
            stored = self.model._default_manager.filter(pk=obj.pk)
            obj.version = stored.values_list("version", flat=True).first()
        return super().get_form(request, obj, **kwargs)

    def restore_view(self, request, object_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        if not is_deleted(self.model, object_id):
            self.message_user(request, "No such deleted record.", messages.ERROR)
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )
        last = last_state(self.model, object_id)
        if request.method == "POST":
            try:
                restored = restore_deleted(model=self.model, pk=object_id, user=request.user)
            except RestoreError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                others = len(restored) - 1
                self.message_user(
                    request,
                    f"Restored {opts.verbose_name} “{restored[0]}” with {others} related "
                    "row(s) deleted along with it.",
                    messages.SUCCESS,
                )
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id])
                return HttpResponseRedirect(url)
        children = list(cascaded_children(self.model, object_id, last.history_date))
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"Restore the deleted {opts.verbose_name}",
            "record": last.instance,
            "deleted": last,
            "children": [(child._meta.verbose_name, row.instance) for child, row in children],
        }
        return render(request, "admin/contacts/restore_confirm.html", context)
