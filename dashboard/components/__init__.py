"""What pages are made of: formatting, tables, charts, forms, and the draw workspace's
steps. They call services, never the store."""
