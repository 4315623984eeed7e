"""page_bench (issue 16): the main pages' requests per second and latency under wrk, beside the
barest Django view, on a private stage served by gunicorn with production settings."""
