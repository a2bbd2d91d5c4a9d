"""Settings for the training site: base holds everything, the others differ by environment."""
