"""Pages of projecten, one module a subject; urls.py imports the modules."""
