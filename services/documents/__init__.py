"""Documents: renders official PDFs (WeasyPrint, Jinja) from the events it hears, stores them
content-addressed, records who may read them and announces each one with `document.ready`.
It never reads another service's tables: everything it prints comes in the event payload."""
