"""Field extractors: one module per part of the convenio, each reading the
`Layout` and returning values with their `Provenance`."""
