"""Register pages, split by family: `register` (projects, map, load, what-if) and
`opportunities` (muligheter i kjølvannet). urls.py imports from the submodules."""
