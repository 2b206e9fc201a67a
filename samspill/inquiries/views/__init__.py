"""Pages of the front door: the public form, the region's inbox, follow-up, reports, services. Split by family: public, inbox, reports, directory."""
