"""The web app: public gallery, jury workspace and organiser console (nothing imports `web`)."""
