"""Documents Acquis generates (PDF letters and files): layout helpers shared by the apps that print them.

Plain Python on fpdf2, no models: each app keeps its own content (read by its selectors) and layout."""
