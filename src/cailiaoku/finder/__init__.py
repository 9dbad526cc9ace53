"""The passage finder: exact-phrase and word search over the library, in Python and in the site."""
