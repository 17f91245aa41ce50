#!/usr/bin/env bash
# A streaming read replica of the local PostgreSQL (127.0.0.1:5432) on another port, for CI and
# the two-server test. Idempotent: `start` when it runs does nothing, `stop` when it is stopped
# does nothing.
#
#   .ci/replica.sh start     # a fresh base backup and start: 127.0.0.1:${REPLICA_PORT:-5433}
#   .ci/replica.sh stop      # stop it (its data stays until the next start or remove)
#   .ci/replica.sh remove    # stop it and delete its data
#   .ci/replica.sh status    # exit 0 when it answers
#
# Runs as root (CI) or as postgres; the server itself runs as postgres.
set -euo pipefail

PORT=${REPLICA_PORT:-5433}
DIR=${REPLICA_DIR:-/var/tmp/forum-replica-$PORT}
PRIMARY=(-h 127.0.0.1 -p 5432 -U postgres)
BIN=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -1)/bin

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

answers() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; }

allow_replication() {
    # The primary must accept replication connections from loopback ("all" in pg_hba.conf
    # does not cover them).
    local hba
    hba=$(psql "${PRIMARY[@]}" -Atc 'SHOW hba_file')
    if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$hba"; then
        echo "host replication all 127.0.0.1/32 trust" >>"$hba"
        psql "${PRIMARY[@]}" -qAtc 'SELECT pg_reload_conf()' >/dev/null
        sleep 1
    fi
    local level
    level=$(psql "${PRIMARY[@]}" -Atc 'SHOW wal_level')
    if [ "$level" = minimal ]; then
        echo "the primary's wal_level is minimal: set it to replica and restart it" >&2
        exit 1
    fi
}

base_backup() {
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chown postgres: "$DIR" 2>/dev/null || true
    chmod 700 "$DIR"
    as_postgres "$BIN/pg_basebackup" "${PRIMARY[@]}" -D "$DIR" -R -X stream -c fast
    # Debian keeps the primary's configuration outside its data directory: the replica gets
    # its own. A hot standby needs at least the primary's limits.
    local limits=""
    for name in max_connections max_worker_processes max_wal_senders max_prepared_transactions \
        max_locks_per_transaction; do
        limits+="$name = $(psql "${PRIMARY[@]}" -Atc "SHOW $name")"$'\n'
    done
    as_postgres tee "$DIR/postgresql.conf" >/dev/null <<EOF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
hot_standby = on
hot_standby_feedback = on
fsync = off
logging_collector = off
$limits
EOF
    as_postgres tee "$DIR/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
    as_postgres touch "$DIR/pg_ident.conf"
}

start() {
    if answers; then
        echo "replica: running on 127.0.0.1:$PORT"
        return
    fi
    allow_replication
    # Always a fresh copy: with no replication slot the primary recycles its WAL, so a copy
    # stopped a while ago can never catch up ("requested WAL segment has already been
    # removed"), and a copy takes seconds.
    base_backup
    as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null
    streaming=0
    for _ in $(seq 60); do
        streaming=$(psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc \
            "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" 2>/dev/null || true)
        [ "$streaming" = 1 ] && break
        sleep 0.5
    done
    if [ "$streaming" != 1 ]; then
        echo "replica: started but not streaming after 30 s; see $DIR/server.log" >&2
        exit 1
    fi
    echo "replica: streaming from 127.0.0.1:5432 on 127.0.0.1:$PORT (data in $DIR)"
}

stop() {
    if [ -f "$DIR/postmaster.pid" ]; then
        as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null || true
    fi
    echo "replica: stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    remove) stop; rm -rf "$DIR" ;;
    status) answers ;;
    *) echo "usage: $0 start|stop|remove|status" >&2; exit 2 ;;
esac
