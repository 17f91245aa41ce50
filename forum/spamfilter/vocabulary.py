"""Word lists: function words, and the conversational words that could sit under any thread.

Two lists with two jobs:

* ``STOPWORDS`` are grammar (English plus the commonest function words of a few other
  languages, so that a French or Russian reply is not mistaken for one full of content).
* ``CUES`` are praise, thanks, agreement, disagreement and chit-chat; ``GENERIC_WORDS`` adds
  the nouns and verbs any reply can use ("answer", "idea", "think", "bring"). A reply whose
  words are all stopwords or generic says nothing specific to its thread. Relevance ignores
  generic words too, so "great answer" does not "overlap" with a question that says "answer".

The lists describe the genre, not any particular message. The seed thread's spam comments are
the filter's held-back acceptance test, so no hand-picked entry may come from them: where one of
their words is listed, it is because a general, named source lists it (the Hu & Liu opinion
lexicon, the SMART stop list, LIWC's assent category; see each list). ``tests/spamfilter/
test_seed_wording.py`` checks this.

Cues and generic words match a word as written, or through ``stemming.stem`` only when the word is
inflected: "nicely" is praise, but "@nic" is not "nice" and "Total" is not "totally".
"""

from __future__ import annotations

from .stemming import stem

_ENGLISH = """
a about above after again against all almost along already also although always am among an
and another any anybody anyone anything anyway anywhere are aren't around as at be became
because become been before being below beside besides between both but by can can't cannot
could couldn't did didn't do does doesn't doing don't done down during each either else
enough etc even ever every everybody everyone everything everywhere few for from further had
hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself
just least less let's many may maybe me might mine more most much must mustn't my myself
neither never nor not nothing now of off often on once one only onto or other others otherwise
ought our ours ourselves out over own per perhaps quite rather same several shall shan't she
she'd she'll she's should shouldn't since so some somebody someone something somewhat
somewhere still such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've this those though through thus till to too toward
towards under until up upon us very via was wasn't we we'd we'll we're we've were weren't
what what's whatever when when's where where's whether which while who who's whom whose why
why's will with within without won't would wouldn't yet you you'd you'll you're you've your
yours yourself yourselves im ive dont doesnt didnt cant wont isnt thats whats youre
"""

# Function words of a few other languages the forum sees: enough to keep them out of "content".
_OTHER_LANGUAGES = """
der die das den dem des ein eine einen einem einer und oder aber ist sind war nicht ich du er
sie es wir ihr mit von zu zum zur auf für im in an als auch wie so dass noch nur schon sehr
le la les de des du un une et est sont en que qui pas pour dans ce cette il elle je tu nous
vous au aux sur avec mais ou plus par se ne
el los las del y en es por para con no lo su al como más pero sus ya este esta muy sin sobre
también hay donde una uno mucho mucha muchos muchas beaucoup molto tanto tante muito muita
il lo gli di da che è per con non una nel della sono
o os as do da dos das em um uma não para com que por se mais
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
было вот от меня еще нет о из ему когда даже ну ли если уже или ни быть был него до вас там
потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам без чего раз
тоже себе под будет тогда кто этот того потому этого какой совсем здесь этом один мой тем
чтобы сейчас были можно при после над больше тот через эти нас про всего них много эту моя
этой перед это
"""


def word_set(words: str) -> frozenset[str]:
    """A set from whitespace-separated words: long word lists stay readable in the source."""
    return frozenset(words.split())


STOPWORDS: frozenset[str] = word_set(_ENGLISH + _OTHER_LANGUAGES)

