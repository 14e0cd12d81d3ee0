# lab/openstack/services.sh — start the OpenStack services from Debian's packages,
# each inside its Kolla host's namespaces, reading /etc/kolla/<service>/ of that host.
# shellcheck shell=bash

UWSGI=(/usr/bin/uwsgi --plugin python3 --master --processes 1 --threads 4 --die-on-term --need-app
       --buffer-size 65535 --add-header "Connection: close" --enable-threads --thunder-lock)
# nova-api monkey-patches eventlet, and under uwsgi threads concurrent requests that send RPC (several
# `evacuate` at once) hang it for good: one thread per process, several processes, as Nova's WSGI
# guide runs it (seen: three concurrent evacuations wedged all four threads of the one process).
UWSGI_NOVA=(/usr/bin/uwsgi --plugin python3 --master --processes 3 --threads 1 --die-on-term --need-app
            --buffer-size 65535 --add-header "Connection: close" --enable-threads --thunder-lock)

# name -> URL that answers once the API is up
declare -A API_URL=(
  [keystone]="http://$API:5000/v3" [glance-api]="http://$API:9292/" [placement-api]="http://$API:8778/"
  [nova-api]="http://$API:8774/" [neutron-server]="http://$API:9696/" [heat-api]="http://$API:8004/"
  [magnum-api]="http://$API:9511/" [aodh-api]="http://$API:8042/" [octavia-api]="http://$API:9876/"
)
CTL_SERVICES=(keystone glance-api placement-api nova-api nova-scheduler nova-conductor neutron-server
              heat-api heat-engine magnum-api magnum-conductor aodh-api aodh-evaluator octavia-api octavia-worker)

# service_cmd NAME — the command line (paths as seen inside the host)
service_cmd() { # NAME [HOST]
  local k=/etc/kolla/$1 host=${2:-ctl01}
  case $1 in
    keystone) echo "${UWSGI[*]@Q} --http-socket $API:5000 --wsgi-file /usr/bin/keystone-wsgi-public --env OS_KEYSTONE_CONFIG_FILES=$k/keystone.conf" ;;
    placement-api) echo "${UWSGI[*]@Q} --http-socket $API:8778 --wsgi-file /usr/bin/placement-api --env OS_PLACEMENT_CONFIG_DIR=$k" ;;
    nova-api) echo "${UWSGI_NOVA[*]@Q} --http-socket $API:8774 --wsgi-file /usr/bin/nova-api-wsgi --env OS_NOVA_CONFIG_DIR=$k --env 'OS_NOVA_CONFIG_FILES=/etc/nova/api-paste.ini;nova.conf'" ;;
    glance-api) echo "$PY /usr/bin/glance-api --config-file $k/glance-api.conf" ;;
    nova-scheduler|nova-conductor) echo "$PY /usr/bin/$1 --config-file $k/nova.conf" ;;
    # Debian ships nova-compute's entry point only in the nova-compute package (which pulls libvirt)
    nova-compute) echo "$PY -c 'import sys; sys.argv[0] = \"nova-compute@$host\"; from nova.cmd.compute import main; sys.exit(main())' --config-file $k/nova.conf" ;;
    neutron-server) echo "$PY /usr/bin/neutron-server --config-file $k/neutron.conf --config-file $k/ml2_conf.ini" ;;
    heat-api|heat-engine) echo "$PY /usr/bin/$1 --config-file $k/heat.conf" ;;
    magnum-api|magnum-conductor) echo "$PY /usr/bin/$1 --config-file $k/magnum.conf" ;;
    aodh-evaluator) echo "$PY /usr/bin/$1 --config-file $k/aodh.conf" ;;
    # Apache reports start-up errors (AH00072 ...) on stderr, before its ErrorLog is open: both go
    # to the same file, the Apache error log of the aodh_api container's host
    aodh-api) echo "/bin/sh -c 'exec /usr/sbin/apache2 -f $STATE/apache-aodh/apache2.conf -DFOREGROUND 2>>/var/log/kolla/aodh/aodh-apache-error.log'" ;;
    octavia-api|octavia-worker) echo "$PY /usr/bin/$1 --config-file $k/octavia.conf" ;;
    *) die "unknown service $1" ;;
  esac
}

# pid-file name of a service on a host
svc_id() { if [[ $2 == ctl01 ]]; then echo "$1"; else echo "$1-$2"; fi; }

start_service() { # NAME [HOST]
  local name=$1 host=${2:-ctl01}
  local id; id=$(svc_id "$name" "$host")
  pidfile_alive "$RUN/$id.pid" && return 0
  [[ $name == aodh-api ]] && apache_aodh_conf
  eval "start_in_host $host $id $(service_cmd "$name" "$host")"
}

