"""`journeykit render ...`: journey maps, worksheets, matrices, network maps and reports as files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from journeykit.cli.core import Group, Progress, State, pass_state
from journeykit.cli.options import (
    case_options,
    change_options,
    chosen_change,
    compare_options,
    data_options,
    export_options,
    journey_options,
    out_option,
    sweep_options,
)

if TYPE_CHECKING:
    from journeykit import model as m


@click.group(cls=Group)
def render() -> None:
    """Maak klantreiskaarten, werkbladen, matrices, netwerkkaarten en rapporten (HTML, Markdown, Mermaid, DOT)."""


def _write(out: str, files: Sequence[tuple[str, str | bytes]]) -> None:
    """Write the files into ``out``; then each HTML page also as PDF or PNG if asked (``export_options``)."""
    from journeykit.cli.files import write

    write(out, files)


def _journey(
    state: State,
    gemeente: str,
    persona: str,
    sleutelmoment: str,
    variant: str | None,
    ingang: str | None,
    vraag: str | None,
) -> tuple[m.Journey, list[m.Schending], m.Gemeente, m.Persona, m.Sleutelmoment]:
    """Walk one journey for a render command (its options as `journey_options` gives them).

    Returns the journey, its violations, and the gemeente, persona and sleutelmoment it was walked for.
    """
    from journeykit import api

    cat = state.open()
    j, sch = api.walk(cat, gemeente, persona, sleutelmoment, variant, ingang, vraag)
    return j, sch, cat.gemeente(gemeente, variant), cat.persona(persona), cat.sleutelmoment(sleutelmoment)


@render.command("map")
@journey_options
@out_option
@export_options
@data_options
@pass_state
def render_map(state: State, out: str, **journey: Any) -> None:
    """Een klantreiskaart (HTML met SVG, afdrukbaar op A3 liggend) en de Markdown-versie."""
    from journeykit import api
    from journeykit.render import outputs

    j, sch, g, p, sm = _journey(state, **journey)
    assert state.cat is not None  # opened by _journey
    risks = api.walk_risks(state.cat, j, sch, journey["ingang"])
    others = api.other_routes(state.cat, j, journey["ingang"])
    _write(out, outputs.journey_map(j, g, p, sm, sch, outputs.journey_name(j, journey["ingang"]), risks, others))


@render.command("mermaid")
@journey_options
@out_option
@data_options
@pass_state
def render_mermaid(state: State, out: str, **journey: Any) -> None:
    """Mermaid: een journey-diagram en een flowchart van de route."""
    from journeykit.render import outputs

    j, _, g, p, sm = _journey(state, **journey)
    _write(out, outputs.mermaid(j, g, p, sm, outputs.journey_name(j, journey["ingang"])))


@render.command("canvas")
@journey_options
@click.option("--from", "vergelijk", help="Variant om kansen en knelpunten tegen af te zetten.")
@out_option
@export_options
@data_options
@pass_state
def render_canvas(state: State, vergelijk: str | None, out: str, **journey: Any) -> None:
    """Een werkblad naar het sjabloon van Nijmegen (Bijlage 2), voorgevuld en met ruimte om te schrijven."""
    from journeykit import api
    from journeykit.analysis.diff import Geval
    from journeykit.render import outputs

    j, sch, g, p, sm = _journey(state, **journey)
    verschil = None
    if vergelijk:
        assert state.cat is not None  # opened by _journey
        geval = Geval(journey["persona"], journey["sleutelmoment"], j.vraag, journey["ingang"], None)
        d = api.diff(state.cat, state.cat.gemeente(journey["gemeente"], vergelijk), g, [geval])
        verschil = d.verschillen[0]
    _write(out, outputs.canvas(j, g, p, sm, sch, verschil, outputs.journey_name(j, journey["ingang"])))


@render.command("matrix")
@click.option("--gemeente", required=True, help="Gemeente waarin elke cel gelopen wordt.")
@click.option("--variant", help="Variant.")
@click.option("--groep", help="Alleen persona's uit deze groep.")
@click.option("--persona", "personas", multiple=True, help="Persona-id; herhaalbaar (standaard alle).")
@click.option("--sleutelmoment", "sleutelmomenten", multiple=True, help="Sleutelmoment-id; herhaalbaar.")
@out_option
@export_options
@data_options
@pass_state
def render_matrix(
    state: State,
    gemeente: str,
    variant: str | None,
    groep: str | None,
    personas: tuple[str, ...],
    sleutelmomenten: tuple[str, ...],
    out: str,
) -> None:
    """Persona's x sleutelmomenten: zo denken zij / speel er zo op in, en de uitkomst per cel."""
    from journeykit import api
    from journeykit.errors import keuzes
    from journeykit.render import outputs

    cat = state.open()
    g = cat.gemeente(gemeente, variant)
    ps = [cat.persona(x) for x in personas] or sorted(
        (p for p in cat.personas.values() if groep is None or p.groep == groep), key=lambda p: p.id
    )
    sms = [cat.sleutelmoment(x) for x in sleutelmomenten] or sorted(cat.sleutelmomenten.values(), key=lambda s: s.id)
    if not ps:
        groepen = sorted({p.groep for p in cat.personas.values() if p.groep})
        raise click.BadParameter(f"geen persona's in groep '{groep}'; {keuzes(groepen)}", param_hint="--groep")
    # a cell that cannot happen (a sleutelmoment not for this persona, a question not for this klantreis) stays empty
    journeys, opgelost = api.matrix_cells(cat, gemeente, variant, ps, sms)
    _write(out, outputs.matrix(g, ps, sms, journeys, opgelost) + outputs.matrix_tables(g, ps, sms, journeys, opgelost))


