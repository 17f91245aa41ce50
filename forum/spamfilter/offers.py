"""Offers of money, prizes and jobs: the pitch of most spam that carries no link at all.

Real spam on chat and SMS channels is rarely "buy now": it promises earnings ("$500 a day from
home", "made 3,500 USDT with 300"), recruits ("looking for 5 people, no experience needed, only
2 hours a day"), hypes a token launch ("stealth launch in 30 seconds, ape in"), posts trading
signals ("entry 26,900, stop-loss 26,700, targets ..."), or announces a prize to claim by a
premium-rate text ("You have won £1,000! Txt WIN to 80123, 150p/msg"). The same pitches come
in Russian and Chinese, and Russian ones are often typed with Latin look-alike letters inside
Cyrillic words so that word filters miss them ("дoxoд" with a Latin "o" and "x"): such a
mixed-script word is itself a disguise no ordinary writer produces, as are Chinese words broken
up with full stops ("公.户") and prose in mathematical letters ("𝗜 𝗴𝗼𝘁 𝗺𝘆 𝗽𝗮𝘆𝗼𝘂𝘁"). Turkish,
Persian and Korean pitches are read by their vocabulary (two distinct offer words make a
pitch), text-message ones by their shapes: a keyword in capitals to send back, a price per
message, content "direct to your mobile", an explicit adult offer.

Each pattern is a *cue* with points: a cue that is a pitch by itself ("$300 per day", "you have
won", "text WIN to 80123") counts 2, a cue that is ordinary in a technical answer ("free",
"crypto", "profit", a price) counts 1 or less. ``promotion`` adds these to its own sales cues
and reports one reason: an answer about staking rewards that mentions "profit" and "ADA" is
not an offer, a reply that says "earn $500 a day" is.
"""

from __future__ import annotations

import re

from .document import Document

STRONG = 2.0
WEAK = 1.0
FAINT = 0.5
# Long bodies: offers sit in the first or last part (spam appended to a pasted answer).
SAMPLE_HEAD = 3_000
SAMPLE_TAIL = 1_500

# An amount of money; not TeX ("$2^n$", "$1$"), where "$" opens mathematics.
_MONEY = (
    r"(?:(?:[$€£₽¥₹₺]|\b(?:rp|rm|usd)\s?)\s?\d(?:[\d,.]{0,9}\d)?k?(?![\w^_\\{}$|+*/=-])"
    r"|(?<![\w$^_,{}\\])\d(?:[\d,. ]{0,9}\d)?k?\s?(?:[$€£₽](?![\w$^_\\{])|usdt?\b|eur\b|rub\b"
    r"|руб\w{0,3}|р\b))"
)

