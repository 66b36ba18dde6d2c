"""The Smederij election: counting methods and open-data formats, free of Django models."""
