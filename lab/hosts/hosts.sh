# lab/hosts/hosts.sh — the lab's Kolla hosts. Each host is a network + mount + UTS namespace
# (held open by a `sleep` started with unshare) with its own eth0 on the lab bridge, its own
# hostname, its own /etc/hosts, /etc/kolla, /var/log/kolla, /run, its own sshd and dockerd.
# shellcheck shell=bash

LAB_BRIDGE=labbr0
LAB_NET=172.29.0           # the lab's own /24: on labbr0 and inside the hosts' namespaces only
LAB_GW=$LAB_NET.1          # the root namespace's end (the "deployment host" kolla-doctor runs on)
# The hosts have no default route: nothing in them can reach beyond 172.29.0.0/24.

# name  address  kolla groups (comma separated)
LAB_HOSTS=(
  "ctl01  $LAB_NET.11 control,network,monitoring"
  "cmp01  $LAB_NET.21 compute"
  "cmp02  $LAB_NET.22 compute"
  "stor01 $LAB_NET.31 storage"
)
# A Magnum cluster node (not a Kolla host): A1's os-collect-config files live there.
CLUSTER_NODE="k8s-lab-master-0 $LAB_NET.51"

host_names() { local h; for h in "${LAB_HOSTS[@]}"; do echo "${h%% *}"; done; }
all_host_names() { host_names; echo "${CLUSTER_NODE%% *}"; }
cluster_node() { echo "${CLUSTER_NODE%% *}"; }
host_field() { # host_field NAME 2|3
  local h n a g
  for h in "${LAB_HOSTS[@]}" "$CLUSTER_NODE"; do
    read -r n a g <<<"$h"; [[ $n == "$1" ]] || continue
    case $2 in 2) echo "$a";; 3) echo "$g";; esac; return 0
  done; return 1
}
host_addr()   { host_field "$1" 2; }
host_groups() { host_field "$1" 3; }
host_root()   { echo "$STATE/hosts/$1"; }
host_nspid()  { pidfile_pid "$RUN/ns-$1.pid"; }
is_cluster_node() { [[ $1 == "$(cluster_node)" ]]; }
hosts_in_group() { local n; for n in $(host_names); do [[ ,$(host_groups "$n"), == *,$1,* ]] && echo "$n"; done; }
compute_hosts() { hosts_in_group compute; }

# in_host NAME CMD... — run CMD inside the host's namespaces (what an SSH login there sees)
in_host() {
  local n=$1 p; shift
  p=$(host_nspid "$n") || { log "host $n is not running"; return 1; }
  nsenter -t "$p" -n -m -u -- "$@"
}

