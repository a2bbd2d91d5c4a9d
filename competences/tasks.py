"""Background tasks of the competence records: the network-scale skills-gap exports."""

from django_tasks import task

from competences.exports import prepared_export
from training_site.prepared_downloads import prepared_download_build


@task()
def gap_export_prepare(*, download_id):
    """Prepare a skills-gap export its owner asked for: the matrix workbook or the PDF report."""
    return prepared_download_build(download_id=download_id, build=prepared_export)
