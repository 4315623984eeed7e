# The semantic weight's default went from 0.5 to 1.0 with pseudo-relevance feedback (tuned on
# NFCorpus dev, docs/benchmarks.md). Settings rows still at the old default follow the new one;
# a row a coordinator set to anything else keeps its value.

import django.core.validators
from django.db import migrations, models

OLD, NEW = 0.5, 1.0


def forwards(apps, schema_editor):
    apps.get_model("matching", "MatchingConfig").objects.filter(semantic=OLD).update(semantic=NEW)


def backwards(apps, schema_editor):
    apps.get_model("matching", "MatchingConfig").objects.filter(semantic=NEW).update(semantic=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0003_notifications"),
    ]

    operations = [
        migrations.AlterField(
            model_name="matchingconfig",
            name="semantic",
            field=models.FloatField(
                default=1.0,
                help_text="Only used when the optional embedding model is installed.",
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="semantic similarity",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
