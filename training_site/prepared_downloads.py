"""Downloads too big to build in a web request: queued, built by the worker, then fetched.

An app's view calls ``prepared_download_queue`` with its own task; the task calls
``prepared_download_build`` with a function that writes the file and reports its progress.
The owner watches the status page and downloads the file; nobody else sees either.
"""

import logging
import secrets
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from training_site.models import DownloadState, PreparedDownload

logger = logging.getLogger(__name__)

FAILED_MESSAGE = (
    "Something went wrong while preparing this file. Ask for it again; if it fails again, "
    "tell the network's administrators."
)
PROGRESS_EVERY = 500


class DownloadRefused(Exception):
    """A download that may not be prepared, with the reason to show its owner."""


@transaction.atomic
def prepared_download_queue(*, owner, kind, title, filename, parameters, task):
    """Record a download for its owner and queue the task that prepares it; return it.

    The task receives ``download_id`` and joins the caller's transaction on the database queue,
    so a download is never recorded without its task, nor a task queued for no download.
    """
    download = PreparedDownload(
        owner=owner, kind=kind, title=title, filename=filename, parameters=parameters
    )
    download.full_clean()
    download.save()
    task.enqueue(download_id=download.pk)
    return download


class Progress:
    """Reports how far a build has got, writing it down every so many steps."""

    def __init__(self, download):
        self.download = download
        self.written = 0

    def __call__(self, done, total=None):
        """Record that ``done`` of ``total`` steps are finished (total unchanged if None)."""
        counted = total is not None and total != self.download.total
        if counted:
            self.download.total = total
        self.download.done = done
        if counted or done == self.download.total or done - self.written >= PROGRESS_EVERY:
            self.written = done
            PreparedDownload.objects.filter(pk=self.download.pk).update(
                done=done, total=self.download.total
            )


def prepared_download_build(*, download_id, build):
    """Run ``build(download, progress)`` and store the file it returns, or record why it failed.

    ``build`` returns bytes or an open binary file. A ``DownloadRefused`` is shown to the owner
    as it is; any other error is logged, shown as a general message and raised again so the
    task queue records the failure too. A download that is not waiting is left alone.
    """
    started = PreparedDownload.objects.filter(pk=download_id, state=DownloadState.QUEUED).update(
        state=DownloadState.RUNNING
    )
    if not started:
        return "not waiting"
    download = PreparedDownload.objects.get(pk=download_id)
    try:
        content = build(download, Progress(download))
    except DownloadRefused as refusal:
        _fail(download, str(refusal))
        return "refused"
    except Exception:
        logger.exception("Preparing download %s (%s) failed", download.pk, download.kind)
        _fail(download, FAILED_MESSAGE)
        raise
    _store(download, content)
    return "ready"


def _store(download, content):
    """Save the built file under an unguessable name and mark the download ready."""
    stored = content if hasattr(content, "read") else ContentFile(content)
    suffix = PurePosixPath(download.filename).suffix
    name = f"{download.pk}-{secrets.token_hex(8)}{suffix}"
    try:
        download.file.save(name, File(stored), save=False)
    finally:
        stored.close()
    download.state = DownloadState.READY
    download.done = download.total
    download.finished_at = timezone.now()
    download.save(update_fields=["file", "state", "done", "finished_at"])


def _fail(download, message):
    """Mark the download failed with the message its owner reads."""
    download.state = DownloadState.FAILED
    download.error = message[:500]
    download.finished_at = timezone.now()
    download.save(update_fields=["state", "error", "finished_at"])


def purge_prepared_downloads(now):
    """Delete downloads and their files once their period is over; return how many."""
    before = now - timedelta(hours=settings.RETENTION_DOWNLOAD_HOURS)
    expired = list(PreparedDownload.objects.finished_before(before))
    for download in expired:
        if download.file:
            download.file.storage.delete(download.file.name)
    PreparedDownload.objects.filter(pk__in=[d.pk for d in expired]).delete()
    return len(expired)
