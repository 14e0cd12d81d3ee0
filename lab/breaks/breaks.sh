# lab/breaks/breaks.sh — the six headline failures of ../shared/CATALOG.md (section A), made
# for real on the running lab (lab/break ID) and undone (lab/heal ID). An active break is
# recorded in out/state/breaks/<A?>; lab/up and re-rendering respect it.
# shellcheck shell=bash

declare -A BREAK_CHECK=(
  [A1]=heat.region-null [A2]=keystone.service-project-membership [A3]=wsgi.listen-address
  [A4]=ceph.osd-bootstrap-labels [A5]=neutron.stale-floating-ips [A6]=containers.exited
)
BREAK_IDS=(A1 A2 A3 A4 A5 A6)

# break_id A1|heat.region-null — the short ID (A1..A6), or nothing
break_id() {
  local k; for k in "${BREAK_IDS[@]}"; do
    [[ ${1^^} == "$k" || $1 == "${BREAK_CHECK[$k]}" ]] && { echo "$k"; return 0; }
  done; return 1
}

export OS_CLIENT_CONFIG_FILE="$OUT/clouds.yaml"
os() { OS_CLOUD=lab /usr/bin/openstack "$@"; }   # Debian's python3-openstackclient
cloud_py() { OS_CLOUD=lab $PY "$LAB_DIR/breaks/cloud.py" "$@"; }
restart_service() { stop_service "$@"; start_service "$@"; }

A1_STACK=lab-a1-cluster
A5_PREFIX=lab-a5
A3_BAD_LISTEN=20.0.24.58        # the seed's address: no lab host has it
A4_WRONG_LABEL=KOLLA_CEPH_OSD_BOOTSTRAP      # filestore's label while ceph_osd_store_type is bluestore
A4_NON_ASCII_LABEL='新加卷'                  # "New Volume", left by an earlier OS (the seed's disk)

# --- A1 heat.region-null ----------------------------------------------------------------------
heat_restart() {
  restart_service heat-engine; restart_service heat-api
  wait_for heat-api 120 http_up "${API_URL[heat-api]}" || die "heat-api does not answer"
  # heat-engine answers RPC once it consumes its `engine` queue again
  wait_for heat-engine 120 heat_engine_up || die "heat-engine not up"
}
heat_engine_up() { rabbitmqctl -q list_queues name consumers 2>/dev/null | awk '$1 == "engine" && $2 > 0 {f = 1} END {exit !f}'; }

# the cluster node's agent: real os-collect-config, first from the local metadata (heat_local:
# what cloud-init left in /var/lib/heat-cfntools/cfn-init-data), then polling Heat (heat)
node_agent_run() {
  local node; node=$(cluster_node)
  local agent="/usr/bin/python3 $LAB_DIR/breaks/node/heat-agent.py apply"
  in_host "$node" sh -c 'rm -rf /var/lib/os-collect-config/* /var/lib/heat-config /run/os-collect-config
                         echo "[]" > /run/heat-config/heat-config; : > /etc/os-collect-config.conf
                         : > /var/log/heat-container-agent.log'   # a new node: a fresh journal
  # its output is what `journalctl -u heat-container-agent` shows on a real node
  in_host "$node" sh -c "exec /usr/bin/os-collect-config --one-time --command '$agent' heat_local \
                           >> /var/log/heat-container-agent.log 2>&1" || return 1
  in_host "$node" sh -c "exec /usr/bin/os-collect-config --one-time --command '$agent' \
                           >> /var/log/heat-container-agent.log 2>&1" || return 1
}

a1_stack() { # create the cluster stack, hand its real user data to the node, run the node's agent
  local r out; r=$(host_root "$(cluster_node)")
  out=$(cloud_py a1-create "$A1_STACK" "$r/var/lib/heat-cfntools/cfn-init-data") || return 1
  $PY -c 'import json,sys; [print(s) for s in json.loads(sys.argv[1])["secrets"]]' "$out" >> "$STATE/secrets.extra"
  node_agent_run
}

break_A1() {
  break_mark A1
  render_heat; heat_restart
  LAB_A1_TIMEOUT=2 a1_stack || return 1      # Magnum's default is 60 min; the lab's stack times out after 2
}
heal_A1() {
  break_clear A1
  render_heat; heat_restart                 # kolla-ansible reconfigure -t heat, with the region set
  cloud_py a1-delete "$A1_STACK" || return 1 # the old cluster keeps its null region: recreate it
  a1_stack || return 1
  cloud_py a1-wait "$A1_STACK" CREATE_COMPLETE
}

# --- A2 keystone.service-project-membership ---------------------------------------------------
break_A2() {
  break_mark A2
  os role remove --project service --project-domain Default --user aodh --user-domain Default admin 2>/dev/null
  ! os role assignment list --user aodh --user-domain Default --project service --project-domain Default --names -f value | grep -q .
}
heal_A2() {
  break_clear A2
  os role add --project service --project-domain Default --user aodh --user-domain Default admin
}

# --- A3 wsgi.listen-address -------------------------------------------------------------------
a3_listen() { if break_active A3; then echo "$A3_BAD_LISTEN"; else echo "$API"; fi; }
break_A3() {
  break_mark A3
  render_aodh                                # wsgi-aodh.conf: Listen 20.0.24.58:8042
  stop_service aodh-api; start_service aodh-api   # Apache exits: AH00072
  sleep 2
}
heal_A3() {
  break_clear A3
  render_aodh
  stop_service aodh-api; start_service aodh-api
  wait_for aodh-api 90 http_up "${API_URL[aodh-api]}" || return 1
  containers_up                              # aodh_api: out of its restart loop
}

# --- A4 ceph.osd-bootstrap-labels -------------------------------------------------------------
break_A4() {
  break_mark A4
  disk_label sdb "$A4_WRONG_LABEL" && disk_label sdc "$A4_NON_ASCII_LABEL"
}
heal_A4() {
  break_clear A4
  disk_label sdb "$BLUESTORE_LABEL" && disk_label sdc "$BLUESTORE_LABEL"
}

# --- A5 neutron.stale-floating-ips ------------------------------------------------------------
break_A5() { break_mark A5; cloud_py a5-break "$A5_PREFIX"; }
heal_A5() { cloud_py a5-heal "$A5_PREFIX" && break_clear A5; }

# --- A6 containers.exited ---------------------------------------------------------------------
break_A6() {
  break_mark A6
  host_docker ctl01 stop nova_scheduler >/dev/null   # Exited (0)
  stop_service nova-scheduler                         # and the real scheduler with it
}
heal_A6() {
  break_clear A6
  start_service nova-scheduler
  containers_up                                       # docker start nova_scheduler
}
