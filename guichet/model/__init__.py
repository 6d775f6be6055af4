"""The one schema of a service and its form, and loading the catalogue.

Imports neither Flask nor mkdocs: both the site build and the forms app use it.
"""

from .catalogue import Catalogue, Service, ServicePage, load_catalogue
from .form import FieldType, FormField, FormSpec
from .problems import Problem
from .service import ServiceMeta
from .taxonomy import Taxonomy

__all__ = [
    "Catalogue", "Service", "ServicePage", "load_catalogue",
    "FieldType", "FormField", "FormSpec", "Problem", "ServiceMeta", "Taxonomy",
]
