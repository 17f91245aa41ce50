#!/usr/bin/env python3
"""Rebuild the real (non-invented) spam-filter corpus from raw sources.

Usage:
    python -m forum.spamfilter.training.build_real RAW_DIR [OUT_DIR]

RAW_DIR must hold the raw sources laid out as described in data/real/README.md
("Raw layout"); OUT_DIR defaults to data/real/, where the fitting and evaluation look.
Standard library only; output is deterministic (sorted by id, fixed seeds).
"""

import glob
import hashlib
import html
import json
import os
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from datetime import datetime

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "real")
TEXT_MAX = 4000
CONTEXT_MAX = 1500
SEED = 20240601

# Stack Exchange sites: raw sub-directory -> (source name, site host, id prefix,
# max ok comments, max ok answers). Caps keep the files small; every reviewed
# chatter comment (flag) is always kept.
SE_SITES = {
    "se_quantumcomputing": (
        "se_quantumcomputing",
        "quantumcomputing.stackexchange.com",
        "qc",
        1400,
        500,
    ),
    "se_cardano": ("se_cardano", "cardano.stackexchange.com", "cardano", 1100, 500),
    "se_conlangmeta": (
        "se_conlangmeta",
        "conlang.meta.stackexchange.com",
        "conlangmeta",
        10**6,
        10**6,
    ),
}
# SE switched from CC BY-SA 3.0 to 4.0 on 2018-05-02 (dumps without a
# ContentLicense attribute are attributed by date).
SE_LICENCE_SWITCH = "2018-05-02"

# tg-spam lines dropped on purpose: advertising of sexual content involving
# minors, and lines carrying what look like payment-card numbers (PII).
TG_DROP = re.compile(
    r"\br[@a]pe\b|k[i1]d\W{0,3}\$?[s5]ex|underage|brother\W{0,6}sister|ස්කෝලෙ|"
    r"\bcvv\b|\b[3-6]\d{3} \d{4} \d{4} \d{4}\b",
    re.I,
)

# Never include anything about the forum's seed thread.
EXCLUDE = re.compile(r"khalkh?in|nomonhan|халхин|номонхан", re.I)


