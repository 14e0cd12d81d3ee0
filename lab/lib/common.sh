# lab/lib/common.sh — shared helpers for the lab scripts. Source, don't run.
# shellcheck shell=bash
set -o pipefail

LAB_DIR="${LAB_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
OUT="$LAB_DIR/out"            # artefacts for clients (gitignored)
STATE="$OUT/state"            # pid files, runtime configs, data dirs
RUN="$STATE/run"              # pid files
LOGS="$STATE/log"             # lab/up's own logs and the daemons' stdout/stderr
PY=/usr/bin/python3           # never the pyenv shim
export PATH="/usr/sbin:/usr/bin:/sbin:/bin"
export LC_ALL=C.UTF-8
# the lab's addresses are never proxied
export no_proxy="127.0.0.1,localhost,172.29.0.0/24,172.29.0.1,172.29.0.11,172.29.0.21,172.29.0.22,172.29.0.31,172.29.0.51"
export NO_PROXY=$no_proxy
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY

[[ $EUID -eq 0 ]] || { echo "lab: run as root" >&2; exit 1; }
mkdir -p "$OUT" "$STATE" "$RUN" "$LOGS"

log()  { printf '[lab %s] %s\n' "$(date +%T)" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }
now()  { date +%s.%N; }
since(){ awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

# wait_for DESCRIPTION TIMEOUT_S CMD... — poll CMD until it succeeds
wait_for() {
  local what=$1 timeout=$2; shift 2
  local start; start=$(date +%s)
  until "$@" >/dev/null 2>&1; do
    if (( $(date +%s) - start >= timeout )); then
      log "timed out after ${timeout}s waiting for $what"; return 1
    fi
    sleep 0.5
  done
}

# http_up URL — any HTTP answer (even 401/300) means the server is there
http_up() { local c; c=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$1"); [[ $c != 000 && $c -lt 500 ]]; }

# --- processes: a pid file holds "PID STARTTIME BOOT_ID", so that a pid file left by a
# previous boot (or a recycled PID) never names someone else's process.
BOOT_ID=$(cat /proc/sys/kernel/random/boot_id)
proc_start() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; set -- $s; echo "${20}"; }
# a zombie (killed, not yet reaped: PID 1 of a container may never reap it) is not alive
pid_alive() {
  [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null || return 1
  local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }; [[ ${stat:0:1} != Z ]]
}
# pidfile_pid FILE — the PID if the file names a live process of this boot, started when recorded
pidfile_pid() {
  local pid st boot
  [[ -s $1 ]] || return 1
  read -r pid st boot < "$1"
  [[ $boot == "$BOOT_ID" ]] && pid_alive "$pid" && [[ $(proc_start "$pid") == "$st" ]] && echo "$pid"
}
pidfile_alive() { pidfile_pid "$1" >/dev/null; }
pidfile_write() { echo "$2 $(proc_start "$2") $BOOT_ID" > "$1"; }

# start_daemon NAME CMD... — run CMD in background (own session = own process group), log, pid file
start_daemon() {
  local name=$1; shift
  local pf="$RUN/$name.pid"
  pidfile_alive "$pf" && return 0
  setsid "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null 9>&- &
  local pid=$!
  # setsid/nsenter exec in place: $! is the daemon itself once they have exec'd
  pidfile_write "$pf" "$pid"
}

# stop_pid PID [GRACE_S] — TERM the process group, then KILL it
stop_pid() {
  local pid=$1 grace=${2:-10} i
  pid_alive "$pid" || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < grace * 4; i++)); do pid_alive "$pid" || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null
  for ((i = 0; i < 20; i++)); do pid_alive "$pid" || break; sleep 0.1; done
  return 0
}

# stop_daemon NAME [GRACE_S] — stop what start_daemon NAME started (by its pid file)
stop_daemon() {
  local pf="$RUN/$1.pid" pid
  if pid=$(pidfile_pid "$pf"); then stop_pid "$pid" "${2:-10}"; fi
  rm -f "$pf"
}
daemon_running() { pidfile_alive "$RUN/$1.pid"; }

# secret NAME [LENGTH] — stable generated secret stored in out/state/secrets.env
secret() {
  local name=$1 len=${2:-20} f="$STATE/secrets.env" v
  [[ -e $f ]] || { touch "$f"; chmod 600 "$f"; }
  v=$(grep -m1 "^$name=" "$f" | cut -d= -f2-)
  if [[ -z "$v" ]]; then
    v=$(head -c 96 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | head -c "$len")
    echo "$name=$v" >> "$f"
  fi
  printf '%s' "$v"
}

# breaks that lab/break made and lab/heal has not undone (lab/up leaves them alone)
break_active() { [[ -e $STATE/breaks/$1 ]]; }
break_mark()   { mkdir -p "$STATE/breaks"; date -Is > "$STATE/breaks/$1"; }
break_clear()  { rm -f "$STATE/breaks/$1"; }

# once MARKER CMD... — run CMD unless it already succeeded (markers live in out/state)
once() { local m=$STATE/done.$1; shift; [[ -e $m ]] && return 0; "$@" && touch "$m"; }

# Processes of the lab still alive: every process in one of the lab's namespaces (their
# inode numbers are recorded when a host starts), plus any whose command line names the
# lab's state directory. Nothing else on the machine can match.
lab_leftovers() {
  local p ns self=$$ ids
  ids=" $(cat "$RUN"/ns-*.ids 2>/dev/null | tr '\n' ' ') "
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ $p == "$self" || $p == "$BASHPID" ]] && continue
    ns=$(readlink "/proc/$p/ns/mnt" 2>/dev/null) || continue
    if [[ $ids == *" $ns "* || $ids == *" $(readlink "/proc/$p/ns/net" 2>/dev/null) "* ]]; then
      echo "$p"; continue
    fi
    [[ $(tr "\0" " " < "/proc/$p/cmdline" 2>/dev/null) == *"$STATE/"* ]] && echo "$p"
  done | tr '\n' ' '
}
