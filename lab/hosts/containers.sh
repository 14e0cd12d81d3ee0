# lab/hosts/containers.sh — Kolla-named containers in each host's own Docker engine,
# from a local image built from busybox-static (no registry), with Kolla's healthchecks.
# shellcheck shell=bash

KOLLA_TAG=zed-debian-bullseye
KOLLA_VERSION=15.2.0

# container|service (image, config dir)|healthcheck ("" = none)|process to mirror ("" = none)
containers_of() {
  local h=$1
  case $(host_groups "$h") in
    *control*) cat <<EOC
mariadb|mariadb|healthcheck_listen mariadbd 3306|$STATE/mysql/data
rabbitmq|rabbitmq|healthcheck_listen rabbit 5672|$STATE/rabbitmq
keystone|keystone|healthcheck_curl http://$API:5000|/etc/kolla/keystone/
glance_api|glance-api|healthcheck_curl http://$API:9292|/etc/kolla/glance-api/
placement_api|placement-api|healthcheck_curl http://$API:8778|/etc/kolla/placement-api
nova_api|nova-api|healthcheck_curl http://$API:8774|/etc/kolla/nova-api
nova_scheduler|nova-scheduler|healthcheck_port nova-scheduler 5672|/etc/kolla/nova-scheduler/
nova_conductor|nova-conductor|healthcheck_port nova-conductor 5672|/etc/kolla/nova-conductor/
neutron_server|neutron-server|healthcheck_port neutron-server 5672|/etc/kolla/neutron-server/
heat_api|heat-api|healthcheck_curl http://$API:8004|/etc/kolla/heat-api/
heat_engine|heat-engine|healthcheck_port heat-engine 5672|/etc/kolla/heat-engine/
magnum_api|magnum-api|healthcheck_curl http://$API:9511|/etc/kolla/magnum-api/
magnum_conductor|magnum-conductor|healthcheck_port magnum-conductor 5672|/etc/kolla/magnum-conductor/
aodh_api|aodh-api|healthcheck_curl http://$API:8042|apache-aodh/apache2.conf
aodh_evaluator|aodh-evaluator|healthcheck_port aodh-evaluator 3306|/etc/kolla/aodh-evaluator/
octavia_api|octavia-api|healthcheck_curl http://$API:9876|/etc/kolla/octavia-api/
octavia_worker|octavia-worker|healthcheck_port octavia-worker 5672|/etc/kolla/octavia-worker/
EOC
    ;;
    *compute*) echo "nova_compute|nova-compute|healthcheck_port nova-compute@$h 5672|nova-compute@$h" ;;
  esac
  cat <<'EOC'
kolla_toolbox|kolla-toolbox||
cron|cron||
fluentd|fluentd||
EOC
}

