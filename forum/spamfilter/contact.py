"""Attempts to move the conversation off the site: private-message solicitation, contact details.

Scammers and spinner bots cannot put their pitch in public, so they ask to continue "in PM",
"in personal messages", "privately", or just announce "let's talk". "PM"/"DM" as a noun ("in
PM") and a verb ("PM me") are the Internet idioms Wiktionary records under "PM" and "DM"; the
same requests are matched in French ("en MP", "écris-moi"), Spanish ("por privado",
"escríbeme"), German ("per PN", "schreib mir"), Russian ("в личку", "напишите мне"), Turkish
("özelden"), Korean ("문의 주세요") and Persian, and as a handle given as the address to write
to ("Contact @name", "PM to @name").
In a short reply
that request is the whole point of posting; inside a long or technical answer ("message me if
you need the full dataset", followed by code) it is an aside, so it weighs less there.
"""

from __future__ import annotations

import re

from .document import Document
from .offers import cyrillic_view
from .records import Reason
from .vocabulary import word_set

# Naming a private channel: the strong form.
_PRIVATE_CHANNEL_RE = re.compile(
    # "in PM", "to my DM" -- but not "a letter to PM Churchill" (a capitalised name follows)
    r"\b(?:in|via|by|through|into|to|over)\s+(?:a\s+|my\s+|your\s+)?(?:pm|p\.m\.|dm|inbox)\b"
    r"(?!\s+(?-i:[A-Z]))"
    # "in personal messages", "to the private chat"
    r"|\b(?:in|via|by|through|into|to|on|over)\s+(?:a\s+|my\s+|your\s+|the\s+)?"
    r"(?:personal\s+(?:messages?|correspondence|mail|chat)|"
    r"private\s+(?:messages?|chat|correspondence|conversation)|direct\s+messages?)\b"
    # "let's continue in private." -- but not "in private schools"
    r"|\bin\s+private(?=\s*(?:[.,;:!?)]|$|with\b|about\b|so\b|if\b))"
    r"|\b(?:talk|speak|discuss|chat|continue|communicate|correspond)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:privately|personally|offline|off\s+(?:the\s+)?(?:site|forum))\b"
    # "personal messages open, write": the spinner idiom; "private messages" alone is a feature
    r"|\bpersonal\s+(?:correspondence|messages)\b",
    re.I,
)
# Asking to be written to: also strong.
_ASK_FOR_MESSAGE_RE = re.compile(
    r"\b(?:pm|dm|inbox|message|msg|write|contact|text|e-?mail|mail|ping|reach|"
    r"whats\s?app|telegram)\s+(?:to\s+)?me\b"
    r"|\b(?:drop|send|leave)\s+me\s+(?:a\s+)?(?:line|note|private|personal|pm|dm|message|e-?mail)\b"
    r"|\bhit\s+me\s+up\b"
    r"|\badd\s+me\s+(?:on|at)\s+(?:snapchat|snap|whats\s?app|telegram|insta(?:gram)?|facebook|fb|"
    r"discord|wechat|line|kik|skype|viber)\b",
    re.I,
)
# The same requests in French, Spanish, German and Russian.
_PRIVATE_OTHER_LANGUAGES_RE = re.compile(
    r"\b(?:en|par|au)\s+(?:mp|privé)\b|\bmessages?\s+privés?\b|\b(?:écri|ecri)(?:s|vez)[-\s]moi\b"
    r"|\bcontacte[zs]?[-\s]moi\b|\benvoie[zs]?[-\s]moi\s+un\s+(?:mp|message)\b"
    r"|\b(?:por|al|en)\s+(?:privado|md|dm|interno)\b|\bmensajes?\s+privados?\b"
    r"|\b(?:escr[ií]beme|cont[aá]ctame|escr[ií]banme|m[aá]ndame\s+un\s+(?:mensaje|md|dm))\b"
    r"|\b(?:per|eine|als)\s+(?:pn|privatnachricht)\b|\bprivate[n]?\s+nachricht(?:en)?\b"
    r"|\bschreib(?:e|t|en)?\s+(?:sie\s+)?mir\b|\bkontaktier(?:e|en)?\s+(?:sie\s+)?mich\b"
    r"|(?<!\w)в\s+(?:лс|личку|личке|приват|личн\w{0,3}\s+сообщени\w{0,3})(?!\w)"
    r"|(?<!\w)(?:напиш\w{0,3}|пиш\w{0,3})\s+(?:мне|в\s+(?:лс|личку|телеграм))(?!\w)"
    r"|(?<!\w)свяж\w{0,4}\s+со\s+мной(?!\w)"
    # "напиши в поиск телеграм: ABC123": a code to look up in the messenger
    r"|(?<!\w)(?:напиш\w{0,3}|пиш\w{0,3}|введи\w{0,2})\s+в\s+поиск\w{0,2}(?!\w)",
    re.I,
)
# Asking to be written to in Turkish ("özelden yazın", "DM atın"), Korean ("문의 주세요") and
# Persian ("پیام بدید", "در دایرکت"), run only on text in those scripts.
_ASK_OTHER_SCRIPTS_RE = re.compile(
    r"(?<!\w)(?:özelden|dm\s+at\w{0,6}|bana\s+yaz\w{0,3})(?!\w)"
    r"|문의\s?(?:주세요|바랍니다|하세요|주시면|환영)|(?:카톡|텔레|디엠|DM)\s?(?:주세요|주시면)"
    r"|پیام\s+(?:بدید|بدهید|دهید)|در\s+دایرکت|پیوی",
    re.I,
)
_OTHER_SCRIPT_RE = re.compile(r"[ğĞşŞıİöÖ\uac00-\ud7a3\u0600-\u06ff]")
# A handle given as the address to write to: "Contact @name", "PM to @name", "Пиши @name".
# A bare "@name" is a forum reply, and "thanks @name" is not a request.
_HANDLE_REQUEST_RE = re.compile(
    r"(?:\b(?:contact|pm|dm|message|msg|inbox|write|whats\s?app)(?:\s+(?:to|me|us))?(?:\s+(?:on|at))?"
    r"|(?<!\w)(?:пиши\w{0,3}|напиши\w{0,3}|обращ\w{0,6})(?:\s+(?:в\s+)?(?:лс|личку))?"
    r"|문의\w{0,3}|연락\w{0,3})[\s:：\-–—]{0,4}@[A-Za-z]\w{3,31}",
    re.I,
)
# Too common to find anything by: the patterns also need one of the rarer words.
_COMMON_SHORT_WORDS = word_set("en par au per al por als eine в")
_OTHER_LANGUAGE_WORDS = word_set(
    "en par au mp privé messages message écris écrivez ecris ecrivez contactez contacte contactes "
    "envoie envoyez por al privado mensaje mensajes escríbeme escribeme contáctame contactame "
    "escríbanme mándame mandame per eine als pn privatnachricht nachricht nachrichten schreib "
    "schreibe schreibt schreiben kontaktiere kontaktieren в напиши напишите пишите пиши "
    "свяжитесь свяжись"
)
# Words without which these patterns cannot match: most replies skip the regexes entirely.
_CHANNEL_WORDS = word_set("pm p dm inbox personal private direct privately personally offline off")
_ASK_WORDS = word_set(
    "pm dm inbox message msg write contact text email e mail ping reach whatsapp whats "
    "telegram drop send leave hit add"
)
_INVITATION_WORDS = word_set(
    "talk chat argue correspond converse settle обсудим поговорим hablemos discutons reden"
)
_MESSENGER_WORDS = word_set(
    "whatsapp whats telegram viber skype wechat snapchat kik discord instagram signal 카톡 카카오톡"
)

