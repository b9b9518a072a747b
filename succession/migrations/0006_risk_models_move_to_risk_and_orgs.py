"""The risk models now belong to the risk app, and the oversight segment to orgs (ADR 0009)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('succession', '0005_risk_assessment_without_redundant_indexes'),
    ]

    # State only: the tables stay as they are, with their names and rows.
    state_operations = [
        migrations.RemoveField(
            model_name='latestrisk',
            name='post',
        ),
        migrations.RemoveField(
            model_name='latestrisk',
            name='run',
        ),
        migrations.RemoveField(
            model_name='oversightsegment',
            name='organisation',
        ),
        migrations.RemoveField(
            model_name='recalculationrun',
            name='requested_by',
        ),
        migrations.RemoveField(
            model_name='riskassessment',
            name='run',
        ),
        migrations.RemoveField(
            model_name='riskassessment',
            name='post',
        ),
        migrations.DeleteModel(
            name='RiskLock',
        ),
        migrations.RemoveField(
            model_name='riskmethod',
            name='created_by',
        ),
        migrations.DeleteModel(
            name='LatestRisk',
        ),
        migrations.DeleteModel(
            name='OversightSegment',
        ),
        migrations.DeleteModel(
            name='RecalculationRun',
        ),
        migrations.DeleteModel(
            name='RiskAssessment',
        ),
        migrations.DeleteModel(
            name='RiskMethod',
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
