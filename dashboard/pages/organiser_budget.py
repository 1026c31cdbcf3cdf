"""Organisers: the neighbourhood's household book."""

import pandas as pd
import streamlit as st

from dashboard import services
from dashboard.components.format import SOURCE_NAMES
from dashboard.components.forms import attempt, first_submission, flash, form_key, show_flash
from dashboard.domain.auth import Role
from dashboard.domain.ledger import SOURCES
from dashboard.domain.money import euro
from dashboard.domain.progress import NEXT_STATUSES
from dashboard.services import budget_book as book
from dashboard.web.app_state import store
from dashboard.web.session import current_caller
from sortition import clock

st.title("Huishoudboekje")
show_flash()
caller = current_caller()
if caller.role is not Role.ORGANISER:
    st.warning("Alleen organisatoren kunnen het huishoudboekje bijhouden. Log in als organisator.")
    st.stop()

db = store()
hoods = [h for h in services.neighbourhoods(db) if caller.covers(h.id)]
if not hoods:
    st.info("U bent nog voor geen enkele wijk organisator. Vraag de beheerder om een wijk.")
    st.stop()
by_id = {h.id: h for h in hoods}
left, right = st.columns([3, 1])
hood_id = left.selectbox("Wijk", list(by_id), format_func=lambda i: by_id[i].name, key="boek_wijk")
this_year = clock.today().year
years = sorted({*services.budget_years(db), this_year})
year = right.selectbox("Jaar", years, index=years.index(this_year), key="boek_jaar")
view = book.book_view(db, caller, hood_id, year)

totals = view.totals
cols = st.columns(4)
cols[0].metric("Budget", euro(totals.budget))
cols[1].metric("Toegekend", euro(totals.allocated), help="Ook besluiten die nog concept zijn.")
cols[2].metric("Uitgegeven", euro(totals.spent))
cols[3].metric("Beschikbaar", euro(totals.available))

tabs = st.tabs(
    [
        "Budgetten",
        "Voorstellen",
        "Besluiten",
        "Uitgaven",
        "Voortgang",
        "Raadplegingen",
        "Jaarafsluiting",
    ]
)
projects = {p.proposal.id: p for p in view.projects}


def project_label(proposal_id: int) -> str:
    proposal = projects[proposal_id].proposal
    return f"{proposal.external_ref} · {proposal.title} ({proposal.status})"


