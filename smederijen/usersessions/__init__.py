"""Sessions that know their user: end all of a user's sessions at once, and end idle ones."""
