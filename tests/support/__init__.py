"""Plain helper modules shared by every suite (no fixtures here: those live in ``tests/fixtures.py``).

* ``apps``: the one settings builder for a test app (``app_config``, ``create_test_app``);
* ``databases``: SQLite or a throw-away PostgreSQL schema, the injectable ``Clock``;
* ``smtp_server``: a real SMTP server in a thread that keeps what it receives;
* ``mail``: the delivery worker's mail settings (``mail_settings``) and the admin address;
* ``submissions``: a valid submission to save;
* ``html_tree``: pages read with the standard library's HTML parser, never regular expressions;
* ``forms``: the every-field test form (its catalogue, valid answers, posting as a browser does).
"""
