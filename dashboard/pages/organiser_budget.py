from dashboard.components.placeholder import coming_soon

coming_soon(
    "Huishoudboekje",
    "budgetten, voorstellen, vergaderingen en besluiten, toekenningen en uitgaven invoeren.",
)
