"""The organisers' draw workspace, one module per step; `workspace.render` puts them on
the page."""
