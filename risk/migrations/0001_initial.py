"""The risk models, created by succession 0003 to 0005, now belong to this app (ADR 0009)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MODELS = ["riskmethod", "recalculationrun", "riskassessment", "latestrisk", "risklock"]


def _move_content_types(apps, source: str, target: str) -> None:
    # Permissions and admin history point at the content type: moving it keeps them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


def content_types_to_risk(apps, schema_editor):
    _move_content_types(apps, "succession", "risk")


def content_types_to_succession(apps, schema_editor):
    _move_content_types(apps, "risk", "succession")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('succession', '0006_risk_models_move_to_risk_and_orgs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # State only: the tables stay as they are, with their names and rows.
    state_operations = [
        migrations.CreateModel(
            name='RiskLock',
            fields=[
                ('name', models.CharField(max_length=40, primary_key=True, serialize=False)),
            ],
            options={
                'db_table': 'succession_risklock',
            },
        ),
        migrations.CreateModel(
            name='RecalculationRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('nightly', 'Nightly'), ('manual', 'Recalculate now'), ('changes', 'Changes during the day')], default='nightly', max_length=10)),
                ('for_date', models.DateField(help_text='The day (Europe/London) the scores are for.')),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('succeeded', 'Finished'), ('failed', 'Failed'), ('interrupted', 'Did not finish')], default='queued', max_length=12)),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('method_version', models.PositiveIntegerField(blank=True, null=True)),
                ('posts_scored', models.PositiveIntegerField(default=0)),
                ('bands_changed', models.PositiveIntegerField(default=0, help_text='Posts whose band differs from the previous nightly run.')),
                ('high_risk_posts', models.PositiveIntegerField(default=0)),
                ('medium_risk_posts', models.PositiveIntegerField(default=0)),
                ('low_risk_posts', models.PositiveIntegerField(default=0)),
                ('error', models.TextField(blank=True)),
                ('digest_sent_at', models.DateTimeField(blank=True, null=True)),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'succession_recalculationrun',
                'ordering': ['-requested_at', '-pk'],
                'get_latest_by': 'requested_at',
            },
        ),
        migrations.CreateModel(
            name='LatestRisk',
            fields=[
                ('post', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='latest_risk', serialize=False, to='succession.post')),
                ('score', models.PositiveSmallIntegerField()),
                ('band', models.CharField(choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low')], max_length=6)),
                ('factors', models.JSONField(default=dict)),
                ('method_version', models.PositiveIntegerField()),
                ('assessed_at', models.DateTimeField()),
                ('is_vacant', models.BooleanField(default=False)),
                ('is_interim_or_acting', models.BooleanField(default=False)),
                ('has_ready_now_successor', models.BooleanField(default=False)),
                ('has_emergency_cover', models.BooleanField(default=False)),
                ('run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='risk.recalculationrun')),
            ],
            options={
                'verbose_name': 'latest risk assessment',
                'db_table': 'succession_latestrisk',
            },
        ),
        migrations.CreateModel(
            name='RiskAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.PositiveSmallIntegerField()),
                ('band', models.CharField(choices=[('high', 'High'), ('medium', 'Medium'), ('low', 'Low')], max_length=6)),
                ('factors', models.JSONField(default=dict, help_text='Factor key -> points, for those applied.')),
                ('method_version', models.PositiveIntegerField()),
                ('assessed_at', models.DateTimeField()),
                ('post', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='risk_assessments', to='succession.post')),
                ('run', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='risk.recalculationrun')),
            ],
            options={
                'db_table': 'succession_riskassessment',
                'ordering': ['-assessed_at'],
            },
        ),
        migrations.CreateModel(
            name='RiskMethod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(unique=True)),
                ('points', models.JSONField(help_text='Factor key -> points, for every factor of the method.')),
                ('high_from', models.PositiveSmallIntegerField(default=60)),
                ('medium_from', models.PositiveSmallIntegerField(default=30)),
                ('reason', models.TextField(blank=True, help_text='Why the points changed.')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('is_current', models.BooleanField(default=False)),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'succession_riskmethod',
                'ordering': ['-version'],
                'get_latest_by': 'version',
            },
        ),
        migrations.AddIndex(
            model_name='recalculationrun',
            index=models.Index(fields=['kind', 'for_date'], name='succession__kind_575b5e_idx'),
        ),
        migrations.AddConstraint(
            model_name='recalculationrun',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'nightly')), fields=('for_date',), name='one_nightly_risk_run_per_date'),
        ),
        migrations.AddConstraint(
            model_name='recalculationrun',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'changes')), fields=('for_date',), name='one_changes_risk_run_per_date'),
        ),
        migrations.AddIndex(
            model_name='latestrisk',
            index=models.Index(fields=['band', 'score'], name='succession__band_e67dc2_idx'),
        ),
        migrations.AddIndex(
            model_name='latestrisk',
            index=models.Index(fields=['score'], name='succession__score_b34196_idx'),
        ),
        migrations.AddIndex(
            model_name='riskassessment',
            index=models.Index(fields=['post', 'assessed_at', 'band', 'run'], name='succession__post_id_efac0c_idx'),
        ),
        migrations.AddConstraint(
            model_name='riskassessment',
            constraint=models.UniqueConstraint(fields=('run', 'post'), name='one_risk_assessment_per_run'),
        ),
        migrations.AddConstraint(
            model_name='riskmethod',
            constraint=models.UniqueConstraint(condition=models.Q(('is_current', True)), fields=('is_current',), name='one_current_risk_method'),
        ),
        migrations.AddConstraint(
            model_name='riskmethod',
            constraint=models.CheckConstraint(condition=models.Q(('medium_from__lt', models.F('high_from'))), name='risk_bands_in_order'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(content_types_to_risk, content_types_to_succession),
    ]
