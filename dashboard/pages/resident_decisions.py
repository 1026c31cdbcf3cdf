from dashboard.components.placeholder import coming_soon

coming_soon(
    "Besluiten en projecten",
    "de besluiten van de wijkraad met hun motivering en stemming, en hoe ver elk project is.",
)
