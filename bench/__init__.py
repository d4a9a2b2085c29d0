"""`make bench`: timings of the printed service checklist."""
