"""The HCP's reflective practice log and personal development plan."""
