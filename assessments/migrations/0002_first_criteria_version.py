"""The site's first criteria version (assessments/criteria_v1.py), published."""

import datetime

from django.db import migrations


def load(apps, schema_editor):
    from assessments import criteria_v1

    CriteriaVersion = apps.get_model("assessments", "CriteriaVersion")
    Criterion = apps.get_model("assessments", "Criterion")
    if CriteriaVersion.objects.filter(number=1).exists():
        return
    version = CriteriaVersion.objects.create(
        number=1,
        valid_from=datetime.date.fromisoformat(criteria_v1.VALID_FROM),
        published=True,
        introduction=criteria_v1.INTRODUCTION,
    )
    Criterion.objects.bulk_create(
        Criterion(
            version=version, sort_order=order, group=group, name=name, question=q, guidance=g
        )
        for order, (group, name, q, g) in enumerate(criteria_v1.CRITERIA)
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
