"""Strategy pages: parse → selector/service → render. htmx gets named partials of the same template. Split by family: strategies, goals, plans, reports."""
