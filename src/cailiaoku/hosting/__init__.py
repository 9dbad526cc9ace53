"""Intranet hosting: a Content-Security-Policy the built site satisfies, server snippets, a zip."""
