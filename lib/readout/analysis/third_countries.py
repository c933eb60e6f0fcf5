"""Countries other than the two sides, their capitals and the buildings that stand for their
governments, each with the adjective (or the body) their officials are named by: "an official in
New Delhi" is an Indian official, "Indonesia welcomed the talks" Indonesian officials, "Downing
Street said" the UK government. Read by :mod:`readout.analysis.speaker_phrases` and the speaker
rules."""

from __future__ import annotations

import re

#: Capitals that stand for their government ("an official in New Delhi"), with the adjective a source is named by.
CAPITALS = {
    "New Delhi": "Indian",
    "Tokyo": "Japanese",
    "Seoul": "South Korean",
    "Canberra": "Australian",
    "London": "UK",
    "Manila": "Philippine",
    "Taipei": "Taiwanese",
    "Moscow": "Russian",
    "Brussels": "EU",
    "Paris": "French",
    "Berlin": "German",
    "Ottawa": "Canadian",
    "Hanoi": "Vietnamese",
    "Ha Noi": "Vietnamese",
    "Jakarta": "Indonesian",
    "Kyiv": "Ukrainian",
    "Islamabad": "Pakistani",
    "Pyongyang": "North Korean",
    "Pretoria": "South African",
    "Brasília": "Brazilian",
    "Brasilia": "Brazilian",
    "Bangkok": "Thai",
    "Kuala Lumpur": "Malaysian",
    "Nairobi": "Kenyan",
    "Santiago": "Chilean",
    "Ankara": "Turkish",
    "Warsaw": "Polish",
    "Mexico City": "Mexican",
    "Wellington": "New Zealand",
    "Buenos Aires": "Argentine",
    "Rome": "Italian",
    "Madrid": "Spanish",
    "Abuja": "Nigerian",
    "Putrajaya": "Malaysian",
    "Cairo": "Egyptian",
    "Riyadh": "Saudi",
    "Tehran": "Iranian",
    "Dhaka": "Bangladeshi",
    "Colombo": "Sri Lankan",
    "Lima": "Peruvian",
    "Bogotá": "Colombian",
    "Addis Ababa": "Ethiopian",
    "Accra": "Ghanaian",
    "Doha": "Qatari",
    "Abu Dhabi": "Emirati",
    "Phnom Penh": "Cambodian",
    "The Hague": "Dutch",
    "Amsterdam": "Dutch",
    "Stockholm": "Swedish",
    "Oslo": "Norwegian",
    "Helsinki": "Finnish",
    "Copenhagen": "Danish",
    "Vienna": "Austrian",
    "Athens": "Greek",
    "Lisbon": "Portuguese",
    "Dublin": "Irish",
}

#: Places whose name stands for their government's officials ("Some in Washington", "an official in Tokyo").
SEAT_PLACES = "Washington|Beijing|" + "|".join(map(re.escape, CAPITALS))

#: "Some in Washington", "Others in Congress", "Many on Capitol Hill": a vague group a place names.
SOME_IN_PLACE = re.compile(
    rf"(?<![\w’'])(?:[Ss]ome|[Mm]any|[Oo]thers)\s+(?:in\s+(?:{SEAT_PLACES}|(?:the\s+)?(?:U\.S\.\s+)?Congress)|on\s+Capitol\s+Hill)"
    r"(?![\w’'])"
)
#: The place such a group is in: a capital, or the U.S. Congress.
IN_CAPITAL = re.compile(rf"\bin\s+(?P<p>{SEAT_PLACES})$")
IN_CONGRESS = re.compile(r"\b(?:in\s+(?:the\s+)?(?:U\.S\.\s+)?Congress|on\s+Capitol\s+Hill)$")

