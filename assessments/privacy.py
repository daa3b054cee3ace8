"""A member's (or an assessor's) data in the assessment workflow, for the GDPR download and
the account deletion (``members.privacy.services`` providers).

Download: the comments they wrote, the assessments they asked for (with their message) and,
for an assessor, every form they filled in (answers, summary, internal note).
Deletion: their comments and the messages of their requests are deleted; an assessor's
answers stay with the assessment (the published result rests on them) without their name:
the foreign key is set to NULL when the user row goes.
"""

from assessments.models import Assessment, Assignment, Comment


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    comments = Comment.objects.filter(author=user).select_related("assessment__example")
    requests = Assessment.objects.filter(requested_by=user).select_related("example")
    assignments = (
        Assignment.objects.filter(assessor=user)
        .select_related("assessment__example")
        .prefetch_related("answers__criterion")
    )
    return {
        "kommentarer": [
            {
                "exempel": c.assessment.example.title,
                "skriven": _iso(c.created_at),
                "text": c.text,
            }
            for c in comments
        ],
        "begarda_bedomningar": [
            {"exempel": a.example.title, "begard": _iso(a.created_at), "meddelande": a.request_note}
            for a in requests
        ],
        "bedomningsuppdrag": [
            {
                "exempel": a.assessment.example.title,
                "inlamnad": _iso(a.submitted_at),
                "sammanfattning": a.summary,
                "intern_anteckning": a.internal_note,
                "svar": [
                    {
                        "kriterium": ans.criterion.name,
                        "bedomning": ans.result,
                        "motivering": ans.motivation,
                    }
                    for ans in a.answers.all()
                ],
            }
            for a in assignments
        ],
    }


def delete(user) -> None:
    Comment.objects.filter(author=user).delete()
    Assessment.objects.filter(requested_by=user).update(request_note="", requested_by=None)
