"""The oversight segment, created by succession 0003, now belongs to orgs (ADR 0009)."""

import django.db.models.deletion
from django.db import migrations, models


def _move_content_type(apps, source: str, target: str) -> None:
    # Permissions and admin history point at the content type: moving it keeps them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model="oversightsegment").update(app_label=target)


def content_types_to_orgs(apps, schema_editor):
    _move_content_type(apps, "succession", "orgs")


def content_types_to_succession(apps, schema_editor):
    _move_content_type(apps, "orgs", "succession")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('succession', '0006_risk_models_move_to_risk_and_orgs'),
        ('orgs', '0001_initial'),
    ]

    # State only: the tables stay as they are, with their names and rows.
    state_operations = [
        migrations.CreateModel(
            name='OversightSegment',
            fields=[
                ('organisation', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='oversight_segment', serialize=False, to='orgs.organisation')),
                ('framework', models.CharField(choices=[('sof_2019', 'NHS Oversight Framework 2019 (segments 1–4)'), ('nof_2025', 'NHS Oversight Framework 2025 (segments 1–5)')], default='sof_2019', max_length=20)),
                ('segment', models.PositiveSmallIntegerField(choices=[(1, 'Segment 1'), (2, 'Segment 2'), (3, 'Segment 3'), (4, 'Segment 4'), (5, 'Segment 5')], help_text="1 is the most autonomous; the framework's lowest segment adds risk points.")),
                ('assigned_on', models.DateField(blank=True, null=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'db_table': 'succession_oversightsegment',
                'ordering': ['organisation__name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('segment__gte', 1), ('segment__lte', 5)), name='oversight_segment_1_to_5')],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(content_types_to_orgs, content_types_to_succession),
    ]
