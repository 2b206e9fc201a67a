from django.contrib import admin

from samspill.knowledge.models import Decision, Document, DocumentGroup, DocumentVersion


@admin.register(DocumentGroup)
class DocumentGroupAdmin(admin.ModelAdmin[DocumentGroup]):
    list_display = ("name", "region")
    list_filter = ("region",)
    filter_horizontal = ("members",)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin[Document]):
    list_display = ("title", "kind", "region", "visibility", "date")
    list_filter = ("kind", "visibility", "region")
    search_fields = ("title",)
    readonly_fields = ("version",)


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin[DocumentVersion]):
    list_display = ("document", "number", "file_name", "approved_at")
    readonly_fields = ("approved_at", "approved_by", "sha256", "extracted_text")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin[Decision]):
    list_display = ("title", "body", "date", "case_number", "region")
    list_filter = ("body", "region")
