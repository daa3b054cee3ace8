"""Member account pages beyond allauth's own (profile, consent), under /konto/."""

urlpatterns = []
