"""The JSON API (django-ninja): the forum's reads and a member's writes for scripts and other
clients, with its OpenAPI schema at /api/openapi.json and a reference page at /api/docs.

It is a thin layer like the pages' views: reads go through the same selectors and the one
visibility rule, writes through the same services (the moderation intake, votes, accepting,
flags), with the same permissions and rate limits. Nothing here writes a row itself.
"""
