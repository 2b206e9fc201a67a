"""Writes for collaboration projects: each checks the actor's rights, runs in a transaction and
records an audit entry (the object's history). Edits of versioned rows take `expected_version`;
state changes (a decision, an override) lock the row and answer "already …" as a ConflictError.

One module per family (projects and roles, plan, budget, meetings, agreements, status reports);
this package re-exports them all, so `services.project_create(...)` reads as before.
"""

from samspill.collaboration.services._common import Action
from samspill.collaboration.services.agreements import (
    agreement_create,
    agreement_delete,
    agreement_delete_refusal,
    agreement_sign,
    agreement_update,
    agreement_version_add,
)
from samspill.collaboration.services.budget import (
    cost_key_add,
    cost_key_choose,
    cost_key_update,
    cost_line_add,
    cost_line_delete,
    cost_line_update,
    financing_add,
    financing_delete,
    financing_update,
)
from samspill.collaboration.services.meetings import (
    agenda_item_add,
    agenda_item_delete,
    agenda_item_update,
    meeting_add,
    meeting_delete,
    meeting_update,
)
from samspill.collaboration.services.plan import (
    activity_add,
    activity_delete,
    activity_update,
    decision_point_add,
    decision_point_delete,
    decision_point_update,
    decision_record,
    milestone_add,
    milestone_update,
    point_override,
    treatment_add,
)
from samspill.collaboration.services.projects import (
    project_create,
    project_update,
    role_add,
    role_delete,
    role_update,
)
from samspill.collaboration.services.reports import (
    REPORT_EDITABLE,
    status_report_create,
    status_report_update,
)

__all__ = [
    "REPORT_EDITABLE",
    "Action",
    "activity_add",
    "activity_delete",
    "activity_update",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_update",
    "agreement_create",
    "agreement_delete",
    "agreement_delete_refusal",
    "agreement_sign",
    "agreement_update",
    "agreement_version_add",
    "cost_key_add",
    "cost_key_choose",
    "cost_key_update",
    "cost_line_add",
    "cost_line_delete",
    "cost_line_update",
    "decision_point_add",
    "decision_point_delete",
    "decision_point_update",
    "decision_record",
    "financing_add",
    "financing_delete",
    "financing_update",
    "meeting_add",
    "meeting_delete",
    "meeting_update",
    "milestone_add",
    "milestone_update",
    "point_override",
    "project_create",
    "project_update",
    "role_add",
    "role_delete",
    "role_update",
    "status_report_create",
    "status_report_update",
    "treatment_add",
]
