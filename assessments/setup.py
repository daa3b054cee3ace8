"""The groups and permissions of the assessment workflow, kept true after every ``migrate``.

"Bedömare" may reach the admin (so the TOTP step is required of them as of editors,
``members/accounts/mfa.py``) and do assessment tasks, and nothing else: no page permission.
"Redaktörer" (made by the demo loader, or here if it is missing) also assign and publish
assessments and keep the criteria.
"""

from django.contrib.auth.models import Group, Permission

ASSESSORS_GROUP = "Bedömare"
EDITORS_GROUP = "Redaktörer"

EDITOR_PERMISSIONS = (
    ("assessments", "manage_assessments"),
    ("assessments", "add_criteriaversion"),
    ("assessments", "change_criteriaversion"),
    ("assessments", "view_criteriaversion"),
)
ASSESSOR_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("assessments", "assess_examples"),
)


def _permissions(pairs):
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in pairs
    ]


def ensure_groups(sender=None, **kwargs):
    """Idempotent: adds what is missing, removes nothing an administrator added."""
    try:
        assessors_perms = _permissions(ASSESSOR_PERMISSIONS)
        editor_perms = _permissions(EDITOR_PERMISSIONS)
    except Permission.DoesNotExist:
        return  # a partial migrate (another app's permissions are not there yet)
    assessors, _created = Group.objects.get_or_create(name=ASSESSORS_GROUP)
    assessors.permissions.add(*assessors_perms)
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(*editor_perms)