# An invitation to talk that ends there, with nothing said: the weak form, typical of
# machine-translated spinner text ("let's talk", "we can chat about it").
_INVITATION_RE = re.compile(
    r"\b(?:let'?s|let\s+us|we\s+(?:will|can|could|shall|should|may)|we'll|shall\s+we)\s+"
    r"(?:\w+\s+)??(?:(?:talk|chat|argue|correspond|converse)"
    r"(?:\s+(?:it|this|that|about\s+it|about\s+this|on\s+(?:this|that|the)\s+\w+|more|further|there))?"
    r"|settle\s+it)\s*(?:[.,;!?)]|$)"
    r"|\b(?:suggest|propose|offer|invite)\w*\s+(?:you\s+)?(?:it\s+|this\s+)?to\s+"
    r"(?:talk|chat|argue)\b"
    r"|(?<!\w)(?:давайте\s+)?(?:обсудим|поговорим)(?:\s+(?:это|в\s+личке))?\s*(?:[.,;!?)]|$)"
    r"|\b(?:hablemos|discutons|lass\s+uns\s+reden)\b",
    re.I,
)

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_SITE_CHAT_RE = re.compile(r"[^.!?\n]{0,20}?\b(?:in|on|via)\s+(?:the\s+)?\[?chat\b", re.I)
_EMAIL_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.[a-z]{2,12}\b", re.I)
# "+", "(" or a digit not after a word character or "+", then (by what opened it) an optional
# "(" and a digit, 7-20 digits, spaces, brackets, dots or dashes, and a final digit. Opening
# with a character set lets the engine skip ahead through text.
_PHONE_RE = re.compile(
    r"[+(\d](?<![\w+].)(?:(?<=\+)\(?\d|(?<=\()\d|(?<=\d))[\d ().-]{7,20}\d(?!\w)"
)
_PHONE_CUE_RE = re.compile(
    r"\b(?:call|phone|tel|mobile|cell|whats\s?app|viber|telegram|contact|text|txt|sms|hotline|"
    r"dial|ring|ph)\b",
    re.I,
)
# A handle announced as a way to reach the author: after a contact word, in several languages,
# or after the paper-plane emoji that stands for Telegram. A bare "@name" is a forum reply.
_ANNOUNCED_HANDLE_RE = re.compile(
    r"(?:\b(?:contact|dm|pm|admin|support|manager|tg|follow|join|channel|group|liên\s+hệ)"
    r"|[✈📞☎👉➡→⤵👇📲📩💬]|(?<!\w)(?:связь|пиши\w{0,3}|"
    r"контакт\w{0,2}|писать|канал|бот|группа)|[联聯][系繫]|客服|私[聊訊讯信]|助理)[\s:：\-–—👉➡️]{0,6}@[A-Za-z]\w{3,31}"
    # A Telegram bot's handle ("@deals_finder_bot"): nobody replies to a bot on a forum.
    r"|@[A-Za-z]\w{1,28}(?:_bot|(?-i:Bot))\b",
    re.I,
)
_HANDLE_RE = re.compile(
    r"\b(?:whats\s?app|telegram|viber|skype|wechat|snapchat|kik|discord|instagram|signal)"
    r"\s{0,3}(?:id|handle|username|number)?\s{0,3}[:\-]?\s{0,3}@?[\w.]{3,40}\d"
    r"|\b(?:telegram|skype|instagram|snapchat|kik|whats\s?app)\s{0,3}[:\-]?\s{0,3}@[\w.]{3,40}"
    r"|\b(?:whats\s?app|telegram|viber|signal)\s{0,3}[:\-]?\s{0,3}\+\d"
    r"|\b(?:t\.me|wa\.me|chat\.whatsapp\.com)/"
    # KakaoTalk ("카톡 - name", "카톡 ID: name")
    r"|(?:카톡|카카오톡)\s{0,3}(?:id|아이디)?\s{0,3}[:\-]?\s{0,3}@?[A-Za-z][\w.]{3,40}",
    re.I,
)
_MESSENGER_LINKS = ("t.me/", "wa.me/", "whatsapp.com")

