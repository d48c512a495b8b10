"""Server-rendered pages for sellers (no front-end framework): onboarding and the OAuth callback."""
