"""What a capitalised phrase is: a person's name, a title, an institution, a place.

The open-world rules of :mod:`readout.analysis.discovery` and the name guard of
:mod:`readout.analysis.actors` read these word lists and predicates. Nothing here knows
the codebook: a side is inferred from the words a text prints around a name ("Chinese
Foreign Ministry spokeswoman", "a researcher at ...", "Sen.", "White House"), never
assumed.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Words that, printed before a name, say a person follows ("Spokesperson Mao Ning",
#: "Rep. Lena Ortiz", "press secretary Karine Jean-Pierre"), lower-cased.
PERSON_TITLE_WORDS = frozenset(
    """
    mr. mrs. ms. dr. mr mrs ms dr prof. professor sen. senator rep. representative president premier minister
    secretary ambassador director spokesperson spokesman spokeswoman chairman chairwoman chair
    general gen. adm. admiral lt. col. colonel maj. major capt. captain gov. governor mayor speaker
    leader chancellor councilor councillor commissioner envoy adviser advisor coordinator judge
    justice sir dame king queen prince princess sheikh emperor counselor counsellor attache consul
    deputy assistant vice undersecretary diplomat official officer aide commander host moderator
    anchor correspondent reporter editor columnist commentator analyst scholar researcher fellow
    economist strategist founder lawmaker congressman congresswoman legislator premier-designate
    sheriff commodore lieutenant sergeant brigadier marshal inspector superintendent detective
    mp mep datuk dato datin seri alhaji alhaja prof asst assoc associate
    """.split()
)

#: The end of a title that names its field, up to where a name may begin: a title word, "of" or
#: "for", and the field's capitalised words ("Envoy for ", "Minister of Ecology and ",
#: "Secretary of State for East Asian and "). The capitalised words after it open the field's
#: last part, not a longer name: "Minister of Commerce Wang Wentao" is Wang Wentao.
FIELD_OF_TITLE = re.compile(
    r"\b(?:" + "|".join(sorted(w.capitalize() for w in PERSON_TITLE_WORDS if w.isalpha())) + r")\s+(?:of|for)\s+"
    r"(?:(?:the\s+)?[A-Z][\w’'\-]*,?\s+(?:(?:and|of|for)\s+)?)*$"
)


#: Capitalised words that qualify a title without being a name ("Vice Premier", "Chinese
#: Defense Minister", "Republican Rep."), lower-cased.
DESCRIPTOR_WORDS = frozenset(
    """
    vice deputy assistant under chief senior former acting interim foreign defense defence commerce
    treasury state finance trade interior home health education energy national security press prime
    executive general special principal top first second third republican democrat democratic
    independent incoming outgoing retired career permanent standing affairs public political
    international strategic economic military naval army air navy marine house senate committee
    """.split()
)


#: Function words, pronouns, days and months: capitalised only because a sentence starts.
STOP_WORDS = frozenset(
    """
    the a an in on at for and but or of to from by with as after before during while when where this
    that these those it its he she they we i you our their his her him them us me my your some both
    each any all no not also however despite since until later earlier meanwhile still yet then now
    today yesterday tonight instead although because if according asked last next many most other such what who whom
    whose why how there here one two three four five several few nobody someone something nothing
    is was are were be been has have had will would can could should may might must do does did
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december sept. jan. feb. aug. oct. nov. dec. yes no
    within without among between across over under into onto upon against toward towards via per
    so thus hence indeed even just only well very more less much again once never always
    opinion analysis transcript question answer editor's note update updated posted read watch
    """.split()
)


#: Nationality adjectives and country or capital names that mark a third country (side Other).
OTHER_COUNTRY_WORDS = frozenset(
    """
    british uk u.k. britain london england english scottish turkish türkiye turkey ankara istanbul
    japanese japan tokyo korean korea seoul south north pyongyang australian australia canberra
    sydney indian india delhi russian russia moscow kremlin ukrainian ukraine kyiv singapore
    singaporean taiwanese taiwan taipei european europe eu brussels french france paris german
    germany berlin spanish spain madrid italian italy rome canadian canada ottawa filipino
    philippine philippines manila vietnamese vietnam hanoi indonesian indonesia jakarta israeli
    israel iranian iran pakistani pakistan brazilian brazil mexican mexico nato un u.n. swiss
    dutch polish saudi emirati egyptian african africa asean
    """.split()
)


_US_RE = re.compile(
    r"(?<![\w.])(?:U\.S\.|US|USA|American|America[’']s|United States|Washington[’']s|White House|State Department|"
    r"Department of State|Pentagon|Treasury Department|CIA|FBI|NSC|National Security Council|Biden administration|"
    r"DEA|Drug Enforcement Administration|USTR|Commerce Department|Justice Department|Defense Department|"
    r"Senate|Congress(?:ional)?|congress(?:man|woman|ional)|Sen\.|Rep\.|Senator|Representative|Republican|"
    r"(?<!Liberal )Democrat(?:ic)?(?!\s+Progressive)(?!\s+Party\s+of))"  # not Taiwan's, Japan's or Korea's parties
    r"(?![\w])"
)


_CHINA_RE = re.compile(
    r"(?<![\w.])(?:Chinese|China[’']s|China|PRC|Beijing[’']s|People[’']s Republic|National People[’']s Congress|"
    r"People[’']s|NPC|CPPCC|CCP|CPC|Communist Party|PLA|Xinhua|CCTV|Global Times|State Council|Politburo|"
    r"Central Committee|Foreign Affairs Commission|Taiwan Affairs Office|Hong Kong and Macao Affairs Office)(?![\w])"
)


_OTHER_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(w) for w in sorted(OTHER_COUNTRY_WORDS, key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)


#: Words for independent voices: scholars, think tanks, journalists (side Other).
_INDEPENDENT_RE = re.compile(
    r"\b(?:researcher|scholar|professor|prof\.|lecturer|academic|fellow|analyst|expert|economist|historian|"
    r"commentator|columnist|reporter|correspondent|journalist|editor|anchor|host|moderator|presenter|"
    r"think[- ]tank|institute|institutes|university|college|academy|centre|center|forum|foundation|fund|"
    r"program|programme|founder|consultant|author|writer|blogger|manager|executive|entrepreneur|investor|trader|"
    r"banker|strategist|business(?:man|woman|person))s?\b",
    re.IGNORECASE,
)


_MEDIA_NAME_RE = re.compile(
    r"\b[A-Z][\w’'\-]*\s+(?:Wire|News|Daily|Times|Post|Ledger|Courier|Herald|Journal|Tribune|Gazette|Weekly)\b"
)


#: The country an envoy is posted to, which is not the envoy's own ("Ambassador to the People's Republic of China").
_POSTED_TO = re.compile(r"\b(?:[Aa]mbassador|[Ee]nvoy)\s+to\s+(?:the\s+)?(?:[A-Z][\w.’'\-]*\s*(?:of\s+)?)+")


#: A government office in a person's title ("Ambassador", "Press Secretary", "spokesperson"): in an official
#: document with no side of its own, such a person speaks for the document's government.
OFFICE_TITLE = re.compile(
    r"\b(?:ambassador|spokes(?:person|man|woman)|press\s+secretary|secretary|minister|coordinator|envoy|consul)\b",
    re.IGNORECASE,
)


_FORMER_RE = re.compile(r"\b(?:former|retired|ex-)\b", re.IGNORECASE)


_LEGISLATOR_RE = re.compile(
    r"(?<![\w.])(?:Sen\.|Rep\.|Senator|Representative|[Cc]ongress(?:man|woman)|[Ll]awmakers?|Republican|Democrat)(?![\w])"
)


_GOVERNMENT_ROLE_RE = re.compile(
    r"\b(?:spokes(?:person|man|woman)|minister|ministry|premier|president|ambassador|official|officials|"
    r"diplomat|councilor|councillor|state councilor|director|commission|committee|department|office|"
    r"embassy|consulate|government|vice|secretary|envoy|general|admiral|commander|chairman|leader)\b",
    re.IGNORECASE,
)


#: Head words of an organisation's name, lower-cased.
ORG_HEADS = frozenset(
    """
    ministry department office commission committee council congress parliament assembly senate
    institute institutes center centre forum fund foundation university college school academy
    association agency bureau administration service bank party group program programme society union
    embassy consulate mission court board authority corporation company inc. ltd. news daily times
    post wire ledger courier herald journal tribune gazette press broadcasting television tv radio
    network review weekly report observer monitor chronicle guardian telegraph express
    guard command army navy corps police alliance coalition federation chamber roundtable league
    organization organisation consortium partners capital advisory associates securities holdings
    consulting consultancy strategies investments
    """.split()
)


#: Head words of a media organisation's name, lower-cased.
MEDIA_HEADS = frozenset(
    "news daily times post wire ledger courier herald journal tribune gazette press broadcasting television "
    "tv radio network review weekly report observer monitor chronicle guardian telegraph express shimbun ilbo "
    "zeitung newswire broadcaster dispatch bulletin".split()
)


#: Head words of an independent organisation (think tank, university), lower-cased.
INDEPENDENT_HEADS = frozenset(
    "institute institutes center centre forum fund foundation university college school academy program "
    "programme society chamber association partners capital advisory associates securities holdings consulting "
    "consultancy strategies investments".split()
)


#: Common Chinese family names in pinyin: a two-word name starting with one of these and
#: ending in pinyin syllables is read family name first ("Wang Yi", "Li Haibo").
CHINESE_SURNAMES = frozenset(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie
    Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Jia Ding Wei Xue Ye Yan
    Lu Du Dai Xia Zhong Qin Qiu Jin Shi Hou Meng Long Wan Duan Lei Qian Tan Yin Bai Kong Mao Shao Chang
    Fu Fang Ren Ge Cheng Xiong Su Qi Kang Hao Nie Ouyang Xi Geng Niu Wen Yao Tao Shen Mo Fan Zou Hong
    Zhan Pang Gu Yi Ke Bao Ji Chu Hua Kuang Liao Lai Zhai Shang Ni Tong Jiao Guan Yue Sha Ou Gong Bi
    Lan Lou Qiao Zhuang Rao Mei Fei Ruan Yan Yao Lian Bian Cui Gan Hang Shu Wu Mu Fu Tu Ning Qu Yuan Miao
    Lang Shan Chai Tian Zou Xiang Jing Jian Min Rong Weng Gou An Pei Ai Bo Sheng Bing Pu Zu Quan Che
    """.split()
)


