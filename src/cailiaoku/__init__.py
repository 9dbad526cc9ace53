"""cailiaoku (材料库): sample documents → tagged reusable passages → a static site."""

__version__ = "0.1.0"
