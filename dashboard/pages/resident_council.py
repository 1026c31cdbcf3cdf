from dashboard.components.placeholder import coming_soon

coming_soon(
    "De wijkraad",
    "wie er in de wijkraad zit (als groepen, nooit met namen) vergeleken met de wijk, "
    "en hoe de loting is gegaan.",
)
