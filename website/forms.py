"""What every form of the site shares so that it guides its user (WCAG 3.3.1, 3.3.2).

Labels carry no trailing colon (Django's default ``label_suffix``), and the error summary
links each message to an element that exists: a checkbox or radio group has no element with
the field's own id, so its link goes to the group's first input, as GOV.UK's summary does.
"""

from django.forms import CheckboxSelectMultiple, RadioSelect


class GuidedFormMixin:
    """Mix into a ``forms.Form``: no colon after labels, and ``summary_errors()`` for the
    error summary (templates/includes/error_summary.html)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def summary_errors(self):
        """(anchor id, label, message) for every field error, in the form's order."""
        for bound in self:
            if not bound.errors:
                continue
            if isinstance(bound.field.widget, CheckboxSelectMultiple | RadioSelect):
                anchor = f"{bound.auto_id}_0"
            else:
                anchor = bound.id_for_label or bound.auto_id
            for error in bound.errors:
                yield anchor, bound.label, error