# (points, label, pattern); every pattern has bounded repetition and no nested quantifiers.
_LATIN_CUES: tuple[tuple[float, str, re.Pattern[str]], ...] = tuple(
    (points, label, re.compile(pattern, re.I))
    for points, label, pattern in (
        # Earnings promised: "$500 per day", "earn $5,520 weekly", "made 5600usd with 500usd".
        (
            STRONG,
            "promised earnings",
            _MONEY + r"\s{0,3}(?:/|per|a|an|every|each|in\s+a|within\s+(?:a|one|\d{1,2}))\s{0,3}"
            r"(?:day|week|hour|wk|hrs?|days|weeks|hours)\b"
            r"|\b(?:earn|earning|earned|make|making|made|receive[ds]?|received|got|withdr[ae]w\w{0,2}|"
            r"profit\s+of|turned?)\s{1,3}(?:up\s+to\s+|over\s+|about\s+|at\s+least\s+)?"
            + _MONEY
            + r"|\b(?:invest(?:ed|ing)?|deposit(?:ed)?|with|from)\s{1,3}(?:only\s+|just\s+)?"
            + _MONEY
            + r"\s{0,3}(?:and|to|,)?\s{0,3}(?:got|get|earn\w{0,3}|receive\w{0,2}|withdr\w{1,4}|"
            r"made|make|profit\w{0,3}|return\w{0,2})",
        ),
        (
            STRONG,
            "earnings pitch",
            r"\b(?:passive\s+income|work(?:ing)?\s+from\s+home|daily\s+(?:profits?|income|returns?"
            r"|payouts?)|(?:investment|trading|forex|crypto|bitcoin)\s+(?:platform|manager|expert|"
            r"account\s+manager|mentor|signals?)|successful(?:ly)?\s+(?:withdrawal|withdrew|"
            r"received\s+my)|got\s+my\s+(?:profits?|withdrawal|payout)|financial\s+freedom|"
            r"no\s+(?:experience|investment)\s+(?:needed|required)|hidden\s+(?:fees|charges)|"
            r"\d{1,3}\s+people\s+(?:are\s+)?(?:needed|wanted)|while\s+waiting\s+for\s+your\s+salary|"
            r"(?:learn|trade)\s+(?:how\s+)?(?:forex|forxe?s?)\b)",
        ),
        # Prize notices and premium-rate texts.
        (
            STRONG,
            "prize notice",
            r"\b(?:you(?:'ve|\s+have|\s+are)?|u\s+(?:have|r|are)|ur)\s+(?:been\s+)?(?:a\s+)?"
            r"(?:won|winner|selected|chosen|awarded|specially\s+selected)(?![\w'’])"
            r"|\b(?:claim|collect)\s+(?:your|ur|yr)\s+(?:\w+\s+)?(?:prize|reward|cash|gift|"
            r"bonus|voucher|award)|\bto\s+claim\s*(?:,|call|txt|text|now|reply|send)"
            r"|\bfree\s+entry\b|\bcash[-\s]balance\b|\blucky\s+day\b|\bsurprise\s+awaiting\b"
            r"|\bwin\s+(?:a\s+|an\s+|the\s+)?(?:[£$€]\s?\d|\w+\s+(?:cash|prize|voucher|holiday))"
            r"|\b(?:cash|\d\s?)\s?prize\b|\bprize\s+(?:worth|guaranteed)\b|\bguaranteed\b[^.\n]{0,60}\bprize"
            r"|\b(?:weekly|wkly)\s+(?:draw|comp\w{0,9}|quiz)\b",
        ),
        (
            STRONG,
            "premium-rate text",
            r"\b(?:text|txt|send|reply|call)\w{0,3}\s+(?:the\s+word\s+)?[A-Za-z0-9#]{2,12}"
            r"(?:\s+[A-Za-z0-9]{1,10})?\s+(?:to|2)\s+(?:no:?\s+)?\d{4,6}(?!\d)"
            r"|\b\d{1,3}\s?p\s?(?:/|per\s+)?\s?(?:msg|min|text|sms|wk|week|tone|day|pm)\b"
            r"|\b\d{1,3}p(?:pm|pw|ppm|msg)\b|\b(?:txt|reply|send)\s+(?:\w+\s+)?stop\b"
            r"|\b0[89]\d{2}(?:\s?\d{2,4}){2,3}(?!\d)|\bto\s+no\s?:\s?\d{4,6}\b"
            r"|\b(?:txt|text)\s+word\s?:|\b(?:billed|charged)\s+(?:at\s+)?(?:£|gbp\s?)?\d{1,3}(?:\.\d\d)?p?\b"
            # "reply YES", "txt HORO", "Text WIN now": a keyword in capitals to send back
            r"|\b(?:reply|txt|text)(?:\s+back)?(?:\s+with)?\s?:?\s+(?:the\s+word\s+)?[\"“]?"
            r"(?-i:[A-Z][A-Z0-9#]{1,11})[\"”]?"
            r"(?=\s*(?:to\b|now\b|for\b|4\b|2\b|and\b|followed\b|&|,|\.|!|$))"
            # "Text A, B or C to 83738": an answer sent to a five-digit short code
            r"|\b(?:text|txt|send)\w{0,3}\s+[^.\n]{1,24}?\bto\s+(?!(?:[01]{5})\b)[1-9]\d{4}(?!\d)"
            r"|\b\d{1,3}\s?(?:p|pence)\s?(?:/|per\s+)\s?(?:min\w{0,4}|msg|text|txt|sms|week|wk)\b"
            r"|\b(?:std|standard)\s+(?:txt\s+|text\s+|network\s+)?(?:chgs?|charges?|rate)\b"
            r"|\bur\s+(?:balance|cash|prize|award|draw)\b",
        ),
        # More of the same, apart so that its own trigger words gate it (a long reply without
        # them skips it); it counts as the same cue as the one above.
        (
            STRONG,
            "premium-rate keyword",
            # "Reply END SPTV", "Txt LOVE NAME1 NAME2": a keyword and its argument in capitals;
            # "Reply G now"; "reply with the word FREE", "text back the keyword PICSFREE1"
            r"\b(?:reply|replying|txt|txting|text|texting)\s+(?:back\s+)?[\"“]?"
            r"(?-i:[A-Z][A-Z0-9#]{1,11})[\"”]?\s+[\"“]?(?-i:[A-Z][A-Z0-9]{1,11})"
            r"|\b(?:reply|txt|text)\s+(?-i:[A-Z])\s+(?:now|to)\b"
            r"|\b(?:reply\w{0,3}|txt|text\w{0,3}|send)\b[^.\n]{0,30}?\b(?:the\s+)?(?:key)?word\s+[\"“]?"
            r"(?-i:[A-Z][A-Z0-9]{1,11})"
            # "(Send A, B or C)": a quiz answered by a paid text
            r"|\b(?:send|reply|text|txt)\s+(?-i:[A-E])\s?,\s?(?-i:[A-E])\s?,?\s+or\s+(?-i:[A-E])\b"
            r"|\b\d{1,3}p\s?(?:/|per\s+|\.|@)\s?(?:msgs?|txts?|texts?|sms)\b"
            r"|\b(?:cost\w{0,3}|charged)\s+(?:just\s+|only\s+)?\d{1,4}p\b"
            r"|\bgbp\s?\d{1,3}(?:\.\d\d)?\s?(?:/|per\s+|a\s+)\s?(?:week|wk|msg|month)\b"
            r"|\b(?:one|\d{1,2})\s?gbp\s?/\s?(?:sms|msg|txt)\b"
            r"|\b(?:network\s+)?operator\s+rates?\s+apply\b|\bstd\s+wap\s+charge\b"
            # "reply with your AGE and GENDER", "reply 2 this text with your valid name, house no"
            r"|\b(?:reply|text|txt|send)\w{0,3}\b[^.\n]{0,20}?\bwith\s+(?:ur|your)\s+(?:valid\s+)?"
            r"(?:name|age|gender|address|postcode|dob)\s*(?:and|&|,)",
        ),
        # Token launches and trading signals.
        (
            STRONG,
            "token launch hype",
            r"\b(?:launch(?:ing|es)?|listing)\s+(?:\w+\s+)?(?:with)?in\s+\d{1,3}\s?(?:s|secs?|seconds?|m|"
            r"mins?|minutes?)\b|\b(?:stealth|fair|alpha|private)\s+launch\b|\bape\s+in\b"
            r"|\bmoon\s?shot\b|\bshill?\s+me\b|\bpre-?sale\b|\b\d{2,4}\s?x\s+(?:gems?|potential|coin)"
            r"|\b\d{1,3}\s?(?:s|secs?|seconds?|m|mins?|minutes?)\s+(?:left\s+|to\s+go\s+)?(?:before|"
            r"until|till|to)\s+(?:the\s+|my\s+|i\s+|we\s+)?(?:\w+\s+)?(?:launch|drop\s+the)\b|\b(?:bsc|bnb|eth|sol)\s+(?:chain|network)\b"
            r"|\bdrop\s+your\s+(?:wallet|address)|\b(?:drop|take)\s+the\s+[\"“]?e?ca\b|\bmemecoin"
            r"|\b(?:bsc|bnb)\s+launch\b"
            r"|\bsnipe\s+the\b|\bca\s+is\s+pinned\b",
        ),
        (
            STRONG,
            "trading signal",
            r"\bstop[-\s]?loss\b[^\n]{0,80}\b(?:targets?|take[-\s]profit|tp\d?)\b"
            r"|\b(?:targets?|take[-\s]profit|tp\d?)\b[^\n]{0,80}\bstop[-\s]?loss\b"
            r"|\bleverage\s*:?\s*\d{1,3}\s?x\b|\bopen\s+(?:long|short)\b"
            r"|\b(?:tp\d?|sl|ep)\s?[:：]\s?\d[^\n]{0,60}\b(?:tp\d?|sl|ep)\s?[:：]\s?\d",
        ),
        (
            STRONG,
            "recruiting",
            r"\b(?:looking\s+for|need|hiring|recruiting)\s+(?:\d{1,3}\s+)?(?:serious\s+)?"
            r"(?:people|partners|persons|candidates|members)\s+(?:to|for|who|in)\b"
            r"|\b(?:only|just)\s+\d{1,2}\s?-?\s?\d{0,2}\s+hours?\s+(?:a|per)\s+day\b",
        ),
        (
            STRONG,
            "investment testimony",
            r"\b(?:invest\w{0,5}|deposit\w{0,3})\b[^\n]{0,60}?"
            + _MONEY
            + r"[^\n]{0,80}?\b(?:profit\w{0,3}|withdr\w{1,6}|cash\s?out|payout|returns?|got\s+paid)"
            r"|\b(?:instant|fast|automatic|successful)\s+withdrawals?\b|\baccount\s+manager\b"
            r"|\blegit\w{0,6}\s+(?:company|platform|trader|investment)"
            r"|\b(?:investment|trading|trade)\s+(?:company|firm|platform)\b"
            r"|\b(?:funds?|assets?)\s+recovery\b|\brecover(?:y\s+of)?\s+(?:your\s+|victims'?\s+)?"
            r"(?:lost\s+)?funds\b|\bpaying\s+(?:good\s+|huge\s+)?profits\b"
            r"|\bgrow(?:ing)?\s+(?:my|your)\s+(?:funds|wealth)\b|\bshare\s+my\s+testimony\b"
            r"|\b(?:earn|make)\s+(?:money|cash|income)\s+(?:easily|fast|online|daily|from\s+home)\b",
        ),
        (
            STRONG,
            "referral code",
            r"\b(?:referral|invite|invitation|promo)\s+(?:code|link|id)\b|\bmy\s+(?:referral|invite)\b"
            r"|\bkode\s+undangan\b|\btautan\s+undangan\b|\binviting\s+friends\b",
        ),
        (
            STRONG,
            "sign-up call",
            r"\b(?:sign(?:ing)?[-\s]?up|register(?:ing)?|book(?:ing)?\s+your\s+(?:seats?|spots?|places?)"
            r"|reserve\s+your\s+(?:seats?|spots?|places?)|join\s+us\s+by\s+\w+(?:\s+up)?)"
            r"\s+(?:(?:yourself|quickly|for\s+free)\s+)?"
            r"(?:here|now|today|(?:through|via|using|with)\s+(?:this|the|my)\s+link)\b"
            r"|\b(?:spots?|seats?|places?)\s+are\s+limited\b",
        ),
        (
            STRONG,
            "money for the taking",
            r"\b(?:dapatkan|dapat|klaim|claim)\b[^.\n]{0,30}\b(?:rp|rm)\s?\d"
            r"|\bsaldo\b[^.\n]{0,40}\bgratis\b|\bsecara\s+percuma\b"
            r"|\blinks?\s+in\s+(?:my\s+)?(?:bio|profile)\b",
        ),
        (
            WEAK,
            "group pitch",
            r"\b(?:attention|hey|hello|dear)\s+(?:all\s+)?(?:group\s+members|everyone\s+in\s+"
            r"(?:this|the|here)|group\b)|\bexclusive\s+(?:discount|deal|offer|access|sneak)\b"
            r"|\bgiving\s+(?:them\s+|it\s+)?away\b",
        ),
        # Adult content offered ("Want 2 get laid tonight?", "sexy singles are waiting"): the
        # explicit offer is a pitch alone, a lone adjective only adds up.
        (
            STRONG,
            "adult offer",
            r"\bget\s+laid\b|\bdogging\b|\b(?:xxx|nude|naked|sexy|hot|dirty)\s+(?:pics|photos|"
            r"videos?|vids?|chat|singles|babes|girls)\b|\b(?:sexy|hot|horny)\s+(?:singles|babes|"
            r"hunks|bitch)\b|\badult\s+(?:18\s+)?(?:content|parties|chat|videos?)\b",
        ),
        (WEAK, "adult words", r"\b(?:xxx|porn\w{0,4}|filthy|horny|sexy|nudes?)\b"),
        # Content sold by subscription to a phone: "tones direct to your mobile" is the pitch.
        (
            STRONG,
            "content to a phone",
            r"\b(?:tones?|ringtones?|polys|logos?|wallpapers?|games?|videos?|pics|downloads|content)"
            r"\s+(?:\w+\s+)?(?:to|on|direct\s+to|straight\s+to|sent\s+to)\s+(?:ur|your)\s+"
            r"(?:mobile|phone|mob|fone|handset)\b",
        ),
        # Content sold by subscription to a phone: ringtones, logos, "club" tones, WAP links.
        (
            WEAK,
            "mobile content",
            r"\bring\s?tones?\b|\bpolys\b|\bpolyphonic\b|\b(?:club|new|weekly|free)\s+tones\b"
            r"|\bwap\s+(?:link|site|charge|phone)\b|\bmobile\s+(?:content|club|internet)\b"
            r"|\bsubscription\s+service\b|\bdownload\s+(?:ur|your)\s+content\b|\bsms\.\s?ac\b"
            r"|\btones\s+(?:this\s+week|are\s+ready|include)\b",
        ),
        # Ordinary words that add up: sales vocabulary of such notices.
        (WEAK, "urgent", r"\burgent(?:ly)?\b|\bact\s+now\b|\blast\s+chance\b|\bdon'?t\s+miss\b"),
        (WEAK, "free", r"\bfree\b|\bfor\s+free\b"),
        (WEAK, "terms apply", r"\bt\s?&\s?c'?s?\b|\bts\s?&\s?cs\b|\bpo\s?box\b|\b1[68]\s?\+"),
        (FAINT, "win", r"\bwin\b|\bwinners?\b|\bprizes?\b|\bjackpot\b|\bgiveaway\b|\bairdrop\b"),
        (
            WEAK,
            "unsubscribe",
            r"\bunsub(?:scribe)?\b|\bopt[-\s]?out\b|\bringtones?\b"
            r"|\bto\s+stop\s+(?:go2?|txt|text|reply|send)\b",
        ),
        (FAINT, "money amount", _MONEY),
        (
            FAINT,
            "crypto",
            r"\b(?:crypto\w{0,8}|bitcoin|btc|usdt|forex|binance|bsc|altcoin|memecoin|nft)\b",
        ),
        (
            FAINT,
            "profit",
            r"\bprofit\w{0,4}\b|\binvest(?:ing|ed|ments?|ors?)?\b|\bincome\b|\bcash\b|\bloans?\b",
        ),
    )
)

