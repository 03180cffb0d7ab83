"""The submission service: innovators write and submit proposals; it keeps each proposal's
timeline from the events the other services publish."""
