"""The WSGI entry point: `gunicorn services.platform.wsgi:app`, serving `SIPINDA_SERVICE`
(default all).

Behind `TRUSTED_PROXY_HOPS` proxies (1 with the compose nginx, 0 when served directly) the
client's address, scheme and host come from the X-Forwarded-* headers those proxies set; with 0
such headers are ignored, so a client cannot forge its address.
"""

import os

from werkzeug.middleware.proxy_fix import ProxyFix

from services.platform.web import create_web_app
from shared import logs, runtime

logs.configure(f"web:{os.environ.get('SIPINDA_SERVICE', 'all')}")
runtime.serve_requests()
app = create_web_app(os.environ.get("SIPINDA_SERVICE", "all"))
if hops := runtime.settings().trusted_proxy_hops:
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
