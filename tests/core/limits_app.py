"""The app as gunicorn serves it in tests/core/test_shared_limits.py: settings from one env var."""
import json
import os

from app import create_app

app = create_app(json.loads(os.environ["DOORSTEP_TEST_SETTINGS"]))
