#!/usr/bin/python3
"""The OpenStack side of lab/break and lab/heal (A1, A5), through the real APIs of the lab's
cloud (openstacksdk from Debian, cloud `lab` of lab/out/clouds.yaml).

  cloud.py a1-create STACK NODE_CFN_INIT_DATA   (re)create A1's cluster stack the way Magnum's
        conductor does (no X-Region-Name header: Heat falls back to region_name_for_services),
        wait until its master server exists, and write the server's real user data part
        `cfn-init-data` (what cloud-init puts in /var/lib/heat-cfntools/) to the given path
  cloud.py a1-wait STACK STATUS...              wait until the stack has one of the statuses
  cloud.py a1-delete STACK                      delete the stack, wait until it is gone
  cloud.py a5-break PREFIX                      the cluster network stack + an Octavia LB outside
        it + a floating IP on a port of its subnet, then a stack delete that ends DELETE_FAILED
  cloud.py a5-heal PREFIX                       release the FIPs, delete port and LB (health
        monitor -> pool -> listener -> LB), delete the stack for good
"""
import base64
import email
import json
import os
import sys
import time

import openstack

HERE = os.path.dirname(os.path.abspath(__file__))
conn = openstack.connect(cloud="lab")


T0 = time.time()


def log(*a):
    print(f"[cloud.py +{time.time() - T0:.0f}s]", *a, file=sys.stderr, flush=True)


# --- Heat through its REST API (no X-Region-Name, as Magnum's heat client) --------------------
def heat(method, path, **kw):
    # heat-api answers 500 MessagingTimeout when heat-engine is slow to take its RPC (just restarted, or the
    # machine is busy): a GET is asked again, a few times, before it counts as a failure
    for attempt in range(4):
        r = conn.orchestration.request(path, method, raise_exc=False, **kw)
        if not (method == "GET" and r.status_code == 500 and "MessagingTimeout" in r.text) or attempt == 3:
            break
        log(f"Heat GET {path}: MessagingTimeout, asking again")
        time.sleep(5)
    if r.status_code >= 400 and r.status_code != 404:
        raise RuntimeError(f"Heat {method} {path}: {r.status_code} {r.text[:500]}")
    return r


def stack_get(name):
    r = heat("GET", f"/stacks/{name}")
    return None if r.status_code == 404 else r.json()["stack"]


def stack_create(name, template, params=None, timeout_mins=60):
    with open(os.path.join(HERE, "templates", template)) as f:
        body = {"stack_name": name, "template": f.read(), "parameters": params or {},
                "timeout_mins": timeout_mins, "disable_rollback": True}
    return heat("POST", "/stacks", json=body).json()["stack"]


def stack_wait(name, statuses, timeout=300, gone_ok=False):
    deadline = time.time() + timeout
    while True:
        s = stack_get(name)
        if s is None and gone_ok:
            return None
        if s is not None and s["stack_status"] in statuses:
            return s
        if time.time() > deadline:
            raise RuntimeError(f"stack {name}: still {s and s['stack_status']} after {timeout}s, wanted {statuses}")
        time.sleep(1)


def stack_delete(name, expect=(), timeout=300, tries=2):
    """Delete; None once gone. A DELETE_FAILED stack is returned when expected, else retried."""
    for _ in range(tries):
        s = stack_get(name)
        if s is None or s["stack_status"] == "DELETE_COMPLETE":
            return None
        before = (s["stack_status"], s.get("updated_time"))
        heat("DELETE", f"/stacks/{name}/{s['id']}")
        deadline = time.time() + timeout
        while True:
            s = stack_get(name)
            if s is None or (s["stack_status"] in ("DELETE_COMPLETE", "DELETE_FAILED")
                             and (s["stack_status"], s.get("updated_time")) != before):
                break
            if time.time() > deadline:
                raise RuntimeError(f"stack {name}: still {s['stack_status']} after {timeout}s")
            time.sleep(1)
        if s is None or s["stack_status"] == "DELETE_COMPLETE":
            stack_wait(name, set(), 60, gone_ok=True)   # until the record is gone (name free again)
            return None
        if "DELETE_FAILED" in expect:
            return s
        log(f"stack {name}: DELETE_FAILED ({s['stack_status_reason']}), retrying")
    raise RuntimeError(f"stack {name}: {s['stack_status']}: {s['stack_status_reason']}")


