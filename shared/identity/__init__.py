"""Identity, the shared kernel's people: users, roles and agencies (OPD) with their parents."""
