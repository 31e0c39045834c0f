"""Forms of the facilitators' admin."""