def stack_resource(stack, res):
    r = heat("GET", f"/stacks/{stack['stack_name']}/{stack['id']}/resources/{res}")
    return None if r.status_code == 404 else r.json()["resource"]


# --- A1 --------------------------------------------------------------------------------------
def a1_create(name, cfn_path):
    stack_delete(name)
    # a Magnum cluster stack: created by the conductor without a region header
    stack = stack_create(name, "a1-cluster.yaml", timeout_mins=int(os.environ.get("LAB_A1_TIMEOUT", "60")))
    stack = stack_get(name)
    deadline = time.time() + 240
    while True:
        master = stack_resource(stack, "kube_master")
        dep = stack_resource(stack, "enable_cert_manager_api_deployment")
        if master and master["resource_status"] == "CREATE_COMPLETE" and dep and \
                dep["resource_status"] in ("CREATE_IN_PROGRESS", "CREATE_COMPLETE"):
            break
        if stack_get(name)["stack_status"].endswith("FAILED"):
            raise RuntimeError(f"stack {name} failed: {stack_get(name)['stack_status_reason']}")
        if time.time() > deadline:
            raise RuntimeError(f"stack {name}: server not created in time")
        time.sleep(1)
    server_id = master["physical_resource_id"]
    # the server's user data as Nova stores it (admin, microversion >= 2.3)
    r = conn.compute.get(f"/servers/{server_id}", microversion="2.3")
    ud = base64.b64decode(r.json()["server"]["OS-EXT-SRV-ATTR:user_data"]).decode()
    msg = email.message_from_string(ud)
    for part in msg.walk():
        if part.get_filename() == "cfn-init-data":
            data = part.get_payload(decode=True).decode()
            break
    else:
        raise RuntimeError("no cfn-init-data part in the server's user data")
    os.makedirs(os.path.dirname(cfn_path), exist_ok=True)
    with open(cfn_path, "w") as f:
        f.write(data)
    occ = json.loads(data).get("os-collect-config", {}).get("heat", {})
    log(f"stack {name} ({stack['id']}): server {server_id}, os-collect-config region_name = "
        f"{json.dumps(occ.get('region_name'))}")
    # the stack user's password is a secret the lab created
    print(json.dumps({"stack_id": stack["id"], "server_id": server_id,
                      "secrets": [v for v in (occ.get("password"),) if v]}))


# --- A5 --------------------------------------------------------------------------------------
def a5_names(prefix):
    return {"stack": f"{prefix}-cluster", "lb": f"kube_service_{prefix}-cluster_default_web"}


def lb_wait(lb_id, timeout=180):
    deadline = time.time() + timeout
    while True:
        st = conn.load_balancer.get_load_balancer(lb_id).provisioning_status
        if st == "ACTIVE":
            return
        if st == "ERROR" or time.time() > deadline:
            raise RuntimeError(f"load balancer {lb_id} is {st}")
        time.sleep(1)


