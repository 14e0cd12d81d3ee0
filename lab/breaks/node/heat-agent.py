#!/usr/bin/python3
"""The lab's stand-in for the part of Magnum's heat-container-agent that Debian does not ship:
os-collect-config (real, from python3-os-collect-config) runs this as its --command, the way it
runs os-refresh-config on a cluster node. Run on the cluster node (inside its namespaces).

  heat-agent.py apply   (os-refresh-config) merge $OS_CONFIG_FILES in order, then
     - render /etc/os-collect-config.conf from the `os-collect-config` key (os-apply-config's
       template; a JSON null is written `null`, as Magnum's agent writes it),
     - write /var/run/heat-config/heat-config (the 55-heat-config hook),
     - run each new `script` deployment and signal Heat with the deployment's own credentials
       (heat-config-notify, HEAT_SIGNAL transport).
"""
import json
import os
import subprocess
import sys

CONF = "/etc/os-collect-config.conf"
HEAT_CONFIG = "/var/run/heat-config/heat-config"
DEPLOYED = "/var/lib/heat-config/deployed"
COMMAND = f"/usr/bin/python3 {os.path.abspath(__file__)} apply"


def rendered(v):
    return "null" if v is None else str(v)


def write_conf(occ):
    lines = ["[DEFAULT]", f"command = {COMMAND}"]
    lines += [f"collectors = {c}" for c in occ.get("collectors", [])]
    for section in ("heat", "cfn", "zaqar", "request"):
        if section in occ:
            lines += ["", f"[{section}]"] + [f"{k} = {rendered(v)}" for k, v in occ[section].items()]
    with open(CONF, "w") as f:
        f.write("\n".join(lines) + "\n")


def notify(dep, status, stdout, stderr):
    from heatclient import client as heatclient
    from keystoneauth1 import session
    from keystoneauth1.identity import v3
    iv = {i["name"]: i.get("value") for i in dep.get("inputs", [])}
    if iv.get("deploy_signal_transport") != "HEAT_SIGNAL":
        print(f"deployment {dep['id']}: signal transport {iv.get('deploy_signal_transport')} not handled")
        return
    auth = v3.Password(auth_url=iv["deploy_auth_url"], user_id=iv["deploy_user_id"],
                       password=iv["deploy_password"], project_id=iv["deploy_project_id"])
    sess = session.Session(auth=auth)
    heat = heatclient.Client("1", session=sess, service_type="orchestration", interface="public")
    heat.resources.signal(iv["deploy_stack_id"], iv["deploy_resource_name"],
                          data={"deploy_stdout": stdout, "deploy_stderr": stderr,
                                "deploy_status_code": status})
    print(f"deployment {dep['name']} ({dep['id']}): signalled Heat, status code {status}")


def run_deployments(deployments):
    os.makedirs(DEPLOYED, exist_ok=True)
    for dep in deployments:
        done = os.path.join(DEPLOYED, f"{dep['id']}.notify.json")
        if os.path.exists(done) or dep.get("group") != "script":
            continue
        script = os.path.join(DEPLOYED, dep["id"])
        with open(script, "w") as f:
            f.write(dep["config"])
        os.chmod(script, 0o700)
        p = subprocess.run([script], capture_output=True, text=True)
        notify(dep, p.returncode, p.stdout, p.stderr)
        with open(done, "w") as f:
            json.dump({"deploy_status_code": p.returncode, "deploy_stdout": p.stdout}, f)


def apply():
    merged = {}
    for path in filter(None, os.environ.get("OS_CONFIG_FILES", "").split(":")):
        with open(path) as f:
            merged.update(json.load(f))
    if "os-collect-config" in merged:
        write_conf(merged["os-collect-config"])
    deployments = merged.get("deployments", [])
    os.makedirs(os.path.dirname(HEAT_CONFIG), exist_ok=True)
    with open(HEAT_CONFIG, "w") as f:
        json.dump(deployments, f)
    run_deployments(deployments)


if __name__ == "__main__":
    if sys.argv[1:] == ["apply"]:
        apply()
    else:
        raise SystemExit(__doc__)
