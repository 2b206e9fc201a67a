"""Shared-knowledge pages: documents, versions, memos, templates and the decision log. Split by family: documents, versions, decisions, groups."""
