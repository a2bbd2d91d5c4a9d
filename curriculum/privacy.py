"""The curriculum holds no personal data: its pages' editors are declared with Wagtail's pages."""

from training_site.personal_data import Exempt

PERSONAL_DATA = ()

EXEMPT = (Exempt("curriculum.EssentialComponent", "a curriculum component's name"),)