# Russian pitches, matched on a view of the text where Latin look-alikes inside Cyrillic
# words are turned back into Cyrillic ("дoxoд" -> "доход"; see ``cyrillic_view``).
_RUSSIAN_CUES: tuple[tuple[float, str, re.Pattern[str]], ...] = tuple(
    (points, label, re.compile(pattern, re.I))
    for points, label, pattern in (
        (
            STRONG,
            "earnings (ru)",
            r"(?<!\w)(?:начни\w{0,2}\s+зарабатыва\w{1,3}|зарабатывай\w{0,2}|накрут\w{1,5})(?!\w)"
            r"|(?<!\w)(?:заработ\w{0,6}|доход\w{0,3}|прибыл\w{0,3}|выплат\w{0,3}|пассивн\w{0,3}"
            r"\s+(?:доход|заработ)\w{0,3})(?!\w)[^\n]{0,40}?(?:\d|от\s)"
            r"|(?<!\w)(?:от|до)\s+\d[\d.,\s]{0,9}\s?(?:\$|₽|руб\w{0,3}|р|usd\w?|тыс\w{0,4}|k)"
            r"[^\n]{0,20}?(?:в|за)\s+(?:день|неделю|месяц|сутки|час)(?!\w)"
            r"|(?<!\w)(?:пассивн\w{0,3}\s+(?:доход|заработ)\w{0,3}|без\s+вложений|без\s+опыта)(?!\w)",
        ),
        (
            STRONG,
            "recruiting (ru)",
            r"(?<!\w)(?:набира\w{0,3}|набор|ищу|ищем|требу\w{1,5}|нужн[ыао]?|нужен)\s+(?:\w+\s+){0,2}?"
            r"(?:люд\w{0,3}|человек\w{0,2}|партн[её]р\w{0,3}|сотрудник\w{0,3}|в\s+команду|"
            r"в\s+проект|разнорабоч\w{0,3}|курьер\w{0,3}|ассистент\w{0,2}|помощник\w{0,2}|"
            r"администратор\w{0,2}|менеджер\w{0,2}|модератор\w{0,2})(?!\w)"
            r"|(?<!\w)(?:\d(?:\s?-\s?\d)?|один|два|три|пару)\s+час\w{0,2}\s+(?:свободного\s+"
            r"времени\s+)?в\s+день(?!\w)"
            r"|(?<!\w)(?:удал[её]нн\w{0,3}\s+(?:работ|деятельност)\w{0,3}|подработк\w{0,2}|"
            r"сотрудничеств\w{0,2})(?!\w)",
        ),
        (
            STRONG,
            "offer (ru)",
            r"(?<!\w)(?:обучени\w{0,2}|обучаем)\s+(?:\w+\s+)?бесплатн\w{0,3}(?!\w)"
            r"|(?<!\w)(?:подробност\w{0,2}|подробнее)\s+(?:в\s+(?:лс|личк\w{0,2}|личн\w{0,3})|"
            r"здесь|по\s+ссылке|у\s+меня)(?!\w)"
            r"|(?<!\w)(?:закрыт\w{0,3}\s+канал|места\s+ограничены|успейте)(?!\w)"
            r"|(?<!\w)пишите\s+[+«\"]|(?<!\w)ссылк\w{0,2}\s+в\s+(?:профил\w{0,2}|описани\w{0,2}|био)(?!\w)"
            r"|(?<!\w)(?:пишите|отпишите|напишите|пишем)\s+(?:\w+\s+)?кому\s+интересно(?!\w)",
        ),
        (
            WEAK,
            "money words (ru)",
            r"(?<!\w)(?:бесплатн\w{0,3}|крипт\w{0,8}|бирж\w{0,3}|"
            r"арбитраж\w{0,2}|трейдинг\w{0,2}|инвест\w{0,6}|бонус\w{0,2}|18\s?\+)(?!\w)",
        ),
    )
)
# Substrings (of the lower-cased text) without which a cue cannot match: most replies skip
# most patterns, and a 30,000-character body is not scanned by every alternation.
_CURRENCY = ("$", "€", "£", "₽", "¥", "₹", "₺", "usd", "eur", "rub", "руб", " rp", " rm")
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "promised earnings": _CURRENCY,
    "money amount": _CURRENCY,
    "earnings pitch": (
        "passive", "home", "daily", "platform", "manager", "expert", "mentor", "signal",
        "success", "got my", "freedom", "experience", "investment", "hidden", "people",
        "salary", "forex", "forx",
    ),
    "prize notice": (
        "won", "winner", "select", "chosen", "award", "claim", "collect", "free entry",
        "balance", "draw", "comp", "quiz", "lucky", "surprise", "win", "prize",
    ),
    "premium-rate text": (
        "txt", "text", "send", "reply", "call", "msg", "min", "sms", "wk", "week", "tone",
        "day", "pm", "stop", "08", "09", "no:", "no :", "billed", "charged", "pence", "std",
        "standard", "ur ",
    ),
    "premium-rate keyword": (
        "txt", "text", "send", "reply", "cost", "charged", "gbp", "operator", "wap", "p/", "p.",
    ),
    "adult offer": (
        "laid", "dogging", "xxx", "nude", "naked", "sexy", "hot", "dirty", "horny", "adult",
    ),
    "adult words": ("xxx", "porn", "filthy", "horny", "sexy", "nude"),
    "mobile content": (
        "tone", "poly", "wap", "mobile", "subscription", "content", "sms.",
    ),
    "token launch hype": (
        "launch", "listing", "ape in", "moon", "shil", "presale", "pre-sale", "gem", "x potential",
        "x coin", "bsc", "bnb", "eth ", "sol ", "drop your", "the ca", "memecoin", "snipe",
        "ca is",
    ),
    "trading signal": ("stop", "leverage", "long", "short", "tp", "sl", "ep"),
    "recruiting": ("people", "partner", "person", "candidate", "member", "hour"),
    "investment testimony": (
        "invest", "deposit", "withdraw", "manager", "legit", "company", "firm", "platform",
        "recover", "paying", "grow", "testimony", "money", "cash", "income",
    ),
    "referral code": ("referral", "invit", "promo", "my ref", "undangan"),
    "money for the taking": ("rp", "rm", "saldo", "percuma", "bio", "profile"),
    "group pitch": ("attention", "hey", "hello", "dear", "exclusive", "giving"),
    "sign-up call": ("sign", "regist", "book", "reserve", "join us", "limited"),
    "urgent": ("urgent", "act now", "last chance", "miss"),
    "free": ("free",),
    "terms apply": ("t&c", "t & c", "ts&cs", "box", "16", "18"),
    "win": ("win", "prize", "jackpot", "giveaway", "airdrop"),
    "unsubscribe": ("unsub", "opt", "ringtone", "to stop"),
    "content to a phone": ("mobile", "phone", "mob", "fone", "handset"),
    "crypto": ("crypto", "bitcoin", "btc", "usdt", "forex", "binance", "bsc", "coin", "nft"),
    "profit": ("profit", "invest", "income", "cash", "loan"),
    "earnings (ru)": (
        "зараб", "доход", "прибыл", "выплат", "пассив", "от ", "до ", "вложен", "опыт", "накрут",
    ),
    "recruiting (ru)": (
        "набира", "набор", "ищу", "ищем", "требу", "нужн", "удал", "подработ", "сотруднич", "час",
    ),
    "offer (ru)": (
        "обучен", "обучаем", "подробн", "закрыт", "места", "успейте", "пишите", "ссылк",
        "интересно",
    ),
    "money words (ru)": (
        "бесплат", "крипт", "бирж", "арбитраж", "трейдинг", "инвест", "бонус", "18",
    ),
}  # fmt: skip


