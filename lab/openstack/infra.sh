# lab/openstack/infra.sh — MariaDB and RabbitMQ on ctl01 (its address, :3306 and :5672).
# shellcheck shell=bash

MYSQL_SOCK="$STATE/mysql/mysqld.sock"
mysql_root() { mariadb --protocol=socket -S "$MYSQL_SOCK" -uroot "$@"; }

# start_in_host HOST NAME CMD... — a daemon inside the host's namespaces (as Kolla's container would be)
start_in_host() {
  local h=$1 name=$2 p; shift 2
  p=$(host_nspid "$h") || die "host $h is not running"
  start_daemon "$name" nsenter -t "$p" -n -m -u -- "$@"
}

mariadb_up() {
  local d=$STATE/mysql
  mkdir -p "$d/data" "$(host_root ctl01)/var/log/kolla/mariadb"
  if [[ ! -d $d/data/mysql ]]; then
    mariadb-install-db --user=root --datadir="$d/data" --auth-root-authentication-method=socket \
      >"$LOGS/mariadb-install.log" 2>&1 || die "mariadb-install-db failed"
  fi
  start_in_host ctl01 mariadb /usr/sbin/mariadbd --no-defaults --user=root --datadir="$d/data" \
    --socket="$MYSQL_SOCK" --bind-address=$API --port=3306 --pid-file="$d/mariadbd.pid" \
    --log-error=/var/log/kolla/mariadb/mariadb.log --skip-name-resolve --max-connections=1000 \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=0 --character-set-server=utf8mb4
  wait_for mariadb 60 mysql_root -e 'select 1' || die "mariadb did not start"
}

mariadb_databases() {
  local sql="" db
  for db in keystone glance placement nova_api nova nova_cell0 neutron heat magnum aodh octavia; do
    local user=$db; [[ $db == nova_cell0 ]] && user=nova
    sql+="CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb4;"
    sql+="CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY '$(secret "db_$user")';"
    sql+="GRANT ALL ON $db.* TO '$user'@'%';"
  done
  # nova's api database user is nova_api but nova also reads cell0/nova with the nova user
  sql+="GRANT ALL ON nova_api.* TO 'nova'@'%';"
  mysql_root -e "$sql" || die "creating databases failed"
}

rabbit_env() {
  local d=$STATE/rabbitmq
  echo /usr/bin/env HOME="$d" RABBITMQ_NODENAME=rabbit@ctl01 RABBITMQ_NODE_IP_ADDRESS=$API RABBITMQ_NODE_PORT=5672 \
    RABBITMQ_DIST_PORT=25672 ERL_EPMD_ADDRESS=127.0.0.1,$API ERL_EPMD_PORT=4369 \
    RABBITMQ_MNESIA_BASE="$d/mnesia" RABBITMQ_LOG_BASE="$(host_root ctl01)/var/log/kolla/rabbitmq" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$d/enabled_plugins" RABBITMQ_CONFIG_FILE="$d/rabbitmq" \
    RABBITMQ_CONF_ENV_FILE="$d/rabbitmq-env.conf" RABBITMQ_PID_FILE="$d/rabbit.pid" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$d/advanced.config"
}
rabbitmqctl() { in_host ctl01 $(rabbit_env) /usr/lib/rabbitmq/bin/rabbitmqctl "$@"; }

rabbitmq_up() {
  local d=$STATE/rabbitmq
  mkdir -p "$d/mnesia" "$(host_root ctl01)/var/log/kolla/rabbitmq"
  [[ -s $d/.erlang.cookie ]] || { secret erlang_cookie > "$d/.erlang.cookie"; chmod 400 "$d/.erlang.cookie"; }
  echo '[].' > "$d/enabled_plugins"; : > "$d/rabbitmq-env.conf"; echo '[].' > "$d/advanced.config"
  printf 'listeners.tcp.default = %s:5672\nloopback_users = none\n' "$API" > "$d/rabbitmq.conf"
  # our own epmd, in the foreground, so that it is ours to stop
  start_in_host ctl01 epmd /usr/bin/epmd -address "127.0.0.1,$API" -port 4369
  daemon_running rabbitmq && return 0
  # shellcheck disable=SC2046
  start_in_host ctl01 rabbitmq $(rabbit_env) /usr/lib/rabbitmq/bin/rabbitmq-server
  wait_for rabbitmq 90 rabbitmqctl -q await_startup || die "rabbitmq did not start"
  once rabbit-user rabbit_user || die "rabbitmq user setup failed"
}
rabbit_user() {
  { rabbitmqctl -q add_user openstack "$(secret rabbitmq)" >/dev/null 2>&1 || rabbitmqctl -q change_password openstack "$(secret rabbitmq)" >/dev/null; } &&
  rabbitmqctl -q set_permissions openstack '.*' '.*' '.*' >/dev/null
}
