"""The organisers' household book, one module per tab; `workspace.render` puts them on
the page."""
