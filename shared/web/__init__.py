"""The base web layer every service shares: layout, errors, i18n, auth, CSRF, OpenAPI."""
