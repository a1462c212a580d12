"""Dutch for click: the usage lines, help pages and error messages that click itself writes.

journeykit's own texts are Dutch; without this, click's frame around them ("Usage:", "Error:
Missing option", "Show this message and exit.") is English. click marks all of those texts for
gettext: each of its modules does ``from gettext import gettext as _`` (and ``ngettext``) and
calls ``_("...")`` when it needs a text. ``install_dutch_click()`` points those module names at
lookups in the table below.

Why this way and not a gettext catalogue (a .mo file plus ``gettext.install``/``textdomain``):
click uses gettext's global default domain, so a catalogue would also translate every other
library that does, and which catalogue is used depends on the user's LANGUAGE/LANG settings.
Replacing the names in click's own modules touches only click, always gives Dutch, needs no
compiled file, and costs a few dictionary look-ups.

Two kinds of text are not marked for gettext, and are handled here too or left alone:
- the names of click's parameter types ("text", "integer"), shown as metavar (``--gemeente TEXT``)
  and inside messages ("'x' is not a valid integer."): renamed on the type classes below;
- "[OPTIONS]" and "COMMAND [ARGS]..." in usage lines: arguments of each command, so the CLI sets
  them where it defines its commands.

Call ``install_dutch_click()`` before the commands are defined: click fixes some texts when an
option is made (the help text of ``--version``, the names of path types).
"""

from __future__ import annotations

import importlib
import sys

# Every click module that imports gettext's functions (tests/test_i18n.py checks this list against
# click's source, so a click upgrade that adds one is noticed).
CLICK_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "shell_completion",
    "termui",
    "types",
    "utils",
    "_termui_impl",
    "_winconsole",
)

# click's message → the Dutch text, with the same {}- and %()-placeholders. Like journeykit's own
# messages these start in lower case after "fout: ". Grouped by the click module that shows them.
MESSAGES: dict[str, str] = {
    # core.py
    "Aborted!": "afgebroken",
    "deprecated": "verouderd",
    "Missing command.": "opdracht ontbreekt.",
    "required": "verplicht",  # passed to _() as a variable: extra["required"]
    "Options": "Opties",
    "Positional arguments": "Argumenten",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "waarschuwing: de opdracht {name!r} is verouderd.{extra_message}",
    "Commands": "Opdrachten",
    "Value must be an iterable.": "de waarde moet een reeks zijn.",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "waarschuwing: {param_type} {name!r} is verouderd.{extra_message}",
    "Could not determine name for option with declarations {decls!r}": "kan geen naam bepalen voor de optie met declaraties {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean "
    "to pass '--{name}'?": "geen opties gedefinieerd, maar wel een naam ({name}). Bedoelde je een argument? Of bedoelde je '--{name}'?",
    "env var: {var}": "omgevingsvariabele: {var}",
    "default: {default}": "standaard: {default}",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "een argument heeft precies één parameterdeclaratie, niet {length}: {decls}.",
    "(dynamic)": "(dynamisch)",
    "Name '{name}' defined twice": "naam '{name}' is twee keer gedefinieerd",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "ja/nee-optie {decl!r} kan niet dezelfde vlag gebruiken voor ja en voor nee.",
    # decorators.py
    "Do you want to continue?": "Wil je doorgaan?",
    "Confirm the action without prompting.": "Bevestig de actie zonder het te vragen.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Show the version and exit.": "Toon het versienummer en stop.",
    "Show this message and exit.": "Toon deze hulp en stop.",
    # exceptions.py
    "Error: {message}": "fout: {message}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor hulp.",
    "Invalid value: {message}": "ongeldige waarde: {message}",
    "Invalid value for {param_hint}: {message}": "ongeldige waarde voor {param_hint}: {message}",
    "Missing argument": "ontbrekend argument",
    "Missing option": "ontbrekende optie",
    "Missing parameter": "ontbrekende parameter",
    "Missing {param_type}": "ontbrekende {param_type}",
    "Missing parameter: {param_name}": "ontbrekende parameter: {param_name}",
    "No such option {name!r}.": "onbekende optie {name!r}.",
    "No such command {name!r}.": "onbekende opdracht {name!r}.",
    "unknown error": "onbekende fout",
    "Could not open file {filename!r}: {message}": "kan bestand {filename!r} niet openen: {message}",
    # formatting.py
    "Usage:": "Gebruik:",
    # parser.py
    "Invalid start character for option ({option})": "ongeldig beginteken voor een optie ({option})",
    "Argument {name!r} takes {nargs} values.": "argument {name!r} vraagt om {nargs} waarden.",
    "Option {name!r} does not take a value.": "optie {name!r} neemt geen waarde aan.",
    # shell_completion.py
    "Shell completion is not supported for Bash versions older than 4.4.": "aanvullen in de shell werkt niet met Bash ouder dan versie 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.": "kan de versie van Bash niet bepalen; aanvullen in de shell werkt daarom niet.",
    # termui.py
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "fout: de twee ingevoerde waarden zijn niet gelijk.",
    "Error: invalid input": "fout: ongeldige invoer",
    "Unknown color {colour!r}": "onbekende kleur {colour!r}",
    "Press any key to continue...": "Druk op een toets om door te gaan...",
    # types.py
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Choice({choices})": "Keuze({choices})",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} is geen geldige ja/nee-waarde. Bekende waarden: {states}",
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige UUID.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    # utils.py
    "Unknown standard stream '{name}'": "onbekende standaardstroom '{name}'",
    # _termui_impl.py
    "d": "d",  # days, in a progress bar's time left: "2d 03:04:05"
    "{editor}: Editing failed": "{editor}: bewerken mislukt",
    "{editor}: Editing failed: {e}": "{editor}: bewerken mislukt: {e}",
    # _winconsole.py
    "Windows error: {error}": "Windows-fout: {error}",
}

