"""The analyses: one concept per module, each returning DataFrames with documented columns."""
