"""Read-mostly admin for statistics: imports go through `import_ssb_table`, not forms."""

from django.contrib import admin

from samspill.stats.models import Series


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin[Series]):
    list_display = [
        "code",
        "table_number",
        "title",
        "first_period",
        "last_period",
        "vintage",
        "imported_at",
    ]
    list_filter = ["table_number"]
    search_fields = ["code", "title", "table_number"]
    readonly_fields = [
        "code", "table_number", "contents", "dimensions", "vintage", "harmonisation_notes",
        "known_gaps", "source_files", "first_period", "last_period", "imported_at",
    ]  # fmt: skip
