"""A member's profile: who they are and whether their contact details may be shown."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Everyone who signs up joins this group. It carries no permissions: members never reach the
# Wagtail admin, editors (group "Redaktörer") do.
MEMBERS_GROUP = "Medlemmar"


class MemberProfile(models.Model):
    """Extra facts about a member; the contact consent is separate, dated and easy to withdraw.

    ``ExamplePage.contact_visible`` reads ``contact_consent_at``: while it is empty, no contact
    details of the member's examples are shown anywhere.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    title = models.CharField(_("roll eller titel"), max_length=255, blank=True)
    county = models.ForeignKey(
        "examples.County", verbose_name=_("län"), null=True, blank=True, on_delete=models.SET_NULL
    )
    contact_consent_at = models.DateTimeField(
        _("samtycke till att visa kontaktuppgifter"),
        null=True,
        blank=True,
        help_text=_("När medlemmen gav sitt samtycke; tomt betyder inget samtycke."),
    )

    class Meta:
        verbose_name = _("medlemsprofil")
        verbose_name_plural = _("medlemsprofiler")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    @classmethod
    def for_user(cls, user):
        """The user's profile, made on first use (editors and older accounts may lack one)."""
        profile, _created = cls.objects.get_or_create(user=user)
        return profile
