"""Identity: users, roles, agencies and their tree, sign-in, sessions, lockout, password reset
and imports, in a database of its own. The others learn accounts and agencies from its events
(`account.changed`, `agency.changed`) and authenticate requests by its signed claims."""