@render.command("network")
@click.option("--gemeente", required=True, help="Gemeente-id.")
@click.option("--variant", help="Variant.")
@out_option
@export_options
@data_options
@pass_state
def render_network(state: State, gemeente: str, variant: str | None, out: str) -> None:
    """Het verwijsnetwerk: wie verwijst naar wie (HTML met SVG, en Graphviz DOT)."""
    from journeykit.render import outputs

    cat = state.open(needs=(), data_needed=False)
    _write(out, outputs.network(cat.gemeente(gemeente, variant)))


@render.command("compare")
@compare_options
@out_option
@export_options
@data_options
@pass_state
def render_compare(
    state: State,
    persona: str,
    sleutelmoment: str,
    vraag: str | None,
    gemeenten: tuple[str, ...],
    per_ingang: bool,
    out: str,
) -> None:
    """Het vergelijkingsrapport als HTML-tabel en Markdown."""
    from journeykit import api
    from journeykit.render import outputs

    cat = state.open()
    v = api.compare(cat, persona, sleutelmoment, gemeenten, per_ingang, vraag)
    _write(out, outputs.compare_report(v, cat) + outputs.compare_tables(v, cat))


@render.command("loops")
@sweep_options
@out_option
@export_options
@data_options
@pass_state
def render_loops(state: State, gemeente: str | None, variant: str | None, out: str) -> None:
    """Het lussenrapport als HTML-tabellen en Markdown."""
    from journeykit import api
    from journeykit.render import outputs
    from journeykit.render.files import slug

    cat = state.open()
    with Progress() as progress:
        rapport = api.loops(cat, gemeente, variant, progress=progress)
    name = "lussen-" + slug(*[x for x in (gemeente, variant) if x]) if gemeente or variant else "lussen"
    _write(out, outputs.loops_report(rapport, cat, name))


@render.command("reizen")
@out_option
@export_options
@data_options
@pass_state
def render_reizen(state: State, out: str) -> None:
    """Een kaart, werkblad en Mermaid-diagrammen voor elke reiscasus in journeys/."""
    from journeykit import api
    from journeykit.render import outputs
    from journeykit.render.files import slug

    cat = state.open()
    files: list[tuple[str, str]] = []
    for r in api.check_reizen(cat):
        g = cat.gemeente(r.journey.gemeente, r.journey.variant)
        p, sm = cat.persona(r.reis.persona), cat.sleutelmoment(r.reis.sleutelmoment)
        for c in api.case_maps(cat, r):  # a household: one per question
            name = slug(c.naam)
            files += outputs.journey_map(c.journey, g, p, sm, c.schendingen, name, c.risicos, c.andere_routes)
            files += outputs.canvas(c.journey, g, p, sm, c.schendingen, None, name)
            files += outputs.mermaid(c.journey, g, p, sm, name)
    _write(out, files)


@render.command("diffmap")
@change_options
@case_options
@out_option
@export_options
@data_options
@pass_state
def render_diffmap(
    state: State,
    gemeente: str | None,
    van: str | None,
    naar: str | None,
    persona: str,
    sleutelmoment: str,
    vraag: str | None,
    ingang: str | None,
    out: str,
) -> None:
    """Voor en na naast elkaar: één reis in twee situaties (--from/--to, of een --scenario), fasen recht onder
    elkaar, elk verschil gemarkeerd en de cijfers vergeleken."""
    from journeykit import api
    from journeykit.render import outputs

    cat = state.open()
    before, after = chosen_change(cat, gemeente, van, naar)
    v, sv, sn = api.diff_case(cat, before, after, persona, sleutelmoment, vraag, ingang)
    p, sm = cat.persona(persona), cat.sleutelmoment(sleutelmoment)
    _write(out, outputs.diffmap(v, before, after, p, sm, sv, sn))
