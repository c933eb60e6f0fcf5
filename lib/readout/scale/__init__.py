"""Scale: run the export in one process, in worker processes or on a Dask cluster, from one table registry."""
