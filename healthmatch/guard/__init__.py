"""The request guard: what no page, form or API call of HealthMatch accepts, refused once for the
whole site before any view runs (see ``middleware``)."""