# Conversational cues by kind; the kind names appear in explanations shown to moderators.
# Praise and thanks (English): positive words of the Hu & Liu opinion lexicon ("Mining and
# summarizing customer reviews", KDD 2004) that are used to compliment a post or its author;
# disagreement: negative words of the same lexicon used to dismiss one; agreement: LIWC's
# "assent" category (Pennebaker et al., examples "agree, OK, yes") and its synonyms;
# chit-chat: greetings and interjections (the SMART stop list has "hello", "hi", "welcome").
# Other languages: the same kinds in French, Spanish, German, Italian, Portuguese and Russian.
CUE_WORDS: dict[str, str] = {}
_CUES_BY_KIND = {
    "praise": """
        good great nice excellent remarkable brilliant bright fantastic wonderful awesome amazing
        superb useful helpful interesting cool perfect super fine best valuable
        magnificent admirable lovely beautiful clever smart worthy charming pleasant outstanding
        impressive terrific marvelous marvellous splendid fabulous incredible exceptional stunning
        neat genius bravo kudos congratulate congratulations congrats respect fascinating
        enjoyable insightful thoughtful worthwhile remarkably excellently magnificently
        admirably praise fantastically wonderfully brilliantly sensible informative
        génial geniale magnifique formidable superbe parfait félicitations chapeau
        excelente genial estupendo perfecto magnífico buenísimo felicidades felicitaciones
        toll klasse prima ausgezeichnet hervorragend wunderbar großartig glückwunsch spitze
        bellissimo ottimo bravissimo ótimo excelente parabéns
        отлично отличный отличная отличное класс классно супер прекрасно прекрасный замечательно
        замечательный браво молодец круто поздравляю шикарно великолепно
        """,
    "thanks": """
        thank thanks thx ty thankyou appreciate appreciated grateful gratitude glad pleased happy
        merci gracias danke dankeschön vielen grazie obrigado obrigada
        спасибо благодарю спс благодарность
        """,
    "agreement": """
        agree agreed exactly indeed absolutely true right correct yes yeah yep yup sure certainly
        definitely ditto precisely undoubtedly unconditionally obviously doubtless
        d'accord exactement absolument acuerdo exacto exactamente claro cierto
        zustimmen genau stimmt richtig einverstanden esatto vero
        согласен согласна верно точно именно правильно да
        """,
    "disagreement": """
        disagree wrong nonsense rubbish false incorrect doubt nope nah bullshit silly stupid
        ridiculous absurd mistaken mistake delusion
        faux n'importe absurde falso tontería quatsch unsinn falsch
        неправ неверно чушь ерунда бред ошибаетесь
        """,
    # Bare acknowledgements of an edit ("Updated the answer!", "@ana done"): the labelling
    # rule's edit acknowledgements, chatter only when nothing specific follows.
    "edit note": """
        edited updated done fixed deleted added included revised amended corrected rephrased
        """,
    "chit-chat": """
        hello hi hey welcome bye goodbye lol lmao rofl haha hahaha hehe wow omg hmm bump ok okay
        oops yay ugh pity shame sorry funny amusing
        bonjour salut coucou mdr hola jaja jajaja hallo tschüss ciao
        привет ахах хаха лол ок
        """,
}
for _kind, _words in _CUES_BY_KIND.items():
    for _word in _words.split():
        CUE_WORDS.setdefault(_word, _kind)
# Inflected forms reach a cue through its stem ("thanked", "agreeing", "nicely").
CUE_STEMS: dict[str, str] = {}
for _word, _kind in CUE_WORDS.items():
    CUE_STEMS.setdefault(stem(_word), _kind)


def cue_kind(word: str, stem_: str) -> str | None:
    """The cue kind of a word as written, or of its stem when the word is inflected."""
    kind = CUE_WORDS.get(word)
    if kind is None and stem_ != word and not _is_noun_form(word):
        kind = CUE_STEMS.get(stem_)
    return kind


def _is_noun_form(word: str) -> bool:
    """A plural ("rights", "goods") names things: it is not the cue its stem is ("right")."""
    return word.endswith("s") and not word.endswith(("ss", "'s"))