_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v|ü)"
)


_PINYIN_WORD = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,2}}", re.IGNORECASE)


def is_pinyin_word(word: str) -> bool:
    """One or two pinyin syllables written as one word ("Lifeng", "Ning"; not "Henry").

    >>> is_pinyin_word("Lifeng"), is_pinyin_word("Ning"), is_pinyin_word("Henry"), is_pinyin_word("Nicholas")
    (True, True, False, False)
    """
    return bool(_PINYIN_WORD.fullmatch(word))


def is_chinese_order(tokens: list[str]) -> bool:
    """A name printed family name first: a Chinese family name followed by a pinyin given name.

    >>> is_chinese_order(["Wang", "Yi"]), is_chinese_order(["Henry", "Wang"]), is_chinese_order(["Hong", "Kong"])
    (True, False, False)
    """
    return (
        len(tokens) == 2
        and tokens[0] in CHINESE_SURNAMES
        and is_pinyin_word(tokens[1])
        and " ".join(tokens) not in PLACE_NAMES
    )


#: Two-word place names that look like Chinese personal names.
PLACE_NAMES = frozenset({"Hong Kong", "Xi An", "Da Nang", "Hai Phong"})


_SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"}


def surname_of(name: str) -> str:
    """The family name of a person's name: the first word of a Chinese name in Chinese order,
    else the last word (suffixes such as "Jr." skipped).

    >>> surname_of("Wang Yi"), surname_of("Henry Wang"), surname_of("Karine Jean-Pierre"), surname_of("Martin Luther King Jr.")
    ('Wang', 'Wang', 'Jean-Pierre', 'King')
    """
    tokens = [t for t in name.split() if t not in _SUFFIXES]
    if not tokens:
        return name
    if is_chinese_order(tokens) or family_name_first(tokens):
        return tokens[0]
    return tokens[-1]


