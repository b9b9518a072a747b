"""Succession planning's pages, one module per capability; config/urls.py includes each."""
