"""The web layer's shared kernel: fields, service-error mapping, the one form-post helper, file responses
and the legal-basis block. Every ``acquis/web/<domain>/`` package imports from here, never from another
domain's package (tests/test_consistency.py enforces it)."""
