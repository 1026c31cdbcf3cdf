"""The organisers' page *Buurtstemming*: one module per part of a vote's life."""
