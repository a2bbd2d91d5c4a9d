"""Static files stored under hashed, compressed names for a live service."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

SOURCE_MAP_MARKER = "sourceMappingURL="


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed storage, dropping source-map comments whose map is not shipped."""

    def url_converter(self, name, hashed_files, template=None):
        """Convert references as Django does, removing a comment that names a missing map."""
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            """Hash the reference, or drop it if it is a source map that does not exist."""
            try:
                return convert(matchobj)
            except ValueError:
                if SOURCE_MAP_MARKER in matchobj["matched"]:
                    return ""
                raise

        return converter
