"""Decide how a text file is encoded, exactly, for the five cx languages.

UTF-8 (with or without BOM) and UTF-16 are recognised by their bytes; other files are
scored as Windows-1257 (lt/lv/et), Windows-1251 (ru) and Latin-1/Windows-1252, by how
plausible the decoded letters are for those languages.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["BINARY", "decode_text", "detect_encoding", "looks_binary"]

BINARY = "binary"
_SAMPLE = 1 << 20
_CHUNK = 8 << 20

_BALTIC = set("ąčęėįšųūžāēģīķļņõäöüĄČĘĖĮŠŲŪŽĀĒĢĪĶĻŅÕÄÖÜ")
_WESTERN = set("äöüõéèàçßñáíóúâêîôûëïåøæœšžÄÖÜÕÉÈÀÇÑÁÍÓÚÂÊÎÔÛËÏÅØÆŒŠŽ")
_WESTERN_ODD = set("ðþÐÞ")
_UKRAINIAN = set("іїєґўІЇЄҐЎ")
_PUNCTUATION = set("–—‘’‚“”„«»…€°©®±×·§¶№•™\u00a0\u00ad¢£¥¼½¾²³¹µ")
_WORD = re.compile(r"\w+")
_NON_WORD_HIGH = re.compile(r"[^\x00-\x7f\w]")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _letter_weight(ch: str, encoding: str) -> float:
    """How plausible one non-ASCII letter is under a candidate encoding."""
    if encoding == "cp1257":
        return 1.0 if ch in _BALTIC else -1.0
    if encoding == "cp1251":
        if _is_cyrillic(ch):
            return 0.5 if ch in _UKRAINIAN else 1.0
        return -1.0
    if ch in _WESTERN:
        return 1.0
    return -1.0 if ch in _WESTERN_ODD or _is_cyrillic(ch) else 0.0


def _score(text: str, encoding: str) -> float:
    """Plausibility of decoded text: rewards expected letters, punishes junk."""
    score = 0.0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        letters = [c for c in word if c.isalpha()]
        high = [c for c in letters if not c.isascii()]
        cyrillic = sum(_is_cyrillic(c) for c in letters)
        if cyrillic and cyrillic < len(letters):
            score -= 2.0 * len(high)
        elif not cyrillic and len(letters) >= 3 and len(high) * 2 > len(letters):
            score -= len(high)
        else:
            score += sum(_letter_weight(c, encoding) for c in high)
    for ch in _NON_WORD_HIGH.findall(text):
        if "\x80" <= ch <= "\x9f":
            score -= 3.0
        elif ch not in _PUNCTUATION and not ch.isspace():
            score -= 0.5
    return score


def looks_binary(sample: bytes) -> bool:
    """True when bytes hold NULs or many control characters (not a text table)."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(
        sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13)
    )
    return controls > max(2, len(sample) // 100)


def _utf16_without_bom(sample: bytes) -> str | None:
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 8:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _valid_utf8(data: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(data[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(data: bytes) -> str:
    """Name the codec that decodes ``data`` exactly, or BINARY when it is not text.

    >>> detect_encoding("Ąžuolas, ačiū".encode("cp1257"))
    'cp1257'
    >>> detect_encoding("Оператор грубил".encode("cp1251"))
    'cp1251'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:_SAMPLE]
    utf16 = _utf16_without_bom(head[:4096])
    if utf16:
        return utf16
    if looks_binary(head[:65536]):
        return BINARY
    if _valid_utf8(data):
        return "utf-8"
    best: tuple[float, str] | None = None
    for encoding in ("cp1257", "cp1251", "latin-1"):
        try:
            text = head.decode(encoding)
            if len(data) > len(head):
                data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _score(text, encoding)
        if best is None or score > best[0]:
            best = (score, encoding)
    assert best is not None  # latin-1 decodes every byte
    encoding = best[1]
    if encoding == "latin-1" and re.search(rb"[\x80-\x9f]", data):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            return "latin-1"
    return encoding


def decode_text(data: bytes, encoding: str) -> str:
    """Decode exactly (strict); a byte-order mark is dropped."""
    return data.decode(encoding)
