"""Tables, and their indexes, take the names of the workshops app."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workshops', '0002_content_types'),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='booking',
            new_name='workshops_b_worksho_3a3539_idx',
            old_name='curriculum__worksho_b93788_idx',
        ),
        migrations.RenameIndex(
            model_name='workshop',
            new_name='workshops_w_site_id_48b882_idx',
            old_name='curriculum__site_id_8d48f1_idx',
        ),
        migrations.AlterModelTable(
            name='booking',
            table=None,
        ),
        migrations.AlterModelTable(
            name='bookingevent',
            table=None,
        ),
        migrations.AlterModelTable(
            name='workshop',
            table=None,
        ),
        migrations.AlterModelTable(
            name='workshopwave',
            table=None,
        ),
    ]
