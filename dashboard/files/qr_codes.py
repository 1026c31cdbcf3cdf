"""QR codes for letters, fast enough for a letter to every resident: each address as an
inline SVG, made from a template of its kind of address instead of encoded anew.

The letters of one draw or vote differ only in the code at the end of their addresses
('.../resident_vote?code=K7QM-2XHD'). With the same length, error level and mask, a QR
code's modules are an affine function of its data bits over GF(2): the data fill the
codewords bit by bit, Reed-Solomon's error correction is linear over GF(256) (whose sum
is XOR), and placing and masking the bits only moves them and XORs a fixed pattern. So
the template is segno's QR code of the address with 'A's in place of the code (`base`),
and for each bit of the code's characters the modules that flipping it flips
(`effects`, found with segno as well); a letter's QR code is `base` XOR the effects of
the bits in which its code differs from the 'A's. That is what segno would make with the
template's mask (tests/files/test_qr_codes.py compares them), about 40 times faster: a
QR code takes segno some 2 ms with a fixed mask and 7 ms with its mask search, 20,000 of
them minutes. The mask is the one segno chooses for the template; any of the eight is a
valid QR code, and the letters' addresses differ in a few characters only.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import segno

ERROR = "m"  # error correction: 15% of the code may be damaged (segno raises it if it fits)
BORDER = 4  # the quiet zone around the code, in modules (as the standard asks)
VARIABLE = 12  # the last characters of an address that may differ from letter to letter
SIGN_UP_TITLE = "QR-code van het adres om u aan te melden"


@dataclass(frozen=True)
class _Template:
    mask: int
    base: np.ndarray  # the template's modules, flat (uint8, 1 dark)
    tail: np.ndarray  # the template's last VARIABLE bytes
    effects: np.ndarray  # per bit of those bytes (most significant first): what it flips
    size: int  # modules a side


def qr_svg(address: str, title: str = SIGN_UP_TITLE) -> str:
    """`address` as a QR code, an SVG to put inline in HTML (it scales with its CSS)."""
    return svg(qr_matrix(address), title)


def qr_matrix(address: str) -> np.ndarray:
    """The QR code's modules (rows of 0 and 1, without the quiet zone): those of
    `segno.make(address, error=ERROR, micro=False, mask=M)` with M the mask of the
    address's template."""
    data = address.encode("ascii", errors="replace")
    if len(data) <= VARIABLE or not address.isascii() or address.upper() == address:
        # No address of a letter (quoted, with lower case: bytes to segno): segno itself.
        return _matrix(segno.make(address, error=ERROR, micro=False))
    template = _template(data[:-VARIABLE], len(data))
    differ = np.unpackbits(np.frombuffer(data[-VARIABLE:], np.uint8) ^ template.tail)
    flipped = template.effects[differ.astype(bool)]
    modules = (
        template.base ^ np.bitwise_xor.reduce(flipped, axis=0) if len(flipped) else template.base
    )
    return modules.reshape(template.size, template.size)


@lru_cache(maxsize=16)
def _template(head: bytes, length: int) -> _Template:
    """The template for addresses that start with `head` and are `length` bytes long."""
    tail = b"A" * (length - len(head))
    mask = segno.make(head + tail, error=ERROR, micro=False, mode="byte").mask
    square = _bytes_matrix(head + tail, mask)
    base = square.ravel()
    effects = []
    for position in range(len(head), length):
        for bit in range(8):
            flipped = bytearray(head + tail)
            flipped[position] ^= 0x80 >> bit
            effects.append(_bytes_matrix(bytes(flipped), mask).ravel() ^ base)
    tail_bytes = np.frombuffer(tail, np.uint8)
    return _Template(mask, base, tail_bytes, np.array(effects), square.shape[0])


def _bytes_matrix(data: bytes, mask: int) -> np.ndarray:
    return _matrix(segno.make(data, error=ERROR, micro=False, mode="byte", mask=mask))


def _matrix(code: segno.QRCode) -> np.ndarray:
    return np.array(code.matrix, dtype=np.uint8)


def svg(modules: np.ndarray, title: str) -> str:
    """The modules as an SVG with a quiet zone: a line of stroke 1 for each run of dark
    modules in a row (as segno draws them; a run that crosses one of the row's bytes is
    two lines end to end, the same ink), read from a table of every byte's lines."""
    size = modules.shape[0]
    table = _lines(size)
    packed = np.packbits(modules, axis=1)  # a row's modules, eight to a byte
    chunks = packed.shape[1]
    index = (np.arange(size * chunks).reshape(size, chunks) << 8) | packed
    path = "".join([table[i] for i in index.ravel().tolist()])
    width = size + 2 * BORDER
    return (
        f'<svg viewBox="0 0 {width} {width}" class="qr"><title>{html.escape(title)}</title>'
        f'<path class="qrline" stroke="#000" d="{path}"/></svg>'
    )


@lru_cache(maxsize=8)
def _lines(size: int) -> tuple[str, ...]:
    """For a code of `size` modules a side: per row, per byte of the row and per value of
    that byte, the path of its runs of dark modules (index: (row * bytes + byte) * 256 +
    value)."""
    chunks = (size + 7) // 8
    table = []
    for row in range(size):
        for chunk in range(chunks):
            for value in range(256):
                bits = [(value >> (7 - b)) & 1 for b in range(8)] + [0]
                path, start = [], None
                for b, bit in enumerate(bits):
                    if bit and start is None:
                        start = b
                    elif not bit and start is not None:
                        x = chunk * 8 + start + BORDER
                        path.append(f"M{x} {row + BORDER}.5h{b - start}")
                        start = None
                table.append("".join(path))
    return tuple(table)
