"""The heatmap pivoted into a grid of units by competences, for the page, the image and the PDF."""

from dataclasses import dataclass

from django.conf import settings

from training_site.small_numbers import is_small


@dataclass(frozen=True)
class HeatmapGrid:
    """Heatmap cells pivoted into units by competences, with a text description."""

    units: list
    codes: list
    percentages: list
    needs: list
    shares: list

    @property
    def unit_names(self):
        """Return the units' names."""
        return [u.name for u in self.units]

    @property
    def rows(self):
        """Return (unit, [(percentage, need)]) rows for the accessible table."""
        return [
            (unit, list(zip(self.shares[i], self.needs[i], strict=True)))
            for i, unit in enumerate(self.units)
        ]

    @property
    def description(self):
        """Describe the heatmap in words for people who cannot see it."""
        filled = _large_enough(self)
        if not filled and any(p is not None for row in self.percentages for p in row):
            return (
                f"Heatmap of {len(self.units)} units; every group is fewer than "
                f"{settings.SMALL_NUMBER_THRESHOLD} people, so no share met is given."
            )
        if not filled:
            return "No unit has anyone whose post needs these competences."
        high, low = max(filled), min(filled)
        return (
            f"Heatmap of the share of needs met in {len(self.units)} units for "
            f"{len(self.codes)} competences. Highest: {high[1]}, {high[2]}, {high[0]}% met. "
            f"Lowest: {low[1]}, {low[2]}, {low[0]}% met."
        )


def _large_enough(grid):
    """Return (percentage, unit name, code) for the grid's cells whose groups may be shown."""
    return [
        (p, unit.name, code)
        for unit, row, needs in zip(grid.units, grid.percentages, grid.needs, strict=True)
        for code, p, need in zip(grid.codes, row, needs, strict=True)
        if p is not None and not is_small(need)
    ]


def heatmap_grid(cells):
    """Pivot heatmap cells into a grid of units by competence codes."""
    units = sorted({c.unit for c in cells}, key=lambda u: u.name)
    codes = sorted({c.competence.code for c in cells})
    by_key = {(c.unit.pk, c.competence.code): c for c in cells}
    percentages = [[_percent(by_key.get((u.pk, code))) for code in codes] for u in units]
    needs = [[_need(by_key.get((u.pk, code))) for code in codes] for u in units]
    shares = [[_share(by_key.get((u.pk, code))) for code in codes] for u in units]
    return HeatmapGrid(units, codes, percentages, needs, shares)


def _percent(cell):
    return cell.percent_met if cell else None


def _share(cell):
    return cell.share_met if cell else None


def _need(cell):
    return cell.need if cell else 0