#: Family names of Chinese names romanised in Singapore, Malaysia and Hong Kong ("Tan Wei Ling").
SOUTHERN_CHINESE_SURNAMES = frozenset(
    "Tan Ong Lim Goh Teo Ng Koh Chua Yeo Lee Tay Low Chan Wong Cheung Leung Lau Ho Chia Toh Quek Seah Lai Chong "
    "Tham Foo Khoo Loh Heng Chew Neo Yap Kwok Tsang Tse Yeung Chow Fong Siew Teoh Tay Lau Soh Ang".split()
)
#: Common Korean family names as romanised in English ("Kang Tae-woo", "Yoon Seo-yeon").
KOREAN_SURNAMES = frozenset(
    "Kim Lee Park Choi Jung Chung Kang Cho Yoon Yun Jang Lim Han Oh Seo Suh Shin Kwon Hwang Ahn Song Yoo Hong Jeon "
    "Ko Moon Yang Son Bae Baek Heo Nam Shim Noh Roh Ha Kwak Sung Cha Joo Woo Min Ryu Na Jin Ji Chae Won Bang Hyun "
    "Byun Yeo Chu Do Ku".split()
)


def hyphened_east_asian_name(tokens: list[str]) -> bool:
    """A Chinese or Korean family name before a hyphenated given name ("Lai Ching-te", "Kang
    Tae-woo"): the form of a personal name, whatever the sentence around it says.

    >>> hyphened_east_asian_name(["Lai", "Ching-te"]), hyphened_east_asian_name(["Karine", "Jean-Pierre"])
    (True, False)
    """
    return (
        len(tokens) == 2
        and (tokens[0] in CHINESE_SURNAMES or tokens[0] in SOUTHERN_CHINESE_SURNAMES or tokens[0] in KOREAN_SURNAMES)
        and bool(_HYPHENED_GIVEN.fullmatch(bare_word(tokens[1])))
    )


