"""Small reusable widgets: status bar, banners, pack lines."""
