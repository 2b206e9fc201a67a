"""Collaboration project pages, one module per family (urls.py imports the modules).

Unpublished projects answer 404 to people outside them; internal parts (budget, meetings,
decisions, contact details) answer 404 to people who only see what is published.
"""
