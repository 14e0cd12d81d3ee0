# lab/openstack/resources.sh — baseline cloud resources (flavors, images, external network)
# shellcheck shell=bash

export OS_CLIENT_CONFIG_FILE="$OUT/clouds.yaml"

resources_up() {
  [[ -e $STATE/resources.done ]] && return 0
  OS_CLOUD=lab $PY "$LAB_DIR/openstack/resources.py" >>"$LOGS/resources.log" 2>&1 || die "baseline resources failed (see $LOGS/resources.log)"
  touch "$STATE/resources.done"
}
