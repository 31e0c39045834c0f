"""Form fields every public form shares."""

from django import forms

from .text import strip_invisible, validate_multi_line, validate_single_line


class PlainTextField(forms.CharField):
    """Free text as people type it: trimmed of whitespace and invisible characters at both
    ends (a value of only those is empty, so a required field says so), and refused with a
    German message when it holds control characters or bidirectional overrides.
    `multiline` allows line breaks (for a textarea)."""

    def __init__(self, *, multiline: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_multi_line if multiline else validate_single_line)

    def to_python(self, value):
        value = super().to_python(value)
        return strip_invisible(value) if isinstance(value, str) else value
