"""Innovation challenges: municipalities post a need, regional suppliers answer, the municipalities
assess, pilot and scale up (issue 16, seed 002).

A challenge is owned by one or several municipalities (`ChallengeOwner`; others can join). Its
stage moves draft → open for dialogue → open for answers → assessment → pilot → scale-up, or to
stopped, only through `services.challenge_transition` (row lock, audit). Suppliers are
organisations of the kind "supplier" (`accounts.Organisation`) with a `Supplier` profile here.
An answer is confidential to the owning municipalities' people; it can be revised or withdrawn
until the deadline and never after.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samspill.accounts.models import Organisation
from samspill.core.models import TimeStampedModel, VersionedModel
from samspill.regions.models import Municipality


class Area(models.TextChoices):
    WATER = "water", _("vann og avløp")
    ENVIRONMENT = "environment", _("miljø")
    HEALTH = "health", _("helse og omsorg")
    BUILDINGS = "buildings", _("bygg og eiendom")
    TRANSPORT = "transport", _("transport")
    OTHER = "other", _("annet")


class ProcurementRoute(models.TextChoices):
    DIALOGUE_COMPETITION = "dialogue_competition", _("markedsdialog og deretter konkurranse")
    INNOVATION_PARTNERSHIP = "innovation_partnership", _("innovasjonspartnerskap")
    COMPETITIVE_DIALOGUE = "competitive_dialogue", _("konkurransepreget dialog")
    PRE_COMMERCIAL = "pre_commercial", _("førkommersiell anskaffelse")
    DIRECT_PURCHASE = "direct_purchase", _("direkte kjøp under terskelverdi")


class Stage(models.TextChoices):
    DRAFT = "draft", _("utkast")
    DIALOGUE = "dialogue", _("åpen for dialog")
    ANSWERS = "answers", _("åpen for svar")
    ASSESSMENT = "assessment", _("vurdering")
    PILOT = "pilot", _("pilot")
    SCALE_UP = "scale_up", _("oppskalering")
    STOPPED = "stopped", _("stanset")


# The only moves a challenge can make; everything else is refused with a reason.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stage.DRAFT: (Stage.DIALOGUE, Stage.ANSWERS, Stage.STOPPED),
    Stage.DIALOGUE: (Stage.ANSWERS, Stage.STOPPED),
    Stage.ANSWERS: (Stage.ASSESSMENT, Stage.STOPPED),
    Stage.ASSESSMENT: (Stage.PILOT, Stage.STOPPED),
    Stage.PILOT: (Stage.SCALE_UP, Stage.STOPPED),
    Stage.SCALE_UP: (),
    Stage.STOPPED: (),
}


class Challenge(VersionedModel, TimeStampedModel):
    """A need posted by one or more municipalities, written as a need, not a solution."""

    title = models.CharField(_("tittel"), max_length=200)
    problem = models.TextField(
        _("problemet"),
        help_text=_("Beskriv behovet, ikke løsningen: hva er problemet i dag?"),
    )
    affected = models.TextField(_("hvem berøres"), help_text=_("Innbyggere, ansatte, bedrifter …"))
    cost_today = models.TextField(
        _("hva det koster i dag"), help_text=_("Penger, tid, utslipp eller risiko, gjerne anslått.")
    )
    good_result = models.TextField(
        _("hva er et godt resultat"), help_text=_("Hva er annerledes når behovet er dekket?")
    )
    measurement = models.TextField(
        _("hvordan resultatet måles"),
        help_text=_("Suksesskriteriene piloten følges opp med."),
    )
    area = models.CharField(_("område"), max_length=20, choices=Area.choices)
    budget_estimate = models.PositiveBigIntegerField(
        _("anslått budsjett (kr)"), null=True, blank=True
    )
    timeline = models.CharField(_("tidsplan"), max_length=300, blank=True)
    procurement_route = models.CharField(
        _("planlagt anskaffelsesvei"), max_length=30, choices=ProcurementRoute.choices
    )
    tender_url = models.URLField(_("lenke til kunngjøring (Doffin)"), max_length=500, blank=True)
    answer_deadline = models.DateTimeField(
        _("svarfrist"),
        null=True,
        blank=True,
        help_text=_("Norsk tid. Etter fristen kan ingen svar endres."),
    )
    stage = models.CharField(_("fase"), max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    stage_changed_at = models.DateTimeField(_("fase endret"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        through="ChallengeOwner",
        related_name="challenges",
        verbose_name=_("kommuner"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opprettet av"),
    )
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("innovasjonsutfordring")
        verbose_name_plural = _("innovasjonsutfordringer")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:challenge-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.stage != Stage.DRAFT


class ChallengeOwner(TimeStampedModel):
    """A municipality that owns a challenge (the first ones posted it; others joined later)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="owners")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="challenge_ownerships"
    )

    class Meta:
        verbose_name = _("eierkommune")
        verbose_name_plural = _("eierkommuner")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "municipality"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.challenge}"


