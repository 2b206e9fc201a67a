"""Writes for the front door. Every write checks access, validates, and leaves an audit entry.

`actor=None` means the system itself (the public form, management commands, the demo loader);
views always pass the logged-in user. Audit entries about personal data name the fields that
changed, never their values, so the audit trail does not keep what erasure removes.

Split by family: `intake` (submitting, case numbers, receipts, routing), `casework`
(assigning, notes, status), `personal_data` (the contact person: view, correct, export, erase,
retention purge), `company_facts` (Brønnøysund facts and their retries) and `directory`
(adviser profiles, municipality services, routing rules). Helpers shared by several families
live in `_common`.
"""

from samspill.inquiries.services._common import NOT_CREATED
from samspill.inquiries.services.casework import (
    inquiry_assign,
    inquiry_note_add,
    inquiry_note_complete,
    inquiry_status_change,
)
from samspill.inquiries.services.company_facts import (
    FACTS_RETRY_FIRST,
    FACTS_RETRY_MAX,
    RefreshSummary,
    company_facts_refresh,
    company_facts_refresh_due,
    facts_retry_delay,
)
from samspill.inquiries.services.directory import (
    adviser_profile_update,
    municipality_service_save,
    routing_rule_create,
    routing_rule_delete,
)
from samspill.inquiries.services.intake import (
    MAX_AREA_M2,
    MAX_PEOPLE,
    ContactInput,
    InquiryInput,
    case_prefix,
    inquiry_receipt_send,
    inquiry_submit,
    inquiry_submit_public,
    region_takes_inquiries,
)
from samspill.inquiries.services.personal_data import (
    ERASED_TEXT,
    PurgeSummary,
    inquiry_contact_erase,
    inquiry_contact_export,
    inquiry_contact_update,
    inquiry_contact_view,
    inquiry_personal_data_purge,
)

__all__ = [
    "ERASED_TEXT",
    "FACTS_RETRY_FIRST",
    "FACTS_RETRY_MAX",
    "MAX_AREA_M2",
    "MAX_PEOPLE",
    "NOT_CREATED",
    "ContactInput",
    "InquiryInput",
    "PurgeSummary",
    "RefreshSummary",
    "adviser_profile_update",
    "case_prefix",
    "company_facts_refresh",
    "company_facts_refresh_due",
    "facts_retry_delay",
    "inquiry_assign",
    "inquiry_contact_erase",
    "inquiry_contact_export",
    "inquiry_contact_update",
    "inquiry_contact_view",
    "inquiry_note_add",
    "inquiry_note_complete",
    "inquiry_personal_data_purge",
    "inquiry_receipt_send",
    "inquiry_status_change",
    "inquiry_submit",
    "inquiry_submit_public",
    "municipality_service_save",
    "region_takes_inquiries",
    "routing_rule_create",
    "routing_rule_delete",
]
