"""Plain Dutch text for people at a terminal: numbered routes, tables and summaries."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from journeykit import model as m
from journeykit.errors import getal, zichtbaar
from journeykit.render.templating import NIVEAU_NAAM

if TYPE_CHECKING:
    pass

ACTIE_ZIN = {
    "oplossen": "lost de vraag op",
    "samenwerken": "werkt samen aan een oplossing",
    "verwijzen-warm": "draagt warm over aan",
    "verwijzen-lauw": "draagt lauw over aan",
    "verwijzen-koud": "verwijst koud door naar",
    "afwijzen": "wijst af ('niet voor ons')",
    "verhelderen": "zoekt de vraag achter de vraag",
    "geen-regel": "weet geen antwoord: geen regel past",
    "onbereikbaar": "is voor deze persona niet bereikbaar",
    "python": "beslist via een plugin",
}


def actie_kort(a: m.Actie, g: m.Gemeente) -> str:
    """What an action does, in a few words: 'draagt warm over aan Wmo-loket'."""
    if a.soort == "verwijzen":
        return f"{ACTIE_ZIN['verwijzen-' + (a.overdracht or 'koud')]} {g.ingang_naam(a.naar or '')}"
    return ACTIE_ZIN.get(a.soort, a.soort)


UITKOMST_NAAM = {
    "opgelost": "opgelost",
    "buiten-taak": "beantwoord buiten de eigen taak",
    "afgehaakt": "afgehaakt",
    "kastje-naar-de-muur": "van het kastje naar de muur",
    "staplimiet": "staplimiet bereikt",
}


def terminal(text: str) -> str:
    """Text for a terminal: every control character, bidi override and invisible mark from data shown as an escape.

    Names come from YAML and plugins; raw, an ESC sequence could clear the screen, set the window
    title or write the clipboard (OSC 52), and a bidi override could make a line read differently.
    Line breaks are ours and stay.
    """
    return "\n".join(zichtbaar(line) for line in text.split("\n"))


# Characters json.dumps leaves raw (it escapes only C0 controls): C1 controls, bidi overrides, invisibles.
_JSON_ONZICHTBAAR = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def json_text(data: Any) -> str:
    """JSON for output: readable UTF-8, with the characters that could act on a terminal as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    # These characters can only occur inside JSON strings, where a \u escape means the same.
    return _JSON_ONZICHTBAAR.sub(lambda mt: f"\\u{ord(mt.group()):04x}", text)


def dagen_tekst(dagen: int, onbekend: int | bool) -> str:
    """Days as people read them: 'onbekend' when nobody knows, '≥ 3' when only part is known."""
    if not onbekend:
        return str(dagen)
    return "onbekend" if not dagen else f"≥ {dagen}"


def kosten_tekst(kosten: float, onbekend: int | bool) -> str:
    """Costs as people read them: 'onbekend' when nobody knows, '≥ € 300' when only part is known."""
    if not onbekend:
        return euro(kosten)
    return "onbekend" if not kosten else f"≥ {euro(kosten)}"


def totaal_tekst(x: float | None) -> str:
    """A total in a diff: 'onbekend' when no case knows it."""
    if x is None:
        return "onbekend"
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def euro(bedrag: float) -> str:
    return f"€ {getal(bedrag)}"


def meervoud(n: int, een: str, meer: str) -> str:
    return f"{n} {een if n == 1 else meer}"


def samenvatting(j: m.Journey) -> str:
    mt = j.metrieken
    parts = [
        meervoud(mt.contacten_inwoner, "contact", "contacten"),
        meervoud(mt.warme_overdrachten, "warme overdracht", "warme overdrachten"),
        *([meervoud(mt.lauwe_overdrachten, "lauwe overdracht", "lauwe overdrachten")] if mt.lauwe_overdrachten else []),
        meervoud(mt.koude_verwijzingen, "koude verwijzing", "koude verwijzingen"),
        f"{mt.herhalingen}× opnieuw verteld",
        f"wachttijd {dagen_tekst(mt.dagen, mt.dagen_onbekend)} {'dag' if mt.dagen == 1 else 'dagen'}"
        if mt.dagen_onbekend and mt.dagen
        else "wachttijd onbekend"
        if mt.dagen_onbekend
        else meervoud(mt.dagen, "dag", "dagen"),
        meervoud(mt.organisaties, "organisatie", "organisaties"),
    ]
    parts.append(f"kosten {kosten_tekst(mt.kosten, mt.kosten_onbekend)} per cliënt")
    return " · ".join(parts)


def uitkomst_tekst(j: m.Journey, g: m.Gemeente) -> str:
    u = j.uitkomst
    text = UITKOMST_NAAM[u.soort]
    if u.niveau:
        text += f" ({u.niveau})"
    route = " → ".join(g.ingang_naam(x) for x in u.lus)
    if u.lus and u.soort == "kastje-naar-de-muur":
        return f"{text}: {route}"
    text = f"{text}. {u.reden}" if u.reden else text
    # sent round on the way, and went on from there
    return f"{text}. Onderweg teruggestuurd: {route}" if u.lus else text


