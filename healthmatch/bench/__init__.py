"""The benchmark harness: ``manage.py match_bench`` (the matching engine on BEIR, the platform
example and synthetic worlds, beside the naive pairwise scorer and BM25/RRF references) and
``manage.py email_bench`` (match digests through the outbox to an SMTP server on loopback).

A development tool, not the domain: installed only with DEBUG or HEALTHMATCH_BENCH=1 (and in
the tests). It is the only code outside tests/ that may import the ``dev`` extra's packages
(aiosmtpd, bm25s, psutil); the production image does not install them.
"""
