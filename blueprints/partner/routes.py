"""The partner portal; it lives with the services domain (partners keep their offers there)."""
from blueprints.offers.partner_routes import bp

__all__ = ["bp"]
