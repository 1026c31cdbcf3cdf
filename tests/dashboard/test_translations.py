"""Translations as gettext files (scripts/translations.py, dashboard/i18n/catalog.py): every
sentence the code shows through `t()` or marks with `N_()` has an English translation with
the same blanks, the files hold nothing else, and the translator's workflow works."""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from dashboard.components import format as source_names
from dashboard.components import labels, roles
from dashboard.components.ceremonies_view import PURPOSES
from dashboard.components.draw import common, members_step
from dashboard.components.signup_form import ORIGIN, QUESTIONS, SHORT
from dashboard.domain.statuses import DRAW_STATUS_NAMES
from dashboard.i18n import catalog
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import workspace as draws
from scripts import translations
from sortition.checks import TEXTS

ENGLISH = translations.po_path("en")


def test_every_sentence_of_the_code_has_an_english_translation_and_nothing_is_left_over() -> None:
    found = translations.problems()
    assert not found, (
        "run `python scripts/translations.py extract`, then translate in "
        f"{ENGLISH.relative_to(translations.REPO)}:\n" + "\n".join(found)
    )


def test_the_extraction_sees_every_kind_of_sentence() -> None:
    ids = {str(m.id) for m in translations.extracted() if m.id}
    assert len(ids) > 800
    assert "Het geld van uw wijk" in ids  # a page's t("...")
    assert "Stemming" in ids  # a t() inside an f-string
    assert "Besloten, nog niet begonnen" in ids  # N_() in a table of words
    assert "Klaar" in ids  # N_() in a service's progress step
    assert any(i.startswith("Met de getallen uit de zaal") for i in ids)  # sortition/checks.py


# Tables of words that pages show through t(): each value is marked N_() where it is defined.
TABLES: list[Mapping[Any, str]] = [
    labels.STATUS, labels.DECISION_KIND, labels.CONSULTATION, labels.FEATURE, labels.GROUP,
    source_names.SOURCE_NAMES, roles.ROLE_NAMES, PURPOSES, QUESTIONS, SHORT, ORIGIN,
    common.STEPS, common.DIRECT_STEPS, common.METHOD_NAMES, common.OUTCOME_NAMES,
    common.FEATURES, common.ANSWER_NAMES, members_step.STATUS, DRAW_STATUS_NAMES,
    draws.LABELS, draws.METHODS,
    {q: q for q in (draw_quotas.FEASIBLE, draw_quotas.FEASIBLE_RELAXED, draw_quotas.INFEASIBLE)},
    {n: text for n, check in enumerate(TEXTS.values())
     for text in (check.holds, check.fails, check.waiting)},
]  # fmt: skip


def test_every_table_of_words_is_marked_for_translation() -> None:
    ids = {str(m.id) for m in translations.extracted() if m.id}
    unmarked = sorted({text for table in TABLES for text in table.values()} - ids)
    assert not unmarked, f"mark these N_(...) where they are defined: {unmarked}"


def test_extract_calls_reads_literal_first_arguments_of_t_and_n() -> None:
    code = (
        b"from x import t, N_\n"
        b'a = t("Een")\n'
        b"b = f\"**{t('Twee')}**\"\n"
        b'TABLE = {"k": N_("Drie")}\n'
        b"t(variable)\n"
        b'obj.t("Geen functie van ons")\n'
        b't(f"Niet {a}")\n'
        b'c = t("Vier {n}", n=1)\n'
    )
    found = list(translations.extract_calls(io.BytesIO(code), ["t", "N_"], [], {}))
    assert [(line, text) for line, _, text, _ in found] == [
        (2, "Een"), (3, "Twee"), (4, "Drie"), (8, "Vier {n}")
    ]  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small tree with the project's mapping: one module, and its English."""
    shutil.copytree(translations.MAPPING.parent, tmp_path / "dashboard" / "i18n",
                    ignore=shutil.ignore_patterns("*.py", "__pycache__"))  # fmt: skip
    (tmp_path / "dashboard" / "i18n" / "locale" / "en" / "LC_MESSAGES" / "wijkraad.po").unlink()
    (tmp_path / "dashboard" / "pages").mkdir()
    (tmp_path / "dashboard" / "pages" / "page.py").write_text(
        't("Goedemorgen")\nt("Het is {uur} uur", uur=9)\n', encoding="utf-8"
    )
    return tmp_path


