"""The fixed searches bench/run.py measures one at a time, from rare to common in the forum
`generate_forum` writes (forum/questions/generating.py): a word it never writes, its rare
names (each in about one sentence in 160), a rare name with a common word, pairs of common
words, and single common words (each in most posts). Rare words are where a planner that
walks the newest rows instead of the index is slowest, common ones where ranking is.
"""

QUERIES = [
    # Never written: the index answers "nothing" at once, or a scan reads everything.
    "blitzkrieg",
    # Rare names (RARE in generating.py).
    "nomonhan",
    "komatsubara",
    "tamtsag",
    "shtern",
    "kwantung",
    "khalkhin",
    "zhukov",
    # A rare name with a common word: rare, and a conjunction to check.
    "zhukov crossing",
    "nomonhan tanks",
    "khalkhin river bridge",
    # One tag and a word: the tag narrows, the word is common.
    "[topic-000] encirclement",
    "[topic-050] railhead",
    # Two and three common words: most posts hold each, fewer hold all.
    "railhead ceasefire",
    "envelopment doctrine logistics",
    "soviet japanese border",
    "infantry artillery",
    # Single common words (WORDS in generating.py): matches in most posts.
    "encirclement",
    "regiment",
    "logistics",
    "tanks",
    "army",
    "battle",
    "soviet",
]
