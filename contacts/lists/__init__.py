"""The analyst lists' machinery beside their tables: filters (`filters`, `filter_fields`,
`widgets`), the bounded row count (`pagination`), facet counts (`facets`) and the contacts
per day chart (`timeline`)."""