def uitkomst_kort(u: m.Uitkomst) -> str:
    """The outcome and its level, as a table cell."""
    return UITKOMST_NAAM[u.soort] + (f" ({u.niveau})" if u.niveau else "")


def rust_op(j: m.Journey) -> str:
    """What a walked route rests on, in one sentence."""
    n = len(j.aannames)
    if not n:
        return "Deze reis rust geheel op de bronnen."
    return f"Deze reis rust op {meervoud(n, 'aanname', 'aannames')}: regel " + ", ".join(j.aannames) + "."


def journey_text(
    j: m.Journey, g: m.Gemeente, persona: m.Persona, sm: m.Sleutelmoment, schendingen: Sequence[m.Schending] = ()
) -> str:
    vraag = sm.vraag(j.vraag)
    lines = [
        f"Reis van {persona.naam} ({persona.leeftijd}) in {g.naam} — {g.variant_naam()}",
        f"Sleutelmoment: {sm.naam} · vraag: {vraag.omschrijving} ({vraag.soort})",
        "",
    ]
    for s in j.stappen:
        ingang = g.ingang(s.ingang)
        how = {
            "start": "eerste contact",
            "warm": "warm overgedragen",
            "lauw": "lauw overgedragen: zelf contact, de informatie ging mee",
            "koud": "zelf opnieuw contact",
            "verheldering": "zelfde ingang, verhelderde vraag",
        }[s.aangekomen]
        detail = [how]
        if s.kanaal:
            detail.append(s.kanaal)
        detail.append(s.organisatie)
        lines.append(f"{s.nummer:>2}. {ingang.naam}  [{' · '.join(detail)}]")
        wie = "De inwoner neemt zelf contact op." if s.contact_inwoner else "Geen nieuw contact nodig voor de inwoner."
        if s.opnieuw_verteld:
            wie += " Het verhaal moet opnieuw verteld worden."
        lines.append(f"    Wie: {wie}")
        wat = f"{ingang.naam} {ACTIE_ZIN.get(s.actie, s.actie)}"
        if s.naar:
            wat += (
                f" {g.ingang_naam(s.naar)}" if s.actie.startswith("verwijzen") else f"; noemt {g.ingang_naam(s.naar)}"
            )
        if s.met:
            wat += " met " + ", ".join(g.ingang_naam(x) for x in s.met)
        if s.niveau:
            wat += f" (niveau: {s.niveau})"
        if s.actie == "verhelderen":
            wat += f": “{_vraag_tekst(sm, s.vraag)}” wordt “{_vraag_tekst(sm, _next_vraag(j, s))}”"
        lines.append(f"    Wat: {wat}")
        if s.regel:
            why = f"regel {s.regel}"
            if s.toelichting:
                why += f": {s.toelichting}"
            lines.append(f"    Waarom: {why}")
            lines.append(f"    Herkomst ({NIVEAU_NAAM[s.herkomst.niveau]}): {s.herkomst}")
        if s.dagen or s.dagen_onbekend:
            wacht = dagen_tekst(s.dagen, s.dagen_onbekend)
            lines.append(
                f"    Wachten: {wacht}" + ("" if wacht == "onbekend" else " dag" if s.dagen == 1 else " dagen")
            )
    lines += ["", f"Uitkomst: {uitkomst_tekst(j, g)}", f"Samenvatting: {samenvatting(j)}", rust_op(j)]
    if schendingen:
        lines.append("Knelpunten:")
        names = {p.id: p.naam for p in g.principes}
        lines += [f"  - {names.get(x.principe, x.principe)}: {x.uitleg}" for x in schendingen]
    return "\n".join(lines) + "\n"


def _vraag_tekst(sm: m.Sleutelmoment, vraag_id: str) -> str:
    """A question in the resident's words (its id when the sleutelmoment has no such question)."""
    return next((v.omschrijving for v in sm.vragen if v.id == vraag_id), vraag_id)


def _next_vraag(j: m.Journey, s: m.Stap) -> str:
    later = [x for x in j.stappen if x.nummer > s.nummer]
    return later[0].vraag if later else "?"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain aligned table (deterministic, no terminal tricks)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    out = []
    for n, r in enumerate(cells):
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


def block(lines: Iterable[str]) -> str:
    """Lines as one text, each ended by a line break."""
    return "".join(f"{line}\n" for line in lines)


def wijziging_tekst(w: Any) -> str:
    """One change between two journeys ('contacten: 2 → 4 (slechter)')."""
    mark = {True: " (beter)", False: " (slechter)", None: ""}[w.beter]
    return f"{w.wat}: {w.voor} → {w.na}{mark}"
