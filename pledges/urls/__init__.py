"""The pledge tracker's pages, one module per capability; config/urls.py includes each."""