# ---------------------------------------------------------------- helpers
def clean_ws(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def truncate(text, limit):
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sp = cut.rfind(" ")
    if sp > limit * 0.8:
        cut = cut[:sp]
    return cut.rstrip() + " …"


def html_to_text(body):
    """Stack Exchange post HTML -> plain text keeping code and links readable."""
    if not body:
        return ""
    t = body
    t = re.sub(
        r"(?is)<pre[^>]*><code[^>]*>(.*?)</code></pre>",
        lambda m: "\n```\n" + m.group(1) + "\n```\n",
        t,
    )
    t = re.sub(
        r"(?is)<a\s[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>",
        lambda m: (
            m.group(2) if m.group(2).strip() == m.group(1) else f"{m.group(2)} ({m.group(1)})"
        ),
        t,
    )
    t = re.sub(r"(?is)<img\s[^>]*src=\"([^\"]*)\"[^>]*>", r"[image: \1]", t)
    t = re.sub(r"(?i)<br\s*/?>", "\n", t)
    t = re.sub(r"(?i)</(p|div|h\d|blockquote|li|ul|ol|pre|table|tr)>", "\n", t)
    t = re.sub(r"(?i)<li[^>]*>", "- ", t)
    t = re.sub(r"(?is)<code>(.*?)</code>", r"`\1`", t)
    t = re.sub(r"<[^>]+>", "", t)
    return clean_ws(html.unescape(t))


def comment_to_text(text):
    return clean_ws(html.unescape(text or ""))


STOP = {
    "en": "the and you that this for with are have not but what can your was from they will"
    " just all about there their would please thanks",
    "es": "que los las una por para con del como pero más este esta muy también hola gracias",
    "pt": "que não uma para com por mais como mas você isso está muito também obrigado olá são",
    "fr": "les des est pas une que pour dans vous avec sur mais sont cette bonjour merci très",
    "de": "und der die das nicht ist ich sie mit den ein eine auch auf für bitte danke",
    "it": "che non per una sono con della come anche questo grazie ciao",
    "id": "yang dan ini itu dengan untuk tidak ada dari kamu saya aku bisa juga sudah lagi aja",
    "tr": "bir ve bu için ile çok daha gibi olan ama değil sen ben kanal hediye kişiye olarak"
    " sayısı yayın bak",
    "nl": "het een van niet dat met voor zijn maar ook wat",
    "az": "və üçün ilə çox səni olmasa edirik",
    "vi": "của và là có nhận nhóm bạn vào không các cho một những được với này anh em",
    "ms": "anda kami untuk dengan tidak boleh sahaja",
}
STOP = {k: set(v.split()) for k, v in STOP.items()}

# The scripts told apart by their Unicode blocks: (script, first, last code point). Where two
# scripts count as many letters, the one listed first wins.
SCRIPT_BLOCKS = (
    ("cyr", 0x400, 0x4FF),
    ("han", 0x4E00, 0x9FFF),
    ("han", 0x3400, 0x4DBF),
    ("kana", 0x3040, 0x30FF),
    ("hangul", 0xAC00, 0xD7AF),
    ("arab", 0x600, 0x6FF),
    ("deva", 0x900, 0x97F),
    ("thai", 0xE00, 0xE7F),
    ("sinh", 0xD80, 0xDFF),
    ("taml", 0xB80, 0xBFF),
    ("telu", 0xC00, 0xC7F),
)


def detect_lang(text):
    """Small script + stop-word language guess (ISO 639-1, 'und' if unsure)."""
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"https?://\S+|t\.me/\S+|@\w+", " ", t)
    counts = dict.fromkeys((script for script, _, _ in SCRIPT_BLOCKS), 0)
    counts["latin"] = 0
    for ch in t:
        o = ord(ch)
        if o < 0x250:
            if ch.isalpha():
                counts["latin"] += 1
            continue
        for script, first, last in SCRIPT_BLOCKS:
            if first <= o <= last:
                counts[script] += 1
                break
    uk = sum(ch in "іїєґІЇЄҐ" for ch in t)  # letters only Ukrainian has among the Cyrillic ones
    total = sum(counts.values())
    if total == 0:
        return "und"
    # a non-Latin script wins as soon as it makes up a quarter of the letters
    script = max((k for k in counts if k != "latin"), key=lambda k: counts[k])
    if counts[script] < 0.25 * total:
        script = "latin"
    if script == "cyr":
        return "uk" if uk >= 2 else "ru"
    if script == "han":
        return "ja" if counts["kana"] > 0 else "zh"
    other = {
        "kana": "ja",
        "hangul": "ko",
        "arab": "ar",
        "deva": "hi",
        "thai": "th",
        "sinh": "si",
        "taml": "ta",
        "telu": "te",
    }
    if script in other:
        return other[script]
    words = re.findall(r"[^\W\d_]+", t.lower())
    if not words:
        return "und"
    scores = {k: sum(1 for w in words if w in v) for k, v in STOP.items()}
    best = max(sorted(scores), key=lambda k: scores[k])
    if scores[best] == 0:
        return "en" if all(ord(c) < 128 for c in t) else "und"
    return best


def record(
    rid,
    source,
    label,
    kind,
    text,
    thread_title="",
    thread_body="",
    parent_text="",
    lang=None,
    author=None,
    attribution=None,
):
    text = truncate(text, TEXT_MAX)
    rec = {
        "id": rid,
        "source": source,
        "label": label,
        "kind": kind,
        "text": text,
        "thread_title": thread_title,
        "thread_body": truncate(thread_body, CONTEXT_MAX),
        "parent_text": truncate(parent_text, CONTEXT_MAX),
        "lang": lang or detect_lang(text),
        "author": author,
    }
    if attribution:
        rec["attribution"] = attribution
    return rec


def excluded(rec):
    return any(
        EXCLUDE.search(rec[k]) for k in ("text", "thread_title", "thread_body", "parent_text")
    )


def write_jsonl(path, records):
    records = sorted((r for r in records if not excluded(r)), key=lambda r: r["id"])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n")
    return records


def parse_dt(s):
    return datetime.strptime(s[:19], "%Y-%m-%dT%H:%M:%S")


