# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh`): install PostgreSQL from
# Debian if needed, start a throwaway cluster in a temporary directory as the postgres user, and
# export IPPON_TEST_POSTGRES_URL for the tests that run against PostgreSQL.
pg_port="${IPPON_TEST_POSTGRES_PORT:-54329}"
# Another cluster (a developer's, a second checkout's) may hold the port: take a free one then.
if (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; then
  pg_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update -q && apt-get install -y -q postgresql
fi
pg_bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")"
pg_dir="$(mktemp -d /tmp/ippon-pg.XXXXXX)"
chown postgres "$pg_dir"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
export IPPON_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$pg_port/postgres"
echo "ippon: PostgreSQL ($pg_bin) running for the tests at $IPPON_TEST_POSTGRES_URL" >&2
