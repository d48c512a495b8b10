#!/usr/bin/env bash
# PostgreSQL for the hub's tests (sourced by scripts/test): PACIFIC_HUB_TEST_DATABASE_URL when set,
# else a server on 127.0.0.1:5432, else Debian's postgresql installed and started here, with a
# superuser role for the user running the tests (a fresh Debian cluster has none for root).
hub_postgres() {
  [ -n "${PACIFIC_HUB_TEST_DATABASE_URL:-}" ] && return 0
  local py="${VENV:-.venv}/bin/python"
  answers() { "$py" - <<'PY' 2>/dev/null
import psycopg, sys
try:
    psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=3).close()
except Exception:
    sys.exit(1)
PY
  }
  answers && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "note: no PostgreSQL on 127.0.0.1:5432; the hub's PostgreSQL tests skip (fail on CI)" >&2; return 0; }
  local SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "installing PostgreSQL for the hub's tests" >&2
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  local version cluster
  version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  cluster="$(pg_lsclusters -h 2>/dev/null | awk '{print $2}' | head -1)"
  [ -z "$cluster" ] && { $SUDO pg_createcluster "$version" main >/dev/null; cluster=main; }
  $SUDO pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
  # The tests connect over TCP as postgres without a password: trust loopback for the throwaway cluster.
  local hba="/etc/postgresql/$version/$cluster/pg_hba.conf"
  if [ -f "$hba" ] && ! grep -q "pacific-hub-tests" "$hba"; then
    $SUDO sed -i '1i host all all 127.0.0.1/32 trust # pacific-hub-tests\nhost all all ::1/128 trust # pacific-hub-tests' "$hba"
    $SUDO pg_ctlcluster "$version" "$cluster" reload
  fi
  local me sql
  me="$(id -un)"
  sql="DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$me') THEN CREATE ROLE \"$me\" SUPERUSER LOGIN; END IF; END\$\$;"
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- psql -qc "$sql" >/dev/null || true
  else sudo -u postgres psql -qc "$sql" >/dev/null || true; fi
  answers || echo "warning: PostgreSQL still does not answer on 127.0.0.1:5432" >&2
}
