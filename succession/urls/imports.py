"""Importing an organisation's posts and holders from a spreadsheet."""

from django.urls import path

from succession.views import imports

upload = "<str:ods_code>/posts/import"

urlpatterns = [
    path(f"{upload}/", imports.import_upload, name="import_upload"),
    path(f"{upload}/template.<str:file_format>", imports.import_template, name="import_template"),
    path(f"{upload}/<str:token>/", imports.import_preview, name="import_preview"),
]
