"""The framework conditions get short names for table headings ("5. Aligned regulation")."""

from django.db import migrations, models

# A copy, not an import: a migration must keep meaning what it meant when it was written.
SHORT_NAMES = {
    1: "Systems leadership",
    2: "Compassionate, inclusive leaders",
    3: "Improvement skills",
    4: "Support for learning",
    5: "Aligned regulation",
}


def name_conditions(apps, schema_editor):
    FrameworkCondition = apps.get_model("pledges", "FrameworkCondition")
    for number, short_name in SHORT_NAMES.items():
        FrameworkCondition.objects.filter(number=number, short_name="").update(
            short_name=short_name
        )


class Migration(migrations.Migration):
    dependencies = [("pledges", "0002_framework_conditions")]

    operations = [
        migrations.AddField(
            model_name="frameworkcondition",
            name="short_name",
            field=models.CharField(
                blank=True,
                help_text="A few words for table headings, e.g. “Aligned regulation”",
                max_length=40,
            ),
        ),
        migrations.RunPython(name_conditions, migrations.RunPython.noop),
    ]
