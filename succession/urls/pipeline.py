"""The pipeline: people ready for each role against the posts that will need them."""

from django.urls import path

from succession.views import pipeline

urlpatterns = [
    path("", pipeline.pipeline, name="pipeline"),
]