def _english(root: Path) -> dict[str, tuple[str, bool]]:
    with translations.po_path("en", root).open("rb") as file:
        return {str(m.id): (str(m.string), m.fuzzy) for m in read_po(file) if m.id}


def _translate(root: Path, done: dict[str, str]) -> None:
    path = translations.po_path("en", root)
    with path.open("rb") as file:
        po = read_po(file, locale="en")
    for message in po:
        if message.id in done:
            message.string = done[str(message.id)]
            message.flags.discard("fuzzy")
    path.write_text(translations._text(po), encoding="utf-8")


def test_a_translators_round(project: Path) -> None:
    """New sentences arrive empty, a changed one keeps its old translation marked fuzzy,
    a removed one goes; check says what is left to do until it is done."""
    translations.extract(project)
    assert _english(project) == {"Goedemorgen": ("", False), "Het is {uur} uur": ("", False)}
    assert len(translations.problems(project)) == 2  # two to translate
    _translate(project, {"Goedemorgen": "Good morning", "Het is {uur} uur": "It is {hour}"})
    assert translations.problems(project) == [
        "en: other {blanks} than the sentence: 'Het is {uur} uur' -> 'It is {hour}'"
    ]
    _translate(project, {"Het is {uur} uur": "It is {uur} o'clock"})
    assert translations.problems(project) == []

    page = project / "dashboard" / "pages" / "page.py"
    page.write_text('t("Goedemiddag")\nt("Het is nu {uur} uur", uur=9)\n', encoding="utf-8")
    assert any("does not match the code" in p for p in translations.problems(project))
    translations.extract(project)
    english = _english(project)
    assert english["Het is nu {uur} uur"] == ("It is {uur} o'clock", True)  # to review
    assert english["Goedemiddag"][0] in ("", "Good morning")  # new (or a near match)
    assert "Goedemorgen" not in english  # gone: no obsolete entries
    assert "#~" not in translations.po_path("en", project).read_text(encoding="utf-8")
    assert any("fuzzy" in p for p in translations.problems(project))
    _translate(project, {"Het is nu {uur} uur": "It is now {uur} o'clock",
                         "Goedemiddag": "Good afternoon"})  # fmt: skip
    assert translations.problems(project) == []
    assert translations.extract(project) == []  # nothing changes a second time
    po = translations.po_path("en", project)  # nor when only the dates would
    po.write_text(po.read_text().replace("Creation-Date: 2", "Creation-Date: 1"))
    assert translations.extract(project) == []


def test_the_app_reads_the_english_once_and_quickly() -> None:
    catalog.translations.cache_clear()
    started = time.perf_counter()
    english = catalog.translations("en")
    took = time.perf_counter() - started
    assert english["Het geld van uw wijk"] == "Your neighbourhood's money"
    assert catalog.translations("en") is english  # cached: read once per process
    assert catalog.translations("fr") == {}  # no file: every sentence stays Dutch
    assert took < 2, took  # about 0.1 s (Babel's import and reading the file)


def test_a_fuzzy_or_empty_entry_shows_in_dutch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = tmp_path / "en" / "LC_MESSAGES" / "wijkraad.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid "Klaar"\nmsgstr "Done"\n\n#, fuzzy\nmsgid "Bezig"\nmsgstr "Busy"\n\n'
        'msgid "Nieuw"\nmsgstr ""\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalog, "LOCALE", tmp_path)
    assert dict(catalog.translations.__wrapped__("en")) == {"Klaar": "Done"}
