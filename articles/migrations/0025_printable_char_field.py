# The printable check moved into a field class: the columns are as they were, so only the state changes.

import articles.models.shared
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0024_constraint_messages'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.AlterField(
            model_name='article',
            name='headline',
            field=articles.models.shared.PrintableCharField(max_length=200, verbose_name='headline'),
        ),
        migrations.AlterField(
            model_name='article',
            name='kicker',
            field=articles.models.shared.PrintableCharField(blank=True, help_text='引题, above the headline.', max_length=100, verbose_name='kicker'),
        ),
        migrations.AlterField(
            model_name='article',
            name='source',
            field=articles.models.shared.PrintableCharField(blank=True, help_text='The lead-in, e.g. 本报讯 or 通讯员 王艳.', max_length=50, verbose_name='source line'),
        ),
        migrations.AlterField(
            model_name='article',
            name='subtitle',
            field=articles.models.shared.PrintableCharField(blank=True, help_text='副题, e.g. ——离石区教育发展工作综述', max_length=200, verbose_name='subtitle'),
        ),
        migrations.AlterField(
            model_name='author',
            name='name',
            field=articles.models.shared.PrintableCharField(max_length=30, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='photo',
            name='alt_text',
            field=articles.models.shared.PrintableCharField(blank=True, help_text='For screen readers; the caption when empty.', max_length=300, verbose_name='alt text'),
        ),
        migrations.AlterField(
            model_name='photo',
            name='caption',
            field=articles.models.shared.PrintableCharField(help_text='图片说明, as printed under the photo.', max_length=300, verbose_name='caption'),
        ),
                ]
        )
    ]
