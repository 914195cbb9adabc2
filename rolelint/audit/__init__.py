"""`rolelint audit`: lint a corpus of job adverts on Dask and report rule rates across it.

The per-advert work goes through the public API (``rolelint.Linter``), one per Dask worker
process; ``inputs`` reads the adverts, ``work`` is a worker's task, ``report`` aggregates and
renders, ``run`` drives a LocalCluster or an existing cluster. Needs the ``audit`` extra
(`pip install 'rolelint[audit]'`).
"""
