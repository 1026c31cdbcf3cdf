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
    "Niet verdeeld": "Not allocated",
    "{jaar} is voorbij, maar het jaar is nog niet afgesloten: {bedrag} is niet "
    "verdeeld. Bij het afsluiten gaat dit geld naar {volgend} of terug naar wie het "
    "gaf, zoals voor elk budget is afgesproken.": (
        "{jaar} is over, but the year has not been closed yet: {bedrag} was not allocated. "
        "When the year is closed, this money goes to {volgend} or back to whoever gave it, "
        "as agreed for each budget."
    ),
    "Het jaar is afgesloten: {mee} gaat mee naar {volgend}, {terug} ging terug naar wie het gaf.": (
        "The year is closed: {mee} moves on to {volgend}, {terug} went back to whoever gave it."
    ),
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
    "Hier leest u wat de wijkraad heeft besloten en waarom, welke voorstellen nog op een "
    "besluit wachten, hoe ver de projecten zijn en wanneer de raad weer vergadert. U ziet "
    "alleen besluiten die openbaar zijn gemaakt.": (
        "Here you can read what the council decided and why, which proposals are still "
        "waiting for a decision, how far the projects are and when the council meets again. "
        "You only see decisions that have been made public."
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
    # What is late or stalled, and what waits for a decision
    "Wacht op besluit": "Awaiting decision",
    "Alleen projecten die stilstaan of later zijn dan gepland": (
        "Only projects that have stalled or are later than planned"
    ),
    "Volgende stap": "Next step",
    "gepland op {datum}": "planned for {datum}",
    "later dan gepland": "later than planned",
    "{aantal} stappen zijn later dan gepland.": "{aantal} steps are later than planned.",
    "Staat stil: al {weken} weken geen nieuws (geen nieuwe stap, mijlpaal of betaling).": (
        "Stalled: no news for {weken} weeks (no new step, milestone or payment)."
    ),
    "Er wachten geen voorstellen op een besluit van de wijkraad.": (
        "No proposals are waiting for a decision of the council."
    ),
    "{aantal} voorstellen wachten op een besluit van de wijkraad.": (
        "{aantal} proposals are waiting for a decision of the council."
    ),
    "{aantal} daarvan staan stil: al meer dan {weken} weken is er niets mee gebeurd.": (
        "{aantal} of them have stalled: nothing has happened for more than {weken} weeks."
    ),
    "Deze voorstellen als CSV": "These proposals as CSV",
    "sinds {datum}": "since {datum}",
    "Er is nog geen vergadering gepland waarin de wijkraad kan besluiten.": (
        "No meeting is planned yet in which the council can decide."
    ),
    "De wijkraad kan erover besluiten in de vergadering van {datum}.": (
        "The council can decide on it in the meeting of {datum}."
    ),
    "Gepland op": "Planned for",
    "Weken zonder nieuws": "Weeks without news",
    "Staat stil": "Stalled",
    "Sinds": "Since",
    "Volgende vergadering": "Next meeting",
    "ja": "yes",
    "nee": "no",
    "Besloten, nog niet begonnen": "Decided, not started yet",
    "Besloten, al begonnen": "Decided, already started",
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
    "Verslagen van vergaderingen": "Reports of meetings",
    "Er zijn nog geen notulen van vergaderingen gepubliceerd.": (
        "No minutes of meetings have been published yet."
    ),
    "{aantal} leden van de wijkraad": "{aantal} council members",
    "Notulen": "Minutes",
    "Verbeterde versie ({versie}), gepubliceerd op {datum}.": (
        "Corrected version ({versie}), published on {datum}."
    ),
    "Wat is verbeterd: {reden}": "What was corrected: {reden}",
    "Gepubliceerd op {datum}.": "Published on {datum}.",
    "Besluiten in deze vergadering": "Decisions in this meeting",
    "In deze vergadering zijn geen openbare besluiten genomen.": (
        "No public decisions were taken in this meeting."
    ),
    "{voor} voor, {tegen} tegen, {onthouding} onthouding": (
        "{voor} for, {tegen} against, {onthouding} abstained"
    ),
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
    "{verschil} meer dan in de wijk": "{verschil} more than in the neighbourhood",
    "{verschil} minder dan in de wijk": "{verschil} less than in the neighbourhood",
    "gelijk": "the same",
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
    "Vóór de loting is deze code openbaar gemaakt, de ‘vingerafdruk’. Die code hoort "
    "bij de aanmeldingen, de regels voor de samenstelling van de raad en alle raden "
    "die uit de loting konden komen. Zo kon niemand daar achteraf nog iets aan "
    "veranderen:": (
        "Before the draw this code was made public, the ‘fingerprint’. It belongs to the "
        "registrations, the rules for the council's make-up and every council the draw could "
        "give. So nobody could change any of these afterwards:"
    ),
    "In de openbare bijeenkomst noemden aanwezigen: {invoer}. Met die getallen is uit "
    "alle mogelijke raden deze raad gekozen. Dezelfde getallen geven altijd dezelfde "
    "raad; zo kan iedereen het nagaan.": (
        "At the public meeting, people present called out: {invoer}. With those numbers this "
        "council was chosen from all possible councils. The same numbers always give the same "
        "council, so anyone can check it."
    ),
    "Voor deze loting is er geen controlebestand. Bij deze raad zijn adressen door "
    "loting gekozen en zijn de organisatoren daar langs geweest. Wie ja zei, kwam in "
    "de raad. Er was dus geen tweede, openbare loting met een vingerafdruk en getallen "
    "van aanwezigen, en daarom ook geen bestand om na te rekenen.": (
        "There is no verification file for this draw. For this council, addresses were drawn "
        "by lot and the organisers visited them. Whoever said yes joined the council. So there "
        "was no second, public draw with a fingerprint and numbers from the people present, "
        "and therefore no file to recompute."
    ),
    "Controlebestand downloaden": "Download the verification file",
    "In het bestand staan geen namen, nummers of kenmerken van aanmelders: alleen "
    "groepen van minstens {aantal} aanmelders en aantallen. Wie precies in de raad "
    "kwam, kijkt een onafhankelijke controleur (een notaris) na met het volledige "
    "bestand.": (
        "The file holds no names, numbers or characteristics of volunteers: only groups of at "
        "least {aantal} volunteers and counts. Who exactly joined the council is checked by an "
        "independent auditor (a notary) with the full file."
    ),
    "Zelf narekenen op uw eigen computer": "Recompute it on your own computer",
    "Met het programma van Wijkraad (Python) rekent u de loting na met dit commando:": (
        "With Wijkraad's program (Python) you recompute the draw with this command:"
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
    # Announced ceremonies and checking a draw (issue 17)
    "Openbare trekkingen": "Public draws",
    "Controleer een loting": "Check a draw",
    (
        "Wie in de wijkraad komt, wordt in het openbaar geloot. Iedereen mag erbij zijn. "
        "Vooraf maken we bekend wanneer en waar de trekking is, hoe de getallen uit de zaal "
        "worden gekozen, en de vingerafdruk van de lijst met mogelijke raden."
    ): (
        "Who sits on the neighbourhood council is drawn by lot in public. Everyone is welcome. "
        "Beforehand we announce when and where the draw takes place, how the numbers from the "
        "audience are chosen, and the fingerprint of the list of possible councils."
    ),
    "Komende trekkingen": "Upcoming draws",
    "Eerdere trekkingen": "Past draws",
    "Er is op dit moment geen trekking aangekondigd.": "No draw has been announced at the moment.",
    "Er zijn nog geen eerdere aangekondigde trekkingen.": "There are no past announced draws yet.",
    "Zelf een loting nakijken": "Check a draw yourself",
    "{datum} om {tijd}": "{datum} at {tijd}",
    "Loting van de wijkraad": "Draw of the neighbourhood council",
    "Vervangingsloting: nieuwe leden voor wie stopte": (
        "Replacement draw: new members for those who stopped"
    ),
    "Rotatie: een deel van de raad wordt opnieuw geloot": (
        "Rotation: part of the council is drawn again"
    ),
    "Loting van het wijkpanel": "Draw of the neighbourhood panel",
    "Wanneer": "When",
    "Waar": "Where",
    "Zo worden de getallen gekozen": "How the numbers are chosen",
    "Vingerafdruk van de lijst met mogelijke raden": "Fingerprint of the list of possible councils",
    (
        "Deze vingerafdruk bewijst dat de lijst met mogelijke raden vastlag voordat iemand de "
        "getallen uit de zaal kende."
    ): (
        "This fingerprint proves that the list of possible councils was fixed before anyone "
        "knew the numbers from the audience."
    ),
    "Bekendgemaakt op {moment}.": "Announced on {moment}.",
    "Deze aankondiging is {keer} keer gewijzigd; de eerste versie is bekendgemaakt op {eerste}.": (
        "This announcement was changed {keer} time(s); the first version was announced on {eerste}."
    ),
    "Eerdere versies van deze aankondiging": "Earlier versions of this announcement",
    "Versie {n}": "Version {n}",
    "bekendgemaakt op {moment}": "announced on {moment}",
    "Vingerafdruk": "Fingerprint",
    "Deze loting is gestopt; de trekking gaat niet door.": (
        "This draw was stopped; the draw will not take place."
    ),
    (
        "Deze aankondiging geldt niet meer: de lijst met mogelijke raden is daarna opnieuw "
        "gemaakt. Er komt een nieuwe aankondiging met een nieuwe vingerafdruk."
    ): (
        "This announcement no longer applies: the list of possible councils was made again "
        "afterwards. A new announcement with a new fingerprint will follow."
    ),
    (
        "Het aangekondigde moment is voorbij. De uitkomst staat hier zodra de getallen uit de "
        "zaal zijn ingevoerd."
    ): (
        "The announced moment has passed. The outcome will be shown here as soon as the "
        "numbers from the audience have been entered."
    ),
    "Uitkomst": "Outcome",
    "Aankondiging": "Announcement",
    "De getallen zijn ingevoerd op {moment}.": "The numbers were entered on {moment}.",
    "Dat was vóór het aangekondigde moment: wie toen kwam, kon er niet bij zijn.": (
        "That was before the announced moment: people who came then could not be there."
    ),
    "In de trekking noemden aanwezigen: {invoer}. Daaruit volgde nummer {nummer} van de lijst.": (
        "In the draw, people present called out: {invoer}. These gave number {nummer} on the list."
    ),
    (
        "De vingerafdruk van de uitkomst komt overeen met deze aankondiging: de lijst is na de "
        "bekendmaking niet veranderd."
    ): (
        "The fingerprint of the outcome matches this announcement: the list did not change "
        "after it was announced."
    ),
    (
        "De vingerafdruk van de uitkomst komt níet overeen met deze aankondiging: de loting is "
        "met een andere lijst gedaan dan aangekondigd."
    ): (
        "The fingerprint of the outcome does NOT match this announcement: the draw used a "
        "different list from the one announced."
    ),
    "Zodra de gelote leden hebben gezegd of ze meedoen, kunt u de loting hier nakijken.": (
        "As soon as the people drawn have said whether they take part, you can check the draw here."
    ),
    "Controleer deze loting": "Check this draw",
    "De wijkraad van {wijk}": "The council of {wijk}",
    (
        "Aangekondigd op {moment} met vingerafdruk {begin}…, die overeenkomt met de "
        "vingerafdruk hierboven."
    ): ("Announced on {moment} with fingerprint {begin}…, which matches the fingerprint above."),
    (
        "Aangekondigd op {moment} met vingerafdruk {begin}…, die níet overeenkomt met de "
        "vingerafdruk hierboven."
    ): (
        "Announced on {moment} with fingerprint {begin}…, which does NOT match the fingerprint "
        "above."
    ),
    "Naar de aankondiging": "To the announcement",
    "Controleer deze loting op deze website": "Check this draw on this website",
    (
        "De leden van een wijkraad worden in het openbaar geloot. Vooraf wordt een "
        "vingerafdruk bekendgemaakt van de lijst met mogelijke raden; in de bijeenkomst noemen "
        "aanwezigen getallen, en die kiezen de raad uit de lijst. Hier rekent u na dat alles "
        "klopt: dezelfde controles als het programma python -m sortition verify, met bij elke "
        "controle wat die betekent."
    ): (
        "The members of a neighbourhood council are drawn by lot in public. Beforehand a "
        "fingerprint of the list of possible councils is announced; at the meeting people "
        "present call out numbers, and these pick the council from the list. Here you check "
        "that everything is right: the same checks as the program python -m sortition verify, "
        "each with what it means."
    ),
    "Wat wilt u nakijken?": "What would you like to check?",
    "Een loting uit de lijst": "A draw from the list",
    "Een eigen bestand": "A file of your own",
    "Er zijn nog geen afgeronde openbare lotingen om na te kijken.": (
        "There are no completed public draws to check yet."
    ),
    "{raad} ({wijken}): {wat}, afgerond op {datum}": (
        "{raad} ({wijken}): {wat}, completed on {datum}"
    ),
    "Alles wordt nagerekend…": "Recomputing everything…",
    (
        "Voor deze loting is er geen openbaar controlebestand: ze is gedaan voordat die "
        "bestanden er waren."
    ): ("This draw has no public verification file: it was made before those files existed."),
    "1 van de {alle} controles klopt niet.": "1 of the {alle} checks fails.",
    "{fout} van de {alle} controles kloppen niet.": "{fout} of the {alle} checks fail.",
    "Dit is niet de loting zoals die vooraf is vastgelegd, of het bestand is veranderd.": (
        "This is not the draw as it was fixed beforehand, or the file was changed."
    ),
    "Alles klopt: elke controle hieronder is goed.": (
        "Everything is right: every check below holds."
    ),
    (
        "Dit is een vervangingsloting. Of die echt volgt uit de eerdere loting van de raad, is "
        "alleen na te kijken met het controlebestand van die eerdere loting erbij."
    ): (
        "This is a replacement draw. Whether it really follows from the council's earlier draw "
        "can only be checked together with that earlier draw's verification file."
    ),
    (
        "Volgens het bestand: {zetels} plaatsen, {aanmelders} aanmelders en een lijst van "
        "{lijst} mogelijke raden."
    ): (
        "According to the file: {zetels} seats, {aanmelders} volunteers and a list of {lijst} "
        "possible councils."
    ),
    "Getallen uit de zaal: {invoer}; daaruit volgde nummer {nummer}.": (
        "Numbers from the audience: {invoer}; these gave number {nummer}."
    ),
    "Vingerafdruk in het bestand": "Fingerprint in the file",
    "De controles": "The checks",
    "Wat er niet klopt (technisch):": "What is wrong (technical):",
    (
        "Kies het openbare controlebestand (JSON) van een loting, bijvoorbeeld het bestand dat "
        "u op de pagina van de wijkraad hebt gedownload."
    ): (
        "Choose the public verification file (JSON) of a draw, for example the file you "
        "downloaded from the council's page."
    ),
    "Controlebestand (JSON, hoogstens {mb} MB)": "Verification file (JSON, at most {mb} MB)",
    "Alleen bij een vervangingsloting: het controlebestand van de eerdere loting": (
        "Only for a replacement draw: the verification file of the earlier draw"
    ),
    (
        "Een vervangingsloting kiest nieuwe leden uit de aanmeldingen van een eerdere loting. "
        "Met beide bestanden kijkt u ook na dat ze bij elkaar horen."
    ): (
        "A replacement draw chooses new members from the volunteers of an earlier draw. With "
        "both files you also check that they belong together."
    ),
    # What each check means (sortition.checks.TEXTS; the command line prints the Dutch)
    "De vingerafdruk klopt: de lijst met mogelijke raden is niet veranderd na de bekendmaking.": (
        "The fingerprint is right: the list of possible councils did not change after it was "
        "announced."
    ),
    (
        "De vingerafdruk klopt niet: het bestand is veranderd nadat de vingerafdruk bekend "
        "werd gemaakt."
    ): ("The fingerprint is wrong: the file was changed after the fingerprint was announced."),
    "De aanmeldingen en de quota in het bestand zijn goed te lezen.": (
        "The volunteers and the quotas in the file can be read."
    ),
    (
        "De aanmeldingen of de quota in het bestand zijn niet te lezen. Daarom is de rest niet "
        "na te rekenen."
    ): (
        "The volunteers or the quotas in the file cannot be read, so the rest cannot be recomputed."
    ),
    "De kansen kloppen: opnieuw uitgerekend krijgt elke aanmelder dezelfde eerlijke kans.": (
        "The chances are right: recomputed, every volunteer gets the same fair chance."
    ),
    "De kansen kloppen niet: opnieuw uitgerekend komen er andere kansen uit.": (
        "The chances are wrong: recomputing them gives other chances."
    ),
    "Niet na te rekenen, omdat de aanmeldingen of de quota niet te lezen zijn.": (
        "Cannot be recomputed, because the volunteers or the quotas cannot be read."
    ),
    "Elke raad op de lijst voldoet aan de regels: het goede aantal leden en alle quota.": (
        "Every council on the list follows the rules: the right number of members and every quota."
    ),
    "Op de lijst staat een raad die niet aan de regels voldoet.": (
        "The list holds a council that does not follow the rules."
    ),
    (
        "Iedereen krijgt zijn eerlijke kans: elke groep staat zo vaak op de lijst als zijn "
        "kans zegt."
    ): ("Everyone gets their fair chance: each group is on the list as often as its chance says."),
    "De lijst past niet bij de kansen: een groep staat te vaak of te weinig op de lijst.": (
        "The list does not fit the chances: a group is on the list too often or too rarely."
    ),
    "Het toevalsgetal klopt: het volgt uit de vingerafdruk en de getallen uit de zaal.": (
        "The random number is right: it follows from the fingerprint and the numbers from the "
        "audience."
    ),
    "Het toevalsgetal klopt niet met de vingerafdruk en de getallen uit de zaal.": (
        "The random number does not fit the fingerprint and the numbers from the audience."
    ),
    "Nog niet na te kijken: de trekking is nog niet gedaan.": (
        "Cannot be checked yet: the draw has not taken place."
    ),
    "Het nummer klopt: uit het toevalsgetal volgt precies dit nummer op de lijst.": (
        "The number is right: the random number gives exactly this number on the list."
    ),
    "Het nummer klopt niet: uit het toevalsgetal volgt een ander nummer op de lijst.": (
        "The number is wrong: the random number gives another number on the list."
    ),
    "Met de getallen uit de zaal komt precies deze raad uit de lijst.": (
        "With the numbers from the audience, exactly this council comes out of the list."
    ),
    "De raad in het bestand is niet de raad die met de getallen uit de zaal uit de lijst komt.": (
        "The council in the file is not the council that the numbers from the audience pick "
        "from the list."
    ),
    "De reservelijst klopt: de volgorde volgt uit hetzelfde toevalsgetal.": (
        "The reserve list is right: its order follows from the same random number."
    ),
    "De reservelijst klopt niet: de volgorde volgt niet uit het toevalsgetal.": (
        "The reserve list is wrong: its order does not follow from the random number."
    ),
    "Wie uit de raad gaat, klopt: dat volgt uit hoe lang de leden zitten en het toevalsgetal.": (
        "Who leaves the council is right: it follows from how long the members have sat and "
        "the random number."
    ),
    "Wie uit de raad gaat, klopt niet met hoe lang de leden zitten en het toevalsgetal.": (
        "Who leaves the council does not fit how long the members have sat and the random number."
    ),
    "Deze loting hoort bij de eerdere loting van de raad en volgt daaruit.": (
        "This draw belongs to the council's earlier draw and follows from it."
    ),
    "Deze loting hoort niet bij de eerdere loting die is meegegeven.": (
        "This draw does not belong to the earlier draw that was given."
    ),
    (
        "Niet nagekeken: hiervoor is ook het controlebestand van de eerdere loting van de raad "
        "nodig."
    ): ("Not checked: this also needs the verification file of the council's earlier draw."),
    "Het bestand laat geen kleine groepen zien, dus niemand is erin te herkennen.": (
        "The file shows no small groups, so nobody can be recognised in it."
    ),
    "Het bestand laat een te kleine groep zien; iemand kan erin te herkennen zijn.": (
        "The file shows a group that is too small; someone could be recognised in it."
    ),
    # Ideas residents propose online (issue 16)
    "Ideeën uit de buurt": "Ideas from the neighbourhood",
    "Idee indienen": "Propose an idea",
    (
        "Heeft u een idee voor uw wijk? Een bankje, een buurtfeest, meer groen? De wijkraad "
        "beslist over het geld van de wijk. Stuur uw idee hier in; een organisator bekijkt "
        "het en zet het daarna op de lijst Ideeën uit de buurt."
    ): (
        "Do you have an idea for your neighbourhood? A bench, a street party, more green? "
        "The neighbourhood council decides on the neighbourhood's money. Send your idea "
        "here; an organiser looks at it and then puts it on the list Ideas from the "
        "neighbourhood."
    ),
    "Titel van uw idee": "Title of your idea",
    "Beschrijf uw idee": "Describe your idea",
    "Wat wilt u doen, waar, en wie in de wijk heeft er iets aan?": (
        "What do you want to do, where, and who in the neighbourhood benefits?"
    ),
    "Wat kost het ongeveer? (euro)": "Roughly what does it cost? (euro)",
    "Een ruwe schatting is goed. Kost het niets, vul dan 0 in.": (
        "A rough estimate will do. If it costs nothing, fill in 0."
    ),
    "Kies een thema": "Choose a theme",
    "Buurt (mag leeg)": "Part of the neighbourhood (optional)",
    "Kies een buurt": "Choose a part",
    "Plek op de kaart (mag leeg)": "Place on the map (optional)",
    "Tik of klik op een stip: die plek komt in het veld onder de kaart.": (
        "Tap or click a dot: that place goes into the field below the map."
    ),
    "Gekozen plek": "Chosen place",
    "Breedtegraad, lengtegraad. Maak het veld leeg voor geen plek.": (
        "Latitude, longitude. Empty the field for no place."
    ),
    "Kies deze plek": "Choose this place",
    "gekozen plek": "chosen place",
    "Foto (JPEG of PNG, hoogstens {mb} MB; mag leeg)": (
        "Photo (JPEG or PNG, at most {mb} MB; optional)"
    ),
    "Hoe kunnen we u bereiken?": "How can we reach you?",
    "Uw naam": "Your name",
    "Telefoonnummer": "Phone number",
    "E-mailadres": "E-mail address",
    "Wat doen we met uw gegevens?": "What do we do with your details?",
    (
        "Alleen de organisatoren van uw wijk zien uw naam, telefoonnummer en e-mailadres, om "
        "u te bereiken over dit idee. Ze komen nooit op de website, in een download of in "
        "het logboek."
    ): (
        "Only the organisers of your neighbourhood see your name, phone number and e-mail "
        "address, to reach you about this idea. They never appear on the website, in a "
        "download or in the log."
    ),
    (
        "We bewaren ze tot {dagen} dagen nadat over uw idee is beslist; daarna worden ze "
        "gewist. Eerder wissen? Vraag het de gemeente en noem uw kenmerk."
    ): (
        "We keep them until {dagen} days after your idea was decided on; then they are "
        "erased. Erased sooner? Ask the municipality and quote your reference."
    ),
    (
        "Uw idee zelf (titel, omschrijving, kosten, buurt en foto) komt op de website zodra "
        "een organisator het heeft bekeken. Zet er dus geen namen of adressen in, en geen "
        "herkenbare mensen op de foto."
    ): (
        "Your idea itself (title, description, cost, part of the neighbourhood and photo) "
        "goes on the website once an organiser has looked at it. So put no names or "
        "addresses in it, and no recognisable people in the photo."
    ),
    "Idee versturen": "Send idea",
    "Dank u wel! Uw idee is verstuurd.": "Thank you! Your idea has been sent.",
    (
        "Uw kenmerk is **{kenmerk}**. Bewaar het: daarmee vindt u uw idee terug en noemt u "
        "het als u contact opneemt."
    ): (
        "Your reference is **{kenmerk}**. Keep it: it finds your idea again, and quote it "
        "when you get in touch."
    ),
    "Wat gebeurt er nu?": "What happens now?",
    "Een organisator van uw wijk leest uw idee en belt of mailt u als er vragen zijn.": (
        "An organiser of your neighbourhood reads your idea and calls or e-mails you with "
        "any questions."
    ),
    (
        "Daarna staat het op de lijst Ideeën uit de buurt, zonder uw naam. Wil een ander "
        "hetzelfde, dan voegen we de ideeën samen. Gaat het niet door, dan leest u daar "
        "waarom."
    ): (
        "Then it is on the list Ideas from the neighbourhood, without your name. If someone "
        "else wants the same, we merge the ideas. If it does not go ahead, you read why there."
    ),
    (
        "Een goed idee wordt een voorstel voor de wijkraad. De raad beslist erover in een "
        "openbare vergadering; op de lijst ziet u hoe ver het is."
    ): (
        "A good idea becomes a proposal to the neighbourhood council. The council decides on "
        "it in a public meeting; the list shows how far it has got."
    ),
    "Naar de ideeën uit de buurt": "To the ideas from the neighbourhood",
    "Nog een idee indienen": "Propose another idea",
    "Er zijn nog {aantal} dingen te verbeteren:": "{aantal} things still need putting right:",
    (
        "Wat bewoners voor hun wijk bedachten, en hoe ver het is: van gepubliceerd tot het "
        "besluit van de wijkraad. Zonder namen: wie een idee instuurt, blijft hier onbekend."
    ): (
        "What residents thought up for their neighbourhood, and how far it has got: from "
        "published to the council's decision. Without names: who sends in an idea stays "
        "unknown here."
    ),
    "Zelf een idee indienen": "Propose an idea yourself",
    "Uit deze wijk zijn nog geen ideeën gepubliceerd.": (
        "No ideas from this neighbourhood have been published yet."
    ),
    (
        "Gepubliceerd: een organisator heeft het idee bekeken. Voorstel: het idee ligt bij "
        "de wijkraad; erachter staat hoe ver de raad is. Samengevoegd: het gaat verder "
        "samen met een idee dat hetzelfde wil. Afgewezen: het gaat niet door, met de reden."
    ): (
        "Published: an organiser has looked at the idea. Proposal: the idea is with the "
        "neighbourhood council; next to it, how far the council has got. Merged: it goes on "
        "together with an idea that wants the same. Rejected: it does not go ahead, with the "
        "reason."
    ),
    "Gepubliceerd": "Published",
    "Voorstel voor de wijkraad": "Proposal to the neighbourhood council",
    "Samengevoegd": "Merged",
    "{aantal} van de {totaal} ideeën": "{aantal} of the {totaal} ideas",
    "Titel niet getoond": "Title not shown",
    "Buurt": "Part of the neighbourhood",
    "Kosten volgens de indiener": "Cost according to the proposer",
    "Foto van de indiener": "Photo by the proposer",
    "Samengevoegd met": "Merged with",
    "Reden": "Reason",
    # Signing up for a draw with the letter's code (issue 16)
    "Aanmelden voor de wijkraad": "Sign up for the neighbourhood council",
    "Heeft u een brief gekregen omdat uw adres is geloot voor de wijkraad? Meld u hier aan "
    "met de code uit de brief. Daarna kunt u met dezelfde code uw aanmelding bekijken, "
    "wijzigen of intrekken, tot de loting wordt voorbereid.": (
        "Did you get a letter because your address was drawn for the neighbourhood council? "
        "Sign up here with the code from the letter. With the same code you can then see, "
        "change or withdraw your registration, until the draw is prepared."
    ),
    "Code uit uw brief": "Code from your letter",
    "8 letters en cijfers. Hoofdletters, kleine letters, spaties of een streepje maken niet "
    "uit.": "8 letters and digits. Capitals, small letters, spaces or a dash do not matter.",
    "Verder": "Continue",
    "Een andere code invullen": "Enter another code",
    "Code **{code}** · {raad}": "Code **{code}** · {raad}",
    "U bent aangemeld": "You have signed up",
    "Aangemeld: {wie}": "Signed up: {wie}",
    "Zo kan de organisatie u bereiken: {hoe}": "How the organisers can reach you: {hoe}",
    "telefoon {nummer}": "phone {nummer}",
    "e-mail {adres}": "e-mail {adres}",
    "Online aangemeld op {moment}; bevestigingsnummer {nummer}.": (
        "Signed up online on {moment}; confirmation number {nummer}."
    ),
    "Uw aanmelding is op {moment} door de organisatie vastgelegd.": (
        "Your registration was recorded by the organisers on {moment}."
    ),
    "Klopt er iets niet? Wijzig uw aanmelding. Wilt u toch niet meedoen? Dat kan tot de "
    "loting wordt voorbereid.": (
        "Is something wrong? Change your registration. Would you rather not take part after "
        "all? You can withdraw until the draw is prepared."
    ),
    "Aanmelding wijzigen": "Change registration",
    "Ik doe toch niet mee": "I will not take part after all",
    "U doet niet meer mee. Uw telefoonnummer en e-mailadres zijn gewist.": (
        "You no longer take part. Your phone number and e-mail address have been erased."
    ),
    "U heeft laten weten dat u niet meedoet. Wilt u toch meedoen? Meld u dan hieronder aan.": (
        "You let us know that you will not take part. Would you like to take part after all? "
        "Then sign up below."
    ),
    "In uw huishouden is niemand die zich voor deze loting kan aanmelden (vanaf {leeftijd} "
    "jaar). Heeft u vragen? Bel of mail de organisatie: het telefoonnummer en e-mailadres "
    "staan in uw brief.": (
        "No one in your household can sign up for this draw (from age {leeftijd}). Any "
        "questions? Call or e-mail the organisers: the phone number and e-mail address are in "
        "your letter."
    ),
    "Aanmelden": "Sign up",
    "Wie meldt zich aan?": "Who is signing up?",
    "Iedereen in uw huishouden van {leeftijd} jaar of ouder mag meedoen. Per brief kan één "
    "persoon zich aanmelden. U ziet alleen de eerste letter van de voornaam en het "
    "geboortejaar.": (
        "Everyone in your household aged {leeftijd} or older may take part. One person per "
        "letter can sign up. You see only the first letter of the first name and the year "
        "of birth."
    ),
    "**Een paar vragen**": "**A few questions**",
    "Zo kunnen wij zorgen dat de raad lijkt op de wijk. Wilt u een vraag liever niet "
    "beantwoorden? Dat mag.": (
        "This helps us make the council look like the neighbourhood. Would you rather not "
        "answer a question? That is fine."
    ),
    "Zeg ik liever niet": "I would rather not say",
    "Wat is uw hoogst afgeronde opleiding?": "What is the highest education you completed?",
    "Hoe woont u?": "What is your home?",
    "In welke buurt woont u?": "Which part of the neighbourhood do you live in?",
    "Waar komt u, of komen uw ouders, vandaan?": "Where do you, or your parents, come from?",
    "Herkomst": "Origin",
    "Nederland": "The Netherlands",
    "Een ander land in Europa": "Another country in Europe",
    "Een land buiten Europa": "A country outside Europe",
    "**Hoe kan de organisatie u bereiken?**": "**How can the organisers reach you?**",
    "Vul minstens één van de twee in.": "Fill in at least one of the two.",
    "Ik heb gelezen wat er met mijn gegevens gebeurt.": "I have read what happens with my data.",
    "Wijziging opslaan": "Save the change",
    "**Wat doen wij met uw gegevens?**": "**What do we do with your data?**",
    "- **Wat wij bewaren:** wie van uw huishouden zich aanmeldt, uw antwoorden en uw "
    "telefoonnummer of e-mailadres. Uw naam, adres en geboortedatum kent de gemeente al uit "
    "het bevolkingsregister.\n"
    "- **Waarvoor:** om de leden van de wijkraad te loten, zo dat de raad lijkt op de wijk, "
    "en om u te laten weten of u bent geloot.\n"
    "- **Wie het ziet:** alleen de organisatoren van de loting bij de gemeente. Uw "
    "telefoonnummer en e-mailadres komen nooit op de website of in openbare bestanden. Bij "
    "de openbare loting ziet niemand uw naam, alleen een nummer en groepen zoals leeftijd en "
    "buurt.\n"
    "- **Hoe lang:** tot {dagen} dagen na de loting. Komt u in de raad, dan tot {dagen} "
    "dagen nadat u bent gestopt.\n"
    "- **Stoppen:** tot de loting wordt voorbereid, wijzigt u uw aanmelding hier of trekt u "
    "haar in (Ik doe toch niet mee). Daarna via de organisatie: het telefoonnummer en "
    "e-mailadres staan in uw brief. U mag de organisatie ook altijd vragen uw gegevens te "
    "laten zien of te wissen.\n"
    "- Zo staat het in de Algemene verordening gegevensbescherming (AVG). De gemeente is "
    "verantwoordelijk voor uw gegevens.": (
        "- **What we keep:** who in your household signs up, your answers and your phone "
        "number or e-mail address. The municipality already knows your name, address and "
        "date of birth from the population register.\n"
        "- **What for:** to draw the members of the neighbourhood council so that the council "
        "looks like the neighbourhood, and to let you know whether you were drawn.\n"
        "- **Who sees it:** only the organisers of the draw at the municipality. Your phone "
        "number and e-mail address never appear on the website or in public files. At the "
        "public draw no one sees your name, only a number and groups such as age and part of "
        "the neighbourhood.\n"
        "- **How long:** until {dagen} days after the draw. If you join the council, until "
        "{dagen} days after you stop.\n"
        "- **Stopping:** until the draw is prepared, you change or withdraw your registration "
        "here (I will not take part after all). After that through the organisers: the phone "
        "number and e-mail address are in your letter. You may always ask the organisers to "
        "show you your data or to erase it.\n"
        "- This is how the General Data Protection Regulation (GDPR, in Dutch AVG) has it. The "
        "municipality is responsible for your data."
    ),
    "Dank u wel! U bent aangemeld.": "Thank you! You have signed up.",
    "Uw aanmelding is gewijzigd.": "Your registration has been changed.",
    "Dit had u al zo doorgegeven; er is niets veranderd.": (
        "You had already sent this; nothing has changed."
    ),
    "**Uw bevestiging**": "**Your confirmation**",
    "Bevestigingsnummer: **{nummer}**": "Confirmation number: **{nummer}**",
    "Bewaar dit nummer. Noem het als u de organisatie belt of mailt.": (
        "Keep this number. Mention it when you call or e-mail the organisers."
    ),
    "**Wat gebeurt er nu?**": "**What happens next?**",
    "1. Na de aanmeldtermijn bereidt de organisatie de loting voor. Tot dan kunt u hier met "
    "de code uit uw brief uw aanmelding bekijken, wijzigen of intrekken.\n"
    "2. In een openbare bijeenkomst wordt geloot wie in de wijkraad komt, zo dat de raad "
    "lijkt op de wijk: jong en oud, huurders en kopers, uit alle buurten.\n"
    "3. Daarna laat de organisatie u weten of u bent geloot, ook als dat niet zo is.": (
        "1. After the registration period the organisers prepare the draw. Until then you can "
        "see, change or withdraw your registration here with the code from your letter.\n"
        "2. At a public meeting the members of the council are drawn by lot, so that the "
        "council looks like the neighbourhood: young and old, tenants and owners, from every "
        "part of the neighbourhood.\n"
        "3. After that the organisers let you know whether you were drawn, also if you were "
        "not."
    ),
    "Bevestiging opslaan of printen": "Save or print the confirmation",
    "Bevestiging van uw aanmelding: {raad}": "Confirmation of your registration: {raad}",
    "Bevestigingsnummer: {nummer}": "Confirmation number: {nummer}",
    "Code uit de brief: {code}": "Code from the letter: {code}",
    "Datum: {moment}": "Date: {moment}",
    # The sign-up service's messages (dashboard/services/signup.py)
    "Met deze code kunt u zich hier niet aanmelden. Kijk of u de code goed heeft overgenomen "
    "uit de brief: 8 letters en cijfers, zoals K7QM-2XHD. Aanmelden, en uw aanmelding bekijken "
    "of wijzigen, kan alleen zolang de aanmeldingen open zijn. Heeft u zich al aangemeld en is "
    "de loting al voorbereid? Dan regelt de organisatie het verder. Wilt u toch niet meedoen, "
    "of klopt er iets niet? Bel of mail de organisatie: het telefoonnummer en het e-mailadres "
    "staan in uw brief.": (
        "You cannot sign up here with this code. Check that you copied the code from the "
        "letter correctly: 8 letters and digits, such as K7QM-2XHD. Signing up, and seeing or "
        "changing your registration, is possible only while registration is open. Did you "
        "already sign up and has the draw been prepared? Then the organisers handle it from "
        "here. Would you rather not take part after all, or is something wrong? Call or "
        "e-mail the organisers: the phone number and e-mail address are in your letter."
    ),
    "Kies wie van uw huishouden zich aanmeldt.": "Choose who in your household signs up.",
    "Vul een telefoonnummer of een e-mailadres in (of allebei), zodat de organisatie u kan "
    "bereiken.": (
        "Fill in a phone number or an e-mail address (or both), so that the organisers can "
        "reach you."
    ),
    "Lees eerst wat wij met uw gegevens doen en zet daarna het vinkje. Zonder dat vinkje "
    "kunnen wij uw aanmelding niet aannemen.": (
        "First read what we do with your data, then tick the box. Without it we cannot accept "
        "your registration."
    ),
    "U bent niet aangemeld; er is niets om in te trekken.": (
        "You have not signed up; there is nothing to withdraw."
    ),
}
