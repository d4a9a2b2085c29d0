"""Money in one place: integer fen inside, yuan with two decimals on screen and paper."""
from decimal import Decimal, InvalidOperation

MAX_YUAN = Decimal(10_000_000)  # no community repair costs ten million yuan: a typo


def parse_yuan(text: str | None) -> int | None:
    """'1000', '1,000' or '1000.5' yuan → fen.

    None when it is not a positive, finite amount of at most two decimals and at
    most MAX_YUAN (so NaN, Infinity, 1e400 and '0.001' are refused, never raised).
    """
    cleaned = (text or "").strip().replace(",", "").replace("，", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0 or value > MAX_YUAN:
        return None
    if value != value.quantize(Decimal("0.01")):
        return None
    return int(value * 100)


def yuan(fen: int | None) -> str:
    """Fen shown as yuan: 123456 → '1,234.56'; negative amounts keep their sign."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100:,}.{abs(fen) % 100:02d}"