# (singular, plural) → Dutch (singular, plural). Dutch, like English, uses the singular only for 1.
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "onverwacht extra argument ({args})",
        "onverwachte extra argumenten ({args})",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "verwacht {nargs} waarden, maar kreeg er 1.",
        "verwacht {nargs} waarden, maar kreeg er {len}.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Bedoelde je {possibility}?",
        "(Bedoelde je een van: {possibilities}?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "optie {name!r} vraagt om een waarde.",
        "optie {name!r} vraagt om {nargs} waarden.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} is niet {choice}.",
        "{value!r} is niet een van {choices}.",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} past niet bij het formaat {format}.",
        "{value!r} past niet bij de formaten {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "er zijn {len_type} waarden nodig, maar er is er {len_value} gegeven.",
        "er zijn {len_type} waarden nodig, maar er zijn er {len_value} gegeven.",
    ),
}

# click.types class → its name in Dutch. The name is the metavar in capitals (--gemeente TEKST) and
# fills "{value!r} is geen geldig {number_type}.", so number names are "het"-words.
TYPE_NAMES: dict[str, str] = {
    "StringParamType": "tekst",
    "UnprocessedParamType": "tekst",
    "IntParamType": "geheel getal",
    "IntRange": "geheel getal",
    "FloatParamType": "kommagetal",
    "FloatRange": "kommagetal",
    "BoolParamType": "ja/nee",
    "UUIDParameterType": "uuid",
    "DateTime": "tijdstip",
    "File": "bestand",
    "Choice": "keuze",
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)  # an unknown text (a newer click) stays English rather than fail


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = PLURALS.get((singular, plural), (singular, plural))
    return one if n == 1 else many


_installed = False


def install_dutch_click() -> None:
    """Make click write Dutch, in this process. Idempotent, and cheap: a dozen attribute assignments."""
    global _installed
    if _installed:
        return
    for name in CLICK_MODULES:
        if name == "_winconsole" and sys.platform != "win32":
            continue  # Windows only: importing it elsewhere fails
        # Also the modules click imports only when needed (the editor, shell completion): they bind
        # gettext's function when they are imported, so import them now (about 3 ms together).
        module = importlib.import_module(f"click.{name}")
        # click's private module attributes, which its stubs do not declare: hence setattr
        for attr, function in (("_", gettext), ("ngettext", ngettext)):
            if hasattr(module, attr):
                setattr(module, attr, function)
    import click.types

    for cls_name, dutch in TYPE_NAMES.items():
        cls = getattr(click.types, cls_name, None)
        if cls is not None:
            cls.name = dutch
    _installed = True