#: Countries other than the two sides, by the adjective their officials are named by ("Indonesia welcomed the
#: talks, saying ..." are Indonesian officials).
COUNTRY_ADJECTIVES = {
    "Indonesia": "Indonesian",
    "Japan": "Japanese",
    "South Korea": "South Korean",
    "North Korea": "North Korean",
    "India": "Indian",
    "Australia": "Australian",
    "Britain": "UK",
    "the UK": "UK",
    "the United Kingdom": "UK",
    "Germany": "German",
    "France": "French",
    "Ireland": "Irish",
    "Canada": "Canadian",
    "the Philippines": "Philippine",
    "Vietnam": "Vietnamese",
    "Viet Nam": "Vietnamese",
    "Russia": "Russian",
    "Taiwan": "Taiwanese",
    "Singapore": "Singaporean",
    "Malaysia": "Malaysian",
    "Thailand": "Thai",
    "Brazil": "Brazilian",
    "Mexico": "Mexican",
    "Pakistan": "Pakistani",
    "Ukraine": "Ukrainian",
    "Turkey": "Turkish",
    "Türkiye": "Turkish",
    "Israel": "Israeli",
    "Iran": "Iranian",
    "Italy": "Italian",
    "Spain": "Spanish",
    "Poland": "Polish",
    "Egypt": "Egyptian",
    "Saudi Arabia": "Saudi",
    "New Zealand": "New Zealand",
    "South Africa": "South African",
    "Nigeria": "Nigerian",
    "Argentina": "Argentine",
    "Chile": "Chilean",
    "Kenya": "Kenyan",
    "the Netherlands": "Dutch",
    "Bangladesh": "Bangladeshi",
    "Sri Lanka": "Sri Lankan",
    "Cambodia": "Cambodian",
    "Peru": "Peruvian",
    "Colombia": "Colombian",
}

#: Buildings and streets that stand for a government ("Downing Street said"), with the body or officials they are.
GOVERNMENT_SEATS = {
    "Downing Street": "UK government",
    "Number 10": "UK government",
    "No 10": "UK government",
    "No. 10": "UK government",
    "Malacañang": "Philippine officials",
    "Malacanang": "Philippine officials",
    "the Blue House": "South Korean officials",
    "the Kantei": "Japanese officials",
    "South Block": "Indian Ministry of External Affairs",
    "Wisma Putra": "Malaysian Ministry of Foreign Affairs",
    "the Kremlin": "Russian officials",
    "the Elysée": "French officials",
    "the Quai d'Orsay": "French Ministry for Europe and Foreign Affairs",
    "the Quai d’Orsay": "French Ministry for Europe and Foreign Affairs",
    "the Élysée": "French officials",
    "Itamaraty": "Brazilian Ministry of Foreign Affairs",
    "Zhongnanhai": "Chinese officials",
    "Foggy Bottom": "U.S. Department of State",
}


#: Foreign ministries whose own name is not "<adjective> Ministry of Foreign Affairs", by country.
FOREIGN_MINISTRIES = {
    "Britain": "UK Foreign Office",
    "the UK": "UK Foreign Office",
    "the United Kingdom": "UK Foreign Office",
    "Canada": "Global Affairs Canada",
    "Australia": "Australian Department of Foreign Affairs and Trade",
    "India": "Indian Ministry of External Affairs",
    "the Philippines": "Philippine Department of Foreign Affairs",
    "France": "French Ministry for Europe and Foreign Affairs",
    "Ireland": "Irish Department of Foreign Affairs",
    "New Zealand": "New Zealand Ministry of Foreign Affairs and Trade",
    "South Africa": "South African Department of International Relations and Cooperation",
    "Germany": "German Federal Foreign Office",
}

#: Foreign ministries' own names that tell their country without it ("the Federal Foreign Office" is Berlin's).
MINISTRY_OWN_NAMES = {
    "Federal Foreign Office": "German Federal Foreign Office",
    "Ministry of External Affairs": "Indian Ministry of External Affairs",
    "Department of Foreign Affairs and Trade": "Australian Department of Foreign Affairs and Trade",
    "Ministry for Europe and Foreign Affairs": "French Ministry for Europe and Foreign Affairs",
    "Department of International Relations and Cooperation": (
        "South African Department of International Relations and Cooperation"
    ),
}


def country_adjective(place: str) -> str:
    """The adjective a codebook names a third country's bodies by, from its name or its capital
    ("the UK" or "London" gives "UK", "Tokyo" "Japanese"); any other word as it is."""
    return COUNTRY_ADJECTIVES.get(place) or CAPITALS.get(place) or place


_OWNED_BEFORE = re.compile(
    r"(?:\b(?:"
    + "|".join(sorted({re.escape(a) for a in COUNTRY_ADJECTIVES.values()}, key=len, reverse=True))
    + r")|\b(?:"
    + "|".join(sorted({re.escape(c) for c in COUNTRY_ADJECTIVES}, key=len, reverse=True))
    + r")[’']s)\s+$"
)


def owned_by_third_country(text: str, start: int) -> bool:
    """Whether the words before ``text[start:]`` give it to a country other than the two sides
    ("Russian state media", "North Korea's state news agency")."""
    return _OWNED_BEFORE.search(text, max(0, start - 40), start) is not None
