"""Legal corpus: versioned articles of the Code du travail.

The pure-Python layer (``acquis.law.parsing``, ``history``, ``corpus``, ``diff``) never imports
Django, so this package must stay importable without settings: keep this file free of imports.
"""
