"""The organisations part of the REST API: public ODS reference data, read-only."""
