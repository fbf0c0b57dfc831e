"""The pathway's generated PDFs (the template's `documents`): the dossier de faisabilité as filed
(`feasibility.py`) and the attestation of the jury's result (`attestation.py`), both laid out with
acquis/documents/pdf.py and generated when read, never stored."""