# Patterns split apart for speed that are one cue.
_SAME_CUE = {"premium-rate keyword": "premium-rate text"}


def _may_match(label: str, lowered: str) -> bool:
    return any(t in lowered for t in _TRIGGERS.get(label, ("",)))


# A span between dollar signs with TeX in it ("\\frac", "x^2", "a_i", "=", braces).
_TEX_RE = re.compile(r"\$\$[^$]{1,2000}\$\$|\$[^$\n]{0,200}[\\^_={}][^$\n]{0,200}\$")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_TO_CYRILLIC = str.maketrans(
    dict(zip("aceopxykmhtbuACEOPXYKMHTBU", "асеорхукмнтвиАСЕОРХУКМНТВИ", strict=True))
)
# A word mixing Latin and Cyrillic letters: ordinary writers never produce one; the folding
# that undoes look-alikes leaves one behind whenever a Cyrillic letter has no Latin twin.
_MIXED_WORD_RE = re.compile(
    r"(?<![^\W\d_])(?=[^\W\d_]{0,30}[a-zA-Z])(?=[^\W\d_]{0,30}[\u0400-\u04ff])[^\W\d_]{3,32}"
)
MIN_MIXED_WORDS = 2

# Chinese offers: grey-market "projects", payment and bank-account dealing, group-growth
# services, daily pay, trading calls. Han text has no spaces, so these are matched directly.
_CHINESE_OFFER_RE = re.compile(
    r"私[聊訊讯信]|[加进進入拉]群|客服|联[系繫]|聯[系繫]|日[结結赚賺]|高[价價]|免[费費]|跟单|带单|帶单"
    r"|代[付发發收]|收[卡款]|项目|項目|利润|利潤|灰产|灰產|担保|擔保|止[损損盈]|[点點]位|[开開]仓|[开開]倉"
    r"|飞机|飛機|电报|電報|拉人|炸群|接单|押金|返现|返現|到账|到賬|公户|公戶|对公|對公|支付|车队|車隊"
    r"|跑分|上车|上車|小白|稳定|穩定|额度|額度|佣金|兼职|兼職|月入|日入|躺赚|躺賺"
    r"|推广|推廣|信誉|信譽|空投|官网|官網|注册|註冊|邀请码|邀請碼|推荐码|推薦碼|激[进進]|零撸|币安|幣安"
)
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
MIN_CHINESE_TERMS = 2
# "公.户", "额 度", "信.用.社": Chinese has no spaces or full stops inside a word; breaking
# words with them keeps the terms above from being found. Undone before matching; several
# such breaks are a disguise in themselves. (The middle dot "·" is Chinese punctuation between
# names and titles, "《元·楊景賢·西遊記》", and is left alone.)
_HAN_BREAK_RE = re.compile(r"(?<=[\u4e00-\u9fff])[ .．]{1,2}(?=[\u4e00-\u9fff])")
_HAN_DOTTED_RE = re.compile(r"[\u4e00-\u9fff][.．][\u4e00-\u9fff]")
MIN_HAN_DOTS = 3

