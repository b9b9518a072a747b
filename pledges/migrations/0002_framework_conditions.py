"""Load the five framework conditions (reference data). Safe to run on a database that has them."""

from django.db import migrations

# A copy, not an import: a migration must keep meaning what it meant when it was written.
CONDITIONS = [
    (1, "Leaders equipped to develop high quality local health and care systems in partnership"),
    (2, "Compassionate, inclusive and effective leaders at all levels"),
    (3, "Knowledge of improvement methods and how to use them at all levels"),
    (4, "Support systems for learning at local, regional and national levels"),
    (5, "Enabling, supportive and aligned regulation and oversight"),
]


def load_conditions(apps, schema_editor):
    FrameworkCondition = apps.get_model("pledges", "FrameworkCondition")
    for number, title in CONDITIONS:
        FrameworkCondition.objects.get_or_create(number=number, defaults={"title": title})


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]

    operations = [migrations.RunPython(load_conditions, migrations.RunPython.noop)]
