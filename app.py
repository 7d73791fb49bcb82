"""Composition root: the Dash app with its pages inside the shell; ``python app.py`` serves it (``serving.py``)."""

import settings
from auth import web
from dashboards import cache, shell
from data_loaders import limits
from data_loaders.safety import assert_defused_xml
from i18n import DEFAULT_LANGUAGE, t
from serving import serve, settled


def create_app() -> shell.Mittari:
    """The Dash app with its pages (``dashboards/pages/``) inside the shell (``dashboards/shell.py``)."""
    assert_defused_xml()  # refuse to start if workbooks' XML would be parsed without defusedxml
    app = shell.Mittari(
        __name__,
        use_pages=True,
        pages_folder="dashboards/pages",
        enable_mcp=False,
        title=t("app.title", DEFAULT_LANGUAGE),
        update_title=None,
        suppress_callback_exceptions=True,  # page components exist only on their page
    )
    config = settings.load()
    web.install(app.server)
    shell.install(app, accessibility_feedback=config.accessibility_feedback)
    cache.install(app.server, config.instance_dir / "cache", config.redis_url, enabled=config.cache)
    app.server.config["MITTARI_UPLOAD_LIMIT_BYTES"] = config.upload_limit_bytes  # the upload page's limit
    app.server.config["MITTARI_RISK_THRESHOLDS"] = config.risk_thresholds  # the quarterly pack's indicators
    limits.configure(limits.of(config.import_limits))  # memory, time and sheet size of parsing one upload
    return app


app = settled(create_app())  # the start-up heap frozen out of the collector's walks
server = app.server

if __name__ == "__main__":
    serve(dash_app=app)
