"""The reports: notebook execution, pages, slides, workbooks, the brief and the index."""
