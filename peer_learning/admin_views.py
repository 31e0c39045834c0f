"""Admin views for facilitators (see wagtail_hooks)."""
