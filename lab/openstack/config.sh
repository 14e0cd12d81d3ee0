# lab/openstack/config.sh — render the Kolla-style config of every service into the
# hosts' own /etc/kolla/<service>/ (the running services read exactly these files).
# shellcheck shell=bash

API=$LAB_NET.11         # ctl01: api_interface_address = kolla_internal_vip_address (no haproxy)
REGION=RegionOne
KS_URL="http://$API:5000"
OS_SERVICES=(keystone glance placement nova neutron heat magnum aodh octavia)

db_url() { echo "mysql+pymysql://$1:$(secret "db_$1")@$API:3306/$1"; }
rabbit_url() { echo "rabbit://openstack:$(secret rabbitmq)@$API:5672//"; }
kolla_dir() { echo "$(host_root "$1")/etc/kolla/$2"; }   # kolla_dir HOST SERVICE

sec_default() { # PROJECT SERVICE
  cat <<EOC
[DEFAULT]
debug = False
log_dir = /var/log/kolla/$1
log_file = /var/log/kolla/$1/$2.log
transport_url = $(rabbit_url)

EOC
}

sec_authtoken() { # USER
  cat <<EOC
[keystone_authtoken]
service_type = ${2:-$1}
www_authenticate_uri = $KS_URL
auth_url = $KS_URL
auth_type = password
project_domain_id = default
user_domain_id = default
project_name = service
username = $1
password = $(secret "ks_$1")
region_name = $REGION
service_token_roles_required = true
service_token_roles = admin

EOC
}

sec_auth() { # SECTION USER [extra lines]
  cat <<EOC
[$1]
auth_type = password
auth_url = $KS_URL
username = $2
password = $(secret "ks_$2")
project_name = service
project_domain_name = Default
user_domain_name = Default
region_name = $REGION
valid_interfaces = internal
${3:-}
EOC
}

sec_common_tail() { # PROJECT
  cat <<EOC
[oslo_concurrency]
lock_path = $STATE/lock/$1

[oslo_messaging_notifications]
driver = noop

EOC
}