def a5_break(prefix):
    n = a5_names(prefix)
    if stack_get(n["stack"]):
        a5_heal(prefix)
    stack_create(n["stack"], "a5-cluster.yaml", {"prefix": prefix})
    stack = stack_wait(n["stack"], {"CREATE_COMPLETE", "CREATE_FAILED"}, 300)
    log(f"stack {n['stack']}: {stack['stack_status']}")
    if stack["stack_status"] != "CREATE_COMPLETE":
        raise RuntimeError(f"stack create failed: {stack['stack_status_reason']}")
    out = {o["output_key"]: o["output_value"] for o in stack["outputs"]}
    subnet = conn.network.get_subnet(out["fixed_subnet"])
    vip = subnet.allocation_pools[0]["end"]            # an address in the cluster's subnet
    cluster = stack["id"]
    # what the Kubernetes cloud provider creates for a `type: LoadBalancer` Service
    lb = conn.load_balancer.create_load_balancer(
        name=n["lb"], vip_subnet_id=subnet.id, vip_address=vip,
        description=f"Kubernetes external service default/web from cluster {n['stack']}")
    lb_wait(lb.id)
    log(f"load balancer {lb.id} ACTIVE")
    ls = conn.load_balancer.create_listener(name=f"{n['lb']}_listener_0", loadbalancer_id=lb.id,
                                            protocol="TCP", protocol_port=80)
    lb_wait(lb.id)
    pool = conn.load_balancer.create_pool(name=f"{n['lb']}_pool_0", listener_id=ls.id,
                                          protocol="TCP", lb_algorithm="ROUND_ROBIN")
    lb_wait(lb.id)
    conn.load_balancer.create_health_monitor(name=f"{n['lb']}_monitor_0", pool_id=pool.id, type="TCP",
                                             delay=10, timeout=5, max_retries=3)
    lb_wait(lb.id)
    # the no-op provider makes no VIP port: a real port on the subnet, with the VIP's address
    port = conn.network.create_port(network_id=out["fixed_network"], name=f"octavia-lb-{lb.id}",
                                    fixed_ips=[{"subnet_id": subnet.id, "ip_address": vip}],
                                    device_owner="Octavia", device_id=f"lb-{lb.id}")
    public = conn.network.find_network("public")
    fip = conn.network.create_ip(floating_network_id=public.id, port_id=port.id,
                                 description=f"Floating IP for Kubernetes external service default/web from cluster {n['stack']}")
    log(f"LB {lb.id} (VIP {vip}), port {port.id}, floating IP {fip.floating_ip_address} on router {fip.router_id}")
    # what `openstack coe cluster delete` makes Heat do
    s = stack_delete(n["stack"], expect=("DELETE_FAILED",))
    if s is None or s["stack_status"] != "DELETE_FAILED":
        raise RuntimeError(f"stack delete did not fail: {s and s['stack_status']}")
    log(f"stack {n['stack']} ({cluster}): {s['stack_status']}: {s['stack_status_reason']}")


def a5_heal(prefix):
    n = a5_names(prefix)
    stack = stack_get(n["stack"])
    router = net = None
    if stack:
        res = {r["resource_name"]: r for r in
               heat("GET", f"/stacks/{stack['stack_name']}/{stack['id']}/resources").json()["resources"]}
        router = res.get("extrouter", {}).get("physical_resource_id")
        net = res.get("network", {}).get("physical_resource_id")
    if router:
        for fip in conn.network.ips(router_id=router):
            conn.network.delete_ip(fip)
            log(f"released floating IP {fip.floating_ip_address}")
    lb = conn.load_balancer.find_load_balancer(n["lb"])
    if lb:
        lb = conn.load_balancer.get_load_balancer(lb.id)
        if lb.provisioning_status not in ("ACTIVE", "ERROR"):
            lb_wait(lb.id)
        pools = [conn.load_balancer.get_pool(p["id"]) for p in lb.pools]
        for p in pools:                          # health monitor -> pool -> listener -> LB
            if p.health_monitor_id:
                conn.load_balancer.delete_health_monitor(p.health_monitor_id)
                lb_wait(lb.id)
        for p in pools:
            conn.load_balancer.delete_pool(p)
            lb_wait(lb.id)
        for ls in lb.listeners:
            conn.load_balancer.delete_listener(ls["id"])
            lb_wait(lb.id)
        conn.load_balancer.delete_load_balancer(lb)
        deadline = time.time() + 120
        while (cur := conn.load_balancer.find_load_balancer(lb.id)) and cur.provisioning_status != "DELETED":
            if time.time() > deadline:
                raise RuntimeError(f"load balancer {lb.id} still {cur.provisioning_status}")
            time.sleep(1)
        log(f"deleted load balancer {lb.id}")
    if net:
        for port in conn.network.ports(network_id=net, device_owner="Octavia"):
            conn.network.delete_port(port)
            log(f"deleted port {port.id}")
    if stack:
        stack_delete(n["stack"])
        log(f"stack {n['stack']} deleted")


def main(argv):
    cmd = argv[1]
    if cmd == "a1-create":
        a1_create(argv[2], argv[3])
    elif cmd == "a1-wait":
        s = stack_wait(argv[2], set(argv[3:]), 240)
        log(f"stack {argv[2]}: {s['stack_status']}")
    elif cmd == "a1-delete":
        stack_delete(argv[2])
    elif cmd == "a5-break":
        a5_break(argv[2])
    elif cmd == "a5-heal":
        a5_heal(argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
