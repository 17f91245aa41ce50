from django.apps import AppConfig


class WatchlistConfig(AppConfig):
    name = "forum.watchlist"
    label = "watchlist"
