"""Figure, grid and table builders of the pages: plain functions from data to what a page shows."""
