"""Privacy notices and the data inventory, from the forms' declarations (issue #14).

``notice``: what a form's notice says (purpose, legal authority, who sees,
retention, whom to ask for access or correction), shown above the form and
on the site's privacy page; what the site itself collects.
``inventory``: every personal-data field per form, for a privacy impact
assessment (``guichet privacy-inventory``). No Flask, no mkdocs.
"""
