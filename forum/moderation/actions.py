"""The queue's actions, by the name its buttons send, and the service each one calls.

Each takes the moderator, the post, a reason and the version of the post the moderator saw.
"""

from .appeals import deny_appeal
from .decisions import approve_post, hide_post, reject_post, restore_post
from .flags import dismiss_flags

ACTIONS = {
    "approve": approve_post,
    "reject": reject_post,
    "hide": hide_post,
    "restore": restore_post,
    "dismiss": dismiss_flags,
    "deny": deny_appeal,
}
