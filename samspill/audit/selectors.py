"""Reading the audit trail."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from samspill.audit.models import AuditEntry


def audit_entries_for(*, subject: models.Model, limit: int = 50) -> QuerySet[AuditEntry]:
    """The newest entries about one object, with their actors, for its history panel."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_pk=str(subject.pk)
    ).select_related("actor", "content_type")[:limit]
