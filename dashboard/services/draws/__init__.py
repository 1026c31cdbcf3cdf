"""The use cases of a draw, one module per step of the organisers' workspace; `context`
checks the caller and holds what every step needs."""
