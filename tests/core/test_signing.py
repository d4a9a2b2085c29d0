"""Signed values: genuine tokens round-trip; tampered or foreign ones give None."""
from blueprints.core.signing import sign, unsign


def test_round_trip_and_refusals(app):
    token = sign([7, 1], "volunteer-me")
    assert unsign(token, "volunteer-me") == [7, 1]
    assert unsign(token, "issue-follow") is None  # another purpose
    assert unsign(token[:-2] + "xx", "volunteer-me") is None
    assert unsign("", "volunteer-me") is None and unsign(None, "volunteer-me") is None
    app.config["SECRET_KEY"] = "rotated"
    assert unsign(token, "volunteer-me") is None
