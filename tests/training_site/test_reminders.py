"""The reminder command sends each due reminder once, however often it runs."""

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


def test_running_twice_sends_once(db, tmp_path, settings):
    (tmp_path / "training_site" / "emails").mkdir(parents=True)
    (tmp_path / "training_site" / "emails" / "test_reminder.txt").write_text("Hello {{ name }}")
    (tmp_path / "training_site" / "emails" / "test_reminder.html").write_text(
        "<p>Hello {{ name }}</p>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with hooks.register_temporarily("register_reminders", due):
        call_command("send_reminders", stdout=open("/dev/null", "w"))
        call_command("send_reminders", stdout=open("/dev/null", "w"))
    assert [message.subject for message in mail.outbox] == ["Your workshop is tomorrow"]
    assert mail.outbox[0].body == "Hello Asha"
    assert SentReminder.objects.filter(key="test:booking:1").count() == 1