# The offer vocabulary of chat spam in Turkish (and Azerbaijani), Persian and Korean, as
# (label, script test, terms): a reply using one of these words says little, two distinct
# ones ("free spins" and "channel subscribers", "download" and "free") are a pitch.
_SCRIPT_OFFERS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (label, re.compile(script), re.compile(terms, re.I))
    for label, script, terms in (
        (
            "offer (tr)",
            r"[ğĞşŞıİəƏ]",
            r"(?<!\w)(?:abone\w{0,8}|abunə\w{0,8}|kanal(?:ımız|ımıza|a|ımızın)\b|hediye\w{0,4}|"
            r"hədiyyə\w{0,4}|ödül\w{0,4}|bakiye\w{0,4}|nakit|çekim|yatırım\w{0,4}|kazan(?:ç|dır|mak)\w{0,6}|"
            r"free\s?spin\w{0,2}|kodu|bonus\w{0,3}|şartsız|özelden|davet\w{0,8}|takip\s+ed\w{0,4}|"
            r"beğeni\w{0,4}|satılır|satilir|satıyorum|indirim\w{0,4}|ücretsiz|tıkla\w{0,4}|"
            r"incele\w{0,2}|katıl\w{0,4}|hisse\w{0,4}|tavan|borsa\w{0,4}|fırsat\w{0,4}|"
            r"başvuru\w{0,4}|burs\w{0,4}|referans\w{0,4})(?!\w)",
        ),
        (
            "offer (fa)",
            r"[\u0600-\u06ff]",
            r"رایگان|دانلود|کلیک|لینک|معرف|دعوت|هدیه|تخفیف|عضو|کانال|فیلتر\s?شکن|نصب|جایزه"
            r"|درآمد|ثبت\s?نام|پیج|فالو",
        ),
        (
            "offer (ko)",
            r"[\uac00-\ud7a3]",
            r"문의|카톡|카카오톡|텔레그램|삽니다|팝니다|판매|구매|무료|수익|가입|홀덤|토토|카지노|출시"
            r"|할인|이벤트|보장|만원|인증번호|추천인|부업",
        ),
    )
)
MIN_SCRIPT_TERMS = 2
# Letters written in mathematical styles (``Document.styled``): nobody writes prose in them.
MIN_STYLED_LETTERS = 6

