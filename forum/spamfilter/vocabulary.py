"""Word lists: function words, and the conversational words that could sit under any thread.

Two lists with two jobs:

* ``STOPWORDS`` are grammar (English plus the commonest function words of a few other
  languages, so that a French or Russian reply is not mistaken for one full of content).
* ``CUES`` are praise, thanks, agreement, disagreement and chit-chat; ``GENERIC_WORDS`` adds
  the nouns and verbs any reply can use ("answer", "idea", "think", "bring"). A reply whose
  words are all stopwords or generic says nothing specific to its thread. Relevance ignores
  generic words too, so "great answer" does not "overlap" with a question that says "answer".

The lists describe the genre (spinner comments are built from exactly this vocabulary),
not any particular message. Entries are matched after ``stemming.stem`` so inflections match.
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
también hay donde una uno
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
CUE_WORDS: dict[str, str] = {}
_CUES_BY_KIND = {
    "praise": """
        good great nice excellent remarkable brilliant bright fantastic wonderful awesome amazing
        superb useful helpful informative interesting cool perfect super fine best valuable
        magnificent admirable lovely beautiful clever smart worthy charming pleasant outstanding
        impressive terrific marvelous marvellous splendid fabulous incredible exceptional stunning
        neat genius bravo kudos congratulate congratulations congrats respect fascinating
        enjoyable insightful thoughtful worthwhile curious remarkably excellently magnificently
        admirably praise fantastically wonderfully brilliantly sensible well-written
        отлично отличный класс супер прекрасно замечательно браво
        genial excelente magnifique super toll prima bellissimo ottimo
        """,
    "thanks": """
        thank thanks thx ty thankyou appreciate appreciated grateful gratitude glad pleased happy
        спасибо благодарю danke merci gracias grazie obrigado
        """,
    "agreement": """
        agree agreed exactly indeed absolutely true right correct yes yeah yep yup sure certainly
        definitely totally ditto precisely undoubtedly unconditionally obviously doubtless
        согласен согласна верно точно
        """,
    "disagreement": """
        disagree wrong nonsense rubbish false incorrect doubt nope nah bullshit silly stupid
        ridiculous absurd mistaken mistake delusion
        """,
    "chit-chat": """
        hello hi hey welcome bye goodbye lol lmao rofl haha hahaha hehe wow omg hmm bump ok okay
        oops yay ugh pity shame sorry funny amusing
        привет
        """,
}
for _kind, _words in _CUES_BY_KIND.items():
    for _word in _words.split():
        CUE_WORDS.setdefault(stem(_word), _kind)

# Nouns, verbs and adverbs that fit under any thread on any subject.
_GENERIC = """
answer question post topic theme thread idea information info article thing point opinion
view comment explanation reply message work job stuff way lot lots time people person man
guy guys friend friends author expert sir madam dear bro brother buddy site blog page forum
word phrase sentence variant matter case fact subject reason sense kind sort part bit
look seem say said think know see read write wrote find want need tell ask help learn
understand believe guess hope wish mean bring take make go come get give keep put let try feel
face happen handle discuss communicate talk chat speak check like love enjoy share add follow
leave wait use used agree pm dm private personal personally message email mail
back here there now today well really very much just also even still already always never
ever sometimes maybe perhaps probably actually quite rather pretty such little enough lot
something anything everything nothing someone anyone everyone other another same different
new old big small whole real real simple simply completely fully highly truly totally
first last next previous above below many few more most less least own
better worse easier harder simpler easy hard weird strange crazy gross pretty ugly boring
confusing annoying tricky sad scary hate consider wise wisdom knowledge truth essence lie mind
"""

GENERIC_WORDS: frozenset[str] = frozenset(stem(w) for w in _GENERIC.split()) | frozenset(CUE_WORDS)
