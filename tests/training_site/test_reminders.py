"""The reminder command sends each due reminder once, however often it runs."""

from io import StringIO

from django.core import mail
from django.core.management import call_command
from wagtail import hooks

from training_site.models import SentReminder
from training_site.reminders import Reminder


def due(now):
    return [
        Reminder(
            key="test:booking:1",
            to="hcp@example.org",
            subject="Your workshop is tomorrow",
            template="training_site/emails/test_reminder",
            context={"name": "Asha"},
        )
    ]


def test_running_twice_sends_once(db, settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "training_site/emails/test_reminder.txt": "Hello {{ name }}",
                            "training_site/emails/test_reminder.html": "<p>Hello {{ name }}</p>",
                        },
                    )
                ]
            },
        }
    ]
    with hooks.register_temporarily("register_reminders", due):
        call_command("send_reminders", stdout=StringIO())
        call_command("send_reminders", stdout=StringIO())
    assert [message.subject for message in mail.outbox] == ["Your workshop is tomorrow"]
    assert mail.outbox[0].body == "Hello Asha"
    assert SentReminder.objects.filter(key="test:booking:1").count() == 1
