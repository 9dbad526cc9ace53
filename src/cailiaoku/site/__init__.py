"""The static site: an MkDocs plugin that generates pages from the library, plus the build CLI."""
