"""Writes for innovation challenges: every one checks permission, runs in a transaction and is
audited. Stage changes and anything that depends on the answer deadline lock the challenge row
(`select_for_update`) and decide on the locked state, so two requests cannot both win.

Times: `now` defaults to `timezone.now()`; tests pass a fixed moment (deadlines are stored in UTC
and entered and shown in Europe/Oslo).

The writes live in family modules (challenges and stages, assessment and panel, suppliers,
market dialogue, answers and attachments, pilots, mail and reminders); this package re-exports
them so callers keep importing `samspill.challenges.services`.
"""

from samspill.challenges.services._common import A, DeadlinePassedError, StageError
from samspill.challenges.services.answers import (
    ATTACHMENT_TYPES,
    answer_submit,
    answer_withdraw,
    attachment_add,
    attachment_limits,
    attachment_remove,
)
from samspill.challenges.services.assessment import (
    CriterionRow,
    conflict_declare,
    criteria_set,
    outcome_mail_send,
    outcomes_notify,
    panel_add,
    panel_remove,
    pilot_select,
    score_record,
)
from samspill.challenges.services.challenges import (
    CHALLENGE_FIELDS,
    LATE_EDITABLE,
    challenge_create,
    challenge_join,
    challenge_transition,
    challenge_update,
)
from samspill.challenges.services.dialogue import (
    announcement_mail_send,
    announcement_send,
    follow_set,
    meeting_create,
    meeting_register,
    question_answer,
    question_ask,
)
from samspill.challenges.services.pilots import (
    milestone_add,
    milestone_delete,
    milestone_report,
    milestone_update,
    pilot_decide,
    pilot_join,
    pilot_update,
)
from samspill.challenges.services.reminders import (
    REMIND_AHEAD,
    ReminderSummary,
    mail_catch_up,
    reminders_send,
)
from samspill.challenges.services.suppliers import (
    organisation_number_clean,
    reference_add,
    supplier_facts_refresh,
    supplier_facts_retry,
    supplier_register,
    supplier_update,
)
from samspill.core.mail import MailNotSentError

__all__ = [
    "ATTACHMENT_TYPES",
    "CHALLENGE_FIELDS",
    "LATE_EDITABLE",
    "REMIND_AHEAD",
    "A",
    "CriterionRow",
    "DeadlinePassedError",
    "MailNotSentError",
    "ReminderSummary",
    "StageError",
    "announcement_mail_send",
    "announcement_send",
    "answer_submit",
    "answer_withdraw",
    "attachment_add",
    "attachment_limits",
    "attachment_remove",
    "challenge_create",
    "challenge_join",
    "challenge_transition",
    "challenge_update",
    "conflict_declare",
    "criteria_set",
    "follow_set",
    "mail_catch_up",
    "meeting_create",
    "meeting_register",
    "milestone_add",
    "milestone_delete",
    "milestone_report",
    "milestone_update",
    "organisation_number_clean",
    "outcome_mail_send",
    "outcomes_notify",
    "panel_add",
    "panel_remove",
    "pilot_decide",
    "pilot_join",
    "pilot_select",
    "pilot_update",
    "question_answer",
    "question_ask",
    "reference_add",
    "reminders_send",
    "score_record",
    "supplier_facts_refresh",
    "supplier_facts_retry",
    "supplier_register",
    "supplier_update",
]
