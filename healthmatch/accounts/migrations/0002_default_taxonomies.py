from django.db import migrations


def forwards(apps, schema_editor):
    from healthmatch.accounts.taxonomy_defaults import load_defaults

    load_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
