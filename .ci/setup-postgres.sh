# PostgreSQL, for the store suites on the postgres provider and the cluster tests (sourced by .ci/run).
# The tests start their own throwaway servers with initdb and pg_ctl as the postgres user
# (tests/NanoClaw.Tests/TestSupport/PostgresServer.cs); no service is started here.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq postgresql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }
fi
# Check the way the tests use it: a server in a temporary folder, as postgres, on a loopback port.
pg_check_dir=$(mktemp -d)
chown postgres:postgres "$pg_check_dir"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_check_dir/data" -U postgres -A trust --no-sync >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_check_dir/data" -o "-p 54329 -k $pg_check_dir -c listen_addresses=127.0.0.1" -w -l "$pg_check_dir/log" start >/dev/null
runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p 54329 -U postgres -tAc 'SELECT version()' | cut -d, -f1
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_check_dir/data" -m immediate -w stop >/dev/null
rm -rf "$pg_check_dir"
unset pg_check_dir pg_bin
