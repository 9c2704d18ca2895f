#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests: a fresh cluster in a temp folder, trust auth,
# listening only on 127.0.0.1 on a free port, with an empty database gatehouse_test.
#
# Source it and call the functions (the variables land in your shell):
#     source scripts/pg-test-server.sh
#     gatehouse_pg_start      # exports GATEHOUSE_TEST_PG_URL and GATEHOUSE_TEST_PG_DIR
#     gatehouse_pg_stop
# or run it and evaluate what it prints:
#     eval "$(scripts/pg-test-server.sh start)"
#     scripts/pg-test-server.sh stop        # uses $GATEHOUSE_TEST_PG_DIR

GATEHOUSE_TEST_PG_DATABASE=gatehouse_test

_gatehouse_pg_log() {
    printf 'pg-test-server: %s\n' "$*" >&2
}

# The bin folder of the newest PostgreSQL installed, e.g. /usr/lib/postgresql/15/bin.
_gatehouse_pg_bindir() {
    local dir best="" best_version=-1 version
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] || continue
        version=${dir%/bin}
        version=${version##*/}
        version=${version%%.*}
        case "$version" in '' | *[!0-9]*) continue ;; esac
        if [ "$version" -gt "$best_version" ]; then
            best=$dir
            best_version=$version
        fi
    done
    if [ -z "$best" ] && command -v pg_ctl >/dev/null 2>&1; then
        best=$(dirname "$(command -v pg_ctl)")
    fi
    [ -n "$best" ] || return 1
    printf '%s\n' "$best"
}

# Runs a command as the cluster's owner: PostgreSQL refuses to run as root, so when we
# are root the cluster belongs to the user postgres.
_gatehouse_pg_as_owner() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
}

# Prints a TCP port on 127.0.0.1 that nobody listens on right now.
_gatehouse_pg_free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

gatehouse_pg_start() {
    local bindir dir port attempt
    if [ -n "${GATEHOUSE_TEST_PG_DIR:-}" ] && [ -d "$GATEHOUSE_TEST_PG_DIR" ]; then
        _gatehouse_pg_log "already running in $GATEHOUSE_TEST_PG_DIR"
        return 0
    fi
    if ! bindir=$(_gatehouse_pg_bindir); then
        _gatehouse_pg_log "no PostgreSQL found (install the Debian package postgresql)"
        return 1
    fi
    if [ "$(id -u)" -eq 0 ] && ! getent passwd postgres >/dev/null; then
        _gatehouse_pg_log "running as root but there is no user postgres to own the cluster"
        return 1
    fi

    dir=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-pg.XXXXXX") || return 1
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir" || return 1
        # A private TMPDIR may not be reachable for postgres; /tmp always is.
        if ! _gatehouse_pg_as_owner test -w "$dir"; then
            rmdir "$dir"
            dir=$(mktemp -d /tmp/gatehouse-pg.XXXXXX) || return 1
            chown postgres: "$dir" || return 1
        fi
    fi
    touch "$dir/.gatehouse-pg-test-server"

    if ! (cd "$dir" && _gatehouse_pg_as_owner "$bindir/initdb" -D "$dir/data" -U postgres \
        -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1); then
        _gatehouse_pg_log "initdb failed:"
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        return 1
    fi

    # Throw-away data: durability settings off for speed; room for parallel test servers.
    cat >>"$dir/data/postgresql.conf" <<EOF

# gatehouse test server
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    # The port can be taken between choosing it and binding it; then try another.
    for attempt in 1 2 3 4 5; do
        port=$(_gatehouse_pg_free_port) || return 1
        if (cd "$dir" && _gatehouse_pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
            -o "-p $port" -w -t 60 start >/dev/null 2>&1); then
            break
        fi
        _gatehouse_pg_log "start on port $port failed (attempt $attempt)"
        port=""
    done
    if [ -z "$port" ]; then
        _gatehouse_pg_log "could not start PostgreSQL; server log:"
        tail -n 30 "$dir/server.log" >&2
        rm -rf "$dir"
        return 1
    fi

    export GATEHOUSE_TEST_PG_DIR=$dir
    export GATEHOUSE_TEST_PG_BINDIR=$bindir
    if ! "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$GATEHOUSE_TEST_PG_DATABASE"; then
        _gatehouse_pg_log "createdb failed"
        gatehouse_pg_stop
        return 1
    fi
    export GATEHOUSE_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/$GATEHOUSE_TEST_PG_DATABASE"
    _gatehouse_pg_log "PostgreSQL $(basename "$(dirname "$bindir")") on $GATEHOUSE_TEST_PG_URL"
}

gatehouse_pg_stop() {
    local dir=${1:-${GATEHOUSE_TEST_PG_DIR:-}}
    local bindir=${GATEHOUSE_TEST_PG_BINDIR:-}
    [ -n "$dir" ] || return 0
    if [ ! -f "$dir/.gatehouse-pg-test-server" ]; then
        _gatehouse_pg_log "$dir is not a test server folder; leaving it alone"
        return 1
    fi
    if [ -z "$bindir" ]; then
        bindir=$(_gatehouse_pg_bindir) || bindir=""
    fi
    if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
        (cd "$dir" && _gatehouse_pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop \
            >/dev/null 2>&1) || _gatehouse_pg_log "pg_ctl stop failed"
    fi
    rm -rf "$dir"
    if [ "$dir" = "${GATEHOUSE_TEST_PG_DIR:-}" ]; then
        unset GATEHOUSE_TEST_PG_DIR GATEHOUSE_TEST_PG_BINDIR GATEHOUSE_TEST_PG_URL
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
        start)
            gatehouse_pg_start
            printf 'export GATEHOUSE_TEST_PG_URL=%q\n' "$GATEHOUSE_TEST_PG_URL"
            printf 'export GATEHOUSE_TEST_PG_DIR=%q\n' "$GATEHOUSE_TEST_PG_DIR"
            printf 'export GATEHOUSE_TEST_PG_BINDIR=%q\n' "$GATEHOUSE_TEST_PG_BINDIR"
            ;;
        stop) gatehouse_pg_stop "${2:-}" ;;
        *)
            echo "usage: $0 start | stop [DIR]" >&2
            exit 2
            ;;
    esac
fi
