"""The admin's console: the system's health and the dashboard, composed from every service."""
