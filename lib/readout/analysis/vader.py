"""VADER scores, exactly as nltk computes them, without nltk's quadratic word splitting.

VADER (Hutto & Gilbert, ICWSM 2014) first splits a text into its "words and emoticons":
whitespace tokens longer than one character, each with one leading *or* trailing mark
from VADER's punctuation list stripped (``"talks,"`` becomes ``talks``, ``"!!!"`` and
``":)"`` stay). nltk's ``SentiText`` finds those tokens through a dictionary holding
every (punctuation mark × word of the text) pair, built afresh for every text; on
sentences of news copy that dictionary is most of the cost of a score.

:func:`split_words` gives the same token list directly. The reasoning, from nltk's
``SentiText._words_plus_punc``: the dictionary maps ``mark + word`` and ``word + mark``
to ``word``, where ``mark`` is one of ``PUNC_LIST`` (made only of ASCII punctuation)
and ``word`` is a token of the text with every ASCII punctuation character deleted,
kept when longer than one character. Deleting the punctuation from a key gives back
its word, so the only word a token can map to is the token itself with its
punctuation deleted; the token maps to it exactly when what is left over (a prefix or
a suffix; never both, since a word cannot start or end with punctuation) is one mark
of the list.

:func:`analyzer_class` subclasses nltk's ``SentimentIntensityAnalyzer`` to use that
splitting; every rule that turns tokens into valences (lexicon look-ups, boosters,
ALL CAPS, negation, "least", "but", idioms, punctuation emphasis, normalisation)
remains nltk's own code, so the scores are nltk's, float for float
(``tests/test_sentiment.py`` checks this on generated text and on the NYT benchmark).
"""

from __future__ import annotations

import re
import string
from functools import cache

#: deletes the characters nltk's ``REGEX_REMOVE_PUNCTUATION`` removes (ASCII punctuation)
_DELETE_PUNCTUATION = str.maketrans("", "", string.punctuation)


#: nltk's ``VaderConstants.REGEX_REMOVE_PUNCTUATION`` pattern that the table above mirrors
_NLTK_PUNCTUATION_PATTERN = f"[{re.escape(string.punctuation)}]"


class VaderCompatibilityError(RuntimeError):
    """Raised when the installed nltk splits words differently from what :func:`split_words` mirrors."""


def split_words(text: str, marks: frozenset[str]) -> list[str]:
    """VADER's words and emoticons of ``text``: the list nltk's ``SentiText`` builds.

    ``marks`` is VADER's punctuation list (nltk's ``VaderConstants.PUNC_LIST``).
    Whitespace tokens of one character are dropped; a token that is a word plus one
    leading or one trailing mark becomes the word, if the word has two characters or
    more; every other token is kept as it is.

    >>> split_words("Talks, they said, were 'constructive'!!! :) a", frozenset([",", "!!!", "'"]))
    ['Talks', 'they', 'said', 'were', "'constructive'!!!", ':)']
    >>> split_words("'s cat's ok. !?", frozenset([".", "'"]))
    ["'s", "cat's", 'ok', '!?']
    """
    words = []
    for token in text.split():
        if len(token) < 2:
            continue
        if not token.isalnum():  # letters and digits only: no punctuation to strip
            word = token.translate(_DELETE_PUNCTUATION)
            n = len(word)
            if 1 < n < len(token):
                if (
                    token.startswith(word)
                    and token[n:] in marks
                    or token.endswith(word)
                    and token[: len(token) - n] in marks
                ):
                    token = word
        words.append(token)
    return words


