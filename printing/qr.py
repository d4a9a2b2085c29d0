"""QR codes for printed documents."""
import segno


def qr_data_uri(url: str, scale: int = 6) -> str:
    """An SVG QR code of `url` as a data: URI for an <img> in a print template."""
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=2)
