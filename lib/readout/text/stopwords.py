"""Stop words: the function words every term count leaves out, and the news words framing also drops.

:data:`FUNCTION_WORDS` (articles, pronouns, auxiliaries, prepositions) is the list similarity uses;
:data:`STOPWORDS` adds reporting verbs, days and months, the words of news prose that say
who spoke and when rather than what was said, for the framing vocabulary.
"""

from __future__ import annotations

#: Function words (articles, pronouns, auxiliaries, prepositions, common contractions) and
#: the three commonest reporting verbs: left out of similarity measures. A short, fixed
#: English list, so results do not depend on a downloaded resource.
FUNCTION_WORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves said says say told
    it's that's he's she's there's we're we'll we've they're they've i'm i've i'd i'll it'll don't
    doesn't didn't isn't aren't wasn't weren't won't can't""".split()
)

#: More function words, the journalist's reporting vocabulary and dates ("May" stays out of
#: the month list: it is also a verb).
NEWS_WORDS: frozenset[str] = frozenset(
    """
    because cannot couldn't either even ever every hadn't hasn't haven't he'd he'll here's how's
    however let's may might much must mustn't neither one ought per rather shall shan't she'd
    she'll shouldn't that'll there'll they'd they'll though thus upon us via we'd what's when's
    where's whether who's whose why's within without wouldn't yet you'd you'll you're you've
    said says say saying told tell tells telling added adding according stated stating noted asked urged stressed explained reiterated called
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
    january february march april june july august september october november december
    """.split()
)

#: The framing vocabulary leaves out both. Monroe et al. keep function words, but on a few
#: hundred words they swamp the list; reporting verbs ("said", "according") and dates
#: ("Wednesday") are the reporter's words, not the government's, and paraphrase carries more
#: of them than quotation does.
STOPWORDS: frozenset[str] = FUNCTION_WORDS | NEWS_WORDS
