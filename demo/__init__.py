"""Demo data drawn from the newspaper page (shared/article-zh.txt)."""