with tabs[0]:
    st.dataframe(
        pd.DataFrame(
            {
                "Bron": [
                    SOURCE_NAMES.get(e.envelope.source, e.envelope.source) for e in view.envelopes
                ],
                "Omschrijving": [e.envelope.description for e in view.envelopes],
                "Bedrag": [euro(e.envelope.amount) for e in view.envelopes],
                "Beschikbaar": [euro(e.available) for e in view.envelopes],
                "Jaareinde": [
                    "naar volgend jaar"
                    if e.envelope.year_end_rule == "carry_over"
                    else "terug naar bron"
                    for e in view.envelopes
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form(form_key("budget")):
        st.markdown("**Budget toevoegen**")
        c1, c2, c3 = st.columns(3)
        source = c1.selectbox("Bron", SOURCES, format_func=lambda s: SOURCE_NAMES[s])
        amount = c2.text_input("Bedrag (€)", placeholder="25.000")
        envelope_year = c3.number_input("Jaar", 2000, 2100, year)
        description = st.text_input("Omschrijving", placeholder="Wijkbudget gemeente")
        rule = st.radio(
            "Wat gebeurt er aan het eind van het jaar met geld dat niet is toegekend?",
            ["carry_over", "return"],
            format_func=lambda r: (
                "Gaat naar volgend jaar" if r == "carry_over" else "Gaat terug naar de bron"
            ),
            horizontal=True,
        )
        if st.form_submit_button("Budget toevoegen") and first_submission(
            "budget", {"s": source, "a": amount, "y": envelope_year, "d": description}
        ):
            attempt(
                lambda: book.add_envelope(
                    db, caller, hood_id, int(envelope_year), source, amount, description, rule
                ),
                "Het budget is toegevoegd.",
            )

with tabs[1]:
    st.dataframe(
        pd.DataFrame(
            {
                "Kenmerk": [p.proposal.external_ref for p in view.projects],
                "Titel": [p.proposal.title for p in view.projects],
                "Status": [p.proposal.status for p in view.projects],
                "Gevraagd": [euro(p.proposal.requested_amount) for p in view.projects],
                "Ingediend": [p.proposal.submitted_on.strftime("%d-%m-%Y") for p in view.projects],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form(form_key("voorstel")):
        st.markdown("**Nieuw voorstel**")
        title = st.text_input("Titel")
        text = st.text_area("Omschrijving")
        c1, c2 = st.columns(2)
        submitter = c1.selectbox("Ingediend door", book.SUBMITTER_TYPES)
        requested = c2.text_input("Gevraagd bedrag (€)", placeholder="7.500")
        theme_names = book.theme_names(db)
        chosen = st.multiselect(
            "Thema's", list(theme_names), format_func=theme_names.get, placeholder="Kies thema's"
        )
        if st.form_submit_button("Voorstel indienen") and first_submission(
            "voorstel", {"t": title, "x": text, "s": submitter, "r": requested, "c": chosen}
        ):
            attempt(
                lambda: book.submit_proposal(
                    db,
                    caller,
                    book.ProposalInput(
                        hood_id,
                        title,
                        text,
                        submitter,
                        requested,
                        chosen,
                        council_id=view.council_ids[0] if view.council_ids else None,
                    ),
                ),
                "Het voorstel is ingediend.",
            )
    open_ids = [
        i for i, p in projects.items() if p.proposal.status in ("ingediend", "in behandeling")
    ]
    with st.form(form_key("beoordeling")):
        st.markdown("**Voorstel beoordelen**")
        target = st.selectbox(
            "Voorstel",
            open_ids,
            format_func=project_label,
            index=None,
            placeholder="Kies een voorstel",
        )
        feasible = st.radio(
            "Haalbaar?",
            [True, False],
            horizontal=True,
            format_func=lambda f: "Ja" if f else "Nee, afwijzen",
        )
        assessment = st.text_area("Beoordeling (haalbaarheid)")
        estimate = st.text_input("Kostenraming (€, mag leeg)")
        reason = st.text_area("Reden van afwijzing (verplicht bij afwijzen)")
        if st.form_submit_button("Beoordeling vastleggen"):
            if target is None:
                st.error("Kies eerst een voorstel.")
            elif first_submission("beoordeling", {"p": target, "f": feasible, "a": assessment}):
                attempt(
                    lambda: book.review_proposal(
                        db, caller, target, feasible, assessment, estimate, reason
                    ),
                    "De beoordeling is vastgelegd.",
                )
    movable = [i for i, p in projects.items() if p.proposal.status in ("besloten", "in uitvoering")]
    with st.form(form_key("status")):
        st.markdown("**Status bijwerken** (besloten en afgewezen volgen uit besluiten)")
        target = st.selectbox(
            "Project",
            movable,
            format_func=project_label,
            index=None,
            placeholder="Kies een project",
            key="status_project",
        )
        if st.form_submit_button("Naar de volgende stap"):
            if target is None:
                st.error("Kies eerst een project.")
            else:
                following = NEXT_STATUSES[projects[target].proposal.status][0]
                attempt(
                    lambda: book.change_proposal_status(db, caller, target, following),
                    f"Het project is nu '{following}'.",
                )

with tabs[2]:
    st.dataframe(
        pd.DataFrame(
            {
                "Datum": [d.decided_on.strftime("%d-%m-%Y") for d in view.decisions],
                "Soort": [d.kind for d in view.decisions],
                "Voorstel": [
                    projects[d.proposal_id].proposal.external_ref
                    if d.proposal_id in projects
                    else ""
                    for d in view.decisions
                ],
                "Bedrag": ["" if d.amount is None else euro(d.amount) for d in view.decisions],
                "Voor/tegen/onth.": [
                    f"{d.votes_for}/{d.votes_against}/{d.votes_abstain}" for d in view.decisions
                ],
                "Status": [d.status for d in view.decisions],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    with st.form(form_key("vergadering")):
        st.markdown("**Vergadering plannen of vastleggen**")
        c1, c2 = st.columns(2)
        held_on = c1.date_input("Datum", clock.today(), format="DD-MM-YYYY")
        place = c2.text_input("Plaats", placeholder="Buurthuis")
        agenda = st.text_area("Agenda")
        if st.form_submit_button("Vergadering opslaan"):
            if not view.council_ids:
                st.error("Deze wijk heeft nog geen wijkraad.")
            elif first_submission("vergadering", {"d": held_on, "p": place, "a": agenda}):
                attempt(
                    lambda: book.plan_meeting(
                        db, caller, view.council_ids[0], held_on, place, agenda
                    ),
                    "De vergadering is opgeslagen.",
                )
    held = [m for m in view.meetings if m.held_on <= clock.today()]
    if not view.council_ids:
        st.info("Deze wijk heeft nog geen wijkraad.")
    else:
        with st.form(form_key("besluit")):
            st.markdown("**Besluit vastleggen** (eerst als concept)")
            meeting = st.selectbox(
                "Vergadering",
                [m.id for m in held][::-1],
                format_func=lambda i: next(
                    f"{m.held_on:%d-%m-%Y} · {m.location}" for m in held if m.id == i
                ),
            )
            kind = st.selectbox("Soort besluit", book.DECISION_KINDS)
            target = st.selectbox(
                "Voorstel",
                list(projects),
                format_func=project_label,
                index=None,
                placeholder="Kies een voorstel",
            )
            c1, c2 = st.columns(2)
            decided = c1.text_input("Bedrag (€; bij bijstellen mag het negatief zijn)")
            envelope = c2.selectbox(
                "Uit budget",
                [e.envelope.id for e in view.envelopes if e.envelope.amount > 0],
                format_func=lambda i: next(
                    f"{SOURCE_NAMES.get(e.envelope.source, e.envelope.source)} · "
                    f"nog {euro(e.available)}"
                    for e in view.envelopes
                    if e.envelope.id == i
                ),
            )
            c1, c2, c3, c4 = st.columns(4)
            present = c1.number_input("Aanwezig", 0, 100, 0)
            votes_for = c2.number_input("Voor", 0, 100, 0)
            against = c3.number_input("Tegen", 0, 100, 0)
            abstain = c4.number_input("Onthouding", 0, 100, 0)
            rationale = st.text_area("Motivering in gewone woorden")
            method = st.selectbox(
                "Hoe zijn bewoners vooraf geraadpleegd?", book.CONSULTATION_METHODS
            )
            if st.form_submit_button("Besluit vastleggen") and first_submission(
                "besluit", {"m": meeting, "k": kind, "p": target, "a": decided, "r": rationale}
            ):
                attempt(
                    lambda: book.record_decision(
                        db,
                        caller,
                        book.DecisionInput(
                            view.council_ids[0],
                            meeting,
                            kind,
                            int(votes_for),
                            int(against),
                            int(abstain),
                            int(present),
                            rationale,
                            proposal_id=target,
                            amount=decided or None,
                            envelope_id=envelope,
                            consultation_method=method,
                        ),
                    ),
                    "Het besluit is vastgelegd als concept. Publiceer het om het te tonen.",
                )
    drafts = [d for d in view.decisions if d.status == "concept"]
    if drafts:
        choice = st.selectbox(
            "Concept publiceren",
            [d.id for d in drafts],
            format_func=lambda i: next(
                f"{d.decided_on:%d-%m-%Y} · {d.kind} · {d.rationale[:60]}"
                for d in drafts
                if d.id == i
            ),
        )
        if st.button("Publiceren", key="publiceer"):
            attempt(
                lambda: book.publish_decision(db, caller, choice), "Het besluit is gepubliceerd."
            )

with tabs[3]:
    flagged = [p for p in view.projects if p.overspent]
    for project in flagged:
        st.warning(
            f"⚠ {project.proposal.external_ref} {project.proposal.title}: uitgegeven "
            f"{euro(project.spent)}, toegekend {euro(project.allocated)} (overschreden)."
        )
    st.caption(f"Uitgaven geboekt in {year}.")
    booked_this_year = [(s, ref) for s, ref in view.spending if s.booked_on.year == year]
    st.dataframe(
        pd.DataFrame(
            {
                "Kenmerk": [s.reference for s, _ in booked_this_year],
                "Datum": [s.booked_on.strftime("%d-%m-%Y") for s, _ in booked_this_year],
                "Project": [ref for _, ref in booked_this_year],
                "Bedrag": [euro(s.amount) for s, _ in booked_this_year],
                "Omschrijving": [s.description for s, _ in booked_this_year],
                "Bron": [s.source for s, _ in booked_this_year],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    spendable = [i for i, p in projects.items() if p.allocated > 0]
    with st.form(form_key("uitgave")):
        st.markdown("**Uitgave boeken**")
        target = st.selectbox(
            "Project",
            spendable,
            format_func=project_label,
            index=None,
            placeholder="Kies een project",
        )
        c1, c2, c3 = st.columns(3)
        reference = c1.text_input("Kenmerk (factuurnummer)")
        paid = c2.text_input("Bedrag (€)", placeholder="1.234,56")
        booked_on = c3.date_input("Boekdatum", clock.today(), format="DD-MM-YYYY")
        what = st.text_input("Omschrijving")
        if st.form_submit_button("Uitgave boeken"):
            if target is None:
                st.error("Kies eerst een project.")
            elif first_submission("uitgave", {"p": target, "r": reference, "a": paid}):
                attempt(
                    lambda: book.book_spending(
                        db, caller, target, reference, booked_on, paid, what
                    ),
                    "De uitgave is geboekt.",
                    warning=lambda result: result.warning,
                )
    with st.form(form_key("correctie")):
        st.markdown("**Uitgave corrigeren** (een tegenboeking; er wordt niets gewist)")
        originals = [s for s, _ in view.spending if s.amount > 0]
        wrong = st.selectbox(
            "Uitgave",
            [s.id for s in originals],
            index=None,
            format_func=lambda i: next(
                f"{s.reference} · {euro(s.amount)}" for s in originals if s.id == i
            ),
            placeholder="Kies een uitgave",
        )
        why = st.text_input("Reden")
        if st.form_submit_button("Tegenboeken"):
            if wrong is None:
                st.error("Kies eerst een uitgave.")
            else:
                attempt(
                    lambda: book.reverse_spending(db, caller, wrong, why),
                    "De tegenboeking is gemaakt.",
                )
    st.markdown("**Importeren uit de financiële administratie** (CSV)")
    st.caption(
        "Kolommen: kenmerk, datum, bedrag, omschrijving, project (het kenmerk van het "
        "project, bijvoorbeeld WR-2026-00012). Alles of niets: bij één fout regel wordt "
        "niets geboekt. Dezelfde export nog eens inlezen verandert niets."
    )
    upload = st.file_uploader("Exportbestand", type=["csv"], key="export")
    if upload is not None and st.button("Importeren", key="importeren"):
        outcome = book.import_spending(db, caller, upload.name, upload.getvalue())
        if outcome.ok:
            flash(
                f"{outcome.booked} uitgaven geboekt; {outcome.already_known} waren al bekend.",
                outcome.warnings,
            )
        else:
            st.error(
                "Er is niets geboekt. Verbeter het bestand en probeer opnieuw:\n\n"
                + "\n".join(f"- {p}" for p in outcome.problems[:50])
            )

with tabs[4]:
    running = [
        p for p in view.projects if p.proposal.status in ("besloten", "in uitvoering", "afgerond")
    ]
    st.dataframe(
        pd.DataFrame(
            {
                "Project": [f"{p.proposal.external_ref} {p.proposal.title}" for p in running],
                "Status": [p.proposal.status for p in running],
                "Voortgang": [p.progress for p in running],
                "Toegekend": [euro(p.allocated) for p in running],
                "Uitgegeven": [euro(p.spent) for p in running],
                "Let op": ["overschreden" if p.overspent else "" for p in running],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "Voortgang": st.column_config.ProgressColumn(
                "Voortgang", format="%d%%", min_value=0, max_value=100
            )
        },
    )
    with st.form(form_key("mijlpaal")):
        st.markdown("**Mijlpaal toevoegen**")
        target = st.selectbox(
            "Project",
            [p.proposal.id for p in running],
            format_func=project_label,
            index=None,
            placeholder="Kies een project",
        )
        name = st.text_input("Mijlpaal", placeholder="Bankjes geplaatst")
        noticeable = st.text_input("Wat merken bewoners ervan?")
        c1, c2, c3 = st.columns(3)
        due = c1.date_input("Gepland op", None, format="DD-MM-YYYY")
        state = c2.selectbox("Status", book.MILESTONE_STATUSES)
        pct = c3.number_input("Voortgang (%)", 0, 100, 0)
        photo = st.file_uploader("Foto (JPEG of PNG, mag leeg)", type=["jpg", "jpeg", "png"])
        if st.form_submit_button("Mijlpaal toevoegen"):
            if target is None:
                st.error("Kies eerst een project.")
            elif first_submission("mijlpaal", {"p": target, "n": name}):
                attempt(
                    lambda: book.add_milestone(
                        db, caller, target, name, due, noticeable, state, int(pct)
                    ),
                    "De mijlpaal is toegevoegd.",
                )

with tabs[5]:
    for consultation in view.consultations:
        st.markdown(
            f"**{consultation.question}** ({consultation.kind}, "
            f"{consultation.opens_on:%d-%m-%Y} tot {consultation.closes_on:%d-%m-%Y}, "
            f"{consultation.participants} deelnemers)"
        )
    with st.form(form_key("raadpleging")):
        st.markdown("**Raadpleging vastleggen** (uitslag van een peiling of stemming)")
        question = st.text_input("Vraag")
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox("Soort", book.CONSULTATION_KINDS)
        opens = c2.date_input("Van", clock.today(), format="DD-MM-YYYY")
        closes = c3.date_input("Tot en met", clock.today(), format="DD-MM-YYYY")
        participants = st.number_input("Aantal deelnemers", 0, 1_000_000, 0)
        options_text = st.text_area("Keuzes met stemmen, één per regel: Speeltuin; 612")
        divided = st.text_input("Te verdelen bedrag (€, mag leeg)")
        if st.form_submit_button("Raadpleging vastleggen"):
            try:
                options = [
                    (label.strip(), int(votes))
                    for label, votes in (
                        line.rsplit(";", 1) for line in options_text.splitlines() if line.strip()
                    )
                ]
            except ValueError:
                st.error("Schrijf elke keuze als: naam; aantal stemmen (bijvoorbeeld Bankjes; 40).")
            else:
                attempt(
                    lambda: book.record_consultation(
                        db,
                        caller,
                        hood_id,
                        kind,
                        question,
                        opens,
                        closes,
                        int(participants),
                        options,
                        divided or None,
                    ),
                    "De raadpleging is vastgelegd.",
                )

with tabs[6]:
    st.markdown(
        "Aan het eind van een jaar gaat geld dat niet is toegekend naar het volgende jaar of "
        "terug naar de bron, zoals bij elk budget is ingesteld. Toegekend geld dat nog niet is "
        "uitgegeven blijft bij het project. Dit kan vanaf 1 januari en meer dan eens: alleen "
        "wat nog vrij is, wordt geboekt."
    )
    closable = [y for y in years if y < this_year]
    if closable:
        closing = st.selectbox("Jaar afsluiten", closable[::-1], key="afsluiten_jaar")
        if st.button(f"Jaar {closing} afsluiten", key="afsluiten"):
            attempt(
                lambda: book.close_year(db, caller, hood_id, closing),
                f"Het jaar {closing} is afgesloten.",
                warning=lambda rows: (
                    None if rows else "Er was niets meer vrij; er is niets geboekt."
                ),
            )
    else:
        st.info("Er is nog geen voorbij jaar om af te sluiten.")
