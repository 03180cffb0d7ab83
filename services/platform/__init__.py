"""The composition root: the `sipinda` command, the WSGI and worker entry points, the embedded
runner, the registry of services, seeding and backup, and the admin's console (a read model
composed from every service). The one package allowed to import several services."""