def norm_key(text):
    """Key for near-duplicate removal: lower-cased, links/digits/space dropped."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"https?://\S+|t\.me/\S+|@\w+|\d+", "", t)
    t = re.sub(r"\W+", "", t)
    return t[:80]


def sha(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------- Stack Exchange
def load_review(path):
    review = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            site, kind, pid, decision = line.rstrip("\n").split("\t")[:4]
            review[(site, kind, int(pid))] = decision
    return review


def rows(path):
    for _, el in ET.iterparse(path):
        if el.tag == "row":
            yield dict(el.attrib)
            el.clear()


def se_licence(row, date_key="CreationDate"):
    if row.get("ContentLicense"):
        return row["ContentLicense"]
    last = row.get("LastEditDate") or row.get(date_key, "")
    return "CC BY-SA 3.0" if last[:10] < SE_LICENCE_SWITCH else "CC BY-SA 4.0"


def build_se(raw, subdir, review):
    source, host, prefix, cap_c, cap_a = SE_SITES[subdir]
    d = os.path.join(raw, subdir)
    posts = {int(r["Id"]): r for r in rows(os.path.join(d, "Posts.xml"))}
    users = {int(r["Id"]): r for r in rows(os.path.join(d, "Users.xml"))}
    comments = list(rows(os.path.join(d, "Comments.xml")))
    # approved_posts: questions/answers by the user created before the reply.
    by_user = {}
    for p in posts.values():
        if p.get("PostTypeId") in ("1", "2") and p.get("OwnerUserId"):
            by_user.setdefault(int(p["OwnerUserId"]), []).append(p["CreationDate"])
    for v in by_user.values():
        v.sort()

    def author(uid, when):
        if uid is None or uid not in users:
            return None
        u = users[uid]
        age = (parse_dt(when) - parse_dt(u["CreationDate"])).days
        n = sum(1 for c in by_user.get(uid, ()) if c < when)
        return {"account_age_days": max(age, 0), "approved_posts": n}

    def user_attr(uid, name):
        if uid is not None and uid in users:
            return users[uid].get("DisplayName", ""), f"https://{host}/users/{uid}"
        return name or "", ""

    def question_of(p):
        if p.get("PostTypeId") == "1":
            return p
        if p.get("PostTypeId") == "2" and p.get("ParentId"):
            return posts.get(int(p["ParentId"]))
        return None

    out_flag, out_ok_c, out_ok_a = [], [], []

    def add_reply(out_ok, kind, row, post, text, parent_text, user_id, user_name, url, ids):
        """File the record of a comment or an answer (``row``, on ``post``) under flag or ok;
        skip it when ``post`` is in no question's thread (tag wikis etc.) or ``text`` is empty."""
        q = question_of(post)
        if q is None or not text:
            return
        uid = int(user_id) if user_id else None
        name, profile = user_attr(uid, user_name)
        # Ids read "qc-c12" for a comment, "qc-a7" for an answer.
        rec = record(
            "{}-{}{}".format(prefix, kind[0], row["Id"]),
            source,
            review.get((subdir, kind, int(row["Id"])), "ok"),
            kind,
            text,
            thread_title=html.unescape(q.get("Title", "")),
            thread_body=html_to_text(q.get("Body")),
            parent_text=parent_text,
            lang="en",
            author=author(uid, row["CreationDate"]),
            attribution={
                "url": url,
                "site": host,
                **ids,
                "user": name,
                "user_url": profile,
                "license": se_licence(row),
                "created": row["CreationDate"][:10],
            },
        )
        (out_flag if rec["label"] == "flag" else out_ok).append(rec)

    for c in comments:
        pid = int(c["PostId"])
        post = posts.get(pid)
        if post is None:
            continue
        add_reply(
            out_ok_c,
            "comment",
            c,
            post,
            comment_to_text(c.get("Text")),
            parent_text=html_to_text(post.get("Body")),
            user_id=c.get("UserId"),
            user_name=c.get("UserDisplayName"),
            url="https://{}/{}/{}#comment{}_{}".format(
                host, "q" if post.get("PostTypeId") == "1" else "a", pid, c["Id"], pid
            ),
            ids={"comment_id": int(c["Id"]), "post_id": pid},
        )
    for p in posts.values():
        if p.get("PostTypeId") != "2":
            continue
        add_reply(
            out_ok_a,
            "answer",
            p,
            p,
            html_to_text(p.get("Body")),
            parent_text="",
            user_id=p.get("OwnerUserId"),
            user_name=p.get("OwnerDisplayName"),
            url="https://{}/a/{}".format(host, p["Id"]),
            ids={"post_id": int(p["Id"])},
        )
    rng = random.Random(f"{subdir}-{SEED}")
    out_ok_c.sort(key=lambda r: r["id"])
    out_ok_a.sort(key=lambda r: r["id"])
    # keep every short ok comment (hard negatives for a chatter filter), sample the rest
    short = [r for r in out_ok_c if len(r["text"]) <= 80]
    longer = [r for r in out_ok_c if len(r["text"]) > 80]
    room = max(cap_c - len(short), 0)
    keep_c = short + (rng.sample(longer, room) if len(longer) > room else longer)
    keep_a = rng.sample(out_ok_a, cap_a) if len(out_ok_a) > cap_a else out_ok_a
    return source, out_flag + keep_c + keep_a