SOLICITATION_SHORT = 3.0  # the request is the reply
SOLICITATION_LONG = 1.2  # an aside in a long reply
INVITATION = 1.2
CONTACT_DETAILS = 2.2
LONG_REPLY_WORDS = 60
SUBSTANTIAL = 12  # distinct content words, numbers and code: enough to be an answer in itself


def private_contact_reasons(doc: Document) -> tuple[Reason, ...]:
    words = doc.vocabulary
    strong = None
    text = doc.prose
    if found := words & _CHANNEL_WORDS:
        text = doc.near(found)
        strong = _PRIVATE_CHANNEL_RE.search(text)
    if not strong and "me" in words and (found := words & _ASK_WORDS):
        text = doc.near(found)
        strong = _ASK_FOR_MESSAGE_RE.search(text)
    if not strong and (found := words & _OTHER_LANGUAGE_WORDS - _COMMON_SHORT_WORDS):
        text = doc.near(found)
        strong = _PRIVATE_OTHER_LANGUAGES_RE.search(text)
    if not strong and _OTHER_SCRIPT_RE.search(doc.prose[:4000]):
        text = doc.prose[:4000]
        strong = _ASK_OTHER_SCRIPTS_RE.search(text)
    if not strong and "@" in doc.text:
        text = doc.text[:4000]
        strong = _search_before_handles(_HANDLE_REQUEST_RE, text)
    if not strong and _CYRILLIC_RE.search(doc.prose[:4000]):
        # Latin look-alikes inside Cyrillic words ("в лuчку") hide the words above.
        text = cyrillic_view(doc.prose[:4000])
        if text != doc.prose[:4000]:
            strong = _PRIVATE_OTHER_LANGUAGES_RE.search(text)
    if strong and _SITE_CHAT_RE.match(text, strong.end()):
        strong = None  # "ping me in chat": the site's own public chat rooms
    if strong:
        aside = len(doc.words) > LONG_REPLY_WORDS or _substance(doc) >= SUBSTANTIAL
        weight = SOLICITATION_LONG if aside else SOLICITATION_SHORT
        return (
            Reason(
                "private_contact",
                f'Asks to continue in private ("{_excerpt(text, strong)}")',
                weight,
            ),
        )
    found = words & _INVITATION_WORDS
    text = doc.near(found) if found else ""
    weak = _INVITATION_RE.search(text) if found else None
    if weak:
        return (
            Reason(
                "private_contact",
                'Invites an unspecified "discussion" instead of saying anything '
                f'("{_excerpt(text, weak)}")',
                INVITATION / 2 if len(doc.words) > LONG_REPLY_WORDS else INVITATION,
            ),
        )
    return ()


