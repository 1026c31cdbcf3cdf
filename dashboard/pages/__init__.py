"""One thin script per page: read through the services, show through the components."""