lab_ssh_key() {
  [[ -s $OUT/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C lab@kolla-doctor -f "$OUT/id_ed25519"
  mkdir -p "$STATE/ssh"
  cp "$OUT/id_ed25519.pub" "$STATE/ssh/authorized_keys"; chmod 600 "$STATE/ssh/authorized_keys"
}

hosts_file() {
  echo "127.0.0.1 localhost"
  echo "::1 localhost ip6-localhost ip6-loopback"
  echo "# BEGIN ANSIBLE GENERATED HOSTS"
  local h hn ha; for h in "${LAB_HOSTS[@]}"; do read -r hn ha _ <<<"$h"; echo "$ha $hn"; done
  echo "# END ANSIBLE GENERATED HOSTS"
}

# the files every host sees at /etc/hosts, /etc/hostname, its sshd config
host_prepare_root() {
  local n=$1 r; r=$(host_root "$n")
  mkdir -p "$r"/{etc/kolla,var/log/kolla,var/lib/kolla,ssh,docker}
  echo "$n" > "$r/etc/hostname"
  if is_cluster_node "$n"; then
    { echo "127.0.0.1 localhost"; echo "$(host_addr "$n") $n"; } > "$r/etc/hosts"
  else
    hosts_file > "$r/etc/hosts"
  fi
  [[ -s $r/ssh/ssh_host_ed25519_key ]] || ssh-keygen -q -t ed25519 -N '' -C "root@$n" -f "$r/ssh/ssh_host_ed25519_key"
  cat > "$r/ssh/sshd_config" <<EOC
# sshd of lab host $n (runs inside its namespaces)
ListenAddress $(host_addr "$n"):22
HostKey $r/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
AuthorizedKeysFile $STATE/ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
UseDNS no
SetEnv PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
Subsystem sftp internal-sftp
EOC
}

bridge_up() {
  if ! ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    ip link add "$LAB_BRIDGE" type bridge || die "cannot create bridge $LAB_BRIDGE"
  fi
  [[ $(ip -4 -o addr show dev "$LAB_BRIDGE") == *" inet $LAB_GW/24 "* ]] || ip addr add "$LAB_GW/24" dev "$LAB_BRIDGE"
  ip link set "$LAB_BRIDGE" up
  # a Docker engine elsewhere on the machine may set FORWARD to DROP: bridged lab traffic stays allowed
  iptables -C FORWARD -i "$LAB_BRIDGE" -o "$LAB_BRIDGE" -j ACCEPT 2>/dev/null ||
    iptables -I FORWARD -i "$LAB_BRIDGE" -o "$LAB_BRIDGE" -j ACCEPT 2>/dev/null || true
}

bridge_down() {
  iptables -D FORWARD -i "$LAB_BRIDGE" -o "$LAB_BRIDGE" -j ACCEPT 2>/dev/null
  ip link show "$LAB_BRIDGE" >/dev/null 2>&1 && ip link del "$LAB_BRIDGE"
  return 0
}

# The namespace holder: unshares net+mount+UTS, bind-mounts the host's own files, sleeps.
host_start_ns() {
  local n=$1 r p; r=$(host_root "$n")
  if pidfile_alive "$RUN/ns-$n.pid"; then host_link "$n" up; return 0; fi
  # mount points in the machine's own tree (empty; lab/down --purge removes them)
  mkdir -p /etc/kolla /var/log/kolla /var/lib/kolla
  [[ -e /etc/os-collect-config.conf ]] || touch /etc/os-collect-config.conf
  local kind=kolla; is_cluster_node "$n" && kind=node
  start_daemon "ns-$n" unshare --net --mount --uts --propagation private -- /bin/bash -c '
    set -e; r=$1; n=$2; kind=$3
    hostname "$n"
    mount --bind "$r/etc/hosts" /etc/hosts
    mount --bind "$r/etc/hostname" /etc/hostname
    if [ "$kind" = kolla ]; then
      mount --bind "$r/etc/kolla" /etc/kolla
      mount --bind "$r/var/log/kolla" /var/log/kolla
      mount --bind "$r/var/lib/kolla" /var/lib/kolla
    else
      # a Magnum cluster node: its own /var/lib, /var/log and os-collect-config.conf
      mount --bind "$r/etc/os-collect-config.conf" /etc/os-collect-config.conf
      mount --bind "$r/var/lib" /var/lib
      mount --bind "$r/var/log" /var/log
    fi
    mount -t tmpfs -o mode=755 tmpfs /run
    mkdir -p /run/sshd /run/lock
    if [ "$kind" = node ]; then mkdir -p /run/heat-config; mount --bind "$r/var/run/heat-config" /run/heat-config; fi
    touch /run/ns-ready
    exec sleep infinity' ns-init "$r" "$n" "$kind"
  wait_for "namespace of $n" 10 host_ns_mounted "$n" || die "namespace of $n did not come up"
  p=$(host_nspid "$n")
  # eth0 of the host: a veth whose other end is on the lab bridge
  local v="lv-$n"; v=${v:0:15}
  ip link del "$v" 2>/dev/null
  ip link add "$v" type veth peer name eth0 netns "$p" || die "veth for $n failed"
  ip link set "$v" master "$LAB_BRIDGE" up
  nsenter -t "$p" -n sh -c "ip link set lo up && ip addr add $(host_addr "$n")/24 dev eth0 && ip link set eth0 up " \
    || die "addressing $n failed"
  { readlink "/proc/$p/ns/mnt"; readlink "/proc/$p/ns/net"; } > "$RUN/ns-$n.ids"
}
# host_link NAME up|down — the host's cable: a powered-off host answers nothing, not even ping
host_link() { local p; p=$(host_nspid "$1") && nsenter -t "$p" -n ip link set eth0 "$2"; }
host_ns_mounted() { local p; p=$(host_nspid "$1") && nsenter -t "$p" -m test -e /run/ns-ready; }

host_start_sshd() {
  local n=$1 r; r=$(host_root "$n")
  start_daemon "sshd-$n" nsenter -t "$(host_nspid "$n")" -n -m -u -- /usr/sbin/sshd -D -e -f "$r/ssh/sshd_config"
}

host_start_dockerd() {
  local n=$1 r; r=$(host_root "$n")
  start_daemon "dockerd-$n" nsenter -t "$(host_nspid "$n")" -n -m -u -- /usr/sbin/dockerd \
    --data-root "$r/docker" --exec-root /run/docker --pidfile /run/docker.pid \
    -H unix:///var/run/docker.sock -H "unix://$r/docker.sock" \
    --bridge none --iptables=false --ip6tables=false --ip-masq=false --ip-forward=false --userland-proxy=false
}

# host_docker NAME ARGS... — the docker CLI against that host's engine
host_docker() { local n=$1; shift; DOCKER_API_VERSION=1.41 /usr/bin/docker -H "unix://$(host_root "$n")/docker.sock" "$@"; }

host_ssh() {
  local n=$1; shift
  ssh -i "$OUT/id_ed25519" -o UserKnownHostsFile="$OUT/known_hosts" -o StrictHostKeyChecking=yes \
      -o BatchMode=yes -o ConnectTimeout=5 -o LogLevel=ERROR "root@$(host_addr "$n")" "$@"
}

write_known_hosts() {
  local n; : > "$OUT/known_hosts.new"
  for n in $(all_host_names); do
    echo "$(host_addr "$n") $(cut -d' ' -f1,2 "$(host_root "$n")/ssh/ssh_host_ed25519_key.pub")" >> "$OUT/known_hosts.new"
    echo "$n $(cut -d' ' -f1,2 "$(host_root "$n")/ssh/ssh_host_ed25519_key.pub")" >> "$OUT/known_hosts.new"
  done
  mv "$OUT/known_hosts.new" "$OUT/known_hosts"
}

hosts_up() {
  lab_ssh_key
  bridge_up
  local n
  for n in $(all_host_names); do host_prepare_root "$n"; done
  cluster_node_prepare
  for n in $(all_host_names); do host_start_ns "$n"; host_start_sshd "$n"; done
  for n in $(host_names); do host_start_dockerd "$n"; done
  write_known_hosts
  local pids=() p
  for n in $(all_host_names); do wait_for "sshd on $n" 30 host_ssh "$n" true & pids+=($!); done
  for n in $(host_names); do wait_for "dockerd on $n" 60 host_docker "$n" version & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || die "a host did not come up (sshd or dockerd)"; done
}

# the cluster node carries the os-collect-config files (A1 fills them from Heat's metadata)
cluster_node_prepare() {
  local r; r=$(host_root "$(cluster_node)")
  mkdir -p "$r/var/lib/os-collect-config" "$r/var/lib/heat-cfntools" "$r/var/lib/cloud/data" \
           "$r/var/run/heat-config" "$r/var/log"
  [[ -e $r/etc/os-collect-config.conf ]] || : > "$r/etc/os-collect-config.conf"
  [[ -e $r/var/run/heat-config/heat-config ]] || echo '[]' > "$r/var/run/heat-config/heat-config"
}

hosts_verify() {
  local n rc=0
  ip link show "$LAB_BRIDGE" >/dev/null 2>&1 || { log "bridge $LAB_BRIDGE missing"; rc=1; }
  local pids=() p
  for n in $(all_host_names); do
    daemon_running "ns-$n" || { log "host $n: namespace holder not running"; rc=1; continue; }
    { host_ssh "$n" true || { log "ssh to $n fails"; exit 1; }; } & pids+=($!)
  done
  for n in $(host_names); do { host_docker "$n" version >/dev/null 2>&1 || { log "dockerd on $n down"; exit 1; }; } & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  return $rc
}

hosts_down() {
  local n p
  for n in $(host_names); do stop_dockerd "$n" & done
  wait
  for n in $(all_host_names); do
    ( for p in sshd ns; do stop_daemon "$p-$n" 5; done ) &
  done
  wait
}

# dockerd first stops its containers, then its containerd: TERM dockerd alone, then the group
stop_dockerd() {
  local n=$1 pid i
  pid=$(pidfile_pid "$RUN/dockerd-$n.pid") || { rm -f "$RUN/dockerd-$n.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 80; i++)); do pid_alive "$pid" || break; sleep 0.25; done
  stop_pid "$pid" 1
  rm -f "$RUN/dockerd-$n.pid"
}
