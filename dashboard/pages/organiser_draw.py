from dashboard.components.placeholder import coming_soon

coming_soon(
    "Loting",
    "een wijkraad loten van begin tot eind: uitnodigingen, aanmeldingen, quota, "
    "de selectie en de openbare trekking.",
)
