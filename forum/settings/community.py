"""The forum's own rules, shared by every environment: the spam filter's thresholds, trust
and reputation, weighted flags, voting rings, the limits on every write and on log-in, and
sign-up. Imported into base.py; environment modules override them as usual."""

from .environment import env_bool

# Spam filter: a verdict's score at or above `low_value` holds a reply for review, at or above
# `spam` hides it as spam.
SPAM_FILTER_THRESHOLDS = {"low_value": 0.5, "spam": 0.8}
# Shadow mode: a hold threshold tried on live traffic without hiding anything. Each new post
# whose status would differ under it is logged (logger "forum.moderation.shadow"), and the
# moderators' dry-run page opens on it. None: off.
SPAM_FILTER_SHADOW_LOW_VALUE = None
# A member "with a record": an account at least `min_account_days` old with at least
# `min_reputation` reputation or `min_approved_posts` published posts (and no more than one in
# ten removed as spam). Their mere chatter (thanks, +1) is published folded, never held for
# being generic or off-topic; signs of abuse still hold it (forum/moderation/outcomes.py).
FORUM_MEMBER_RECORD = {"min_account_days": 30, "min_reputation": 10, "min_approved_posts": 3}
# How often each process fetches moderator decisions made on other app servers.
SPAM_MODEL_SYNC_SECONDS = 10
# Posts (questions, answers, comments) an account may write per hour; accounts younger than
# FORUM_NEW_ACCOUNT_DAYS get fewer.
FORUM_POSTS_PER_HOUR = 60
FORUM_NEW_ACCOUNT_POSTS_PER_HOUR = 10
FORUM_NEW_ACCOUNT_DAYS = 2

# --- Trust and reputation (Stack Exchange's scale) ------------------------------------------
# Reputation a member gains or loses when others act on their posts; changed in SQL by the
# vote and accept services, never below FORUM_REPUTATION_FLOOR.
FORUM_REPUTATION = {
    "question_upvoted": 5,
    "answer_upvoted": 10,
    "downvoted": -2,
    "answer_accepted": 15,
    "accepted_an_answer": 2,
}
FORUM_REPUTATION_FLOOR = 1
# The reputation each privilege needs; moderators have every privilege.
FORUM_PRIVILEGES = {
    "post_links": 10,  # below it, links in Markdown are published as plain text
    "post_images": 10,  # below it, images are published as links' text
    "flag": 15,
    "vote_down": 125,
}

# --- Weighted flags -------------------------------------------------------------------------
# Open flags hold a visible post when their weights add up to this. A flagger's weight is 1
# for a member in good standing, grows with helpful flags and shrinks with declined ones
# (see forum/accounts/reputation.py); flags from accounts younger than
# FORUM_FLAG_MIN_ACCOUNT_DAYS weigh nothing, and a moderator's post is never held by flags.
# Flaggers linked to one another (forum/votes/rings.py) count as one: their largest weight.
FORUM_FLAG_WEIGHT_TO_HOLD = 3.0
# Flagging needs an account this many days old (and the flag privilege's reputation, which
# only votes from independent members earn): a record a ring cannot make in a day. Younger
# accounts' flags weigh nothing.
FORUM_FLAG_MIN_ACCOUNT_DAYS = 3

# --- Voting rings (forum/votes/rings.py) ------------------------------------------------------
# An up-vote between linked accounts moves the score but earns no reputation; found later,
# what it earned is taken back and the moderation log says so. Linked: one browser (its
# cookie id); made through the sign-up form within `signup_window_minutes` of each other; one
# network address or votes for each other while either is younger than `trusted_days`.
# Members of `trusted_days` standing who share an address or vote for each other (an office)
# earn from up to `pair_votes` up-votes from one another in `pair_days`, not more.
FORUM_VOTE_RINGS = {
    "signup_window_minutes": 30,
    "trusted_days": 7,
    "pair_votes": 5,
    "pair_days": 30,
}

# --- Limits on every write and on authentication --------------------------------------------
# django-ratelimit rates ("count/period", period s, m, h or d), per account and per address,
# counted in the shared cache. A request over either limit is refused with 429 + Retry-After.
FORUM_RATE_LIMITS = {
    "ask": {"user": "10/h", "ip": "30/h"},
    "answer": {"user": "30/h", "ip": "90/h"},
    "comment": {"user": "60/h", "ip": "180/h"},
    "edit": {"user": "60/h", "ip": "180/h"},
    "preview": {"user": "120/h", "ip": "360/h"},
    "vote": {"user": "60/h", "ip": "180/h"},
    "flag": {"user": "20/h", "ip": "60/h"},
    # One appeal per post already; this bounds an author of many hidden posts (a spam run)
    # filling the moderators' queue with appeals.
    "appeal": {"user": "5/h", "ip": "15/h"},
    "moderate": {"user": "600/h", "ip": "1200/h"},
    "signup": {"ip": "5/h"},
    "login": {"ip": "60/h"},
    # Each reset request may send an e-mail: bounded per sender and per mailbox written to.
    "password_reset": {"ip": "10/h", "forum.core.limits.posted_email": "3/h"},
    "password_change": {"user": "10/h", "ip": "30/h"},
    "profile": {"user": "20/h", "ip": "60/h"},
    # Making and revoking API tokens.
    "token": {"user": "20/h", "ip": "60/h"},
}
RATELIMIT_USE_CACHE = "default"
# The client's address, behind trusted proxies too (TRUSTED_PROXIES).
RATELIMIT_IP_META_KEY = "forum.core.limits.client_ip"
# Checked on start by django-ratelimit: the file cache (no Redis) increments without a lock,
# so under a race a counter can miss a request or two; a limit a shade loose beats none, and
# Redis (REDIS_URL) is exact. Django's own Redis backend works, though it is not on the
# library's list.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one username from one address, or
# from one address for any usernames, log-ins from there are refused (429) for the cool-off
# time, on the forum's page and the admin's. A username alone is never locked: tried from
# many addresses it is slowed down instead (FORUM_LOGIN_SLOWDOWN, forum/accounts/lockout.py),
# so nobody can keep its owner out by failing on purpose.
# Failures are counted in the database: django-axes refuses to count in the file cache, and
# only failed log-ins write, so members logging in normally pay nothing.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_DISABLE_ACCESS_LOG = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "forum.accounts.lockout.axes_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "forum.accounts.views.locked_out"
AXES_USERNAME_CALLABLE = "forum.accounts.views.lockout_username"
AXES_VERBOSE = False
# Failed log-ins are counted per real client, not per proxy (TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "forum.core.limits.client_ip"
# Past `after` failures for one username (all addresses, within the cool-off), each further
# try from an address its owner has not logged in from waits 2, 4, 8 ... seconds after the
# last failure, at most `max_seconds`.
FORUM_LOGIN_SLOWDOWN = {"after": 5, "max_seconds": 300}

# A posting form sent again (double click, back button) within this many seconds of the
# first sending answers with what it saved instead of saving twice (forum/core/resubmit.py).
FORUM_RESUBMIT_SECONDS = 24 * 3600

# --- Sign-up --------------------------------------------------------------------------------
# A form sent back sooner than this after it was served is a bot's.
FORUM_SIGNUP_MIN_SECONDS = 3
# With confirmation on, new accounts stay inactive until the e-mailed link is opened.
FORUM_SIGNUP_CONFIRM_EMAIL = env_bool("FORUM_SIGNUP_CONFIRM_EMAIL", False)
