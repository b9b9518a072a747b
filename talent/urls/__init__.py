"""People and the national talent pool's pages, one module per capability; config/urls.py
includes each."""