class ChallengeAssessor(TimeStampedModel):
    """A member of a challenge's assessor panel (ADR 92). With no rows the assessors are derived
    from the owners' roles (ADR 56); with rows, only these people (who must still be able to act
    for an owning municipality) see the answers and score."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("vurderer"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lagt til av"),
    )

    class Meta:
        verbose_name = _("medlem av vurderingspanelet")
        verbose_name_plural = _("vurderingspanel")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"], name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.challenge}"


class Criterion(TimeStampedModel):
    """An assessment criterion with a weight in percent; the weights must add up to 100."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kriterium"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("vekt (prosent)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("kriterium")
        verbose_name_plural = _("kriterier")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight} %)"


class Supplier(VersionedModel, TimeStampedModel):
    """A supplier's profile: the organisation, facts from Brønnøysund, competence and references."""

    class Facts(models.TextChoices):
        FOUND = "found", _("hentet fra Enhetsregisteret")
        UNAVAILABLE = "unavailable", _("ikke hentet: registeret svarte ikke")
        NOT_FOUND = "not_found", _("ikke funnet i Enhetsregisteret")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="supplier_profile"
    )
    organisation_number = models.CharField(_("organisasjonsnummer"), max_length=9, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suppliers",
        verbose_name=_("kommune"),
    )
    competence = models.TextField(_("kompetanse"), help_text=_("Hva dere kan og har levert."))
    competence_tags = models.CharField(
        _("kompetanseområder"),
        max_length=400,
        blank=True,
        help_text=_("Kommaseparert, for eksempel «vannrensing, sensorer, GIS»."),
    )
    website = models.URLField(_("nettsted"), max_length=300, blank=True)
    facts_status = models.CharField(
        _("fakta fra Brønnøysund"), max_length=20, choices=Facts.choices, default=Facts.UNAVAILABLE
    )
    industry_description = models.CharField(_("næring"), max_length=300, blank=True)
    employees = models.PositiveIntegerField(_("ansatte"), null=True, blank=True)
    facts_checked_at = models.DateTimeField(_("fakta sjekket"), null=True, blank=True)
    facts_failures = models.PositiveIntegerField(_("mislykkede oppslag"), default=0)
    language = models.CharField(
        _("språk i e-post"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="nb",
        help_text=_("Påminnelser, kunngjøringer og utfall sendes på dette språket."),
    )
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("leverandør")
        verbose_name_plural = _("leverandører")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("challenges:supplier-detail", args=[self.pk])

    @property
    def tags(self) -> list[str]:
        return [tag.strip() for tag in self.competence_tags.split(",") if tag.strip()]


class SupplierReference(TimeStampedModel):
    """A delivery the supplier points to; pilots add references here."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="references")
    title = models.CharField(_("oppdrag"), max_length=200)
    customer = models.CharField(_("kunde"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    pilot = models.ForeignKey(
        "Pilot", on_delete=models.SET_NULL, null=True, blank=True, related_name="references"
    )

    class Meta:
        verbose_name = _("referanse")
        verbose_name_plural = _("referanser")
        ordering = ["-year", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.customer}, {self.year})"


class DialogueMeeting(TimeStampedModel):
    """A market-dialogue meeting: when, where (or a link), and who registered."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("tidspunkt"))
    place = models.CharField(_("sted"), max_length=200, blank=True)
    link = models.URLField(_("lenke til nettmøte"), max_length=500, blank=True)
    description = models.TextField(_("program"), blank=True)

    class Meta:
        verbose_name = _("dialogmøte")
        verbose_name_plural = _("dialogmøter")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.starts_at:%Y-%m-%d %H:%M}"


