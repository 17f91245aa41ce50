"""The kinds of post moderation acts on, by the short name used in URLs and forms."""

from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.questions.models import Question

POST_MODELS = {"question": Question, "answer": Answer, "comment": Comment}
REPLY_MODELS = {"answer": Answer, "comment": Comment}


def thread_of(post) -> Question:
    return post if isinstance(post, Question) else post.question
