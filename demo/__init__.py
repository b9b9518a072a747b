"""Demo and benchmark data: deterministic boards, people, plans, the talent pool, pledges and the
demo accounts. Installed by the local and test settings only, never in production."""