class MeetingRegistration(TimeStampedModel):
    meeting = models.ForeignKey(
        DialogueMeeting, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    supplier = models.ForeignKey(
        Supplier, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("påmelding")
        verbose_name_plural = _("påmeldinger")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="%(app_label)s_%(class)s_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}"


class Question(TimeStampedModel):
    """A supplier's question; the answer is public to everyone, the asker never shown to others."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("spørsmål"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    supplier = models.ForeignKey(
        Supplier, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer = models.TextField(pgettext_lazy("question", "svar"), blank=True)
    answered_at = models.DateTimeField(_("besvart"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("spørsmål")
        verbose_name_plural = _("spørsmål")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Follow(TimeStampedModel):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("følger")
        verbose_name_plural = _("følgere")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user"], name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.challenge}"


class Announcement(TimeStampedModel):
    """A message to everyone who follows the challenge (sent by mail, shown on the page)."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="announcements")
    title = models.CharField(_("tittel"), max_length=200)
    body = models.TextField(_("melding"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_to = models.PositiveIntegerField(_("sendt til"), default=0)
    recipients = models.PositiveIntegerField(_("mottakere"), default=0)
    mailed_at = models.DateTimeField(_("sendt på e-post"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunngjøring")
        verbose_name_plural = _("kunngjøringer")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Answer(VersionedModel, TimeStampedModel):
    """A supplier's proposed solution: confidential to the owning municipalities' people."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("sendt inn")
        WITHDRAWN = "withdrawn", _("trukket")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("ikke avgjort")
        SELECTED = "selected", _("valgt til pilot")
        NOT_SELECTED = "not_selected", _("ikke valgt")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="answers")
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="answers")
    solution = models.TextField(_("foreslått løsning"))
    estimated_cost = models.PositiveBigIntegerField(
        _("anslått kostnad (kr)"), null=True, blank=True
    )
    estimated_time = models.CharField(_("anslått tid"), max_length=200, blank=True)
    tried_elsewhere = models.TextField(
        _("prøvd andre steder"), blank=True, help_text=_("Hvor, og med hvilket resultat?")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    changed_at = models.DateTimeField(_("sist endret"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    outcome = models.CharField(
        _("utfall"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_reason = models.TextField(_("begrunnelse for utfallet"), blank=True)
    outcome_notified_at = models.DateTimeField(_("leverandøren varslet"), null=True, blank=True)
    outcome_mailed_at = models.DateTimeField(_("utfallet sendt på e-post"), null=True, blank=True)
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("challenge", "svar")
        verbose_name_plural = pgettext_lazy("challenge", "svar")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "supplier"], name="%(app_label)s_%(class)s_one_per_supplier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier} – {self.challenge}"


class ConflictDeclaration(TimeStampedModel):
    """An assessor's declaration for one answer, made before seeing it. A conflict removes them."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="declarations")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    has_conflict = models.BooleanField(_("jeg er inhabil"))
    note = models.CharField(_("merknad"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("habilitetserklæring")
        verbose_name_plural = _("habilitetserklæringer")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "assessor"], name="%(app_label)s_%(class)s_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor} – {self.answer}"


class Score(TimeStampedModel):
    """One assessor's independent score (0–10) of one answer on one criterion, with a reason.

    `assessor` null = the joint score the assessors agreed on.
    """

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.PositiveSmallIntegerField(
        _("poeng (0–10)"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    justification = models.TextField(_("begrunnelse"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("poeng")
        verbose_name_plural = _("poeng")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "criterion", "assessor"],
                name="%(app_label)s_%(class)s_once",
                condition=models.Q(assessor__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["answer", "criterion"],
                name="%(app_label)s_%(class)s_one_joint",
                condition=models.Q(assessor__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer} / {self.criterion}: {self.value}"


class Pilot(VersionedModel, TimeStampedModel):
    """A selected answer tried out: plan, milestones, success measures, results and a decision."""

    class Decision(models.TextChoices):
        NONE = "", _("ikke avgjort")
        SCALE_UP = "scale_up", _("oppskalere (kjøpe)")
        EXTEND = "extend", _("forlenge")
        STOP = "stop", _("stanse")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="pilots")
    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="pilot")
    selection_reason = models.TextField(_("begrunnelse for valget"))
    plan = models.TextField(_("pilotplan"), blank=True)
    success_measures = models.TextField(_("suksesskriterier"), blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("slutt"), null=True, blank=True)
    results = models.TextField(_("resultater"), blank=True)
    ended = models.BooleanField(_("avsluttet"), default=False)
    decision = models.CharField(
        _("beslutning"), max_length=20, choices=Decision.choices, blank=True, default=""
    )
    decision_reason = models.TextField(_("begrunnelse for beslutningen"), blank=True)
    decision_route = models.CharField(
        _("anskaffelsesvei ved oppskalering"),
        max_length=30,
        choices=ProcurementRoute.choices,
        blank=True,
    )
    decided_at = models.DateTimeField(_("besluttet"), null=True, blank=True)
    participants = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="joined_pilots",
        verbose_name=_("deltakende kommuner"),
    )
    is_example = models.BooleanField(_("eksempel"), default=False)

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("piloter")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.challenge}: {self.answer.supplier}"

    def get_absolute_url(self) -> str:
        return reverse("challenges:pilot-detail", args=[self.pk])


class Milestone(VersionedModel, TimeStampedModel):
    """A step in the pilot plan: due date, reached or not, and the result."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milepæl"), max_length=200)
    due_on = models.DateField(_("frist"))
    done = models.BooleanField(_("nådd"), default=False)
    result = models.TextField(_("resultat"), blank=True)

    class Meta:
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæler")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class AnswerAttachment(TimeStampedModel):
    """A file attached to an answer: as confidential as the answer, served only after a check."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("fil"), upload_to="challenges/answers/", max_length=300)
    file_name = models.CharField(_("filnavn"), max_length=255)
    file_type = models.CharField(_("filtype"), max_length=10)
    content_type = models.CharField(_("innholdstype"), max_length=120)
    size = models.PositiveBigIntegerField(_("størrelse (byte)"))
    sha256 = models.CharField(_("sjekksum (SHA-256)"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("vedlegg til svar")
        verbose_name_plural = _("vedlegg til svar")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.file_name


class Reminder(TimeStampedModel):
    """One reminder mailed to one person about one deadline: the row that makes reminding
    idempotent (a second run finds it and mails nobody twice)."""

    class Kind(models.TextChoices):
        ANSWER_DEADLINE = "answer_deadline", _("svarfrist")
        MEETING = "meeting", _("dialogmøte")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("utfordring eller møte"))
    due_at = models.DateTimeField(_("tidspunkt det minnes om"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "due_at", "user"],
                name="%(app_label)s_%(class)s_once_per_deadline",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_at:%Y-%m-%d %H:%M}"