# the image's content hash: a changed lab/hosts/image/ (or this file: how containers are run)
# rebuilds the image and recreates the containers
image_hash() { cat "$LAB_DIR"/hosts/image/* "$LAB_DIR/hosts/containers.sh" /bin/busybox | sha256sum | cut -c1-12; }

build_rootfs() {
  local r=$STATE/image/rootfs h; h=$(image_hash)
  [[ -x $r/bin/busybox && $(cat "$STATE/image/hash" 2>/dev/null) == "$h" ]] && return 0
  rm -rf "$r"
  mkdir -p "$r"/{bin,etc,tmp,proc,sys,dev,var/log/kolla,var/lib/kolla/config_files,usr/local/bin,root}
  cp /bin/busybox "$r/bin/busybox"
  local a; for a in $(/bin/busybox --list); do [[ -e $r/bin/$a ]] || ln -s busybox "$r/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$r/etc/group"
  cp "$LAB_DIR"/hosts/image/* "$r/usr/local/bin/"
  chmod 755 "$r"/usr/local/bin/*; chmod 1777 "$r/tmp"
  echo "$h" > "$STATE/image/hash"
}

# local/kolla-base: docker import of the busybox rootfs (no registry), labelled with its hash
ensure_image() { # HOST
  local h=$1 want; want=$(cat "$STATE/image/hash")
  [[ $(host_docker "$h" image inspect -f '{{index .Config.Labels "lab.image-hash"}}' local/kolla-base:latest 2>/dev/null) == "$want" ]] && return 0
  tar -C "$STATE/image/rootfs" -c . | host_docker "$h" import \
    -c 'CMD ["/usr/local/bin/kolla_start"]' -c 'ENV PATH=/usr/local/bin:/bin' \
    -c "LABEL lab.image-hash=$want" -c 'LABEL maintainer="kolla-doctor lab"' - local/kolla-base:latest >/dev/null
}

run_container() { # HOST NAME SERVICE HEALTHCHECK PROCESS
  local h=$1 name=$2 svc=$3 hc=$4 proc=$5 img="kolla/$3:$KOLLA_TAG"
  host_docker "$h" tag local/kolla-base:latest "$img" || return 1
  local args=(run -d --name "$name" --restart unless-stopped --network host --pid host
    -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS -e "KOLLA_SERVICE_NAME=$svc" -e "KOLLA_SERVICE_PROCESS=$proc"
    --label "kolla_version=$KOLLA_VERSION" --label "name=$svc" --label "kolla_install_type=binary"
    -v /etc/localtime:/etc/localtime:ro -v kolla_logs:/var/log/kolla/)
  [[ -d $(host_root "$h")/etc/kolla/$svc ]] && args+=(-v "/etc/kolla/$svc/:/var/lib/kolla/config_files/:ro")
  [[ -n $hc ]] && args+=(--health-cmd "$hc" --health-interval 30s --health-timeout 30s
                         --health-retries 3 --health-start-period 5s)
  # the service runs beside the container: finding its sockets (/proc/PID/fd) needs ptrace rights
  [[ $hc == healthcheck_port* || $hc == healthcheck_listen* ]] && args+=(--cap-add SYS_PTRACE)
  host_docker "$h" "${args[@]}" "$img" >/dev/null
}

# create missing containers, recreate outdated ones, start stopped ones — unless a break holds them
containers_up_host() { # HOST
  local h=$1 name svc hc proc state img cur
  ensure_image "$h" || return 1
  cur=$(host_docker "$h" image inspect -f '{{.Id}}' local/kolla-base:latest)
  while IFS='|' read -r name svc hc proc; do
    container_held_by_break "$h" "$name" && continue
    state=$(host_docker "$h" inspect -f '{{.State.Status}} {{.Image}}' "$name" 2>/dev/null)
    img=${state#* }; state=${state%% *}
    if [[ -n $state && $img != "$cur" ]]; then host_docker "$h" rm -f "$name" >/dev/null; state=; fi
    case $state in
      "") run_container "$h" "$name" "$svc" "$hc" "$proc" || return 1 ;;
      running) ;;
      restarting) host_docker "$h" restart -t 1 "$name" >/dev/null || return 1 ;;
      *) host_docker "$h" start "$name" >/dev/null || return 1 ;;
    esac
  done < <(containers_of "$h")
}

container_held_by_break() { # HOST NAME — an active break owns its state
  [[ $1 == ctl01 ]] || return 1
  case $2 in nova_scheduler) break_active A6 ;; aodh_api) break_active A3 ;; *) return 1 ;; esac
}

containers_up() {
  build_rootfs
  local h pids=()
  for h in $(host_names); do containers_up_host "$h" & pids+=($!); done
  local p; for p in "${pids[@]}"; do wait "$p" || die "containers failed"; done
}

# Kolla's containers are stopped before the services they stand for (so that a warm lab/up
# starts them after their service, as the unless-stopped policy then leaves them stopped)
containers_down() {
  local h ids
  for h in $(host_names); do
    daemon_running "dockerd-$h" || continue
    ( ids=$(host_docker "$h" ps -q); [[ -z $ids ]] || host_docker "$h" stop -t 2 $ids >/dev/null ) &
  done
  wait
}

containers_verify() {
  local h name rc=0 st
  for h in $(host_names); do
    declare -A state=()
    while read -r name st; do state[$name]=$st; done < <(host_docker "$h" ps -a --format '{{.Names}} {{.State}}')
    while IFS='|' read -r name _ _ _; do
      container_held_by_break "$h" "$name" && continue
      st=${state[$name]:-}
      [[ $st == running ]] || { log "$h: container $name is ${st:-missing}"; rc=1; }
    done < <(containers_of "$h")
    unset state
  done
  return $rc
}
