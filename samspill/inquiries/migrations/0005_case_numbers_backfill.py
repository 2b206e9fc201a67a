"""Give inquiries registered before case numbers one, in the order they came in."""

from django.db import migrations
from django.utils import timezone


def _prefix(slug: str) -> str:
    # The same rule as samspill.inquiries.services.case_prefix (copied: migrations stay frozen).
    head = slug.split("-", 1)[0]
    letters = "".join(ch for ch in head.upper() if "A" <= ch <= "Z")
    return (letters[:3] or "SAK").ljust(3, "X")


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    inquiry_model = apps.get_model("inquiries", "Inquiry")
    counter_model = apps.get_model("inquiries", "CaseNumberCounter")
    last: dict[tuple[str, int], int] = {}
    for inquiry in (
        inquiry_model.objects.filter(case_number__isnull=True)
        .select_related("region")
        .order_by("created_at", "pk")
    ):
        key = (_prefix(inquiry.region.slug), timezone.localtime(inquiry.created_at).year)
        last[key] = last.get(key, 0) + 1
        inquiry.case_number = f"{key[0]}-{key[1]}-{last[key]:04d}"
        inquiry.save(update_fields=["case_number"])
    for (prefix, year), number in last.items():
        counter_model.objects.update_or_create(
            prefix=prefix, year=year, defaults={"last": number}
        )


class Migration(migrations.Migration):
    dependencies = [("inquiries", "0004_case_numbers_facts_retry_service_age")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
