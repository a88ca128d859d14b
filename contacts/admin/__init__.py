"""The editors' admin: the site (`site`), and each model's admin in the modules that
`registered` imports (TrackerAdminConfig.ready imports it once the site exists, so that
importing the site's class registers nothing on a site still being made)."""
