"""One post: its page, its details and who holds it."""

from django.urls import path

from succession.views import posts

post = "<int:pk>"

urlpatterns = [
    path(f"{post}/", posts.post_detail, name="post_detail"),
    path(f"{post}/edit/", posts.post_edit, name="post_edit"),
    path(f"{post}/holder/new/", posts.holder_new, name="holder_new"),
    path(f"{post}/holder/departure/", posts.holder_departure, name="holder_departure"),
    path(f"{post}/holder/left/", posts.holder_left, name="holder_left"),
]