# Pictographs used as bullets and banners ("🔥💸✅🚀"): a few decorate chat, a row of them
# decorates an advertisement.
_EMOJI_RE = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u203C\u2049]")
MIN_EMOJI = 5
# Letters from the phonetic small-capital block ("ᴘʀᴏꜰɪᴛ"): Unicode normalisation leaves them
# alone, so they get past word filters; nobody writes an answer in them.
_SMALL_CAPITALS_RE = re.compile(
    r"[\u1d00-\u1d2b\u0280\u028f\u029f\u026a\u0274\u029c\u0299\u0262\ua730\ua731]"
)
MIN_SMALL_CAPITALS = 6


def offer_cues(doc: Document) -> list[tuple[float, str]]:
    """The money, prize, job and disguise cues in ``doc``: (points, what was found)."""
    text = doc.prose
    if len(text) > SAMPLE_HEAD + SAMPLE_TAIL:
        text = text[:SAMPLE_HEAD] + "\n" + text[-SAMPLE_TAIL:]
    if "$" in text and _TEX_RE.search(doc.text[:20_000]):
        # "$f(0)=1$" is mathematics, not money: in a reply with TeX, "$" means nothing here.
        # (Read in ``doc.text``: the leetspeak folding of ``prose`` reads "$f" as "sf".)
        text = text.replace("$", " ")
    found: list[tuple[float, str]] = []
    lowered = text.lower()
    for points, label, pattern in _LATIN_CUES:
        if label in _SAME_CUE and any(_SAME_CUE[label] in what for _, what in found):
            continue
        match = _may_match(label, lowered) and pattern.search(text)
        if match:
            found.append((points, f'{label} "{_short(match.group())}"'))
    if _CYRILLIC_RE.search(text):
        mixed = _MIXED_WORD_RE.findall(text)
        if len(mixed) >= MIN_MIXED_WORDS:
            found.append((STRONG, f'words mixing Latin and Cyrillic letters ("{mixed[0]}")'))
        view = cyrillic_view(text) if mixed else text
        lowered_view = view.lower()
        for points, label, pattern in _RUSSIAN_CUES:
            match = _may_match(label, lowered_view) and pattern.search(view)
            if match:
                found.append((points, f'{label} "{_short(match.group())}"'))
    if _HAN_RE.search(text):
        if len(_HAN_DOTTED_RE.findall(text)) >= MIN_HAN_DOTS:
            found.append((STRONG, "Chinese words broken up with dots (a disguise)"))
        han = _HAN_BREAK_RE.sub("", text)
        terms = list(dict.fromkeys(m.group() for m in _CHINESE_OFFER_RE.finditer(han)))
        if terms:
            points = STRONG if len(terms) >= MIN_CHINESE_TERMS else WEAK
            found.append((points, "offer (zh) " + " ".join(terms[:4])))
    for label, script, pattern in _SCRIPT_OFFERS:
        if script.search(text):
            terms = list(dict.fromkeys(m.group().lower() for m in pattern.finditer(text)))
            if terms:
                points = STRONG if len(terms) >= MIN_SCRIPT_TERMS else WEAK
                found.append((points, f"{label} " + " ".join(terms[:4])))
    if doc.styled >= MIN_STYLED_LETTERS:
        found.append((STRONG, "words spelled in mathematical letters (a disguise)"))
    if len(_SMALL_CAPITALS_RE.findall(text)) >= MIN_SMALL_CAPITALS:
        found.append((STRONG, "words spelled in small capitals (a disguise)"))
    emoji = len(_EMOJI_RE.findall(text))
    if emoji >= MIN_EMOJI:
        found.append((WEAK if emoji < 2 * MIN_EMOJI else STRONG, f"{emoji} decorative emoji"))
    return found


def cyrillic_view(text: str) -> str:
    """``text`` with the Latin look-alikes inside Cyrillic words turned back into Cyrillic."""
    return _MIXED_WORD_RE.sub(lambda m: m.group().translate(_LATIN_TO_CYRILLIC), text)


def _short(phrase: str, limit: int = 50) -> str:
    phrase = " ".join(phrase.split())
    return phrase if len(phrase) <= limit else phrase[:limit] + "…"
