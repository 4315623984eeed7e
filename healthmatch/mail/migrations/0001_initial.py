"""The outbox's models move here from the accounts app (accounts/0005 drops them from its state).

Only Django's state changes: the tables keep their names (``accounts_outboxmessage`` and
``accounts_suppression``, set as ``db_table``), so every row, id, index and constraint stays as
it was and no worker sees a table vanish. Renaming them later would be one AlterModelTable
migration; we chose not to, as it buys nothing but a name.

The content types follow the models (accounts -> mail), so permissions granted on them and the
admin's history keep pointing at them.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ("outboxmessage", "suppression")


def _move_content_types(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue  # already there (e.g. made by an earlier migrate); leave both alone
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def content_types_to_mail(apps, schema_editor):
    _move_content_types(apps, "accounts", "mail")


def content_types_to_accounts(apps, schema_editor):
    _move_content_types(apps, "mail", "accounts")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0004_outbox'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboxMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=255, unique=True, verbose_name='key')),
                        ('kind', models.CharField(db_index=True, max_length=80, verbose_name='kind')),
                        ('category', models.CharField(default='transactional', max_length=40, verbose_name='category')),
                        ('to_email', models.EmailField(max_length=254, verbose_name='to')),
                        ('language', models.CharField(max_length=12, verbose_name='language')),
                        ('from_email', models.CharField(max_length=254, verbose_name='from')),
                        ('subject', models.TextField(verbose_name='subject')),
                        ('text', models.TextField(verbose_name='plain text')),
                        ('html', models.TextField(blank=True, verbose_name='HTML')),
                        ('headers', models.JSONField(blank=True, default=dict, verbose_name='extra headers')),
                        ('message_id', models.CharField(max_length=255, unique=True, verbose_name='Message-ID')),
                        ('state', models.CharField(choices=[('queued', 'queued'), ('sending', 'sending'), ('sent', 'sent'), ('failed', 'failed'), ('suppressed', 'suppressed')], default='queued', max_length=12, verbose_name='state')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='next attempt at')),
                        ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='claimed at')),
                        ('claim_token', models.CharField(blank=True, editable=False, max_length=32)),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'outbox message',
                        'verbose_name_plural': 'outbox messages',
                        'db_table': 'accounts_outboxmessage',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [
                            models.Index(fields=['state', 'next_attempt_at'], name='outbox_due_idx'),
                            models.Index(fields=['state', 'claimed_at'], name='outbox_claimed_idx'),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name='Suppression',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, unique=True, verbose_name='email address')),
                        ('reason', models.TextField(blank=True, verbose_name='reason')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='mail.outboxmessage', verbose_name='message that bounced')),
                    ],
                    options={
                        'verbose_name': 'suppressed address',
                        'verbose_name_plural': 'suppressed addresses',
                        'db_table': 'accounts_suppression',
                        'ordering': ['email'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_mail, content_types_to_accounts, elidable=False),
    ]
