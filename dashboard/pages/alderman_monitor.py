from dashboard.components.placeholder import coming_soon

coming_soon(
    "Monitor alle wijken",
    "alle wijken in één tabel en op de kaart: besteding, doorlooptijden, vastgelopen "
    "voorstellen en hoe representatief elke wijkraad is.",
)
