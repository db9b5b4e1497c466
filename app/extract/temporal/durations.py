"""TIMEX3 values of durations ("P3Y", "PT5H30M", "PXY") and sets ("P1D", "XXXX-WXX-4")."""

from __future__ import annotations

from app.extract.temporal.meanings import Recurrence

# Unit code -> (ISO 8601 designator, is a time unit, next smaller unit, how many of those).
_DESIGNATORS: dict[str, tuple[str, bool, str | None, int]] = {
    "S": ("S", True, None, 0),
    "MIN": ("M", True, "S", 60),
    "H": ("H", True, "MIN", 60),
    "D": ("D", False, "H", 24),
    "W": ("W", False, "D", 7),
    "M": ("M", False, "D", 30),
    "Y": ("Y", False, "M", 12),
}
# Vague amounts keep TimeML's own unit letters: "decades" -> PXDE, "quarters" -> PXQ.
_VAGUE = {"DE": "PXDE", "CE": "PXCE", "Q": "PXQ", "ML": "PXML", "FORTNIGHT": "PXW"}


def duration_value(unit: str, amount: float | None) -> str:
    """ISO 8601 duration as TIMEX3 writes it; fractions go to the next smaller unit
    ("2 1/2 years" -> P2Y6M)."""
    if amount is None:
        if unit in _VAGUE:
            return _VAGUE[unit]
        designator, is_time, _, _ = _DESIGNATORS.get(unit, ("X", False, None, 0))
        return f"PTX{designator}" if is_time else f"PX{designator}"
    unit, amount = _normalise(unit, amount)
    parts: list[tuple[str, int]] = []
    whole = int(amount)
    if whole:
        parts.append((unit, whole))
    fraction = amount - whole
    smaller, factor = _DESIGNATORS[unit][2], _DESIGNATORS[unit][3]
    if fraction > 1e-9 and smaller:
        parts.append((smaller, round(fraction * factor)))
    date_part = "".join(f"{n}{_DESIGNATORS[u][0]}" for u, n in parts if not _DESIGNATORS[u][1])
    time_part = "".join(f"{n}{_DESIGNATORS[u][0]}" for u, n in parts if _DESIGNATORS[u][1])
    if not date_part and not time_part:
        return "P0D"
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _normalise(unit: str, amount: float) -> tuple[str, float]:
    if unit == "DE":
        return "Y", amount * 10
    if unit == "CE":
        return "Y", amount * 100
    if unit == "ML":
        return "Y", amount * 1000
    if unit == "Q":
        return "M", amount * 3
    if unit == "FORTNIGHT":
        return "W", amount * 2
    return unit, amount


def recurrence_value(m: Recurrence) -> str:
    if m.weekday is not None:
        return f"XXXX-WXX-{m.weekday}" + (f"T{m.part_of_day}" if m.part_of_day else "")
    if m.month is not None:
        return f"XXXX-{m.month:02d}"
    if m.part_of_day is not None:
        return f"XXXX-XX-XXT{m.part_of_day}"
    amount = int(m.amount) if m.amount == int(m.amount) else m.amount
    return duration_value(m.unit or "D", amount)
