"""An organisation's posts: its board, and adding a post to it."""

from django.urls import path

from succession.views import posts

urlpatterns = [
    path("my-organisation/", posts.my_organisation, name="my_organisation"),
    path("organisations/<str:ods_code>/posts/", posts.board, name="board"),
    path("organisations/<str:ods_code>/posts/new/", posts.post_create, name="post_create"),
]
