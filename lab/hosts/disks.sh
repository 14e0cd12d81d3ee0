# lab/hosts/disks.sh — stor01's OSD disks: sparse images on loop devices, GPT labels by parted.
# No udevd runs here, so the storage host's udev database (/run/udev/data in its own /run)
# is written from real `blkid -p -o udev` output — what udev's blkid builtin records —
# and lsblk on stor01 shows PARTLABEL/LABEL as on a real host.
# shellcheck shell=bash

STORAGE_HOST=stor01
DISKS=(sdb sdc)
BLUESTORE_LABEL=KOLLA_CEPH_OSD_BOOTSTRAP_BS

disk_img()  { echo "$STATE/disks/$STORAGE_HOST-$1.img"; }
disk_loop() { cat "$STATE/disks/$STORAGE_HOST-$1.loop" 2>/dev/null; }

# disk_label DISK LABEL — what an operator runs: parted /dev/sdX -s -- mklabel gpt mkpart LABEL 1 -1
disk_label() {
  in_host "$STORAGE_HOST" parted "$(disk_loop "$1")" -s -- mklabel gpt mkpart "$2" 1 -1 >/dev/null 2>&1 \
    || { log "parted failed on $1"; return 1; }
  in_host "$STORAGE_HOST" partx -u "$(disk_loop "$1")" 2>/dev/null
  udev_db_refresh
}

# Each record is written to a temporary file and renamed into place, and records of devices that are gone
# are removed afterwards: an lsblk running meanwhile never sees an empty database.
udev_db_refresh() {
  local d l dev mm keep=()
  in_host "$STORAGE_HOST" mkdir -p /run/udev/data
  for d in "${DISKS[@]}"; do
    l=$(disk_loop "$d"); [[ -n $l ]] || continue
    for dev in "$l" "$l"p*; do
      [[ -b $dev ]] || continue
      mm=$(cat "/sys/class/block/${dev#/dev/}/dev"); keep+=("b$mm")
      in_host "$STORAGE_HOST" sh -c "{ blkid -p -o udev '$dev' | sed 's/^/E:/'; echo 'E:ID_SERIAL=lab-$STORAGE_HOST-$d'; echo I:1; } > /run/udev/data/.b$mm && mv -f /run/udev/data/.b$mm /run/udev/data/b$mm"
    done
  done
  in_host "$STORAGE_HOST" sh -c "cd /run/udev/data && for f in b*; do case ' ${keep[*]} ' in *\" \$f \"*) ;; *) rm -f \"\$f\" ;; esac; done"
}

# what the disks' partition tables say now (for the supervisor, which stands in for udevd)
disks_signature() {
  local d l dev
  for d in "${DISKS[@]}"; do
    l=$(disk_loop "$d"); [[ -n $l ]] || continue
    for dev in "$l" "$l"p*; do [[ -b $dev ]] && { echo "$dev"; blkid -p -o udev "$dev" 2>/dev/null; }; done
  done | md5sum
}

disks_up() {
  mkdir -p "$STATE/disks"
  local d img l fresh
  for d in "${DISKS[@]}"; do
    img=$(disk_img "$d"); fresh=
    [[ -e $img ]] || { truncate -s 256M "$img"; fresh=1; }
    l=$(disk_loop "$d")
    if [[ -z $l ]] || [[ $(losetup -n -O BACK-FILE "$l" 2>/dev/null) != "$img" ]]; then
      l=$(losetup -f --show -P "$img") || die "losetup failed for $img"
      echo "$l" > "$STATE/disks/$STORAGE_HOST-$d.loop"
    fi
    [[ -n $fresh ]] && { disk_label "$d" "$BLUESTORE_LABEL" || die "labelling $d failed"; }
    partx -u "$l" 2>/dev/null
  done
  udev_db_refresh
}

disks_down() {
  local d l
  for d in "${DISKS[@]}"; do
    l=$(disk_loop "$d")
    [[ -n $l ]] && [[ $(losetup -n -O BACK-FILE "$l" 2>/dev/null) == "$(disk_img "$d")" ]] && losetup -d "$l"
    rm -f "$STATE/disks/$STORAGE_HOST-$d.loop"
  done
  return 0
}
