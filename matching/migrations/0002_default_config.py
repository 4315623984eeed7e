from django.db import migrations


def create_default(apps, schema_editor):
    MatchingConfig = apps.get_model("matching", "MatchingConfig")
    if not MatchingConfig.objects.filter(hub__isnull=True).exists():
        MatchingConfig.objects.create(hub=None)


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
