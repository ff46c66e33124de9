"""itemclean: clean up a catalogue of administrative-permit items (行政许可事项清理)."""

__version__ = "0.1.0"
