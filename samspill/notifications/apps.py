from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "samspill.notifications"
    verbose_name = _("Varsler og min side")

    def ready(self) -> None:
        # Regions are public pages: anyone logged in may follow one (see registry.py).
        from samspill.notifications.registry import register_kind
        from samspill.regions.models import Region

        register_kind(
            Region,
            visible=lambda user: Region.objects.all(),
            readers=lambda pk, users: (
                {user.pk for user in users} if Region.objects.filter(pk=pk).exists() else set()
            ),
            noun=_("region"),
            region_field="pk",
        )
