"""Words the build writes around the editors' content, in both languages."""

from ..i18n import in_language

LABELS: dict[str, dict[str, str]] = {
    "colon": {"en": ": ", "fr": "\u00a0: "},  # French: a non-breaking space before the colon
    "how_to_apply": {"en": "Ways to get this service", "fr": "Comment obtenir ce service"},
    "online": {"en": "Online", "fr": "En ligne"},
    "apply_online": {"en": "Apply online", "fr": "Faire une demande en ligne"},
    "go_online": {"en": "Go to the online service", "fr": "Aller au service en ligne"},
    "phone": {"en": "By phone", "fr": "Par téléphone"},
    "call": {"en": "Call", "fr": "Composez le"},
    "outside": {"en": "From outside the city", "fr": "De l'extérieur de la ville"},
    "tty": {"en": "TTY", "fr": "ATS"},
    "hours": {"en": "Hours", "fr": "Heures"},
    "in_person": {"en": "In person", "fr": "En personne"},
    "accessibility": {"en": "Accessibility", "fr": "Accessibilité"},
    "mail": {"en": "By mail", "fr": "Par la poste"},
    "eligibility": {"en": "Who can apply", "fr": "Qui peut faire une demande"},
    "what_you_need": {"en": "What you need", "fr": "Ce qu'il vous faut"},
    "fees": {"en": "Fees", "fr": "Coûts"},
    "free": {"en": "There is no fee.", "fr": "C'est gratuit."},
    "processing_time": {"en": "How long it takes", "fr": "Délai"},
    "next_steps": {"en": "What happens next", "fr": "Et ensuite"},
    "related": {"en": "Related services", "fr": "Services connexes"},
    "department": {"en": "Responsible department", "fr": "Service responsable"},
    "last_reviewed": {"en": "Page last reviewed", "fr": "Dernière révision de la page"},
    "a_z": {"en": "Services from A to Z", "fr": "Services de A à Z"},
    "topics": {"en": "Services by topic", "fr": "Services par sujet"},
    "audience": {"en": "Services for", "fr": "Services pour"},
    "popular": {"en": "Most requested", "fr": "Les plus demandés"},
    "browse_topics": {"en": "Browse by topic", "fr": "Parcourir par sujet"},
    "for_you": {"en": "Services for you", "fr": "Services pour vous"},
    "home_intro": {
        "en": "Find a city service, learn how to get it, and apply online, by phone, in person or by mail.",
        "fr": "Trouvez un service municipal et faites votre demande en ligne, par téléphone, en personne ou par la poste.",
    },
    "search_home": {"en": "What are you looking for?", "fr": "Que cherchez-vous?"},
    "search": {"en": "Search", "fr": "Rechercher"},
    "all_services": {"en": "All services from A to Z", "fr": "Tous les services de A à Z"},
    "not_found_title": {"en": "Page not found", "fr": "Page introuvable"},
    "not_found_text": {
        "en": "We cannot find this page. It may have moved. Try the search box, or the list of services from A to Z.",
        "fr": "Nous ne trouvons pas cette page. Elle a peut-être été déplacée. Essayez la recherche ou la liste des services de A à Z.",
    },
}


def labels(lang: str) -> dict[str, str]:
    return in_language(LABELS, lang)
