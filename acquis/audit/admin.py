from django.contrib import admin

from acquis.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "action", "object_type", "object_id", "actor_label", "role", "request_id")
    list_filter = ("action", "object_type", "role")
    search_fields = ("object_id", "actor_label", "request_id")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
