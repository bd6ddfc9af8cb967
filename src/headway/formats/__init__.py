"""Date and time formats that differ from Django's defaults (settings.FORMAT_MODULE_PATH)."""