_SYLLABLE = re.compile(
    r"(?:[A-Z][bcdfghjklmnpqrstwxyz]{0,2}[aeiou]{1,3}|[AEIOU][aeiou]{0,2})(?:ng|n|h|k|t|p|m|l|ck)?"
)  # "Teck", "Eng"
_HYPHENED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def family_name_first(tokens: list[str]) -> bool:
    """A name printed family name first that :func:`is_chinese_order` does not cover: a Korean
    given name joined by a hyphen ("Kang Tae-woo", "Yoon Seo-yeon") or a Chinese family name before
    two one-syllable given names ("Tan Wei Ling", "Ong Kah Seng").

    >>> family_name_first(["Kang", "Tae-woo"]), family_name_first(["Tan", "Wei", "Ling"])
    (True, True)
    >>> family_name_first(["Karine", "Jean-Pierre"]), family_name_first(["Lee", "Ann", "Smith"])
    (False, False)
    >>> family_name_first(["Park", "Jin"]), family_name_first(["Yoon", "Suk", "Yeol"]), family_name_first(["Lee", "Smith"])
    (True, True, False)
    """
    if len(tokens) == 2:  # "Kang Tae-woo"; a Korean family name before one syllable ("Park Jin")
        return bool(_HYPHENED_GIVEN.fullmatch(tokens[1])) or (
            tokens[0] in KOREAN_SURNAMES and bool(_SYLLABLE.fullmatch(tokens[1])) and len(tokens[1]) <= 4
        )
    return (
        len(tokens) == 3
        and (tokens[0] in CHINESE_SURNAMES or tokens[0] in SOUTHERN_CHINESE_SURNAMES or tokens[0] in KOREAN_SURNAMES)
        and all(_SYLLABLE.fullmatch(t) for t in tokens[1:])
    )


_INITIAL = re.compile(r"[A-Z]\.")


def is_initial(token: str) -> bool:
    return bool(_INITIAL.fullmatch(token))


_POSSESSIVE_END = re.compile(r"(?:[’']s|[’'])$")


