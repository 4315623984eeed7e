"""The outbox's models moved to the mail app (healthmatch/mail/migrations/0001_initial.py):
drop them from this app's state only. Their tables stay, now owned by the mail app."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_outbox'),
        ('mail', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Suppression'),
                migrations.DeleteModel(name='OutboxMessage'),
            ],
            database_operations=[],
        ),
    ]
