"""Regenerate ``countries.tsv`` from Debian's iso-codes package (run by hand, not at run time).

Usage: ``python src/partygraph/extract/data/build_countries.py`` on a machine with
``iso-codes`` installed (``/usr/share/iso-codes`` and its gettext catalogues).
English short names and official names come from ISO 3166-1 as shipped by iso-codes;
names in es/pt/it/fr/de/el from its translations; ``EXTRA`` adds short, old and
colloquial names from common usage.
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

LANGS = ["es", "pt", "it", "fr", "de", "el"]

# Short, old and colloquial names (common usage), and spellings iso-codes lacks.
EXTRA: dict[str, list[str]] = {
    "GB": [
        "Britain",
        "Great Britain",
        "UK",
        "U.K.",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Gran Bretaña",
        "Reino Unido",
        "Grã-Bretanha",
        "Gran Bretagna",
        "Grande-Bretagne",
        "Großbritannien",
        "Grossbritannien",
        "Βρετανία",
        "Μεγάλη Βρετανία",
    ],
    "US": [
        "USA",
        "U.S.A.",
        "US",
        "U.S.",
        "United States",
        "United States of America",
        "EEUU",
        "EE.UU.",
        "EE. UU.",
        "Estados Unidos",
        "Stati Uniti",
        "États-Unis",
        "Etats-Unis",
        "Vereinigte Staaten",
        "ΗΠΑ",
    ],
    "SZ": ["Swaziland", "Suazilandia", "Suazilândia", "Swazilandia"],
    "MK": [
        "Macedonia",
        "North Macedonia",
        "FYROM",
        "F.Y.R.O.M.",
        "Macedonia del Norte",
        "Macedónia do Norte",
        "Macédoine",
        "Mazedonien",
        "Nordmazedonien",
    ],
    "MD": ["Moldavia", "Moldova", "Moldávia", "Moldavie", "Moldawien"],
    "RS": [
        "Yugoslavia",
        "Jugoslavia",
        "Iugoslávia",
        "Jugoslávia",
        "Yougoslavie",
        "Jugoslawien",
        "Γιουγκοσλαβία",
        "Serbia",
        "Servia",
        "Sérvia",
        "Serbie",
        "Serbien",
    ],
    "RO": ["Rumania", "Roumania", "Rumänien", "Roumanie", "Romênia", "Roménia"],
    "RU": ["Russia", "Rusia", "Rússia", "Russie", "Russland", "Ρωσία", "Russian Federation"],
    "CZ": [
        "Czech Republic",
        "Czechia",
        "República Checa",
        "Chequia",
        "Repubblica Ceca",
        "République tchèque",
        "Tschechien",
        "Tschechische Republik",
        "Τσεχία",
    ],
    "KP": [
        "North Korea",
        "DPRK",
        "D.P.R.K.",
        "DPR Korea",
        "DPR of Korea",
        "Korea DPR",
        "Democratic People's Republic of Korea",
        "Corea del Norte",
        "RPDC",
    ],
    "KR": ["South Korea", "Republic of Korea", "Corea del Sur"],
    "IR": ["Iran", "Persia", "Irán", "Irão", "Irã"],
    "SY": ["Syria", "Siria", "Síria", "Syrie", "Syrien", "Συρία"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia", "Bolívia", "Bolivie", "Bolivien"],
    "TZ": ["Tanzania"],
    "VN": ["Vietnam", "Viet Nam", "Việt Nam"],
    "LA": ["Laos"],
    "PS": ["Palestine", "Palestina", "Palästina", "Παλαιστίνη", "State of Palestine"],
    "TW": ["Taiwan"],
    "LK": ["Ceylon", "Sri Lanka"],
    "MM": ["Burma", "Myanmar", "Birmania"],
    "CD": [
        "Zaire",
        "DR Congo",
        "DRC",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo-Kinshasa",
    ],
    "CG": ["Congo-Brazzaville", "Republic of the Congo"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Costa de Marfil"],
    "TR": [
        "Turkey",
        "Türkiye",
        "Turkiye",
        "Turquía",
        "Turquia",
        "Turchia",
        "Turquie",
        "Türkei",
        "Τουρκία",
    ],
    "NL": ["Netherlands", "the Netherlands", "The Netherlands", "Holland", "Holanda", "Olanda"],
    "KH": ["Cambodia", "Kampuchea"],
    "BH": ["Bahrain", "Bahréin", "Bahrein", "Barein"],
    "BY": [
        "Belarus",
        "Byelorussia",
        "Belorussia",
        "Bielorrusia",
        "Bielorrússia",
        "Bielorussia",
        "Biélorussie",
        "Weißrussland",
        "Weissrussland",
        "Λευκορωσία",
    ],
    "KG": ["Kyrgyzstan", "Kirghizia", "Kirgizia", "Kirguistán", "Kirgisistan"],
    "MA": ["Morocco", "Marruecos", "Marrocos", "Marocco", "Maroc", "Marokko"],
    "PH": ["Philippines", "Filipinas", "Filippine"],
    "EG": ["Egypt", "Egipto", "Egito", "Egitto", "Égypte", "Ägypten", "Αίγυπτος"],
    "LB": ["Lebanon", "Líbano", "Libano", "Liban", "Libanon", "Λίβανος"],
    "DE": [
        "Germany",
        "Alemania",
        "Alemanha",
        "Germania",
        "Allemagne",
        "Deutschland",
        "Γερμανία",
        "FRG",
        "West Germany",
    ],
    "GR": ["Greece", "Hellas", "Grecia", "Grécia", "Grèce", "Griechenland", "Ελλάδα", "Ελλάς"],
    "CY": ["Cyprus", "Chipre", "Cipro", "Chypre", "Zypern", "Κύπρος"],
    "IQ": ["Iraq", "Irak", "Iraque"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "TL": ["East Timor", "Timor-Leste", "Timor Leste"],
    "VA": ["Vatican", "Vatican City"],
    "FM": ["Micronesia"],
    "BN": ["Brunei"],
    "BA": ["Bosnia", "Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnia & Herzegovina"],
    "TT": ["Trinidad and Tobago", "Trinidad & Tobago"],
    "ST": ["Sao Tome and Principe", "São Tomé and Príncipe"],
}


def main() -> None:
    data = json.loads(Path("/usr/share/iso-codes/json/iso_3166-1.json").read_text())["3166-1"]
    cats = {
        lang: gettext.translation("iso_3166-1", "/usr/share/locale", languages=[lang])
        for lang in LANGS
    }
    lines = [
        "# Country names for partygraph.extract: ISO2<TAB>English short name<TAB>other names (|)",
        "# Source: ISO 3166-1 English short and official names and their es/pt/it/fr/de/el",
        "# translations as shipped by Debian's iso-codes package (4.x); short, old and",
        "# colloquial names (Britain, Swaziland, Macedonia, Moldavia, Yugoslavia, Rumania...)",
        "# from common usage. Regenerate with build_countries.py beside this file.",
    ]
    for c in sorted(data, key=lambda c: c["alpha_2"]):
        iso2 = c["alpha_2"]
        english = c.get("common_name") or c["name"]
        names: list[str] = []
        for n in (c["name"], c.get("official_name"), c.get("common_name")):
            if n:
                names.append(n)
        for _lang, cat in cats.items():
            for n in (c["name"], c.get("common_name")):
                if n:
                    names.append(cat.gettext(n))
        names.extend(EXTRA.get(iso2, []))
        # "Bolivia, Plurinational State of" style names are not printed that way
        seen: list[str] = []
        for n in names:
            n = n.strip()
            if n and n != english and n not in seen and ", " not in n:
                seen.append(n)
        lines.append(f"{iso2}\t{english}\t{'|'.join(seen)}")
    out = Path(__file__).with_name("countries.tsv")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
