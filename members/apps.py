from django.apps import AppConfig


class MembersConfig(AppConfig):
    """Members: officials who share good examples (profile and consents)."""

    name = "members"
    verbose_name = "Medlemmar"

    def ready(self):
        from members.sharing import notifications

        notifications.connect()
