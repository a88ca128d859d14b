"""Running the archive: backups and restores, loading fixtures, seeding the demo data.

Each module backs one or two management commands (`backup`/`restore`, `loaddata`,
`seed_demo`/`reset_demo`); none is imported by a page.
"""
