"""Getting posts in: instaloader sources, image storage, hashing, duplicates and the ingest job."""
