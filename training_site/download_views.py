"""A prepared download's status page and its file, for the person who asked for it only."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from training_site.audit import audit_record
from training_site.models import AuditAction, PreparedDownload

REFRESH_SECONDS = 3


@login_required
def download_status(request, pk):
    """Show how far a download has got, refreshing until it is ready or has failed."""
    download = get_object_or_404(PreparedDownload.objects.owned_by(request.user), pk=pk)
    return render(
        request,
        "training_site/download_status.html",
        {
            "download": download,
            "refresh_seconds": REFRESH_SECONDS,
            "retention_hours": settings.RETENTION_DOWNLOAD_HOURS,
        },
    )


@login_required
def download_file(request, pk):
    """Send a ready download's file to its owner, and record the export."""
    download = get_object_or_404(PreparedDownload.objects.owned_by(request.user), pk=pk)
    if not download.is_ready:
        raise Http404("This file is not ready.")
    audit_record(request, AuditAction.REPORT_EXPORT, download, summary=download.title)
    return FileResponse(download.file.open("rb"), as_attachment=True, filename=download.filename)
