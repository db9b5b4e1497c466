"""Page routes, one module per page: each parses its parameters, calls the query layer, builds
a view (a dataclass of plain values) and renders one template."""
