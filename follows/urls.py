from django.urls import path

from follows import views

urlpatterns = [
    path("", views.mine, name="follows_mine"),
    path("ny/", views.new_follow, name="follows_new"),
    path("bekrafta/<str:token>/", views.confirm, name="follows_confirm"),
    path("hantera/<str:token>/", views.manage, name="follows_manage"),
    path("avsluta/<str:token>/", views.unsubscribe, name="follows_unsubscribe"),
    path("avsluta-alla/<str:token>/", views.unsubscribe_all, name="follows_unsubscribe_all"),
]
