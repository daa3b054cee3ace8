"""The performance benchmark of issue 7: synthetic examples at scale, a load run, and its report.

``generator`` writes synthetic examples in bulk (``manage.py generate_bench_data``); ``runner``
(``make bench``) builds a database of its own, serves it with gunicorn and drives it with wrk.
Nothing here is imported by the site itself, except the floor view in bench settings.
"""
