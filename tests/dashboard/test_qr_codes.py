"""The letters' QR codes from a template (dashboard/files/qr_codes.py): module for module
what segno makes of the same address with the template's mask, for every code tried, and
drawn in the SVG exactly as they are."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
import segno

from dashboard.files import qr_codes
from dashboard.files.draw_documents import signup_link

PAGES = (
    "http://127.0.0.1:8501/resident_vote",
    "http://127.0.0.1:8501/resident_signup",
    "https://wijkraad.wijkdam.nl/resident_vote",
    "https://participatie.gemeente-wijkdam.nl/bewoners/wijkraad/resident_signup",
)
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def segno_modules(address: str, mask: int | None = None) -> np.ndarray:
    code = segno.make(address, error=qr_codes.ERROR, micro=False, mask=mask)
    return np.array(code.matrix, dtype=np.uint8)


def template_mask(address: str) -> int:
    data = address.encode()
    return qr_codes._template(data[: -qr_codes.VARIABLE], len(data)).mask


def some_codes(count: int, seed: int) -> list[str]:
    draw = random.Random(seed)
    codes = ["".join(draw.choice(ALPHABET) for _ in range(8)) for _ in range(count)]
    return [f"{c[:4]}-{c[4:]}" for c in codes] + ["AAAA-AAAA", "ZZZZ-ZZZZ", "2222-2222"]


@pytest.mark.parametrize("page", PAGES)
def test_every_letters_qr_code_is_what_segno_makes_with_the_templates_mask(page: str) -> None:
    addresses = [signup_link(page, code) for code in some_codes(150, len(page))]
    mask = template_mask(addresses[0])
    for address in addresses:
        assert template_mask(address) == mask  # one template for all the letters of a page
        assert np.array_equal(qr_codes.qr_matrix(address), segno_modules(address, mask)), address


def test_the_templates_mask_is_the_one_segno_chooses_for_it() -> None:
    address = signup_link(PAGES[0], "K7QM-2XHD")
    head = address[: -qr_codes.VARIABLE]
    template = head + "A" * qr_codes.VARIABLE
    assert template_mask(address) == segno.make(template, error="m", micro=False).mask


def test_an_address_unlike_a_letters_is_made_by_segno_itself() -> None:
    for address in ("K7QM-2XHD", "https://wijkdam.nl/ë?code=K7QM-2XHD", "x",
                    "HTTPS://WIJKDAM.NL/STEM/K7QM-2XHD"):  # fmt: skip
        assert np.array_equal(qr_codes.qr_matrix(address), segno_modules(address))


def test_the_svg_draws_exactly_the_modules_with_a_quiet_zone_and_a_title() -> None:
    address = signup_link(PAGES[0], "K7QM-2XHD")
    modules = qr_codes.qr_matrix(address)
    picture = qr_codes.qr_svg(address, "QR-code <van> het adres")
    size = modules.shape[0] + 2 * qr_codes.BORDER
    assert picture.startswith(f'<svg viewBox="0 0 {size} {size}" class="qr">')
    assert "<title>QR-code &lt;van&gt; het adres</title>" in picture
    drawn = np.zeros((size, size), np.uint8)
    path = re.search(r' d="([^"]*)"', picture)
    assert path is not None
    for x, y, length in re.findall(r"M(\d+) (\d+)\.5h(\d+)", path.group(1)):
        assert not drawn[int(y), int(x) : int(x) + int(length)].any()  # no line drawn twice
        drawn[int(y), int(x) : int(x) + int(length)] = 1
    border = qr_codes.BORDER
    assert np.array_equal(drawn[border:-border, border:-border], modules)
    assert not drawn[:border].any() and not drawn[-border:].any()
    assert not drawn[:, :border].any() and not drawn[:, -border:].any()
