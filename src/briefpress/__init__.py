"""briefpress: YAML briefing spec in, branded print-quality PDF briefing paper out."""

__version__ = "0.1.0"
