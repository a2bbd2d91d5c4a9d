"""Workshops, waves and bookings now belong to the workshops app; their tables are kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('simulations', '0003_alter_simulationsession_workshop'),
        ('portfolio', '0002_alter_reflection_workshop'),
        ('feedback', '0004_alter_feedbackresponse_workshop'),
        ('workshops', '0001_initial'),
        ('curriculum', '0004_workshop_waves_bookings_history'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.RemoveField(
            model_name='bookingevent',
            name='booking',
        ),
        migrations.RemoveField(
            model_name='bookingevent',
            name='actor',
        ),
        migrations.RemoveField(
            model_name='workshop',
            name='modules',
        ),
        migrations.RemoveField(
            model_name='workshop',
            name='programme',
        ),
        migrations.RemoveField(
            model_name='workshop',
            name='site',
        ),
        migrations.RemoveField(
            model_name='workshop',
            name='trainers',
        ),
        migrations.RemoveField(
            model_name='workshop',
            name='wave',
        ),
        migrations.RemoveField(
            model_name='workshopwave',
            name='practices',
        ),
        migrations.RemoveField(
            model_name='workshopwave',
            name='site',
        ),
        migrations.DeleteModel(
            name='Booking',
        ),
        migrations.DeleteModel(
            name='BookingEvent',
        ),
            migrations.DeleteModel(
            name='Workshop',
        ),
        migrations.DeleteModel(
            name='WorkshopWave',
        ),
                ],
            database_operations=[],
        ),
    ]
