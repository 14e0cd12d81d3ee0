# lab/lib/packages.sh — install the Debian packages the lab needs (idempotent).
# shellcheck shell=bash

LAB_PACKAGES=(
  # base tools
  crudini curl iproute2 iptables procps psmisc openssl parted fdisk util-linux
  openssh-server openssh-client
  # data plane
  mariadb-server python3-pymysql rabbitmq-server uwsgi-core uwsgi-plugin-python3
  # OpenStack Zed (bookworm)
  keystone python3-openstackclient python3-osc-placement
  python3-heatclient python3-magnumclient python3-aodhclient python3-octaviaclient
  glance-api placement-api nova-api nova-conductor nova-scheduler python3-nova
  neutron-server heat-api heat-engine magnum-api magnum-conductor
  aodh-api aodh-evaluator octavia-api octavia-worker
  # Kolla hosts
  docker.io busybox-static apache2 libapache2-mod-wsgi-py3 ipmitool openipmi jq
  # a Magnum cluster node's agent (A1)
  python3-os-collect-config
)

policy_rc_d() {
  # maintainer scripts must start nothing: the lab starts daemons itself
  if ! grep -qx 'exit 101' /usr/sbin/policy-rc.d 2>/dev/null; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  fi
  chmod 755 /usr/sbin/policy-rc.d
}

missing_packages() {
  local -A ok=() ; local p st
  while read -r p st; do [[ $st == installed ]] && ok[$p]=1; done < \
    <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${LAB_PACKAGES[@]}" 2>/dev/null)
  for p in "${LAB_PACKAGES[@]}"; do [[ -n ${ok[$p]:-} ]] || echo "$p"; done
}

install_packages() {
  policy_rc_d
  local missing; missing=$(missing_packages | tr '\n' ' ')
  if [[ -z "${missing// }" ]]; then log "packages: all ${#LAB_PACKAGES[@]} present"; return 0; fi
  log "packages: installing $missing"
  local t0; t0=$(now)
  export DEBIAN_FRONTEND=noninteractive
  if [[ ! -e "$STATE/apt-updated" ]]; then
    apt-get update -q >"$LOGS/apt-update.log" 2>&1 || die "apt-get update failed (see $LOGS/apt-update.log)"
    touch "$STATE/apt-updated"
  fi
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold $missing \
    >"$LOGS/apt-install.log" 2>&1 || die "apt-get install failed (see $LOGS/apt-install.log)"
  log "packages: installed in $(since "$t0")s"
}