config_json() { # SERVICE COMMAND FILE:DEST...
  local svc=$1 cmd=$2; shift 2
  local files="" f
  for f in "$@"; do
    files+="${files:+,}
        {\"source\": \"/var/lib/kolla/config_files/${f%%:*}\", \"dest\": \"${f#*:}\", \"owner\": \"${svc%%-*}\", \"perm\": \"0600\"}"
  done
  printf '{\n    "command": "%s",\n    "config_files": [%s\n    ]\n}\n' "$cmd" "$files"
}

# write HOST SERVICE FILE — stdin into /etc/kolla/SERVICE/FILE of HOST
write_kolla() { local d; d=$(kolla_dir "$1" "$2"); mkdir -p "$d"; cat > "$d/$3"; chmod 644 "$d/$3"; }

render_keystone() {
  { sec_default keystone keystone | grep -v transport_url
    cat <<EOC
[database]
connection = $(db_url keystone)

[token]
provider = fernet
expiration = 86400

[fernet_tokens]
key_repository = $STATE/keystone/fernet-keys
max_active_keys = 3

[credential]
key_repository = $STATE/keystone/credential-keys

[cache]
enabled = True
backend = dogpile.cache.memory

[oslo_messaging_notifications]
driver = noop
EOC
  } | write_kolla ctl01 keystone keystone.conf
  config_json keystone "uwsgi --http-socket $API:5000 --wsgi-file /usr/bin/keystone-wsgi-public" \
    keystone.conf:/etc/keystone/keystone.conf | write_kolla ctl01 keystone config.json
}

render_glance() {
  { sec_default glance glance-api
    cat <<EOC
bind_host = $API
bind_port = 9292
workers = 1
enabled_backends = file:file

[glance_store]
default_backend = file

[file]
filesystem_store_datadir = $STATE/glance/images

[database]
connection = $(db_url glance)

[paste_deploy]
flavor = keystone
config_file = /etc/glance/glance-api-paste.ini

EOC
    sec_authtoken glance image; sec_common_tail glance
  } | write_kolla ctl01 glance-api glance-api.conf
  config_json glance-api "glance-api" glance-api.conf:/etc/glance/glance-api.conf | write_kolla ctl01 glance-api config.json
}

render_placement() {
  { sec_default placement placement-api | grep -v transport_url
    cat <<EOC
[placement_database]
connection = $(db_url placement)

[api]
auth_strategy = keystone

EOC
    sec_authtoken placement; sec_common_tail placement
  } | write_kolla ctl01 placement-api placement.conf
  config_json placement-api "uwsgi --http-socket $API:8778 --wsgi-file /usr/bin/placement-api" \
    placement.conf:/etc/placement/placement.conf | write_kolla ctl01 placement-api config.json
}

nova_conf() { # SERVICE [HOST]
  sec_default nova "$1"
  cat <<EOC
my_ip = $(host_addr "${2:-ctl01}")
state_path = $STATE/nova/${2:-ctl01}
report_interval = 5
service_down_time = 20
enabled_apis = osapi_compute
osapi_compute_workers = 1
EOC
  if [[ $1 == nova-compute ]]; then
    cat <<EOC
host = $2
compute_driver = fake.FakeDriver
EOC
  fi
  echo
  if [[ $1 != nova-compute ]]; then
    cat <<EOC
[api_database]
connection = $(db_url nova_api)

[database]
connection = $(db_url nova)

[scheduler]
workers = 1
discover_hosts_in_cells_interval = -1

[conductor]
workers = 1

[api]
auth_strategy = keystone

[wsgi]
api_paste_config = /etc/nova/api-paste.ini

EOC
    sec_authtoken nova compute
  fi
  sec_auth placement placement
  sec_auth neutron neutron
  sec_auth glance glance
  sec_auth service_user nova "send_service_user_token = true"
  cat <<EOC
[oslo_messaging_rabbit]
heartbeat_timeout_threshold = 60

EOC
  sec_common_tail nova
}

render_nova() {
  local s
  for s in nova-api nova-scheduler nova-conductor; do
    nova_conf "$s" | write_kolla ctl01 "$s" nova.conf
    config_json "$s" "$s" nova.conf:/etc/nova/nova.conf | write_kolla ctl01 "$s" config.json
  done
  for h in $(compute_hosts); do
    nova_conf nova-compute "$h" | write_kolla "$h" nova-compute nova.conf
    config_json nova-compute nova-compute nova.conf:/etc/nova/nova.conf | write_kolla "$h" nova-compute config.json
  done
}
compute_hosts() { local n; for n in $(host_names); do [[ ,$(host_groups "$n"), == *,compute,* ]] && echo "$n"; done; }

render_neutron() {
  { sec_default neutron neutron-server
    cat <<EOC
bind_host = $API
bind_port = 9696
api_workers = 1
rpc_workers = 1
rpc_state_report_workers = 0
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
state_path = $STATE/neutron
notify_nova_on_port_status_changes = False
notify_nova_on_port_data_changes = False
allow_overlapping_ips = True
api_paste_config = /etc/neutron/api-paste.ini

[database]
connection = $(db_url neutron)

EOC
    sec_authtoken neutron network; sec_auth nova nova; sec_common_tail neutron
  } | write_kolla ctl01 neutron-server neutron.conf
  cat <<EOC | write_kolla ctl01 neutron-server ml2_conf.ini
[ml2]
type_drivers = flat,vxlan
tenant_network_types = vxlan
mechanism_drivers =
extension_drivers = port_security

[ml2_type_flat]
flat_networks = physnet1

[ml2_type_vxlan]
vni_ranges = 1:1000
EOC
  config_json neutron-server "neutron-server --config-file /etc/neutron/neutron.conf --config-file /etc/neutron/plugins/ml2/ml2_conf.ini" \
    neutron.conf:/etc/neutron/neutron.conf ml2_conf.ini:/etc/neutron/plugins/ml2/ml2_conf.ini | write_kolla ctl01 neutron-server config.json
}

heat_conf() { # SERVICE
  sec_default heat "$1"
  cat <<EOC
heat_metadata_server_url = http://$API:8000
heat_waitcondition_server_url = http://$API:8000/v1/waitcondition
stack_user_domain_name = heat_user_domain
stack_domain_admin = heat_domain_admin
stack_domain_admin_password = $(secret ks_heat_domain_admin)
$(break_active A1 || echo "region_name_for_services = $REGION")
num_engine_workers = 1
deferred_auth_method = trusts

[heat_api]
bind_host = $API
bind_port = 8004
workers = 1

[paste_deploy]
api_paste_config = /etc/heat/api-paste.ini

[database]
connection = $(db_url heat)

[clients]
endpoint_type = internalURL

[clients_keystone]
auth_uri = $KS_URL

[ec2authtoken]
auth_uri = $KS_URL/v3

[trustee]
auth_type = password
auth_url = $KS_URL
username = heat
password = $(secret ks_heat)
user_domain_name = Default

EOC
  sec_authtoken heat orchestration; sec_common_tail heat
}

render_heat() {
  local s
  for s in heat-api heat-engine; do
    heat_conf "$s" | write_kolla ctl01 "$s" heat.conf
    config_json "$s" "$s" heat.conf:/etc/heat/heat.conf | write_kolla ctl01 "$s" config.json
  done
}

magnum_conf() {
  sec_default magnum "$1"
  cat <<EOC
state_path = $STATE/magnum

[api]
host = $API
port = 9511
workers = 1
api_paste_config = /etc/magnum/api-paste.ini

[conductor]
workers = 1

[database]
connection = $(db_url magnum)

[trust]
trustee_domain_name = magnum
trustee_domain_admin_name = magnum_trustee_domain_admin
trustee_domain_admin_password = $(secret ks_magnum_trustee_domain_admin)
trustee_keystone_interface = internal
cluster_user_trust = False

[certificates]
cert_manager_type = x509keypair

[heat_client]
region_name = $REGION
endpoint_type = internalURL

[nova_client]
region_name = $REGION
endpoint_type = internalURL

[cinder_client]
region_name = $REGION

[keystone_auth]
auth_type = password
auth_url = $KS_URL
username = magnum
password = $(secret ks_magnum)
project_name = service
project_domain_id = default
user_domain_id = default

EOC
  sec_authtoken magnum container-infra; sec_common_tail magnum
}

render_magnum() {
  local s
  for s in magnum-api magnum-conductor; do
    magnum_conf "$s" | write_kolla ctl01 "$s" magnum.conf
    config_json "$s" "$s" magnum.conf:/etc/magnum/magnum.conf | write_kolla ctl01 "$s" config.json
  done
}

aodh_conf() {
  sec_default aodh "$1"
  cat <<EOC
[api]
port = 8042
host = $API
paste_config = /etc/kolla/aodh-api/aodh-api-paste.ini

[database]
connection = $(db_url aodh)

[evaluator]
workers = 1

EOC
  sec_authtoken aodh alarming
  sec_auth service_credentials aodh "interface = internalURL"
  sec_common_tail aodh
}

render_aodh() {
  aodh_conf aodh-api | write_kolla ctl01 aodh-api aodh.conf
  aodh_conf aodh-evaluator | write_kolla ctl01 aodh-evaluator aodh.conf
  # keystonemiddleware must read this aodh.conf, not /etc/aodh/aodh.conf
  sed 's|^oslo_config_project = aodh$|oslo_config_project = aodh\noslo_config_file = /etc/kolla/aodh-api/aodh.conf|' \
    /etc/aodh/api-paste.ini 2>/dev/null | write_kolla ctl01 aodh-api aodh-api-paste.ini
  wsgi_aodh_conf "$(a3_listen)" | write_kolla ctl01 aodh-api wsgi-aodh.conf
  cat > "$(kolla_dir ctl01 aodh-api)/aodh-api.wsgi" <<EOC
# WSGI entry point (Kolla: /var/www/cgi-bin/aodh/app)
from aodh.api import app
application = app.build_wsgi_app(argv=['--config-file', '/etc/kolla/aodh-api/aodh.conf'])
EOC
  config_json aodh-api "/usr/sbin/apache2 -DFOREGROUND" aodh.conf:/etc/aodh/aodh.conf \
    wsgi-aodh.conf:/etc/apache2/conf-enabled/wsgi-aodh.conf | write_kolla ctl01 aodh-api config.json
  config_json aodh-evaluator aodh-evaluator aodh.conf:/etc/aodh/aodh.conf | write_kolla ctl01 aodh-evaluator config.json
}

# the vhost as Kolla's templates/wsgi-aodh.conf.j2 renders it
wsgi_aodh_conf() { # LISTEN_ADDRESS
  cat <<EOC
Listen $1:8042

<VirtualHost *:8042>

  ## Vhost docroot
  DocumentRoot "/var/www/cgi-bin/aodh"

  ## Directories, there should at least be a declaration for /var/www/cgi-bin/aodh

  <Directory "/var/www/cgi-bin/aodh">
    Options Indexes FollowSymLinks MultiViews
    AllowOverride None
    Require all granted
  </Directory>

  ## Logging
  ErrorLog "/var/log/kolla/aodh/aodh_wsgi_error.log"
  ServerSignature Off
  CustomLog "/var/log/kolla/aodh/aodh_wsgi_access.log" combined
  WSGIApplicationGroup %{GLOBAL}
  WSGIDaemonProcess aodh group=aodh processes=1 threads=4 user=aodh
  WSGIProcessGroup aodh
  WSGIScriptAlias / "/etc/kolla/aodh-api/aodh-api.wsgi"
</VirtualHost>
EOC
}

octavia_conf() {
  sec_default octavia "$1"
  local c=$STATE/octavia/certs
  cat <<EOC
[api_settings]
bind_host = $API
bind_port = 9876
enabled_provider_drivers = amphora:The Octavia Amphora driver
default_provider_driver = amphora

[database]
connection = $(db_url octavia)

[controller_worker]
amphora_driver = amphora_noop_driver
compute_driver = compute_noop_driver
network_driver = network_noop_driver
volume_driver = volume_noop_driver
loadbalancer_topology = SINGLE
amp_image_tag = amphora
amp_flavor_id = 1
amp_boot_network_list = 00000000-0000-0000-0000-000000000000
client_ca = $c/server_ca.cert.pem
workers = 1

[task_flow]
jobboard_enabled = False

[oslo_messaging]
topic = octavia_prov

[health_manager]
heartbeat_key = $(secret octavia_heartbeat_key)

[certificates]
cert_generator = local_cert_generator
ca_certificate = $c/server_ca.cert.pem
ca_private_key = $c/server_ca.key.pem
ca_private_key_passphrase = $(secret octavia_ca_passphrase)
server_certs_key_passphrase = $(secret octavia_server_certs_key_passphrase 32)

[haproxy_amphora]
client_cert = $c/client.cert-and-key.pem
server_ca = $c/server_ca.cert.pem

EOC
  sec_authtoken octavia load-balancer
  sec_auth service_auth octavia
  sec_common_tail octavia
}

render_octavia() {
  local s
  for s in octavia-api octavia-worker; do
    octavia_conf "$s" | write_kolla ctl01 "$s" octavia.conf
    config_json "$s" "$s" octavia.conf:/etc/octavia/octavia.conf | write_kolla ctl01 "$s" config.json
  done
}

# /etc/kolla/globals.yml and passwords.yml on the deploy host (ctl01)
render_globals() {
  local d; d=$(host_root ctl01)/etc/kolla
  cat > "$d/globals.yml" <<EOC
---
kolla_base_distro: "debian"
openstack_release: "zed"
kolla_internal_vip_address: "$API"
network_interface: "eth0"
api_interface: "eth0"
neutron_external_interface: "veth-ext"
neutron_plugin_agent: "openvswitch"
enable_haproxy: "no"
enable_aodh: "yes"
enable_heat: "yes"
enable_magnum: "yes"
enable_octavia: "yes"
enable_ceph: "yes"
ceph_osd_store_type: "bluestore"
enable_cluster_user_trust: "no"
nova_compute_virt_type: "qemu"
EOC
  {
    echo "---"
    echo "database_password: $(secret db_root)"
    echo "rabbitmq_password: $(secret rabbitmq)"
    echo "keystone_admin_password: $(secret admin)"
    local s
    for s in keystone glance placement nova neutron heat magnum aodh octavia; do
      echo "${s}_database_password: $(secret "db_$s")"
    done
    echo "nova_api_database_password: $(secret db_nova_api)"
    for s in glance placement nova neutron heat magnum aodh octavia; do
      echo "${s}_keystone_password: $(secret "ks_$s")"
    done
    echo "heat_domain_admin_password: $(secret ks_heat_domain_admin)"
    echo "magnum_keystone_password_trustee_domain_admin: $(secret ks_magnum_trustee_domain_admin)"
    echo "octavia_ca_password: $(secret octavia_ca_passphrase)"
  } > "$d/passwords.yml"
  chmod 600 "$d/passwords.yml"
}

render_all() {
  mkdir -p "$STATE"/{lock,nova,neutron,magnum,glance/images,keystone}
  for s in keystone glance placement nova neutron heat magnum aodh octavia; do
    mkdir -p "$(host_root ctl01)/var/log/kolla/$s" "$STATE/lock/$s"
  done
  for h in $(compute_hosts); do mkdir -p "$(host_root "$h")/var/log/kolla/nova"; done
  render_globals
  render_keystone; render_glance; render_placement; render_nova; render_neutron
  render_heat; render_magnum; render_aodh; render_octavia
  chown -R aodh:aodh "$(host_root ctl01)/var/log/kolla/aodh"
}