# Conversational words of the SMART stop list (Salton's SMART system, 571 words, as published
# in Lewis et al., "RCV1", JMLR 2004, appendix 11): the entries that are not already grammar.
_SMART_CONVERSATIONAL = """
able according accordingly actually allow allows alone apart appear appreciate appropriate
aside ask asking associated available away awfully believe best better brief came cause causes
certain certainly changes clearly come comes concerning consequently consider considering
contain containing contains corresponding course currently definitely described despite
different downwards entirely especially exactly example except far fifth first five followed
following follows former formerly forth four furthermore get gets getting given gives go goes
going gone got gotten greetings happens hardly hello help hence hereafter hereby herein
hereupon hi hither hopefully howbeit ignored immediate inasmuch indeed indicate indicated
indicates inner insofar instead inward keep keeps kept know knows known last lately later
latter latterly lest like liked likely little look looking looks mainly mean meanwhile merely
moreover mostly name namely near nearly necessary need needs nevertheless new next nine nobody
non none noone normally novel nowhere obviously oh ok okay old ones outside overall particular
particularly placed please plus possible presumably probably provides que really reasonably
regarding regardless regards relatively respectively right said saw say saying says second
secondly see seeing seem seemed seeming seems seen self selves sensible sent serious seriously
seven six somehow sometime sometimes soon sorry specified specify specifying sub sup sure take
taken tell tends thank thanks thanx thence thereafter thereby therefore therein theres
thereupon think third thorough thoroughly three throughout thru together took tried tries
truly try trying twice two unfortunately unless unlikely unto use used useful uses using
usually value various viz vs want wants way welcome well went whence whenever whereafter
whereas whereby wherein whereupon wherever whither whoever whole willing wish wonder yes zero
"""

# Words that name the forum's own objects and acts (Stack Exchange's post types and actions):
# any reply may use them, so sharing them with the thread is not relevance.
_FORUM = """
answer question post comment thread reply edit edited quote upvote downvote vote votes
accepted accept site forum link topic
"""

# Further nouns, verbs and adverbs that fit under any thread on any subject (hand-picked; none
# from the seed thread's comments).
_GENERIC = """
article thing point view explanation clarification message work job stuff lot lots time people
person man guy guys friend friends author sir madam dear bro brother buddy blog
word phrase sentence variant matter case fact subject reason sense kind sort part bit
find read learn understand guess hope feel happen try talk chat speak check love enjoy share
add follow leave wait private personal personally email mail
today pretty such little enough whole real simple simply completely fully highly truly totally lot
more most less least own insight input
easier harder simpler easy hard weird strange crazy gross ugly boring
confusing annoying tricky sad scary hate wise wisdom knowledge truth essence lie mind
"""

FORUM_WORDS: frozenset[str] = word_set(_FORUM)
FORUM_STEMS: frozenset[str] = frozenset(stem(w) for w in FORUM_WORDS)

# "PM"/"DM": private message, as Wiktionary records the Internet slang (noun and verb).
_SLANG = "pm dm"

# Words that are in the lists because a named general source lists them (the seed-wording
# test allows only these to coincide with the seed thread's comments): the SMART stop list,
# the forum's own objects, Wiktionary's slang, and the lexicons named at ``CUE_WORDS``.
_LEXICON_ENTRIES = {
    "Hu & Liu opinion lexicon, positive words": "remarkable bright congratulate glad welcome thank",
    "Hu & Liu opinion lexicon, negative words": "wrong",
    "LIWC assent category": "agree yes",
}
SOURCED_WORDS: frozenset[str] = frozenset(
    " ".join((_SMART_CONVERSATIONAL, _FORUM, _SLANG, *_LEXICON_ENTRIES.values())).split()
)

# A few words are conversation when they open a reply ("Well, ...", "Well said") and topic words
# inside one ("dig a well", "it scales well", "well documented"); ``document`` keeps them as
# content there, except after an intensifier or in "as well".
NOUN_AFTER_DETERMINER = frozenset({"well"})
NOT_AFTER = word_set("as very so pretty quite really")

GENERIC_WORDS: frozenset[str] = frozenset(
    (_SMART_CONVERSATIONAL + _FORUM + _GENERIC).split()
) | frozenset(CUE_WORDS)
GENERIC_STEMS: frozenset[str] = frozenset(stem(w) for w in GENERIC_WORDS)


def is_generic(word: str, stem_: str) -> bool:
    """A conversational word as written, or an inflection of one ("answers", "thanked").

    An adverb made from a generic word is a word of its own ("timely" is not "time")."""
    return word in GENERIC_WORDS or (
        stem_ != word and not word.endswith("ly") and stem_ in GENERIC_STEMS
    )
