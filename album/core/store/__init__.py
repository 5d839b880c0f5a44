"""The library database (LanceDB): schema, migrations, reads, filters and the single writer."""
