"""The city seed's Open311 keys: each community has given the 12345 hotline one, and an
old property manager's key was revoked."""
from demo.city import Town, add, token_hash
from models import Open311Key


def seed(town: Town) -> None:
    """Two keys (one revoked) with their change-log lines."""
    rows = [{"community_id": town.id, "name": name, "prefix": token_hash(town.slug, name)[:8],
             "key_hash": token_hash(town.seed, town.slug, "open311", name),
             "created_by_id": town.staff[0], "created_at": town.ago(days=200),
             "revoked_at": revoked, "last_used_at": town.ago(days=2)}
            for name, revoked in (("12345 市民热线", None), ("旧物业公司", town.ago(days=30)))]
    keys = add(Open311Key, rows)
    for key, row in zip(keys, rows):
        town.log(town.staff[0], "open311_key.created", "Open311Key", key, row["created_at"],
                 name=row["name"], prefix=row["prefix"])
    town.log(town.staff[0], "open311_key.revoked", "Open311Key", keys[1], town.ago(days=30),
             name=rows[1]["name"], prefix=rows[1]["prefix"])
