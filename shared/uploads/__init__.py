"""What an uploaded file really is (from its bytes, never its name) and the name it is shown by:
the one set of checks every service's uploads go through."""
