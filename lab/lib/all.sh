# lab/lib/all.sh — source every part of the lab (the entry scripts do only this)
# shellcheck shell=bash
_lab_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$_lab_lib/common.sh"
source "$_lab_lib/packages.sh"
source "$_lab_lib/artifacts.sh"
source "$LAB_DIR/hosts/hosts.sh"
source "$LAB_DIR/hosts/containers.sh"
source "$LAB_DIR/hosts/disks.sh"
source "$LAB_DIR/hosts/ipmi.sh"
source "$LAB_DIR/openstack/config.sh"
source "$LAB_DIR/openstack/infra.sh"
source "$LAB_DIR/openstack/services.sh"
source "$LAB_DIR/openstack/resources.sh"
source "$LAB_DIR/breaks/breaks.sh"