@lru_cache(maxsize=65536)
def bare_word(token: str) -> str:
    """A token without a possessive ending or trailing punctuation."""
    return _POSSESSIVE_END.sub("", token.rstrip(',.;:!?)\u201d"')) if len(token) > 2 else token.rstrip(",;:")


@lru_cache(maxsize=65536)
def is_name_word(token: str) -> bool:
    """Could ``token`` be a word of a personal name? Capitalised, mostly lower case, and not a
    title, descriptor, stop word, country, institution head or acronym.

    >>> [is_name_word(w) for w in ("Nicholas", "People's", "Minister", "The", "CIA", "Chinese", "McCaul", "Aydın")]
    [True, True, False, False, False, False, True, True]
    >>> is_name_word("Capitol"), is_name_word("Hill")
    (False, True)
    """
    word = bare_word(token)
    if len(word) < 2 or not word[0].isupper() or not word.replace("-", "").replace("'", "").isalpha():
        return False
    if word.isupper():
        return False
    low, raw_low = word.lower(), token.lower().rstrip(",;:")
    for key in (low, raw_low):
        if key in STOP_WORDS or key in PERSON_TITLE_WORDS or key in DESCRIPTOR_WORDS or key in ORG_HEADS:
            return False
    return not (low in OTHER_COUNTRY_WORDS or low in _US_CHINA_WORDS or low in REGION_WORDS)


#: Regions, directions and place words: capitalised in place names ("East Asian and Pacific Affairs",
#: "Capitol Hill", "Second Thomas Shoal", "People's Republic of China"), never a personal name.
REGION_WORDS = frozenset(
    "east west north south eastern western northern southern asia asian pacific atlantic indo-pacific asia-pacific "
    "middle central latin arctic mainland island strait sea ocean capitol shoal reef republic kingdom federation".split()
)


_US_CHINA_WORDS = frozenset("chinese china beijing american america washington prc united states u.s. us".split())


#: Cabinet titles only Washington uses ("Commerce Secretary", "Secretary of the Treasury", "DEA Administrator");
#: London's secretaries are of other fields or spelt otherwise ("Defence", "Transport").
_US_CABINET_RE = re.compile(
    r"\b(?:(?:Commerce|Treasury|Defense|Homeland Security|Interior|Agriculture|Labor|Transportation|Veterans Affairs)"
    r"\s+Secretary|Secretary\s+of\s+(?:the\s+)?(?:Commerce|Treasury|Defense|Homeland Security|Interior|Agriculture|"
    r"Labor|Transportation|Veterans Affairs)|(?:DEA|EPA|FDA|USAID|NASA)\s+(?:Administrator|chief|head))\b",
    re.IGNORECASE,
)


def side_from_description(text: str, name: str = "") -> str | None:
    """The side a description of a person or institution names, or None.

    ``text`` is the title or apposition printed with the name ("Chinese Foreign Ministry
    spokeswoman", "a researcher at the China Institute of International Studies", "an
    Idaho Republican"). In order: an independent voice (scholar, think tank, journalist) or
    a former office-holder is Other; then the first government or country the words name
    (US, China, or a third country: Other); then a legislator's title is US; then a
    government title held by a name in Chinese order is China. None when nothing tells.

    >>> side_from_description("Chinese Foreign Ministry spokeswoman")
    'China'
    >>> side_from_description("a researcher at the China Institute of International Studies")
    'Other'
    >>> side_from_description("U.S. Ambassador to China")
    'US'
    >>> side_from_description("Foreign Ministry spokesperson", "Mao Ning")
    'China'
    >>> side_from_description("an Oregon Democrat"), side_from_description("the minister") is None
    ('US', True)
    >>> side_from_description("Commerce Secretary"), side_from_description("Defence Secretary") is None
    ('US', True)
    """
    if not text:
        return None
    if _INDEPENDENT_RE.search(text) or _FORMER_RE.search(text) or _MEDIA_NAME_RE.search(text):
        return "Other"
    side = _earliest_side(_POSTED_TO.sub(" ", text))  # an ambassador to China is not China's
    if side is not None:
        return side
    if _LEGISLATOR_RE.search(text) or _US_CABINET_RE.search(text):
        return "US"
    if name and is_chinese_order(name.split()) and _GOVERNMENT_ROLE_RE.search(text):
        return "China"
    return None


