"""The member's own pages: "Dela med dig" and "Mina exempel"."""

urlpatterns = []