stop_service() { # NAME [HOST]
  stop_daemon "$(svc_id "$1" "${2:-ctl01}")" 8
}

service_running() { pidfile_alive "$RUN/$(svc_id "$1" "${2:-ctl01}").pid"; }

apache_aodh_conf() {
  local d=$STATE/apache-aodh
  mkdir -p "$d"; chown aodh:aodh "$d"
  cat > "$d/apache2.conf" <<EOC
# Apache of the aodh_api container (Kolla: /etc/apache2/apache2.conf + conf-enabled/wsgi-aodh.conf)
ServerRoot "/etc/apache2"
ServerName ctl01
PidFile $d/apache2.pid
Mutex file:$d default
User aodh
Group aodh
ErrorLog /var/log/kolla/aodh/aodh-apache-error.log
LogLevel warn
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule wsgi_module /usr/lib/apache2/modules/mod_wsgi.so
LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"" combined
WSGISocketPrefix $d/wsgi
Include /etc/kolla/aodh-api/wsgi-aodh.conf
EOC
}

keystone_bootstrap() {
  local k=/etc/kolla/keystone/keystone.conf
  mkdir -p "$STATE/keystone/fernet-keys" "$STATE/keystone/credential-keys"
  chmod 700 "$STATE/keystone/fernet-keys" "$STATE/keystone/credential-keys"
  local km=(in_host ctl01 keystone-manage --config-file "$k")
  "${km[@]}" db_sync >>"$LOGS/keystone-manage.log" 2>&1 || die "keystone db_sync failed"
  [[ -e $STATE/keystone/fernet-keys/0 ]] || "${km[@]}" fernet_setup --keystone-user root --keystone-group root >>"$LOGS/keystone-manage.log" 2>&1
  [[ -e $STATE/keystone/credential-keys/0 ]] || "${km[@]}" credential_setup --keystone-user root --keystone-group root >>"$LOGS/keystone-manage.log" 2>&1
  "${km[@]}" bootstrap --bootstrap-password "$(secret admin)" --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
    --bootstrap-region-id "$REGION" --bootstrap-admin-url "$KS_URL" --bootstrap-internal-url "$KS_URL" \
    --bootstrap-public-url "$KS_URL" >>"$LOGS/keystone-manage.log" 2>&1 || die "keystone bootstrap failed"
}

# all database migrations, in parallel (each as the service would run it in its bootstrap container)
db_syncs() {
  local k=/etc/kolla
  local -a jobs=(
    "glance-manage --config-file $k/glance-api/glance-api.conf db_sync"
    "placement-manage --config-file $k/placement-api/placement.conf db sync"
    "sh -c 'nova-manage --config-file $k/nova-api/nova.conf api_db sync && (nova-manage --config-file $k/nova-api/nova.conf cell_v2 list_cells | grep -q cell0 || nova-manage --config-file $k/nova-api/nova.conf cell_v2 map_cell0) && (nova-manage --config-file $k/nova-api/nova.conf cell_v2 list_cells | grep -q cell1 || nova-manage --config-file $k/nova-api/nova.conf cell_v2 create_cell --name cell1) && nova-manage --config-file $k/nova-api/nova.conf db sync'"
    "neutron-db-manage --config-file $k/neutron-server/neutron.conf --config-file $k/neutron-server/ml2_conf.ini upgrade heads"
    "heat-manage --config-file $k/heat-engine/heat.conf db_sync"
    "magnum-db-manage --config-file $k/magnum-api/magnum.conf upgrade"
    "aodh-dbsync --config-file $k/aodh-api/aodh.conf"
    "octavia-db-manage --config-file $k/octavia-api/octavia.conf upgrade head"
  )
  local j i=0 pids=() rc=0
  for j in "${jobs[@]}"; do
    ( in_host ctl01 /bin/sh -c "PATH=/usr/bin:/usr/sbin:/bin; $j" >"$LOGS/dbsync-$i.log" 2>&1 ) & pids+=($!); i=$((i + 1))
  done
  i=0
  for j in "${pids[@]}"; do
    wait "$j" || { log "db sync failed: ${jobs[$i]} (see $LOGS/dbsync-$i.log)"; rc=1; }
    i=$((i + 1))
  done
  return $rc
}

