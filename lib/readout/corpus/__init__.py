"""The corpus: loading a folder of articles, their roles and sentences, and the shared cache."""
