#!/usr/bin/python3
"""Baseline resources every scenario uses (idempotent): flavor, image, external
network `public` with a subnet, and the healthy stack `lab-baseline`. Addresses here are Neutron records only: no
interface carries them and no traffic goes to them."""
import io
import os

import openstack

conn = openstack.connect(cloud="lab")

if not conn.compute.find_flavor("m1.tiny"):
    conn.compute.create_flavor(name="m1.tiny", ram=512, vcpus=1, disk=1, id="1")
if not conn.compute.find_flavor("m1.small"):
    conn.compute.create_flavor(name="m1.small", ram=2048, vcpus=1, disk=20, id="2")

if not conn.image.find_image("cirros"):
    conn.image.create_image(name="cirros", data=io.BytesIO(b"\0" * 1024 * 1024), disk_format="raw",
                            container_format="bare", visibility="public")
if not conn.image.find_image("fedora-coreos-35"):
    conn.image.create_image(name="fedora-coreos-35", data=io.BytesIO(b"\0" * 1024), disk_format="qcow2",
                            container_format="bare", visibility="public", os_distro="fedora-coreos")

net = conn.network.find_network("public")
if not net:
    net = conn.network.create_network(name="public", is_router_external=True, provider_network_type="flat",
                                      provider_physical_network="physnet1", is_shared=False)
if not conn.network.find_subnet("public-subnet"):
    conn.network.create_subnet(name="public-subnet", network_id=net.id, ip_version=4,
                               cidr="198.51.100.0/24", gateway_ip="198.51.100.1", is_dhcp_enabled=False,
                               allocation_pools=[{"start": "198.51.100.100", "end": "198.51.100.200"}])
# A healthy stack that is always there (lab/openstack/baseline-stack.yaml).
if not conn.orchestration.find_stack("lab-baseline"):
    conn.create_stack("lab-baseline", template_file=os.path.join(os.path.dirname(__file__), "baseline-stack.yaml"),
                      wait=True, timeout=300)
stack = conn.orchestration.find_stack("lab-baseline")
if stack is None or conn.orchestration.get_stack(stack.id).status != "CREATE_COMPLETE":
    raise SystemExit("stack lab-baseline is not CREATE_COMPLETE")
print("resources ok")