def org_side(name: str) -> str | None:
    """The side of an organisation from its name: media and independent heads are Other,
    else the government or country its words name.

    >>> org_side("Lowy Institute"), org_side("National People's Congress"), org_side("Turkish Foreign Ministry")
    ('Other', 'China', 'Other')
    >>> org_side("U.S.-China Business Council")
    'Other'
    """
    words = [bare_word(w).lower() for w in name.split()]
    if any(w in MEDIA_HEADS or w in INDEPENDENT_HEADS for w in words) or _BOTH_SIDES.search(name):
        return "Other"  # a paper, a think tank, or a body of both countries ("U.S.-China Business Council")
    return _earliest_side(name)


_BOTH_SIDES = re.compile(
    r"(?:U\.S\.|US|American)[-–](?:China|Chinese)|(?:China|Chinese|Sino)[-–](?:U\.S\.|US|American)"
)


def _earliest_side(text: str) -> str | None:
    """The side whose words (US, China, another country) come first in ``text``, or None."""
    found = []
    for side, pattern in (("US", _US_RE), ("China", _CHINA_RE), ("Other", _OTHER_RE)):
        m = pattern.search(text)
        if m:
            found.append((m.start(), side))
    return min(found)[1] if found else None


#: News agencies and broadcasters whose names say nothing of news (the labels of reporters' turns in a
#: ministry's press conference: "AFP:", "Bloomberg:", "CCTV:").
MEDIA_NAMES = frozenset(
    "afp reuters bloomberg ap cctv cgtn cnn bbc nhk yonhap kyodo xinhua antara bernama tass dpa efe ansa pti "
    "nikkei politico axios caixin yomiuri asahi jiji nbc cbs abc npr pbs msnbc rthk rti".split()
)


def is_media_name(name: str) -> bool:
    """An organisation whose name ends like a newspaper, wire or broadcaster ("Bosphorus Daily"),
    or a news agency or broadcaster known by a bare name ("AFP", "Reuters")."""
    words = [bare_word(w).lower() for w in name.split()]
    return bool(words) and (any(w in MEDIA_HEADS for w in words) or " ".join(words) in MEDIA_NAMES)


def is_org_name(tokens: list[str]) -> bool:
    return any(bare_word(t).lower() in ORG_HEADS for t in tokens)


_TITLE_CASE_SMALL = frozenset("with from into over after about than that this upon onto near under amid".split())


