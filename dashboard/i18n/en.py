"""English for the public pages: Dutch sentence -> English sentence."""

from __future__ import annotations

EN: dict[str, str] = {
    # Navigation
    "Voor bewoners": "For residents",
    "Account": "Account",
    "Inloggen": "Log in",
    "Mijn account": "My account",
    "Uitloggen": "Log out",
    "Ingelogd als **{naam}** ({rol})": "Logged in as **{naam}** ({rol})",
    "organisator": "organiser",
    "wethouder": "alderman",
    "beheerder": "administrator",
    "bewoner": "resident",
    # Forms
    "Kies een of meer statussen": "Choose one or more statuses",
    "Dit formulier was al verstuurd en is één keer verwerkt.": (
        "This form was sent before and has been processed once."
    ),
    # Staff sections of the navigation
    "Loting": "Draw",
    "Organisatie": "Organisation",
    "Huishoudboekje": "Budget book",
    "Persoonsgegevens": "Personal data",
    "Wethouder": "Alderman",
    "Monitor alle wijken": "Monitor all neighbourhoods",
    "Beheer": "Administration",
    "Gebruikers": "Users",
    # The money of your neighbourhood
    "Het geld van uw wijk": "Your neighbourhood's money",
    "Hier ziet u hoeveel geld er is voor uw wijk, waarover de wijkraad al heeft besloten "
    "en wat er al is uitgegeven.": "How much money there is for your neighbourhood, what the "
    "neighbourhood council has decided on and what has been spent so far.",
    "Jaar": "Year",
    "{wijk} in {jaar}": "{wijk} in {jaar}",
    "Van de **{budget}** voor {jaar} is **{besloten}** besloten en **{uitgegeven}** "
    "uitgegeven.": "Of the **{budget}** for {jaar}, **{besloten}** has been decided on and "
    "**{uitgegeven}** spent.",
    "Budget": "Budget",
    "Besloten": "Decided",
    "Uitgegeven": "Spent",
    "Nog te verdelen": "Still to allocate",
    "Besloten: geld dat de wijkraad heeft toegekend in een gepubliceerd besluit. "
    "Uitgegeven: betalingen voor die besluiten. Nog te verdelen: budget min besloten.": (
        "Decided: money the council granted in a published decision. Spent: payments for "
        "those decisions. Still to allocate: budget minus decided."
    ),
    "Waar komt het geld vandaan?": "Where does the money come from?",
    "Er zijn nog geen wijken of budgetten ingevoerd.": "No neighbourhoods or budgets yet.",
    "Bron": "Source",
    "Omschrijving": "Description",
    "Bedrag": "Amount",
    "Gemeente": "Municipality",
    "Woningcorporatie": "Housing corporation",
    "Fonds": "Fund",
    "Overig": "Other",
    "Overgeheveld van vorig jaar": "Carried over from last year",
    "Kies uw wijk": "Choose your neighbourhood",
    "Kies uw wijk op de kaart": "Choose your neighbourhood on the map",
    "Wijken op de kaart": "Neighbourhoods on the map",
    "Klik op de naam van uw wijk om te zien hoeveel geld er is en wat ermee gebeurt. "
    "Liever een lijst? Op elke pagina kunt u uw wijk ook kiezen uit een lijst.": (
        "Click on the name of your neighbourhood to see how much money there is and what "
        "happens with it. Prefer a list? Every page also lets you choose from a list."
    ),
    "Wijken op de kaart, van noord naar zuid:": "Neighbourhoods on the map, north to south:",
    "Er zijn nog geen wijken ingevoerd.": "No neighbourhoods yet.",
    # Decisions and projects
    "Besluiten en projecten": "Decisions and projects",
    "Hier leest u wat de wijkraad heeft besloten en waarom, hoe ver de projecten zijn en "
    "wanneer de raad weer vergadert. U ziet alleen besluiten die openbaar zijn gemaakt.": (
        "What the neighbourhood council decided and why, how far the projects are and when "
        "the council meets next. Only decisions that have been made public are shown."
    ),
    "Besluiten": "Decisions",
    "Projecten": "Projects",
    "Vergaderingen": "Meetings",
    "De wijkraad van {wijk} heeft nog geen openbare besluiten.": (
        "The council of {wijk} has no public decisions yet."
    ),
    "In dit jaar zijn geen openbare besluiten genomen.": "No public decisions this year.",
    "Besluit van de wijkraad": "Council decision",
    "Besloten op {datum}": "Decided on {datum}",
    "Waarom": "Why",
    "Stemming": "Vote",
    "{voor} voor, {tegen} tegen, {onthouding} onthouding ({aanwezig} leden aanwezig)": (
        "{voor} for, {tegen} against, {onthouding} abstained ({aanwezig} members present)"
    ),
    "Bewoners": "Residents",
    "Vraag aan bewoners: “{vraag}” ({aantal} deelnemers).": (
        "Question to residents: “{vraag}” ({aantal} took part)."
    ),
    "Geld toegekend": "Money granted",
    "Bedrag aangepast": "Amount changed",
    "Afgewezen": "Turned down",
    "Ander besluit": "Other decision",
    "Het wijkpanel (bewoners die door loting zijn gekozen) gaf vooraf zijn mening.": (
        "The residents' panel (residents chosen by lot) gave its opinion beforehand."
    ),
    "Bewoners konden vooraf hun mening geven op een bijeenkomst.": (
        "Residents could give their opinion at a meeting beforehand."
    ),
    "Bewoners konden vooraf stemmen.": "Residents could vote beforehand.",
    "Bewoners zijn vooraf niet apart gevraagd.": "Residents were not asked separately.",
    "Er zijn nog geen projecten waarvoor geld is toegekend.": "No projects with money yet.",
    "Status": "Status",
    "Thema": "Theme",
    "Alle thema's": "All themes",
    "{aantal} van de {totaal} projecten": "{aantal} of {totaal} projects",
    "{procent}% klaar": "{procent}% done",
    "{klaar} van {totaal} mijlpalen klaar": "{klaar} of {totaal} milestones done",
    "Besloten, nog niet begonnen": "Decided, not started yet",
    "Bezig": "Under way",
    "Klaar": "Done",
    "Ingediend": "Submitted",
    "In behandeling": "Being considered",
    "Wat u ervan merkt": "What you notice",
    "Wat u straks merkt": "What you will notice",
    "Geld": "Money",
    "Foto bij “{mijlpaal}”": "Photo of “{mijlpaal}”",
    "{toegekend} toegekend, {uitgegeven} uitgegeven": "{toegekend} granted, {uitgegeven} spent",
    "Er is meer uitgegeven dan toegekend.": "More has been spent than was granted.",
    "Er zijn nog geen nieuwe vergaderingen gepland.": "No new meetings planned yet.",
    "De vergaderingen zijn openbaar: iedereen mag komen luisteren.": (
        "The meetings are public: anyone may come and listen."
    ),
    "Agenda": "Agenda",
    "Deze besluiten als CSV": "These decisions as CSV",
    "Deze projecten als CSV": "These projects as CSV",
    "Datum": "Date",
    "Besluit": "Decision",
    "Kenmerk": "Reference",
    "Voorstel": "Proposal",
    "Voor": "For",
    "Tegen": "Against",
    "Onthouding": "Abstained",
    "Aanwezig": "Present",
    "Project": "Project",
    "Voortgang (%)": "Progress (%)",
    "Toegekend": "Granted",
    # The council
    "De wijkraad": "The neighbourhood council",
    "De leden van de wijkraad zijn door loting gekozen uit de inwoners. Zo krijgen ook "
    "mensen een stem die anders niet snel meepraten. Lijkt de raad op de wijk?": (
        "The council's members were chosen by lot from the residents, so that people who "
        "rarely take part also have a say. Does the council look like the neighbourhood?"
    ),
    "{wijk} heeft op dit moment geen wijkraad.": "{wijk} has no council at the moment.",
    "De wijkraad heeft nu **{geloot}** leden die door loting zijn gekozen en **{benoemd}** "
    "benoemde leden (zoals gemeenteraadsleden).": (
        "The council now has **{geloot}** members chosen by lot and **{benoemd}** appointed "
        "members (such as municipal councillors)."
    ),
    "Hieronder ziet u de gelote leden als groepen, naast alle inwoners van de wijk. Namen "
    "laten we nooit zien. Een groep met minder dan {min} leden laten we niet apart zien: we "
    "tellen hem op bij een andere groep, of er staat “–”. Soms staat ook bij een grotere "
    "groep “–”: anders kon u met het totaal uitrekenen hoeveel leden de kleine groep heeft.": (
        "Below, the members chosen by lot are shown as groups, next to all residents of the "
        "neighbourhood. Names are never shown. A group of fewer than {min} members is not "
        "shown on its own: it is added to another group, or it reads “–”. Sometimes a larger "
        "group reads “–” too: otherwise you could work out from the total how many members "
        "the small group has."
    ),
    "Leeftijd": "Age",
    "Geslacht": "Gender",
    "Opleiding": "Education",
    "Woning": "Home",
    "Deel van de wijk": "Part of the neighbourhood",
    "Groep": "Group",
    "In de wijkraad": "On the council",
    "In de wijk": "In the neighbourhood",
    "Verschil": "Difference",
    "{verschil} procentpunt": "{verschil} percentage points",
    "In de wijk: inwoners van 16 jaar en ouder": "In the neighbourhood: residents aged 16+",
    "In de wijk: alle inwoners": "In the neighbourhood: all residents",
    "minder dan {min} inwoners": "fewer than {min} residents",
    "Overige groepen samen": "Other groups together",
    "16 tot en met 24 jaar": "16 to 24",
    "25 tot en met 44 jaar": "25 to 44",
    "45 tot en met 64 jaar": "45 to 64",
    "65 jaar en ouder": "65 and over",
    "{van} tot en met {tot} jaar": "{van} to {tot}",
    "{van} jaar en ouder": "{van} and over",
    "Vrouw": "Woman",
    "Man": "Man",
    "Anders": "Other",
    "Lager opgeleid": "Lower education",
    "Middelbaar opgeleid": "Secondary education",
    "Hoger opgeleid": "Higher education",
    "Koopwoning": "Owner-occupied home",
    "Huurwoning van een woningcorporatie": "Rented from a housing corporation",
    "Huurwoning van een particulier": "Rented from a private landlord",
    "Hoe is de raad geloot?": "How was the council drawn?",
    "Over de loting van deze raad zijn nog geen gegevens bekend.": (
        "There are no figures yet about how this council was drawn."
    ),
    "Door loting zijn {uitgenodigd} inwoners gekozen. De organisatoren zijn bij hen langs "
    "geweest om hen uit te nodigen. {ja} mensen zeiden ja, {nee} zeiden nee en bij "
    "{niet_thuis} was niemand thuis.": (
        "{uitgenodigd} residents were chosen by lot. The organisers visited them at home to "
        "invite them. {ja} people said yes, {nee} said no and at {niet_thuis} nobody was home."
    ),
    "Eerst kregen {uitgenodigd} huishoudens een brief met een uitnodiging. Die huishoudens "
    "zijn door loting gekozen uit alle adressen in de wijk. {ja} mensen meldden zich aan, "
    "{nee} zeiden nee en de anderen reageerden niet.": (
        "First, {uitgenodigd} households received a letter of invitation. These households "
        "were chosen by lot from all addresses in the neighbourhood. {ja} people signed up, "
        "{nee} said no and the others did not reply."
    ),
    "Daarna is uit de {ja} mensen die ja zeiden door loting gekozen wie in de raad komt: "
    "{zetels} leden. {reserve} mensen staan op de reservelijst voor als een lid stopt.": (
        "Then a second lottery among the {ja} people who said yes chose who joins the "
        "council: {zetels} members. {reserve} people are on the reserve list in case a "
        "member stops."
    ),
    "De loting was klaar op {datum}.": "The draw was completed on {datum}.",
    "Stap": "Step",
    "Aantal": "Number",
    "Uitgenodigd": "Invited",
    "Zeiden ja": "Said yes",
    "Zeiden nee": "Said no",
    "Zitten nu in de raad": "On the council now",
    "Op de reservelijst": "On the reserve list",
    "Zelf nakijken": "Check it yourself",
    "Voor deze loting is er geen controlebestand. Dat bestand is er bij lotingen die in het "
    "openbaar gebeuren: met een vingerafdruk die vooraf bekend is en getallen die "
    "aanwezigen zelf noemen.": (
        "There is no verification file for this draw. Draws held in public have one: with a "
        "fingerprint published beforehand and numbers called out by the people present."
    ),
    "Vóór de loting is deze vingerafdruk openbaar gemaakt. Hij hoort bij precies deze "
    "aanmeldingen, quota en lijst van mogelijke raden:": (
        "Before the draw this fingerprint was made public. It belongs to exactly these "
        "registrations, quotas and list of possible councils:"
    ),
    "In de openbare bijeenkomst noemden aanwezigen: {invoer}. Daaruit volgde raad nummer "
    "{nummer} van de lijst.": (
        "At the public meeting, people present called out: {invoer}. That gave council "
        "number {nummer} of the list."
    ),
    "Controlebestand downloaden": "Download the verification file",
    "In het bestand staan geen namen, nummers of kenmerken van aanmelders: alleen groepen "
    "van minstens {aantal} aanmelders en aantallen. Iedereen kan er de loting mee narekenen "
    "met het programma van Wijkraad: python -m sortition verify {bestand}. Wie precies in de "
    "raad kwam, kijkt een onafhankelijke controleur (een notaris) na met het volledige "
    "bestand.": (
        "The file holds no names, numbers or characteristics of volunteers: only groups of at "
        "least {aantal} volunteers and counts. Anyone can recompute the draw with it using "
        "Wijkraad's program: python -m sortition verify {bestand}. Who exactly joined the "
        "council is checked by an independent auditor (a notary) with the full file."
    ),
    "Latere lotingen": "Later draws",
    "Op {datum} zijn {aantal} plaatsen opnieuw geloot (rotatie): de leden die het langst in "
    "de raad zaten, maakten plaats. Vooraf gepubliceerde vingerafdruk:": (
        "On {datum}, {aantal} seats were drawn anew (rotation): the members who had served "
        "longest made way. Fingerprint published beforehand:"
    ),
    "Op {datum} is door loting gekozen wie de plaats inneemt van {wie}: uit de aanmeldingen "
    "die over waren, zo dat de raad aan de quota blijft voldoen. Vooraf gepubliceerde "
    "vingerafdruk:": (
        "On {datum}, a draw chose who takes the place of {wie}: from the remaining "
        "volunteers, so that the council still meets the quotas. Fingerprint published "
        "beforehand:"
    ),
    "een lid dat stopte": "a member who stopped",
    "{aantal} leden die stopten": "{aantal} members who stopped",
}
