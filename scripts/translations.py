"""Translations as gettext files: extract the Dutch sentences, check the translations.

    python scripts/translations.py extract   # the code's sentences into the .pot and each .po
    python scripts/translations.py check     # every sentence translated, nothing left over

The Dutch sentence is the message id. `extract` finds every literal `t("...")` and
`N_("...")` (dashboard/domain/translatable.py) in the files dashboard/i18n/babel.cfg names,
with Babel, writes the template dashboard/i18n/locale/wijkraad.pot and updates each
language's dashboard/i18n/locale/<language>/LC_MESSAGES/wijkraad.po from it: a new sentence
gets an empty translation, a changed one keeps its old translation marked `fuzzy` for a
translator to look at, a sentence no longer in the code goes. `check` (and
tests/dashboard/test_translations.py) fails while a translation is empty or fuzzy, has
other `{blanks}` than its sentence, or the files do not match the code.
"""

from __future__ import annotations

import ast
import string
import sys
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script; babel.cfg names scripts.translations
    sys.path.insert(0, str(REPO))

from dashboard.i18n.catalog import DOMAIN, LOCALE, po_file  # noqa: E402

MAPPING = LOCALE.parent / "babel.cfg"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS: dict[str, Any] = {"t": None, "N_": None}
LANGUAGES = {"en": "English"}  # every language but Dutch, the language of the code
# Lines of a gettext header that change at every run; they never make a file differ.
_DATED = ('"POT-Creation-Date', '"PO-Revision-Date')


HEADER = """\
# {what} for Wijkraad. The msgid is the Dutch sentence in the code; msgstr its translation.
# Made and updated by `python scripts/translations.py extract`; see the README, Language.
#"""


def po_path(language: str, root: Path = REPO) -> Path:
    return po_file(language, root / LOCALE.relative_to(REPO))


def _catalog(language: str | None = None) -> Catalog:
    return Catalog(
        locale=language,
        domain=DOMAIN,
        project="Wijkraad",
        version="1",
        copyright_holder="the Wijkraad project",
        header_comment=HEADER.format(what=LANGUAGES[language] if language else "Sentences"),
        msgid_bugs_address="the Wijkraad project",
        last_translator="the Wijkraad project",
        language_team=LANGUAGES[language] if language else "",
        fuzzy=False,
    )


def extract_calls(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: object, options: object
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: the literal first argument of every call of a keyword
    (`t`, `N_`) in a Python file, read from its syntax tree, so a `t()` inside an f-string
    counts too. A call with anything else first (a variable) is not a message."""
    found = []
    for node in ast.walk(ast.parse(fileobj.read())):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in keywords
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.col_offset, node.func.id, node.args[0].value))
    for lineno, _, keyword, text in sorted(found):
        yield lineno, keyword, text, []


def extracted(root: Path = REPO) -> Catalog:
    """The template: every sentence of the code, with the files it is in."""
    with (root / MAPPING.relative_to(REPO)).open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    catalog = _catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def _text(catalog: Catalog) -> str:
    from io import BytesIO

    buffer = BytesIO()
    # Files without line numbers: the entries stay put while the code around them moves.
    write_po(buffer, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue().decode("utf-8")


def _undated(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(_DATED))


def _write(path: Path, catalog: Catalog) -> bool:
    """Write `catalog` unless only its dates would change; True when written."""
    text = _text(catalog)
    if path.exists() and _undated(path.read_text(encoding="utf-8")) == _undated(text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def extract(root: Path = REPO) -> list[str]:
    """Write the template and update every language's catalog; what changed, in words."""
    template = extracted(root)
    said = []
    if _write(root / TEMPLATE.relative_to(REPO), template):
        said.append(f"{TEMPLATE.relative_to(REPO)}: {len(template)} sentences")
    for language in LANGUAGES:
        path = po_path(language, root)
        catalog = read(path, language) if path.exists() else _catalog(language)
        before = {m.id for m in catalog if m.id}
        catalog.update(template, update_header_comment=False)
        after = {m.id for m in catalog if m.id}
        if _write(path, catalog):
            new, gone = len(after - before), len(before - after)
            said.append(f"{path.relative_to(root)}: {new} new, {gone} gone, {_todo(catalog)}")
    return said


def _todo(catalog: Catalog) -> str:
    empty = sum(1 for m in catalog if m.id and not m.string)
    fuzzy = sum(1 for m in catalog if m.id and m.fuzzy)
    return f"{empty} to translate, {fuzzy} to review (fuzzy)"


def blanks(text: str) -> set[str]:
    """The `{names}` a sentence has (ValueError for a lone brace)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def problems(root: Path = REPO) -> list[str]:
    """Everything that stops the translations from matching the code, one line each."""
    template = extracted(root)
    wanted = {str(m.id) for m in template if m.id}
    found: list[str] = []
    pot = root / TEMPLATE.relative_to(REPO)
    if not pot.exists() or {str(m.id) for m in read(pot) if m.id} != wanted:
        found.append(f"{TEMPLATE.relative_to(REPO)} does not match the code: run extract")
    for language in LANGUAGES:
        path = po_path(language, root)
        if not path.exists():
            found.append(f"{path.relative_to(root)} is missing: run extract")
            continue
        found += _language_problems(language, read(path, language), template)
    return found


def _language_problems(language: str, catalog: Catalog, template: Catalog) -> list[str]:
    found = []
    have = {str(m.id): m for m in catalog if m.id}
    for message in template:
        if not message.id:
            continue
        dutch = str(message.id)
        where = ", ".join(sorted({file for file, _ in message.locations}))
        entry = have.get(dutch)
        if entry is None:
            found.append(f"{language}: not in the .po (run extract): {dutch!r} ({where})")
        elif not entry.string:
            found.append(f"{language}: no translation: {dutch!r} ({where})")
        elif entry.fuzzy:
            found.append(f"{language}: fuzzy, review and remove the mark: {dutch!r} ({where})")
        else:
            found += _blank_problems(language, dutch, str(entry.string))
    for dutch in sorted(set(have) - {str(m.id) for m in template if m.id}):
        found.append(f"{language}: no longer in the code (run extract): {dutch!r}")
    for message in catalog.obsolete.values():
        found.append(f"{language}: obsolete entry left in the .po: {str(message.id)!r}")
    return found


def _blank_problems(language: str, dutch: str, translated: str) -> list[str]:
    try:
        if blanks(translated) != blanks(dutch):
            return [f"{language}: other {{blanks}} than the sentence: {dutch!r} -> {translated!r}"]
    except ValueError as exc:
        return [f"{language}: not a sentence with {{blanks}} ({exc}): {translated!r}"]
    return []


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "extract":
        print("\n".join(extract()) or "nothing changed")
        return 0
    if command == "check":
        found = problems()
        print("\n".join(found) or "every sentence is translated")
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
