"""The context that shows a capitalised run of words is a name: a reporting verb after it or before
it ("..., Manalastas said", "according to ..."), an apposition or a copula that describes it ("Dana
Ruiz, a fellow at ...", "Miriam Caldecott is a senior fellow ..."), a relative ("Carol Mabry's son"),
an affiliation, a host, or an organisation's context ("a spokesperson for ..."). Read by
:mod:`readout.analysis.discovery`.
"""

from __future__ import annotations

import re

REPORTING = (
    r"(?:said|says|say|told|tells|added|adds|noted|notes|stressed|urged|warned|warns|argued|insisted|explained|"
    r"wrote|writes|tweeted|asked|replied|responded|countered|emphasized|emphasised|declared|stated|acknowledged|"
    r"cautioned|predicted|complained|recalled|put it|called|described|likes to say|made it clear|made clear|"
    r"pointed out|reiterated|underscored|expressed|claimed|announced|welcomed|welcomes|criticized|criticised|"
    r"condemned|praised|rejected|denied|accused)"
)


ADVERBS = r"(?:(?:has|have|had|also|later|then|once|previously|recently|repeatedly|publicly|earlier|again)\s+)*"


#: A day between a name and its verb ("the Foreign Ministry on Tuesday welcomed").
DAY_PHRASE = (
    r"(?:\s*(?:on|last|late|early)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?:night\s+|morning\s+|evening\s+)?)?"
)


VERB_AFTER = re.compile(
    rf"^(?:[’']s)?\s*(?:\([^()]*\)\s*)?(?:,[^,.;:\"“”]{{0,160}},\s*|,\s+)?{DAY_PHRASE}{ADVERBS}{REPORTING}\b|^\s+said:"
    r"|^[’']s\s+(?:\w+\s+)?(?:claims?|statements?|spokes(?:person|man|woman)|remarks?|comments?|account|warning|"
    r"response|readout|accusation|description)\b"  # "The China Coast Guard's claim that ..."
)


#: A possessive before a word for a relative: only a person has a son or a wife ("Carol Mabry's son").
KIN_AFTER = re.compile(
    r"^[’']s\s+(?:\w+\s+)?(?:son|sons|daughter|daughters|wife|husband|mother|father|brother|sister|children|parents|"
    r"grandson|granddaughter|widow|widower)\b"
)


VERB_BEFORE = re.compile(rf"\b(?:{REPORTING}|according to|quoted|quoting)\s+$")


ROLE_NOUNS = (
    r"(?:spokes(?:person|man|woman)|minister|premier|president|ambassador|official|diplomat|director|founder|"
    r"chairman|chairwoman|chair|head|member|researcher|scholar|professor|fellow|analyst|expert|economist|"
    r"commentator|columnist|reporter|correspondent|journalist|editor|host|moderator|anchor|secretary|adviser|"
    r"advisor|envoy|lawmaker|senator|congressman|congresswoman|representative|governor|mayor|leader|chief|"
    r"officer|aide|general|admiral|commander|deputy|dean|lecturer|student|executive|consultant|czar|tsar|"
    r"republican|democrat|colleague|counterpart|strategist|historian|"
    # people quoted in features and regional papers
    r"teacher|farmer|grower|worker|owner|resident|engineer|lawyer|manager|businessman|businesswoman|"
    r"entrepreneur|retiree|shopkeeper|driver|trader|vendor|exporter|importer|investor|banker|doctor|nurse|"
    r"activist|blogger|writer|author|novelist|partner|graduate|veteran|specialist|physician|accountant|negotiator|lobbyist)"
)


#: A name described by the sentence it opens: "Miriam Caldecott is a senior fellow at ...".
COPULA_ROLE_AFTER = re.compile(
    rf"^\s+(?:is|was)\s+(?P<desc>(?:an?|the)\s+(?:[\w\-]+\s+){{0,4}}?{ROLE_NOUNS}s?\b)", re.I
)
#: Finite verbs that carry the sentence on after a name set off by commas ("The Foreign Secretary,
#: James Cleverly, has welcomed the US Secretary of State's talks"): what follows is no apposition.
FINITE_AFTER_NAME = "has|had|have|is|was|were|are|will|would|can|could|may|might|should|must|did|does|said|says|told"
APPOSITION_AFTER = re.compile(
    rf"^,\s+(?P<desc>(?:who|whose)\b[^,;:\"“”()]*|(?!(?:and|but|or|{FINITE_AFTER_NAME})\b)[^,;:\"“”()]{{0,120}}?\b{ROLE_NOUNS}s?\b[^,;:\"“”()]*)"
    rf"(?=[,;:.)]|\s+(?:said|told|added)\b|$)",
    re.IGNORECASE,
)


APPOSITION_BEFORE = re.compile(
    rf"(?:^|[,;:(.!?][’'\"”]*\s+|\b(?:and|but|while)\s+)(?P<desc>(?:(?:a|an|the|its|his|her|their)\s+|[A-Z][\w’'.\-]*[’']s\s+)"
    rf"[^,;:\"“”()]{{0,80}}\b{ROLE_NOUNS}s?\b[^,;:\"“”()]{{0,60}}),\s+$",
    re.IGNORECASE,
)


AFFILIATION_AFTER = re.compile(r"^\s+(?P<desc>(?:of|at|from)\s+(?:the\s+)?[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*)")


HOSTED_BY = re.compile(r"\b(?:hosted|moderated|anchored|presented|chaired)\s+by\s+$", re.IGNORECASE)


ORG_CONTEXT_BEFORE = re.compile(
    rf"\b(?:{ROLE_NOUNS}s?\b[^,;:\"“”()]{{0,60}}?\b(?:at|of|with|for|from)|spokes(?:person|man|woman)\s+for|"
    rf"(?:told|according to|by|quoted by|quoting))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