def title_case(text: str) -> bool:
    """A headline set in title case: three words or more, and every word of four letters or more
    capitalised, but for a few prepositions.

    >>> title_case("Blinken Meets China Counterpart on Delayed Trip"), title_case("Blinken met Wang Yi in Beijing later")
    (True, False)
    """
    words = re.findall(r"[A-Za-z][\w’'\-]*", text)
    if len(words) < 3:
        return False
    return all(w[0].isupper() for w in words if len(w) >= 4 and w.lower() not in _TITLE_CASE_SMALL)


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is made of the starts of ``name``'s words, in order, every capitalised word from
    the first one used taking part ("of", "and" may): "DFA", "MOFA" (Ministry of Foreign Affairs) and "Dirco"
    (Department of International Relations and Cooperation) are; "Reuters" is not.

    >>> abbreviates("MOFA", "Taiwan’s Ministry of Foreign Affairs"), abbreviates("Dirco", "Department of International Relations and Cooperation")
    (True, True)
    >>> abbreviates("Reuters", "Ministry of Commerce"), abbreviates("SCZone", "Suez Canal Economic Zone")
    (False, True)
    """
    parts = re.findall(r"[^\W\d_][\w’']*", name)  # "Centro-Oeste" gives two words
    words = [w.lower() for w in parts]
    optional = [not w[:1].isupper() for w in parts]
    letters = short.lower()

    def fits(i: int, w: int, k: int) -> bool:  # letters[i:] still to place; k letters of word w used
        if i == len(letters):
            return all(optional[w + 1 :])
        if k < len(words[w]) and words[w][k] == letters[i] and fits(i + 1, w, k + 1):
            return True
        for n in range(w + 1, len(words)):  # the next word's start, skipping "of" and "and" if need be
            if words[n][0] == letters[i] and fits(i + 1, n, 1):
                return True
            if not optional[n]:
                return False
        return False

    if any(words[w][0] == letters[0] and not optional[w] and fits(1, w, 1) for w in range(len(words))):
        return True
    initials = sorted(w[0] for w, opt in zip(words, optional, strict=True) if not opt)
    if short.isupper() and len(short) >= 3 and sorted(letters) == initials:
        return True  # the same initials in the order of the body's own language ("FISI" for "Indonesian Smelter Industry Forum")
    # a short name in mixed case whose capitals start words of the name, in order ("SCZone", "AmCham")
    capitals = [c.lower() for c in short if c.isupper()]
    starts = [w[0] for w, opt in zip(words, optional, strict=True) if not opt]
    if len(capitals) < 2 or short.isupper() or not starts or capitals[0] != starts[0]:
        return False
    it = iter(starts)
    return all(c in it for c in capitals)


#: Fields a government body's name may list with commas ("Ministry of Economy, Trade and Industry").
FIELD_WORDS = frozenset(
    "trade industry commerce development investment technology energy agriculture environment culture tourism "
    "sports science information communications economy finance planning transport health welfare labour labor "
    "justice defence defense security education research commonwealth foreign affairs innovation".split()
)


#: Organisation head words that open a name in other languages.
HEAD_FIRST_ORGS = frozenset(
    "associação asociación associazione association verband bundesverband cámara câmara camara chambre confederação "
    "confederación federação federación fundação fundación stiftung instituto institut sindicato union".split()
)


_TITLE_JOINERS = frozenset({"of", "to", "for", "the", "press", "foreign"})


#: Where a clause breaks, for the title printed before a name.
CLAUSE_BREAK = re.compile(
    r"[,;:()\"“”—–]|\s-\s|(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bSen)(?<!\bRep)(?<!\bGen)(?<!\bGov)\.\s"
)


def pre_title(before: str, title_words: list[str]) -> str:
    """The title printed directly before a name: capitalised title words of the same run,
    plus lower-case title words and institution names right before it ("Chinese Foreign
    Ministry spokeswoman", "White House press secretary")."""
    clause = CLAUSE_BREAK.split(before)[-1]
    words = clause.split()
    keep: list[str] = []
    for w in reversed(words):
        low = w.lower().strip(",")
        if w[:1].isupper() or low in PERSON_TITLE_WORDS or low in _TITLE_JOINERS:
            keep.append(w)
            continue
        break
    while keep and (keep[-1].lower() in ("of", "to", "for", "the", "and") or keep[-1].lower() in STOP_WORDS):
        keep.pop()
    text = " ".join(reversed(keep))
    if not text:
        return " ".join(title_words)
    return text


_BYLINE_NAME = re.compile(
    r"(?:^|\|\s*|\bBy\s+)(?!By\s)(?P<n>[A-ZÀ-Þ][\w’'\-]+(?:\s+[A-ZÀ-Þ][\w’'\-]+){1,2})\s*(?=\||,|$)", re.MULTILINE
)


def byline_author(paragraphs: list[str]) -> str | None:
    """The one person a page's byline names, from the short lines under its headline ("By Ana
    Ruiz", "Ana Ruiz | The Daily Ledger", "The Ledger | By Ana Ruiz | 24 June 2023"), or None when
    no line names one or a line names several.

    >>> byline_author(["Column", "The Ledger | By Ana Ruiz | 24 June 2023", "Text of the column."])
    'Ana Ruiz'
    >>> byline_author(["News", "Ana Ruiz and Tom Berg | Meridian Wire"]) is None
    True
    """
    for line in paragraphs[1:6]:
        if len(line) > 140 or not ("|" in line or line.startswith("By ")):
            continue
        names = [
            m.group("n")
            for m in _BYLINE_NAME.finditer(line)
            if all(is_name_word(w) for w in m.group("n").split()) and not is_org_name(m.group("n").split())
        ]
        if names or " and " in line:
            return names[0] if len(names) == 1 and " and " not in line else None
    return None
