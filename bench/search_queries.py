"""The fixed search queries the benchmark times, from rare to common.

Every word is in the synthetic forum's vocabulary (forum/questions/generating.py): its rare
names turn up in about one sentence in 160 each, so a name is in a few percent of the posts
and two names together in well under one percent; its ordinary words are in a tenth to a
third of the posts each. "pills discount" matches only spam, which readers never see: the
index finds it, the visibility rule drops it. Matches in the 1 M-post forum (seed 1, about
333,000 questions and answers) are in the comments.
"""

QUERIES = [
    # Never written: the index answers "nothing" at once, or a scan reads everything.
    "blitzkrieg",
    # Rare: two names together (about 330 matches), spam only (7,300, none visible), then one
    # name (about 10,000).
    "komatsubara tamtsag",
    "zhukov nomonhan",
    "khalkhin kwantung",
    "shtern zhukov",
    "pills discount",
    "nomonhan",
    "zhukov",
    "kwantung",
    "khalkhin",
    "tamtsag",
    "komatsubara",
    "shtern",
    "bain-tsagan",
    # Middling: a name and ordinary words (3,100-5,500), or three ordinary words (43,000).
    "nomonhan tanks river",
    "zhukov crossing",
    "railhead fuel water",
    "soviet japanese border",
    "bridge crossing night",
    # Common: two ordinary words (77,000), then one (148,000).
    "bridge crossing",
    "infantry artillery",
    "tanks river",
    "encirclement",
    "battle",
    "army",
    # A tag and a word: the tag narrows, the word is common (a plan trap at 1 M posts).
    "[topic-000] encirclement",
    "[topic-050] railhead",
]
