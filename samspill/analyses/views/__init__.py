"""Analysis pages: labour-market regions (background job), region and municipality analyses. Split by family: lma, areas, new_jobs, benchmark."""