octavia_certs() {
  local c=$STATE/octavia/certs
  [[ -s $c/client.cert-and-key.pem ]] && return 0
  mkdir -p "$c"; (
    cd "$c" || exit 1
    openssl req -x509 -newkey rsa:2048 -days 3650 -subj "/CN=lab-octavia-ca" -keyout server_ca.key.pem \
      -passout "pass:$(secret octavia_ca_passphrase)" -out server_ca.cert.pem
    openssl req -newkey rsa:2048 -nodes -subj "/CN=octavia-controller" -keyout client.key.pem -out client.csr
    openssl x509 -req -in client.csr -CA server_ca.cert.pem -CAkey server_ca.key.pem \
      -passin "pass:$(secret octavia_ca_passphrase)" -CAcreateserial -days 3650 -out client.cert.pem
    cat client.cert.pem client.key.pem > client.cert-and-key.pem
  ) >"$LOGS/octavia-certs.log" 2>&1 || die "octavia CA failed"
}

register_services() {
  LAB_API=$API LAB_ADMIN_PASSWORD=$(secret admin) LAB_SECRETS=$STATE/secrets.env \
    $PY "$LAB_DIR/openstack/register.py" >>"$LOGS/register.log" 2>&1 || die "service registration failed (see $LOGS/register.log)"
}

wait_apis() {
  local s rc=0
  for s in "${!API_URL[@]}"; do
    service_held_by_break "$s" && continue
    wait_for "$s" 120 http_up "${API_URL[$s]}" || { log "$s does not answer"; rc=1; }
  done
  return $rc
}

# services that an active break keeps down (lab/up must not undo the break)
service_held_by_break() {
  case $1 in
    nova-scheduler) break_active A6 ;;
    aodh-api) break_active A3 ;;
    *) return 1 ;;
  esac
}

# once() MARKER CMD... — run CMD unless it already succeeded (markers live in out/state)
once() { local m=$STATE/done.$1; shift; [[ -e $m ]] && return 0; "$@" && touch "$m"; }

openstack_up() {
  local t0; t0=$(now)
  mariadb_up; once databases mariadb_databases
  rabbitmq_up &                              # ~10 s, in parallel with keystone
  local rpid=$!
  once keystone-bootstrap keystone_bootstrap
  start_service keystone
  wait_for keystone 60 http_up "${API_URL[keystone]}" || die "keystone does not answer"
  log "keystone up at $(since "$t0")s"
  once register register_services &
  local regpid=$!
  octavia_certs
  once db-sync db_syncs || die "database migrations failed"
  # the migrations ran as root and may have created the API's log file: Apache runs aodh as aodh
  chown -R aodh:aodh "$(host_root ctl01)/var/log/kolla/aodh"
  wait $rpid || die "rabbitmq failed"
  wait $regpid || die "registration failed"
  log "databases synced, services registered at $(since "$t0")s"
  local s h
  for s in "${CTL_SERVICES[@]}"; do service_held_by_break "$s" || start_service "$s"; done
  for h in $(compute_hosts); do start_service nova-compute "$h"; done
  wait_apis || die "APIs not answering"
  log "all APIs answer at $(since "$t0")s"
  once discover discover_computes || die "computes not mapped"
  log "computes mapped at $(since "$t0")s"
}

openstack_verify() {
  local s h rc=0
  for s in mariadb rabbitmq epmd "${CTL_SERVICES[@]}"; do
    service_held_by_break "$s" && continue
    pidfile_alive "$RUN/$s.pid" || { log "$s is not running"; rc=1; }
  done
  for h in $(compute_hosts); do service_running nova-compute "$h" || { log "nova-compute on $h is not running"; rc=1; }; done
  wait_apis || rc=1
  return $rc
}

# wait until both fake computes registered, then map them to cell1
discover_computes() {
  local k=/etc/kolla/nova-api/nova.conf
  local want; want=$(compute_hosts | wc -l)
  wait_for "nova-compute services" 120 computes_registered "$want" || die "computes did not register"
  in_host ctl01 /usr/bin/env PATH=/usr/bin:/usr/sbin:/bin nova-manage --config-file "$k" cell_v2 discover_hosts >>"$LOGS/discover.log" 2>&1
}
computes_registered() {
  [[ $(mysql_root -N -e "select count(*) from nova.compute_nodes where deleted=0" 2>/dev/null) -ge $1 ]]
}

openstack_down() {
  local s h
  for h in $(compute_hosts); do stop_service nova-compute "$h" & done
  for s in "${CTL_SERVICES[@]}"; do stop_service "$s" & done
  wait
  stop_daemon mariadb 20 &
  stop_daemon rabbitmq 20; stop_daemon epmd 5
  wait
}

# the lab host a daemon (pid-file name) runs on
daemon_host() {
  case $1 in
    ns-*|sshd-*|dockerd-*) echo "${1#*-}" ;;
    nova-compute-*) echo "${1#nova-compute-}" ;;
    bmc-*) echo "(root namespace, BMC of ${1#bmc-})" ;;
    supervisor) echo "(root namespace)" ;;
    *) echo ctl01 ;;
  esac
}
