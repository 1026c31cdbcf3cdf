"""English for the organisers' draw workspace (dashboard/components/draw): Dutch
sentence -> English sentence. Merged into the language table by dashboard.i18n."""

from __future__ import annotations

EN: dict[str, str] = {
    "Standaard de dag waarop de huidige termijn van de raad eindigt.": (
        "By default the day the council's current term ends."
    ),
    "Huisbezoeken": "Home visits",
    (
        "{n} inwoners doen niet mee: zij zitten in deze raad of zaten er minder dan "
        "{maanden} maanden geleden in."
    ): (
        "{n} residents are left out: they sit on this council or left it less than "
        "{maanden} months ago."
    ),
    "In het uittreksel woont niemand van {leeftijd} jaar of ouder.": (
        "Nobody aged {leeftijd} or older lives in the extract."
    ),
    "Uitnodigingen": "Invitations",
    "Antwoorden": "Answers",
    "Ja, doet mee": "Yes, takes part",
    "Zetels": "Seats",
    "**Aanmeldingen inlezen (CSV)**": "**Import registrations (CSV)**",
    (
        "Kolommen: code, antwoord (ja of nee), en als u ze heeft: leeftijd, geslacht, "
        "opleiding, woonsituatie, buurt, herkomst. Eén foute regel: er wordt niets "
        "opgeslagen."
    ): (
        "Columns: code, antwoord (ja or nee), and if you have them: leeftijd, geslacht, "
        "opleiding, woonsituatie, buurt, herkomst. One wrong line: nothing is stored."
    ),
    "Bestand met aanmeldingen (CSV)": "File with registrations (CSV)",
    "Namen en adressen: alleen voor de organisatoren van deze wijk.": (
        "Names and addresses: for this neighbourhood's organisers only."
    ),
    "**Vervanger loten**": "**Draw a replacement**",
    "Wie wordt vervangen?": "Who is replaced?",
    "**Per groep, vergeleken met de wijk**": ("**Per group, compared with the neighbourhood**"),
    "Stap 4. Huisbezoeken": "Step 4. Home visits",
    "Stap 4. Aanmeldingen": "Step 4. Registrations",
    "Loot eerst de uitnodigingen (stap 3).": "Draw the invitations first (step 3).",
    "**Aanmelding vastleggen**": "**Record a registration**",
    "Code uit de brief": "Code from the letter",
    "Doet mee?": "Takes part?",
    "Aanmelding vastleggen": "Record registration",
    "De aanmelding is vastgelegd.": "The registration has been recorded.",
    "Aanmeldingen inlezen": "Import registrations",
    "De aanmeldingen zijn ingelezen.": "The registrations have been imported.",
    "Nr": "No.",
    "Naam": "Name",
    "Adres": "Address",
    "Bezoeken": "Visits",
    "Laatste uitkomst": "Latest outcome",
    "Vervangen door": "Replaced by",
    "Vervangt": "Replaces",
    "**Huisbezoek vastleggen**": "**Record a home visit**",
    "Uitkomst": "Outcome",
    "Bij ja: vul in wat de bewoner zegt; leeg laten neemt het register over.": (
        "On yes: fill in what the resident says; left empty, the register is used."
    ),
    "Bezoek vastleggen": "Record visit",
    "Nog niemand om te vervangen: dat kan na een nee of niet thuis.": (
        "Nobody to replace yet: that is possible after a no or not at home."
    ),
    "Vervanger loten": "Draw replacement",
    "Er is een vervanger geloot uit dezelfde groep.": (
        "A replacement has been drawn from the same group."
    ),
    "Inwoners": "Residents",
    "Aandeel in de wijk": "Share of the neighbourhood",
    "Ja": "Yes",
    "Respons": "Response",
    "Aandeel van de aanmeldingen": "Share of the registrations",
    "Nee": "No",
    "Niet thuis": "Not at home",
    "Weigering": "Refusal",
    "Kies het adres": "Choose the address",
    "Kies eerst het adres.": "Choose the address first.",
    "Deze aanmelding was al vastgelegd.": "This registration had already been recorded.",
    "{nieuw} nieuw; {bekend} waren al vastgelegd en zijn overgeslagen.": (
        "{nieuw} new; {bekend} had already been recorded and were skipped."
    ),
    "Het bezoek is vastgelegd.": "The visit has been recorded.",
    "— niet gevraagd —": "— not asked —",
    "nog niet bezocht": "not visited yet",
    "Projectorweergave (groot, zonder zijbalk)": "Projector view (large, no sidebar)",
    "Openbare trekking: {raad}": "Public draw: {raad}",
    "**1. De vingerafdruk die vooraf is gepubliceerd**": (
        "**1. The fingerprint published beforehand**"
    ),
    (
        "Een lijst van **{m}** mogelijke raden van **{k}** leden, gemaakt uit **{n}** "
        "aanmeldingen. Elke raad op de lijst voldoet aan alle quota."
    ): (
        "A list of **{m}** possible councils of **{k}** members, made from **{n}** "
        "registrations. Every council on the list meets all quotas."
    ),
    "**2. De uitkomsten van de trekking, in deze volgorde**": (
        "**2. The outcomes of the draw, in this order**"
    ),
    "**3. Het nummer dat daaruit volgt**": "**3. The number that follows from them**",
    (
        "De raden op de lijst zijn genummerd van 0 tot en met {laatste}. Rekenregel: "
        "SHA-256 van de vingerafdruk en de uitkomsten geeft het getal {seed} "
        "(hexadecimaal); de rest na delen door {m} is {n}."
    ): (
        "The councils on the list are numbered 0 to {laatste}. Rule: SHA-256 of the "
        "fingerprint and the outcomes gives the number {seed} (hexadecimal); the "
        "remainder after dividing by {m} is {n}."
    ),
    "**4. De nieuwe raad** (nummers uit het controlebestand, geen namen)": (
        "**4. The new council** (numbers from the verification file, no names)"
    ),
    "Controlebestand (JSON)": "Verification file (JSON)",
    "De nieuwe raad (CSV: nummers met kenmerken, niet publiceren)": (
        "The new council (CSV: numbers with features, not for publication)"
    ),
    "**4. De vervangers**, als groepen zoals in het openbare controlebestand": (
        "**4. The replacements**, as groups as in the public verification file"
    ),
    "**4. De nieuwe raad**, als groepen zoals in het openbare controlebestand": (
        "**4. The new council**, as groups as in the public verification file"
    ),
    "Wie er geloot is, staat in het controlebestand van de organisatoren.": (
        "Who was drawn is in the organisers' verification file."
    ),
    "In de raad": "On the council",
    "Iedereen": "Everyone",
    "Controleer de trekking opnieuw": "Check the draw again",
    "Iedereen kan dit nagaan met het controlebestand en `python -m sortition verify`.": (
        "Anyone can check this with the verification file and `python -m sortition verify`."
    ),
    "**2. De uitkomsten van de trekking**": "**2. The outcomes of the draw**",
    (
        "Vraag aanwezigen om toeval: dobbelstenen, een getal dat een getuige zelf "
        "bedenkt, de uitslag van een openbare loterij. Typ elke uitkomst op een eigen "
        "regel, in de volgorde waarin ze zijn genoemd, precies zoals ze zijn "
        "opgeschreven."
    ): (
        "Ask those present for chance: dice, a number a witness makes up, the result of "
        "a public lottery. Type each outcome on its own line, in the order they were "
        "called out, exactly as written down."
    ),
    "Stap 7. Openbare trekking": "Step 7. Public draw",
    "Bereid eerst de selectie voor en publiceer de vingerafdruk (stap 6).": (
        "Prepare the selection and publish the fingerprint first (step 6)."
    ),
    "Raad nummer {n}": "Council number {n}",
    "Uitkomsten, één per regel": "Outcomes, one per line",
    "De uitkomsten zijn hardop voorgelezen en kloppen.": (
        "The outcomes were read aloud and are correct."
    ),
    "Trekking doen": "Draw",
    "Lees de uitkomsten eerst hardop voor en vink dat aan.": (
        "Read the outcomes aloud first and tick the box."
    ),
    "Nummer": "Number",
    "Alles wordt opnieuw uitgerekend uit het controlebestand…": (
        "Everything is recomputed from the verification file…"
    ),
    (
        "Klopt: de vingerafdruk, de uitkomsten, het nummer en de raad volgen precies "
        "uit het controlebestand."
    ): (
        "Correct: the fingerprint, the outcomes, the number and the council follow "
        "exactly from the verification file."
    ),
    "De trekking is gedaan.": "The draw has been made.",
    "Het controlebestand klopt niet:": "The verification file does not match:",
    "Wijkraad (leximin)": "Wijkraad (leximin)",
    "Oude methode (greedy)": "Old method (greedy)",
    "Aanmeldingen, van kleinste naar grootste kans": (
        "Registrations, from smallest to largest chance"
    ),
    "Kans om in de raad te komen (%)": "Chance of joining the council (%)",
    "Wijk": "Neighbourhood",
    "Aanmeldingen": "Registrations",
    "Raad, verwacht": "Council, expected",
    "Getrokken raad": "Drawn council",
    "Aandeel (%)": "Share (%)",
    "huisbezoeken": "home visits",
    "brieven": "letters",
    "Stap 3. Uitnodigen: de loting van de {wat}": ("Step 3. Inviting: the lottery of the {wat}"),
    (
        "Wijkraad loot huishoudens per groep (wijk en leeftijd), één uitnodiging per "
        "huishouden. Groepen die minder vaak reageren, krijgen meer uitnodigingen. Pas "
        "de verwachte respons per groep aan als u betere cijfers heeft, bijvoorbeeld "
        "van een vorige loting."
    ): (
        "Wijkraad draws households per group (neighbourhood and age), one invitation "
        "per household. Groups that answer less often get more invitations. Adjust the "
        "expected response per group if you have better figures, for example from an "
        "earlier draw."
    ),
    "Aantal {wat}": "Number of {wat}",
    "genoeg voor {k} zetels": "enough for {k} seats",
    "waarschijnlijk te weinig voor een goede keuze uit {k} zetels": (
        "probably too few for a good choice of {k} seats"
    ),
    "Verwacht: ongeveer **{n} aanmeldingen**, {oordeel}.": (
        "Expected: about **{n} registrations**, {oordeel}."
    ),
    "Geloot op {datum}: {n} uitnodigingen.": "Drawn on {datum}: {n} invitations.",
    "**Brieven maken**": "**Make the letters**",
    (
        "Het bestand voor de drukker (samenvoegen in Word) en de brieven bevatten namen "
        "en adressen. Bewaar ze alleen zolang nodig en deel ze niet verder."
    ): (
        "The file for the print shop (mail merge in Word) and the letters hold names "
        "and addresses. Keep them only as long as needed and do not share them further."
    ),
    "Bestand voor de drukker (CSV)": "File for the print shop (CSV)",
    "Lees eerst het uittreksel uit het bevolkingsregister in (stap 2).": (
        "Import the population register extract first (step 2)."
    ),
    "Er zijn {n} huishoudens met iemand van {leeftijd} jaar of ouder.": (
        "There are {n} households with someone aged {leeftijd} or older."
    ),
    "Loting uitvoeren": "Run the lottery",
    "De {wat} zijn geloot.": "The {wat} have been drawn.",
    "De adressen voor de huisbezoeken en de uitkomsten staan bij stap 4.": (
        "The addresses for the home visits and their outcomes are in step 4."
    ),
    "Aanmelden vóór": "Register before",
    "Telefoonnummer voor vragen en aanmelden": ("Phone number for questions and registering"),
    "E-mailadres voor aanmelden": "Email address for registering",
    "Afzender (ondertekening)": "Sender (signature)",
    "Brieven maken": "Make letters",
    "Brieven om te printen (HTML, één brief per pagina)": (
        "Letters to print (HTML, one letter per page)"
    ),
    "Waarvan vervangers": "Of which replacements",
    "Verwachte respons (%)": "Expected response (%)",
    "Welk deel van de uitgenodigden ja zegt, naar verwachting.": (
        "The share of those invited expected to say yes."
    ),
    "Stap 8. Leden en vervanging": "Step 8. Members and replacement",
    "Bevestigd": "Confirmed",
    "Namen: alleen voor de organisatoren van deze wijk.": (
        "Names: for this neighbourhood's organisers only."
    ),
    "**De raad: zetels, termijnen en rotatie**": ("**The council: seats, terms and rotation**"),
    "Doe eerst de openbare trekking (stap 7).": "Hold the public draw first (step 7).",
    "Reservelijst (in volgorde van de trekking)": ("Reserve list (in the order of the draw)"),
    "Loting afronden": "Complete the draw",
    "**Bevestigen**": "**Confirm**",
    "Wie zegt ja?": "Who says yes?",
    "Bevestigen": "Confirm",
    "**Afzeggen of stoppen**": "**Decline or leave**",
    "Wie zegt af?": "Who declines?",
    "Reden (kort, geen gezondheid of andere gevoelige zaken)": (
        "Reason (short, no health or other sensitive matters)"
    ),
    "Afzeggen": "Decline",
    "**Vervanger van de reservelijst**": "**Replacement from the reserve list**",
    "Plaats van": "Seat of",
    (
        "Wie in de raad zat, mag {maanden} maanden na het einde van de zetel weer worden geloot."
    ): "Former members may be drawn again {maanden} months after their seat ended.",
    "De loting is afgerond. De raad staat in het overzicht.": (
        "The draw is complete. The council is in the overview."
    ),
    "Buurt": "Part of the neighbourhood",
    "Reserve nr": "Reserve no.",
    "Vervangen door nr": "Replaced by no.",
    "Kies een lid": "Choose a member",
    "Niemand te vervangen.": "Nobody to replace.",
    "Vervanger nemen": "Take replacement",
    "Gevraagd als vervanger: {wie}, reserve {nr}.": "Asked to replace: {wie}, reserve {nr}.",
    "Overgeslagen omdat zij niet binnen de quota passen: reserve {nrs}.": (
        "Passed over because they do not fit the quotas: reserve {nrs}."
    ),
    "Benoemde zetel (rol, geen naam nodig)": "Appointed seat (role, no name needed)",
    "Kies eerst een lid.": "Choose a member first.",
    "Termijn": "Term",
    "Zetel": "Seat",
    "Wie": "Who",
    "Vanaf": "From",
    "Tot": "Until",
    "Reden einde": "Reason for ending",
    "Mag weer worden geloot vanaf": "May be drawn again from",
    "Benoemde zetel toevoegen": "Add appointed seat",
    "De benoemde zetel is toegevoegd.": "The appointed seat has been added.",
    "Bevestigd: {wie}.": "Confirmed: {wie}.",
    "Afzegging vastgelegd. Kies nu een vervanger.": ("Decline recorded. Now choose a replacement."),
    "Afzegging vastgelegd.": "Decline recorded.",
    "geloot": "drawn",
    "benoemd": "appointed",
    "Stap 5. Quota": "Step 5. Quotas",
    (
        "Quota zorgen dat de raad lijkt op de wijk: per groep hoeveel leden minstens en "
        "hoogstens. Het voorstel volgt de inwoners van {leeftijd} jaar en ouder in het "
        "uittreksel. Bij elke wijziging kijkt Wijkraad of er uit de aanmeldingen van nu "
        "een raad van {k} te loten is die aan alle quota voldoet."
    ): (
        "Quotas make the council look like the neighbourhood: per group the least and "
        "the most members. The proposal follows the residents aged {leeftijd} and over "
        "in the extract. At every change Wijkraad checks whether a council of {k} "
        "meeting all quotas can be drawn from the current registrations."
    ),
    "Kenmerken": "Features",
    "Quota voorstellen uit de wijk": "Propose quotas from the neighbourhood",
    "Voorstel overnemen": "Adopt the suggestion",
    "Quota opslaan": "Save quotas",
    "De quota zijn opgeslagen.": "The quotas have been saved.",
    "Opgeslagen quota: {n} rijen.": "Saved quotas: {n} rows.",
    "Waarde": "Value",
    "Minimum": "Minimum",
    "Maximum": "Maximum",
    "De tabel hierboven wijkt daarvan af.": "The table above differs from them.",
    "Stap 2. Het uittreksel uit het bevolkingsregister": (
        "Step 2. The population register extract"
    ),
    (
        "Vraag de gemeente om een uittreksel (CSV of XLSX) met per inwoner: "
        "persoonsnummer en huishoudnummer (pseudoniem, nooit een BSN), geboortedatum, "
        "geslacht, wijkcode, buurtcode, straat, huisnummer, postcode en woonplaats; als "
        "het kan ook voornaam, achternaam, opleiding, woonsituatie en herkomst. Er "
        "wordt niets opgeslagen voordat u het controleverslag heeft gezien en op "
        "Opslaan drukt."
    ): (
        "Ask the municipality for an extract (CSV or XLSX) with per resident: person "
        "number and household number (pseudonymous, never a BSN), date of birth, "
        "gender, neighbourhood code, part code, street, house number, postcode and "
        "town; if possible also first name, last name, education, tenure and origin. "
        "Nothing is stored before you have seen the check report and pressed Save."
    ),
    "Uittreksel (CSV of XLSX, hoogstens {mb} MB)": "Extract (CSV or XLSX, at most {mb} MB)",
    "**Voorbeeld: de eerste rijen van {rijen}**": ("**Preview: the first rows of {rijen}**"),
    "**Welke kolom is wat?**": "**Which column is what?**",
    "Controleren": "Check",
    "**Controleverslag**": "**Check report**",
    "Rijen in het bestand": "Rows in the file",
    "Buiten deze loting": "Outside this draw",
    "Met een probleem": "With a problem",
    "Kunnen worden opgeslagen": "Can be stored",
    "Opslaan": "Save",
    (
        "Ingelezen op {datum}: {bestand}, {rijen} inwoners voor deze loting ({nieuw} "
        "nieuw, {gewijzigd} gewijzigd, {fout} rijen met een probleem niet ingelezen)."
    ): (
        "Imported on {datum}: {bestand}, {rijen} residents for this draw ({nieuw} new, "
        "{gewijzigd} changed, {fout} rows with a problem left out)."
    ),
    "De uitnodigingen zijn geloot; het uittreksel ligt nu vast.": (
        "The invitations have been drawn; the extract is now fixed."
    ),
    (
        "{n} rijen hebben een probleem. Per probleem de regelnummers (de kopregel is regel 1):"
    ): "{n} rows have a problem. Per problem the line numbers (the header is line 1):",
    "Volledig verslag als CSV": "Full report as CSV",
    "Geen problemen gevonden.": "No problems found.",
    "Ik begrijp dat de {n} rijen met een probleem niet meedoen aan de loting.": (
        "I understand that the {n} rows with a problem do not take part in the draw."
    ),
    "Het uittreksel is opgeslagen. Volgende stap: uitnodigen (stap 3).": (
        "The extract has been stored. Next step: inviting (step 3)."
    ),
    "Het bestand wordt gelezen…": "Reading the file…",
    "Kolom": "Column",
    "Probleem": "Problem",
    "Regels": "Lines",
    " (mag ontbreken)": " (optional)",
    "Elke rij wordt gecontroleerd…": "Checking every row…",
    "Dit bestand was al ingelezen; er is niets veranderd.": (
        "This file had already been imported; nothing changed."
    ),
    "— niet in het bestand —": "— not in the file —",
    "Stap 6. Selectie": "Step 6. Selection",
    "De selectie is voorbereid. Publiceer deze vingerafdruk vóór de openbare trekking:": (
        "The selection has been prepared. Publish this fingerprint before the public draw:"
    ),
    (
        "Een lijst van {m} mogelijke raden; elke raad voldoet aan de quota. Door het "
        "afronden verandert niemands kans meer dan {afwijking} procentpunt."
    ): (
        "A list of {m} possible councils; every council meets the quotas. Rounding "
        "changes nobody's chance by more than {afwijking} percentage points."
    ),
    "Controlebestand (JSON, zonder namen)": "Verification file (JSON, without names)",
    (
        "Wijkraad berekent voor elke aanmelding een eerlijke kans (leximin: de kleinste "
        "kans zo groot mogelijk) en maakt een genummerde lijst van mogelijke raden die "
        "aan alle quota voldoen. Daarvan komt een vingerafdruk die u publiceert; bij de "
        "openbare trekking kiest het publiek het nummer."
    ): (
        "Wijkraad computes a fair chance for every registration (leximin: the smallest "
        "chance as large as possible) and makes a numbered list of possible councils "
        "that meet all quotas. It yields a fingerprint that you publish; at the public "
        "draw the audience picks the number."
    ),
    "Plaatsen": "Places",
    "Quota": "Quotas",
    "Methode": "Method",
    "**Kans per aanmelding**": "**Chance per registration**",
    "Kleinste kans (leximin)": "Smallest chance (leximin)",
    "Grootste kans (leximin)": "Largest chance (leximin)",
    (
        "De oude methode vult de raad plaats voor plaats met wie de quota het hardst "
        "nodig hebben; dan krijgen sommige aanmeldingen bijna geen kans. Leximin maakt "
        "de kleinste kans zo groot als de quota toelaten."
    ): (
        "The old method fills the council seat by seat with whoever the quotas need "
        "most; some registrations then get almost no chance. Leximin makes the smallest "
        "chance as large as the quotas allow."
    ),
    "**De raad naast de wijk**": "**The council next to the neighbourhood**",
    "Kansen per aanmelding (CSV)": "Chances per registration (CSV)",
    "Sla eerst de quota op (stap 5).": "Save the quotas first (step 5).",
    "Selectie voorbereiden": "Prepare the selection",
    "De selectie is voorbereid. Publiceer de vingerafdruk.": (
        "The selection has been prepared. Publish the fingerprint."
    ),
    "Kleinste kans (oude methode)": "Smallest chance (old method)",
    "Voorbereiding ongedaan maken": "Undo the preparation",
    (
        "Alleen als er echt iets moet veranderen. Daarna komt er een nieuwe "
        "vingerafdruk, die u opnieuw publiceert, met uitleg."
    ): (
        "Only if something really has to change. Afterwards there is a new fingerprint, "
        "which you publish again, with an explanation."
    ),
    "Waarom?": "Why?",
    "Ongedaan maken": "Undo",
    "Bezig…": "Working…",
    "De voorbereiding is ongedaan gemaakt.": "The preparation has been undone.",
    "leximin (aanbevolen)": "leximin (recommended)",
    "De selectie wordt berekend…": "Computing the selection…",
    "Kans (leximin)": "Chance (leximin)",
    "Kans (oude methode)": "Chance (old method)",
    "Stap 1. Een nieuwe loting beginnen": "Step 1. Start a new draw",
    (
        "Kies de raad waarvoor u loot, of maak een nieuwe raad. Een raad kan gelote en "
        "benoemde zetels hebben (bijvoorbeeld gemeenteraadsleden). Een wijkpanel is een "
        "grotere groep bewoners die op dezelfde manier wordt geloot."
    ): (
        "Choose the council you draw for, or make a new council. A council can have "
        "drawn and appointed seats (for example municipal councillors). A wijkpanel is "
        "a larger group of residents drawn the same way."
    ),
    "Raad": "Council",
    "Wat loot u?": "What do you draw?",
    "De termijn begint op": "The term starts on",
    "Grootte van het wijkpanel (alleen bij een wijkpanel)": (
        "Size of the wijkpanel (wijkpanel only)"
    ),
    "Loting aanmaken": "Create draw",
    "De loting is aangemaakt. Lees nu het bevolkingsregister in (stap 2).": (
        "The draw has been created. Now import the population register (step 2)."
    ),
    "**De nieuwe raad**": "**The new council**",
    "Naam van de raad": "Name of the council",
    "Soort": "Kind",
    "Wijk of wijken": "Neighbourhood(s)",
    "Gelote zetels": "Drawn seats",
    "Benoemde zetels": "Appointed seats",
    "Zittingstermijn (maanden)": "Term (months)",
    "Minimumleeftijd": "Minimum age",
    (
        "{naam}: {geloot} gelote en {benoemd} benoemde zetels, termijn {maanden} "
        "maanden, vanaf {leeftijd} jaar."
    ): (
        "{naam}: {geloot} drawn and {benoemd} appointed seats, term {maanden} months, "
        "from age {leeftijd}."
    ),
    "Nieuwe raad maken": "Make a new council",
    "Kies een of meer wijken": "Choose one or more neighbourhoods",
    "De raad": "The council",
    "Een wijkpanel": "A wijkpanel",
    "Loting": "Draw",
    "wijkpanel": "wijkpanel",
    "raad": "council",
    "wijkraad": "council",
    "vervanging": "replacement",
    "{raad}: {wat}, {datum} (nummer {n}, {status})": (
        "{raad}: {wat}, {datum} (number {n}, {status})"
    ),
    "termijn {van} tot {tot}": "term {van} to {tot}",
    "status: {s}": "status: {s}",
    "Loting stoppen": "Stop the draw",
    "Waarom stopt de loting?": "Why does the draw stop?",
    "Nieuwe loting beginnen": "Start a new draw",
    "De loting is gestopt. Alles wat is vastgelegd, blijft bewaard.": (
        "The draw has been stopped. Everything recorded is kept."
    ),
    "{k} plaatsen in de {wat}": "{k} places in the {wat}",
    "1 plaats in de {wat}": "1 place in the {wat}",
    "Alleen organisatoren kunnen een loting doen. Log in als organisator.": (
        "Only organisers can run a draw. Log in as an organiser."
    ),
    "Raad en loting": "Council and draw",
    "Bevolkingsregister": "Population register",
    "Uitnodigen": "Inviting",
    "Selectie": "Selection",
    "Openbare trekking": "Public draw",
    "Leden en vervanging": "Members and replacement",
    "Twee stappen: brieven, aanmelden, selectie met quota": (
        "Two stages: letters, registering, selection with quotas"
    ),
    "Direct: huisbezoeken, elke weigering vervangen uit dezelfde groep": (
        "Direct: home visits, each refusal replaced from the same group"
    ),
    "Later terugkomen": "Come back later",
    "Geloot, nog niet bevestigd": "Drawn, not yet confirmed",
    "Doet mee": "Takes part",
    "Afgezegd": "Declined",
    "Vervangen": "Replaced",
    "Gestopt": "Left",
    "Reserve": "Reserve",
    "loopt": "running",
    "vingerafdruk gemaakt": "fingerprint made",
    "vingerafdruk gemaakt, trekking volgt": "fingerprint made, the public draw follows",
    "getrokken, leden bevestigen": "drawn, members confirming",
    "er zijn {n} aanmeldingen voor {k} plaatsen": "there are {n} volunteers for {k} seats",
    "in de groep {kenmerk} “{waarde}” zijn {n} aanmeldingen voor minimaal {min} plaatsen": (
        "the group {kenmerk} “{waarde}” has {n} volunteers for at least {min} seats"
    ),
    "de quota samen laten geen andere keuze": "the quotas together leave no other choice",
    "1 aanmelding wordt zeker geloot (kans 100%).": (
        "1 volunteer is certain to be drawn (a 100% chance)."
    ),
    "{n} aanmeldingen worden zeker geloot (kans 100%).": (
        "{n} volunteers are certain to be drawn (a 100% chance)."
    ),
    "Voor hen is er geen loting: {redenen}.": "For them there is no lottery: {redenen}.",
    "Is dat niet de bedoeling, maak dan de voorbereiding ongedaan en verruim de quota of zoek "
    "meer aanmeldingen in die groep.": (
        "If that is not intended, undo the preparation and widen the quotas or find more "
        "volunteers in that group."
    ),
    "afgerond": "completed",
    "gestopt": "stopped",
    "Herkomst": "Origin",
    "Woonsituatie": "Tenure",
    # Erasures remembered across register imports
    (
        "Van {n} inwoners in het bestand zijn naam en adres niet opgeslagen: die zijn eerder "
        "op hun verzoek gewist."
    ): (
        "The names and addresses of {n} residents in the file were not stored: they were "
        "erased earlier at their request."
    ),
    (
        "Van {n} inwoners zijn naam en adres niet opgeslagen: die zijn eerder op hun verzoek "
        "gewist."
    ): (
        "The names and addresses of {n} residents were not stored: they were erased earlier "
        "at their request."
    ),
    "{n} inwoners doen niet mee: hun naam en adres zijn op hun verzoek gewist.": (
        "{n} residents are left out: their name and address were erased at their request."
    ),
    # Replacement draws and the projector view
    ("**4. De vervangers** (nummers uit het controlebestand, geen namen)"): (
        "**4. The replacements** (numbers from the verification file, no names)"
    ),
    "**Vervangen door een nieuwe openbare loting**": "**Replace by a new public draw**",
    "Controlebestand van de raad (JSON)": "The council's verification file (JSON)",
    "Controlebestand om te publiceren (JSON)": "Verification file to publish (JSON)",
    "Volledig controlebestand: niet publiceren (JSON)": (
        "Full verification file: do not publish (JSON)"
    ),
    "Publiceer alleen het eerste bestand: daarin staan groepen van minstens {aantal} "
    "aanmelders en aantallen. Het volledige bestand noemt van elke aanmelder een "
    "nummer en alle kenmerken; daarmee is iemand vaak te herkennen. Geef het alleen "
    "aan de onafhankelijke controleur (bijvoorbeeld een notaris).": (
        "Publish only the first file: it holds groups of at least {aantal} volunteers and "
        "counts. The full file gives every volunteer's number and all their features, which "
        "often makes a person recognisable. Give it only to the independent auditor (a "
        "notary, for example)."
    ),
    "**Controlebestanden van de raad**": "**The council's verification files**",
    "Controlebestand van de raad om te publiceren (JSON)": (
        "The council's verification file to publish (JSON)"
    ),
    "Volledig controlebestand van de raad: niet publiceren (JSON)": (
        "The council's full verification file: do not publish (JSON)"
    ),
    (
        "De vervangers staan bij de leden van de raad (loting {ouder}); vraag of ze meedoen "
        "en bevestig ze daar."
    ): (
        "The replacements are listed with the council's members (draw {ouder}); ask whether "
        "they take part and confirm them there."
    ),
    ("De vervangingsloting is gestopt; de plaatsen kunnen opnieuw worden gevuld."): (
        "The replacement draw was stopped; the seats can be filled again."
    ),
    (
        "Deze loting vult {k} open plaatsen uit de {n} aanmeldingen die over zijn, met de "
        "quota van de raad min wat de leden die blijven al vullen."
    ): (
        "This draw fills {k} open seats from the {n} remaining registrations, with the "
        "council's quotas minus what the staying members already fill."
    ),
    (
        "Een lijst van **{m}** mogelijke groepjes van **{k}** vervangers, gemaakt uit de "
        "**{n}** aanmeldingen die over zijn. Met elk groepje voldoet de raad aan de quota."
    ): (
        "A list of **{m}** possible groups of **{k}** replacements, made from the **{n}** "
        "remaining registrations. With each group the council meets the quotas."
    ),
    "Geen open plaatsen.": "No open seats.",
    (
        "Iedereen kan dit nagaan met beide controlebestanden: `python -m sortition verify "
        "loting-{nr}.json --parent loting-{ouder}.json`."
    ): (
        "Anyone can check this with both verification files: `python -m sortition verify "
        "loting-{nr}.json --parent loting-{ouder}.json`."
    ),
    "Naar de leden van de raad (loting {ouder})": "To the council's members (draw {ouder})",
    "Naar vervangingsloting {n}": "To replacement draw {n}",
    "Nummer {n} van de lijst": "Number {n} of the list",
    "Openbare trekking van vervangers: {raad}": "Public draw of replacements: {raad}",
    "Plaats van nr": "Seat of no.",
    "Plaatsen die de loting vult": "Seats the draw fills",
    "Projectorweergave (alleen de trekking, groot)": "Projector view (the ceremony only, large)",
    ("Vervangingsloting nummer {n} is voorbereid; doe daar de openbare trekking."): (
        "Replacement draw number {n} is prepared; hold its public ceremony there."
    ),
    "Vervangingsloting stoppen": "Stop the replacement draw",
    "Vervangingsloting voor loting {ouder}": "Replacement draw for draw {ouder}",
    "Vervangingsloting voorbereiden": "Prepare a replacement draw",
    (
        "Voor één of meer open plaatsen tegelijk: een loting uit de aanmeldingen die over "
        "zijn, met de quota min wat de leden die blijven al vullen, en een eigen vingerafdruk"
        " en trekking."
    ): (
        "For one or more open seats at once: a draw from the remaining registrations, with "
        "the quotas minus what the staying members already fill, and a fingerprint and "
        "ceremony of its own."
    ),
    "Waarom stopt de vervangingsloting?": "Why does the replacement draw stop?",
    ("{k} plaatsen, te loten uit {n} aanmeldingen."): (
        "{k} seats, to be drawn from {n} registrations."
    ),
    "← Terug naar de werkruimte": "← Back to the workspace",
    # Rotation
    (
        "Rotatie op {dag}: {n} zetels worden opnieuw geloot; {blijven} leden blijven. Wie het"
        " langst zit, rouleert uit ({lot}). Zie de raad bij stap 8."
    ): (
        "Rotation on {dag}: {n} seats are drawn anew; {blijven} members stay. The longest-"
        "serving rotate out ({lot}). See the council at step 8."
    ),
    "Rouleert uit op": "Rotates out on",
    (
        "Wie het langst zit, rouleert uit; bij een gelijke start beslist het lot. De termijn "
        "hierboven is de dag waarop de nieuwe leden beginnen. Zetels die dan open zijn (wie "
        "eerder stopte), vult de rotatie ook; kies 0 om alleen die te vullen."
    ): (
        "The longest-serving members rotate out; among those who started on the same day the "
        "lot decides. The term above is the day the new members start. Seats open on that day "
        "(members who stopped earlier) are filled too; choose 0 to fill only those."
    ),
    "Zetels die rouleren (alleen bij een rotatie)": "Seats that rotate (rotation only)",
    "Op {dag} worden alleen de {open} open zetel(s) gevuld; niemand rouleert uit en {blijven} "
    "leden blijven.": "On {dag} only the {open} open seat(s) are filled; nobody rotates out and "
    "{blijven} members stay.",
    "De loting vult ook {open} zetel(s) die op die dag open zijn (wie eerder stopte).": (
        "The draw also fills {open} seat(s) open on that day (members who stopped earlier)."
    ),
    ("bij een gelijke start besliste het lot (zaadje {zaadje}…)"): (
        "among equal starts the lot decided (seed {zaadje}…)"
    ),
    ("bij een gelijke start besliste het lot, uit de openbare trekking van loting {n}"): (
        "among equal starts the lot decided, from the public ceremony of draw {n}"
    ),
    "rotatie": "rotation",
    "Een rotatie: een deel van de zetels": "A rotation: part of the seats",
    # Replacement draw: choosing seats
    "Kies een of meer plaatsen": "Choose one or more seats",
    "Kies de kenmerken": "Choose the features",
    # Step 8 after the draw is completed
    "De loting is afgerond en de termijn loopt.": "The draw is completed and the term is running.",
    "De loting is afgerond; de termijn begint op {datum}.": (
        "The draw is completed; the term begins on {datum}."
    ),
    "Stopt een lid, leg dat hier vast en vervang het: van de reservelijst of met een openbare "
    "vervangingsloting. Een vervanger zit vanaf de dag van bevestigen in de raad.": "If a "
    "member stops, record it here and replace them: from the reserve list or by a public "
    "replacement draw. A replacement sits on the council from the day they confirm.",
    # Step 5: the verdict on the quotas (dashboard/services/draws/quotas.py)
    "Haalbaar: uit de {volunteers} aanmeldingen kan een raad van {seats} worden geloot die "
    "aan alle quota voldoet.": "Feasible: from the {volunteers} volunteers a council of {seats} "
    "can be drawn that meets every quota.",
    "Haalbaar met aangepaste quota: uit de {volunteers} aanmeldingen kunnen de {seats} open "
    "plaatsen worden geloot, met de dichtstbijzijnde haalbare quota (zie hieronder).": (
        "Feasible with adjusted quotas: the {seats} open seats can be drawn from the "
        "{volunteers} volunteers with the nearest feasible quotas (see below)."
    ),
    "Niet haalbaar: geen raad van {seats} uit {volunteers} aanmeldingen voldoet aan alle "
    "quota.": "Not feasible: no council of {seats} from {volunteers} volunteers meets every quota.",
    # Appointed seats after the draw
    "Benoemde zetel die eindigt": "Appointed seat that ends",
    "Kies een zetel": "Choose a seat",
    "Waarom eindigt de zetel?": "Why does the seat end?",
    "Bijvoorbeeld: na de gemeenteraadsverkiezingen": "For example: after the municipal elections",
    "Benoemde zetel beëindigen": "End appointed seat",
    "Kies eerst een zetel.": "Choose a seat first.",
    "De benoemde zetel is beëindigd; voeg zo nodig de opvolger toe.": (
        "The appointed seat has ended; add the successor if needed."
    ),
    # "Kenmerk" is a reference on the residents' pages; here a feature of a group.
    "Groepskenmerk": "Feature",
    "Gestopt op (wie al in de raad zat)": "Left on (for a member already on the council)",
    # Home visits (direct method): walking list, visit day and visitor, the method's plan.
    "**Looplijst voor de bezoekers**": "**Walking list for the visitors**",
    (
        "De adressen die nog bezocht moeten worden, per straat op huisnummer, met de naam "
        "van de bewoner en regels om elk bezoek op te schrijven. Wie niet thuis was of "
        "'later' zei, komt terug op de lijst; een vervangend adres staat erop zodra het is "
        "geloot. De lijst bevat namen en adressen: elke keer dat u hem maakt, wordt dat "
        "vastgelegd."
    ): (
        "The addresses still to visit, street by street in house-number order, with the "
        "resident's name and lines to write each visit on. Whoever was not at home or said "
        "'later' comes back on the list; a replacement address is on it as soon as it is "
        "drawn. The list holds names and addresses: each time you make it, that is recorded."
    ),
    "Looplijst maken": "Make the walking list",
    "Looplijst gemaakt: {n} adressen in {straten} straten.": (
        "Walking list made: {n} addresses in {straten} streets."
    ),
    "Looplijst om te printen (HTML)": "Walking list to print (HTML)",
    "Looplijst (CSV)": "Walking list (CSV)",
    "Vervangt adres nr": "Replaces address no.",
    "Adressen": "Addresses",
    "Laatste bezoek": "Last visit",
    "Bezoeker": "Visitor",
    "Datum van het bezoek": "Date of the visit",
    "Naam van de bezoeker": "Name of the visitor",
    "Alle bezoeken ({n})": "All visits ({n})",
    (
        "Er is een vervanger geloot uit dezelfde groep. Maak een nieuwe looplijst: het "
        "nieuwe adres staat erop."
    ): (
        "A replacement was drawn from the same group. Make a new walking list: the new "
        "address is on it."
    ),
    (
        "Bij de directe methode gaan bezoekers langs de deur. Wijkraad loot adressen per "
        "groep (wijk en leeftijd), één adres per huishouden. Groepen waar minder mensen ja "
        "zeggen, krijgen meer adressen. Daarna maakt u bij stap 4 een looplijst per straat, "
        "gaan de bezoekers langs en zet u elk bezoek in Wijkraad. Zegt iemand nee, of is "
        "er steeds niemand thuis? Dan loot Wijkraad een nieuw adres uit dezelfde groep. Zo "
        "blijft elke groep even groot. Pas de verwachte respons per groep aan als u betere "
        "cijfers heeft, bijvoorbeeld van een vorige loting."
    ): (
        "In the direct method visitors go door to door. Wijkraad draws addresses per group "
        "(neighbourhood and age), one address per household. Groups where fewer people say "
        "yes get more addresses. Then you make a walking list per street at step 4, the "
        "visitors go round and you record each visit in Wijkraad. Does someone say no, or "
        "is nobody ever at home? Then Wijkraad draws a new address from the same group, so "
        "every group stays the same size. Change the expected response per group if you "
        "have better figures, for example from an earlier draw."
    ),
    "Verwacht: ongeveer **{n} keer ja** bij de huisbezoeken, {oordeel}.": (
        "Expected: about **{n} yeses** on the home visits, {oordeel}."
    ),
    "Geloot op {datum}: {n} adressen voor huisbezoeken.": (
        "Drawn on {datum}: {n} addresses for home visits."
    ),
    "**Wat nu: de huisbezoeken (stap 4)**": "**What next: the home visits (step 4)**",
    (
        "1. Maak bij stap 4 de looplijst: de adressen per straat, op huisnummer, met de "
        "naam van de bewoner. Print hem voor de bezoekers.\n"
        "2. De bezoekers gaan langs en schrijven bij elk adres de datum, hun naam en de "
        "uitkomst op: niet thuis, nee, later of ja. Bij ja vragen ze ook de antwoorden op "
        "de vragen van de aanmelding.\n"
        "3. Zet elk bezoek bij stap 4 in Wijkraad, met de datum en de bezoeker. Niet thuis "
        "of later: het adres komt terug op de volgende looplijst.\n"
        "4. Zegt iemand nee, of is er steeds niemand thuis? Loot dan bij stap 4 een "
        "vervanger. Wijkraad kiest een nieuw huishouden uit dezelfde groep (wijk en "
        "leeftijd); dat adres staat meteen op de looplijst."
    ): (
        "1. Make the walking list at step 4: the addresses per street, in house-number "
        "order, with the resident's name. Print it for the visitors.\n"
        "2. The visitors go round and write down at each address the date, their name and "
        "the outcome: not at home, no, later or yes. On a yes they also ask the answers to "
        "the registration questions.\n"
        "3. Record each visit in Wijkraad at step 4, with the date and the visitor. Not at "
        "home or later: the address comes back on the next walking list.\n"
        "4. Does someone say no, or is nobody ever at home? Then draw a replacement at step "
        "4. Wijkraad picks a new household from the same group (neighbourhood and age); that "
        "address is on the walking list straight away."
    ),
    # Step 8 after the public draw: letters and the council's contact list
    "Brieven na de loting": "Letters after the draw",
    "Brieven na de loting en contactlijst: {reden}": (
        "Letters after the draw and contact list: {reden}"
    ),
    "Contactlijst van de raad": "The council's contact list",
    "Leden": "Members",
    "Reservelijst": "Reserve list",
    "Niet geloot": "Not drawn",
    (
        "Elke brief zegt wat er nu gebeurt: leden laten weten of ze meedoen, reserves horen "
        "hun plaats op de lijst, wie niet is geloot leest wat er nog kan. De brieven bevatten "
        "namen en adressen: elke keer dat u ze maakt, komt in het logboek. Bewaar ze alleen "
        "zolang nodig."
    ): (
        "Each letter says what happens next: members let you know whether they take part, "
        "reserves learn their place on the list, those not drawn read what they can still do. "
        "The letters hold names and addresses: each time you make them is written to the "
        "log. Keep them only as long as needed."
    ),
    (
        "Uit de reservelijst wordt niemand meer gevraagd; wie erop staat, krijgt de brief voor "
        "wie niet is geloot."
    ): (
        "Nobody is asked from the reserve list any more; those on it get the letter for those "
        "not drawn."
    ),
    (
        "Na de openbare trekking staat iedereen die ja zei en niet is geloot op de "
        "reservelijst; de brief voor wie niet is geloot is dan voor niemand."
    ): (
        "After the public draw everyone who said yes and was not drawn is on the reserve list; "
        "the letter for those not drawn then goes to nobody."
    ),
    "Brieven voor": "Letters for",
    "Leden laten weten of ze meedoen vóór": "Members say whether they take part before",
    "Telefoonnummer voor vragen": "Phone number for questions",
    "E-mailadres voor vragen": "E-mail address for questions",
    "Website waar bewoners de raad volgen (mag leeg blijven)": (
        "Website where residents follow the council (may stay empty)"
    ),
    "{n} brieven gemaakt. Download ze nu: de pagina bewaart ze niet.": (
        "{n} letters made. Download them now: the page does not keep them."
    ),
    (
        "{n} mensen krijgen geen brief: hun naam en adres zijn op hun verzoek gewist of niet "
        "meer bewaard."
    ): (
        "{n} people get no letter: their name and address were erased at their request or "
        "are no longer kept."
    ),
    (
        "Namen en adressen van de leden uit deze loting en de benoemde zetels van hun termijn, "
        "bijvoorbeeld voor de uitnodiging voor de eerste vergadering, met het telefoonnummer "
        "of e-mailadres van wie zich online aanmeldde. Alleen voor de organisatoren van deze "
        "wijk; elke keer dat u ze toont, komt in het logboek."
    ): (
        "Names and addresses of the members from this draw and the appointed seats of their "
        "term, for example for the invitation to the first meeting, with the phone number or "
        "e-mail address of those who signed up online. Only for the organisers of this "
        "neighbourhood; each time you show them is written to the log."
    ),
    "Toon contactgegevens": "Show contact details",
    (
        "Van {n} leden zijn geen naam en adres bekend (op hun verzoek gewist of niet meer bewaard)."
    ): (
        "For {n} members no name and address are known (erased at their request or no longer kept)."
    ),
    "Contactlijst (CSV)": "Contact list (CSV)",
    "De lijst verdwijnt weer bij de volgende klik op deze pagina.": (
        "The list disappears again at the next click on this page."
    ),
    "Geen naam en adres: gewist op verzoek of niet meer bewaard": (
        "No name and address: erased on request or no longer kept"
    ),
    "bevestigd": "confirmed",
    "nog niet bevestigd": "not yet confirmed",
    "Straat": "Street",
    "Huisnummer": "House number",
    "Postcode": "Postcode",
    "Woonplaats": "Town",
    "Opmerking": "Note",
    # Step 7: the announcement of the ceremony (issue 17)
    "**Aankondiging van de trekking**": "**Announcement of the draw**",
    "Deze trekking is niet vooraf aangekondigd op de website.": (
        "This draw was not announced on the website beforehand."
    ),
    (
        "Nog niet aangekondigd. Maak de trekking vooraf bekend: wanneer en waar, hoe de "
        "getallen uit de zaal worden gekozen, en de vingerafdruk. Dan kan iedereen erbij zijn "
        "en nagaan dat de lijst vastlag."
    ): (
        "Not announced yet. Announce the draw beforehand: when and where, how the numbers from "
        "the audience are chosen, and the fingerprint. Then everyone can attend and check that "
        "the list was fixed."
    ),
    (
        "De vingerafdruk is veranderd sinds de aankondiging. Publiceer de aankondiging "
        "opnieuw: dan staat de nieuwe vingerafdruk erin."
    ): (
        "The fingerprint has changed since the announcement. Publish the announcement again: "
        "then it holds the new fingerprint."
    ),
    "Aankondiging wijzigen": "Change the announcement",
    "Aangekondigd voor **{moment}** in {plaats}. Zo worden de getallen gekozen: {methode}": (
        "Announced for **{moment}** at {plaats}. How the numbers are chosen: {methode}"
    ),
    "Gepubliceerd op {moment} (versie {versie}) met vingerafdruk {begin}….": (
        "Published on {moment} (version {versie}) with fingerprint {begin}…."
    ),
    "Bekijk de aankondiging zoals bewoners haar zien": "See the announcement as residents see it",
    "Voer de getallen pas in tijdens de aangekondigde bijeenkomst.": (
        "Enter the numbers only during the announced meeting."
    ),
    "Datum van de trekking": "Date of the draw",
    "Begintijd": "Start time",
    "Plaats": "Place",
    "Bijvoorbeeld: Wijkcentrum De Ster, grote zaal": (
        "For example: De Ster community centre, main hall"
    ),
    "Hoe worden de getallen uit de zaal gekozen?": "How are the numbers from the audience chosen?",
    "Bijvoorbeeld: drie mensen uit de zaal noemen elk een getal van 1 tot 1000.": (
        "For example: three people in the audience each call out a number from 1 to 1000."
    ),
    "Aankondiging publiceren": "Publish the announcement",
    "Kies een datum en een begintijd.": "Choose a date and a start time.",
    (
        "De aankondiging is gepubliceerd (versie {versie}). Bewoners zien haar op de pagina "
        "Openbare trekkingen."
    ): (
        "The announcement is published (version {versie}). Residents see it on the page Public "
        "draws."
    ),
    # Step 4: registrations sent online next to those recorded by the organisers (issue 16)
    "**Binnengekomen antwoorden**": "**Answers received**",
    (
        "Bewoners melden zich ook zelf aan op de website, met de code uit hun brief; dat staat "
        "hieronder als online. Tot de vingerafdruk (stap 6) kunnen ze hun aanmelding daar "
        "wijzigen of intrekken."
    ): (
        "Residents also sign up themselves on the website, with the code from their letter; "
        "those show below as online. Until the fingerprint (step 6) they can change or "
        "withdraw their registration there."
    ),
    "Er zijn nog geen antwoorden.": "There are no answers yet.",
    "Online": "Online",
    "Formulier": "Form",
    "Antwoorden die bewoners zelf op de website gaven.": (
        "Answers residents gave themselves on the website."
    ),
    "Antwoorden die de organisatie hier vastlegde.": "Answers the organisers recorded here.",
    "Daarvan ja: {online} online en {formulier} via het formulier.": (
        "Of these, yes: {online} online and {formulier} through the form."
    ),
    "online": "online",
    "formulier": "form",
    "Code": "Code",
    "Antwoord": "Answer",
    "Via": "Via",
    "Vastgelegd": "Recorded",
    "Bevestigingsnummer": "Confirmation number",
    "Gewijzigd": "Changed",
    "Telefoon": "Phone",
    "E-mail": "E-mail",
}