# ------------------------------------------------------------------ tg-spam
def build_tg(raw):
    d = os.path.join(raw, "tg_spam")
    sets = {}
    for kind in ("spam", "ham"):
        seen = {}
        for path in sorted(glob.glob(os.path.join(d, f"{kind}-samples@*.txt"))):
            commit = os.path.basename(path).split("@")[1][:-4]
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    line = clean_ws(line)
                    if line and line not in seen:
                        seen[line] = commit
        sets[kind] = seen
    both = set(sets["spam"]) & set(sets["ham"])
    out = []
    for kind, label in (("spam", "flag"), ("ham", "ok")):
        keys = set()
        for text in sorted(sets[kind]):
            if text in both or TG_DROP.search(text):
                continue
            k = norm_key(text)
            if len(k) < 3 and kind == "ham":
                continue
            if k in keys:
                continue
            keys.add(k)
            out.append(
                record(
                    f"tg-{kind}-{sha(text)}",
                    "tg_spam",
                    label,
                    "comment",
                    text,
                    attribution={
                        "repo": "umputun/tg-spam",
                        "file": f"data/{kind}-samples.txt",
                        "license": "MIT",
                    },
                )
            )
    return "tg_spam", out


# -------------------------------------------------------- SMS Spam Collection
def build_sms(raw):
    path = os.path.join(raw, "sms_spam", "SMSSpamCollection")
    out, seen = [], set()
    n = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" not in line:
                continue
            tag, text = line.split("\t", 1)
            if tag not in ("ham", "spam"):
                continue  # header line in some copies
            n += 1
            text = clean_ws(html.unescape(text))
            if not text or text in seen:
                continue
            seen.add(text)
            out.append(
                record(
                    f"sms-{n:04d}",
                    "sms_spam",
                    "flag" if tag == "spam" else "ok",
                    "comment",
                    text,
                    lang="en",
                    attribution={
                        "dataset": "UCI SMS Spam Collection v.1 (Almeida & Gomez Hidalgo)",
                        "line": n,
                        "license": "CC BY 4.0",
                    },
                )
            )
    return "sms_spam", out


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    raw = argv[1]
    out_dir = argv[2] if len(argv) > 2 else HERE
    review = load_review(os.path.join(HERE, "se_chatter_review.tsv"))
    builds = [build_se(raw, s, review) for s in SE_SITES if os.path.isdir(os.path.join(raw, s))]
    if os.path.isdir(os.path.join(raw, "tg_spam")):
        builds.append(build_tg(raw))
    if os.path.isdir(os.path.join(raw, "sms_spam")):
        builds.append(build_sms(raw))
    for source, recs in builds:
        kept = write_jsonl(os.path.join(out_dir, source + ".jsonl"), recs)
        flags = sum(r["label"] == "flag" for r in kept)
        print(f"{source:<22} {len(kept):5d} rows  flag {flags:4d}  ok {len(kept) - flags:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
