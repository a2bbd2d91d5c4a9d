"""Tables, and their indexes, take the names of the quality app."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('quality', '0002_content_types'),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='qaobservation',
            new_name='quality_qao_status_5b2e87_idx',
            old_name='feedback_qa_status_e18995_idx',
        ),
        migrations.AlterModelTable(
            name='measureresult',
            table=None,
        ),
        migrations.AlterModelTable(
            name='qaaction',
            table=None,
        ),
        migrations.AlterModelTable(
            name='qaobservation',
            table=None,
        ),
        migrations.AlterModelTable(
            name='qaobservationevent',
            table=None,
        ),
        migrations.AlterModelTable(
            name='qualityindicator',
            table=None,
        ),
        migrations.AlterModelTable(
            name='qualitymeasure',
            table=None,
        ),
    ]
