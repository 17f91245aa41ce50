"""The fixed search queries the benchmark times, from rare to common.

Every word is in the synthetic forum's vocabulary (forum/questions/generating.py): its rare
names turn up in about one sentence in 160 each, so a name is in a few percent of the posts
and two names together in well under one percent; its ordinary words are in a tenth to a
third of the posts each. "pills discount" matches only spam, which readers never see: the
index finds it, the visibility rule drops it. Rough shares of the 1 M-post forum's questions
and answers are in the comments (measured with the forum's own search).
"""

SEARCH_QUERIES = [
    # Rare: two names together, then one name.
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
    # Middling: a name and ordinary words, or three ordinary words.
    "nomonhan tanks river",
    "zhukov crossing",
    "railhead fuel water",
    "soviet japanese border",
    "bridge crossing night",
    # Common: two ordinary words, then one.
    "bridge crossing",
    "infantry artillery",
    "tanks river",
    "encirclement",
    "battle",
    "army",
]