@cache
def analyzer_class():
    """nltk's ``SentimentIntensityAnalyzer`` with :func:`split_words` in place of its word splitting.

    Instances load the stock lexicon as nltk does (the VADER lexicon must be reachable
    on ``nltk.data.path``, see :func:`readout.nltk_setup.ensure_nltk_data`) and add:

    * ``sentitext(text)``: the ``SentiText`` (tokens and the ALL CAPS flag) of a text,
      which depends on the text only, so one serves every lexicon;
    * ``score_sentitext(sentitext, text)``: the polarity scores from a ``SentiText``;
    * ``polarity_scores(text)``: the two together, the same dict nltk's method returns.

    Raises :class:`VaderCompatibilityError` if nltk's punctuation pattern is not the
    one :func:`split_words` mirrors.
    """
    from nltk.sentiment.vader import (
        SentimentIntensityAnalyzer,
        SentiText,
        VaderConstants,
    )

    if VaderConstants.REGEX_REMOVE_PUNCTUATION.pattern != _NLTK_PUNCTUATION_PATTERN:
        raise VaderCompatibilityError(
            "nltk's VADER removes punctuation with "
            f"{VaderConstants.REGEX_REMOVE_PUNCTUATION.pattern!r}, not {_NLTK_PUNCTUATION_PATTERN!r}; "
            "readout.analysis.vader.split_words no longer mirrors it"
        )
    marks = frozenset(VaderConstants.PUNC_LIST)

    class SplitSentiText(SentiText):
        """nltk's ``SentiText`` whose words come from :func:`split_words`."""

        def _words_and_emoticons(self):
            return split_words(self.text, marks)

    class FastSentimentIntensityAnalyzer(SentimentIntensityAnalyzer):
        """nltk's VADER analyzer, same scores, linear-time word splitting."""

        def sentitext(self, text):
            return SplitSentiText(text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION)

        def polarity_scores(self, text):
            return self.score_sentitext(self.sentitext(text), text)

        def score_sentitext(self, sentitext, text):
            # The driver of nltk's polarity_scores: a valence per token, then the "but"
            # rule and the normalisation, all nltk's methods. A token that is a booster,
            # the "kind" of "kind of", or not in the lexicon scores 0 without a call to
            # sentiment_valence (which leaves the valence at 0 for a word the lexicon
            # lacks). As in nltk, a repeated token is scored at its first position.
            words = sentitext.words_and_emoticons
            lexicon, boosters = self.lexicon, self.constants.BOOSTER_DICT
            last = len(words) - 1
            first = dict(zip(reversed(words), range(last, -1, -1)))  # the lowest position wins
            lowered = [word.lower() for word in words]
            sentiments = []
            for item, lower in zip(words, lowered):
                i = first[item]
                if (
                    lower in boosters
                    or lower not in lexicon
                    or (lower == "kind" and i < last and lowered[i + 1] == "of")
                ):
                    sentiments.append(0)
                else:
                    sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

    return FastSentimentIntensityAnalyzer


def build_analyzer(extension: dict[str, float] | None = None):
    """A fast VADER analyzer (see :func:`analyzer_class`) whose lexicon is the stock one
    updated with ``extension`` (lower-case term -> valence).

    The analyzer's ``extension_terms`` holds the extension's terms: a text none of whose
    tokens, lower-cased, is one of them gets the same scores with and without the
    extension, since VADER consults the lexicon only with lower-cased tokens.

    Raises nltk's ``LookupError`` when the stock lexicon cannot be found.
    """
    analyzer = analyzer_class()()
    extension = dict(extension or {})
    analyzer.lexicon.update(extension)
    analyzer.extension_terms = frozenset(extension)
    return analyzer


def needs_extension(sentitext, terms: frozenset[str]) -> bool:
    """Whether any token of ``sentitext``, lower-cased, is one of ``terms``.

    When it is not, a lexicon extended with ``terms`` scores the text exactly as the
    stock lexicon does: every look-up VADER makes (the valence of a token, the
    ``not in lexicon`` tests on the three preceding tokens and before "least") is keyed
    by a lower-cased token, and the two lexicons agree on every other key.
    """
    return not terms.isdisjoint(map(str.lower, sentitext.words_and_emoticons))
