"""The terminal review interface (`itemclean review`), built on Textual.

Only this package imports Textual; it reads through itemclean.store's browse queries and writes
through itemclean.review, itemclean.audit and itemclean.versions, like the command line.
"""
