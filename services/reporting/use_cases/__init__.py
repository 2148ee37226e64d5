"""The reporting service's use cases: recording facts from events, reading a district, rebuilding."""
