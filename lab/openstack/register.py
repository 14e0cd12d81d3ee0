#!/usr/bin/python3
"""Register service users, services and endpoints the way Kolla-Ansible's
service-ks-register does: every service user gets role `admin` on project
`service` (domain default); endpoints public/internal/admin in RegionOne.
Idempotent. Reads LAB_ADMIN_PASSWORD and LAB_SECRETS (a secrets.env file)."""
import os

from keystoneauth1 import session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client

API = os.environ["LAB_API"]
REGION = "RegionOne"
# user, service name, type, url
SERVICES = [
    ("glance", "glance", "image", f"http://{API}:9292"),
    ("placement", "placement", "placement", f"http://{API}:8778"),
    ("nova", "nova", "compute", f"http://{API}:8774/v2.1"),
    ("neutron", "neutron", "network", f"http://{API}:9696"),
    ("heat", "heat", "orchestration", f"http://{API}:8004/v1/%(tenant_id)s"),
    ("magnum", "magnum", "container-infra", f"http://{API}:9511/v1"),
    ("aodh", "aodh", "alarming", f"http://{API}:8042"),
    ("octavia", "octavia", "load-balancer", f"http://{API}:9876"),
]


def secrets():
    out = {}
    with open(os.environ["LAB_SECRETS"]) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            out[k] = v
    return out


def find(manager, name, **kw):
    for obj in manager.list(name=name, **kw):
        return obj
    return None


def ensure_user(ks, name, password, domain):
    user = find(ks.users, name, domain=domain)
    if user is None:
        return ks.users.create(name=name, password=password, domain=domain)
    ks.users.update(user, password=password)
    return user


def grant(ks, role, user, project=None, domain=None):
    try:
        ks.roles.check(role, user=user, project=project, domain=domain)
    except Exception:
        ks.roles.grant(role, user=user, project=project, domain=domain)


def main():
    sec = secrets()
    auth = v3.Password(auth_url=f"http://{API}:5000/v3", username="admin",
                       password=os.environ["LAB_ADMIN_PASSWORD"], project_name="admin",
                       user_domain_id="default", project_domain_id="default")
    ks = client.Client(session=session.Session(auth=auth), interface="public")
    default = ks.domains.get("default")
    admin_role = find(ks.roles, "admin")
    for r in ("heat_stack_owner", "heat_stack_user", "load-balancer_admin", "creator"):
        find(ks.roles, r) or ks.roles.create(r)
    service_project = find(ks.projects, "service", domain=default) or \
        ks.projects.create("service", default, description="Service Project")
    for user, name, stype, url in SERVICES:
        u = ensure_user(ks, user, sec[f"ks_{user}"], default)
        grant(ks, admin_role, u, project=service_project)
        svc = find(ks.services, name) or ks.services.create(name, type=stype)
        have = {e.interface for e in ks.endpoints.list(service=svc, region=REGION)}
        for iface in ("public", "internal", "admin"):
            if iface not in have:
                ks.endpoints.create(svc, url, interface=iface, region=REGION)
    # the admin user owns stacks
    admin = find(ks.users, "admin", domain=default)
    admin_project = find(ks.projects, "admin", domain=default)
    grant(ks, find(ks.roles, "heat_stack_owner"), admin, project=admin_project)
    # Heat's stack user domain and Magnum's trustee domain, each with a domain admin
    for dom, user, key in (("heat_user_domain", "heat_domain_admin", "ks_heat_domain_admin"),
                           ("magnum", "magnum_trustee_domain_admin", "ks_magnum_trustee_domain_admin")):
        d = find(ks.domains, dom) or ks.domains.create(dom, description=f"lab: {dom}")
        u = ensure_user(ks, user, sec[key], d)
        grant(ks, admin_role, u, domain=d)
    print("registered", len(SERVICES), "services")


if __name__ == "__main__":
    main()