def contact_details_reasons(doc: Document) -> tuple[Reason, ...]:
    found: list[str] = []
    email = _find_email(doc.text) if "@" in doc.text and "." in doc.text else None
    if email:
        found.append(f"e-mail {email.group()}")
    lower = doc.text.lower()
    if doc.vocabulary & _MESSENGER_WORDS or any(m in lower for m in _MESSENGER_LINKS):
        handle = _HANDLE_RE.search(
            doc.text
            if len(doc.text) < 4000
            else doc.near(
                (doc.vocabulary & _MESSENGER_WORDS) | {m for m in _MESSENGER_LINKS if m in lower}
            )
        )
        if handle:
            found.append(f'messenger "{handle.group().strip()}"')
    if "@" in doc.text:
        announced = _search_before_handles(
            _ANNOUNCED_HANDLE_RE, doc.text if len(doc.text) < 4000 else doc.prose
        )
        if announced:
            found.append(f'handle "{announced.group().strip()}"')
    for phone in _PHONE_RE.finditer(doc.plain) if doc.numbers else ():
        digits = sum(c.isdigit() for c in phone.group())
        window = doc.plain[max(0, phone.start() - 40) : phone.start()]
        if digits >= 9 and (phone.group().startswith("+") or _PHONE_CUE_RE.search(window)):
            found.append(f"phone {phone.group().strip()}")
            break
    if not found:
        return ()
    return (
        Reason(
            "contact_details",
            "Gives contact details: " + "; ".join(found),
            min(CONTACT_DETAILS + 0.5 * (len(found) - 1), 3.0),
        ),
    )


_AT_RUN_RE = re.compile(r"@+")
_HANDLE_START_RE = re.compile(r"@[A-Za-z]")
# An announced handle's contact word and separators sit within this many characters before
# its "@"; the handle itself within 33 after.
HANDLE_LEAD = 24
HANDLE_TAIL = 40


def _search_before_handles(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern ending in an @handle, run only around each "@".

    A long text is mostly far from any handle, and a pattern with many openings is tried at
    every position; look-behinds still see the text before each window.
    """
    for count, at in enumerate(_HANDLE_START_RE.finditer(text)):
        if count >= MAX_HANDLE_WINDOWS:
            return pattern.search(text, at.start() - HANDLE_LEAD)
        found = pattern.search(text, max(0, at.start() - HANDLE_LEAD), at.start() + HANDLE_TAIL)
        if found:  # it may end at the window's edge: read it again without one
            return pattern.search(text, found.start())
    return None


MAX_HANDLE_WINDOWS = 400


def _find_email(text: str) -> re.Match[str] | None:
    """Search around each lone "@" only: scanning a long text for addresses is slow."""
    for at in _AT_RUN_RE.finditer(text):
        if at.end() - at.start() == 1:
            found = _EMAIL_RE.search(text, max(0, at.start() - 64), at.end() + 200)
            if found and found.start() <= at.start() < found.end():
                return found
    return None


def _substance(doc: Document) -> int:
    return len(set(doc.content)) + doc.numbers + 3 * min(doc.code_marks, 4)


def _excerpt(text: str, match: re.Match[str], limit: int = 70) -> str:
    """The sentence around a match, trimmed to whole words, so moderators see it in context."""
    start = max((text.rfind(mark, 0, match.start()) for mark in ".!?\n"), default=-1) + 1
    ends = [i for i in (text.find(mark, match.end()) for mark in ".!?\n") if i != -1]
    end = min(ends) if ends else len(text)
    sentence = " ".join(text[start:end].split())
    if len(sentence) <= limit:
        return sentence
    phrase = " ".join(match.group().split())
    return phrase if len(phrase) <= limit else phrase[:limit] + "…"
