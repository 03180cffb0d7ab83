"""deploy/k8s: every manifest is valid against the Kubernetes schemas and matches the code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from shared.config import SERVICES

ROOT = Path(__file__).resolve().parents[3]
K8S = ROOT / "deploy" / "k8s"
KUBERNETES_VERSION = "1.30.0"  # the oldest version the manifests promise to work on
NOT_CORE = {"kustomize.config.k8s.io/v1beta1", "keda.sh/v1alpha1"}


def manifests() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(K8S.glob("*.yaml")):
        found += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return found


def of_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {m["metadata"]["name"]: m for m in manifests() if m["kind"] == kind}


@pytest.mark.parametrize(
    "manifest",
    [m for m in manifests() if m["apiVersion"] not in NOT_CORE],
    ids=lambda m: f"{m['kind']}/{m['metadata']['name']}",
)
def test_manifest_is_valid_against_the_kubernetes_schema(manifest: dict[str, Any]) -> None:
    kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


def test_kustomization_applies_every_file() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == files


def test_confirmations_have_a_light_worker() -> None:
    """Every service's confirmations on a worker that renders nothing."""
    deployments = of_kind("Deployment")
    serving = [
        name
        for name, d in deployments.items()
        if "confirmations"
        in " ".join(d["spec"]["template"]["spec"]["containers"][0].get("args", []))
    ]
    assert serving == ["submission-worker"]


def test_every_service_has_a_probed_web_and_a_scaled_worker() -> None:
    deployments = of_kind("Deployment")
    scaled = of_kind("ScaledObject")
    for service in SERVICES:
        web = deployments[f"{service}-web"]["spec"]["template"]["spec"]["containers"][0]
        assert web["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert web["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert {"name": "SIPINDA_SERVICE", "value": service} in web["env"]
        worker = deployments[f"{service}-worker"]["spec"]["template"]["spec"]["containers"][0]
        assert worker["args"][:3] == ["sipinda", "worker", "--queues"]
        assert worker["args"][3].split(",")[0] == service
        assert "limits" in worker["resources"]
        # KEDA reads the very list Celery's Redis transport fills: prefix + queue name.
        trigger = scaled[f"{service}-worker"]["spec"]["triggers"][0]
        assert scaled[f"{service}-worker"]["spec"]["scaleTargetRef"]["name"] == f"{service}-worker"
        assert trigger["type"] == "redis"
        assert trigger["metadata"]["listName"] == f"sipinda:{service}"


def test_the_relay_runs_several_replicas() -> None:
    relay = of_kind("Deployment")["relay"]
    assert relay["spec"]["replicas"] >= 2
    assert relay["spec"]["template"]["spec"]["containers"][0]["args"] == ["sipinda", "relay"]


def test_pods_run_unprivileged() -> None:
    for name, deployment in of_kind("Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        for container in pod["containers"]:
            assert container["securityContext"]["allowPrivilegeEscalation"] is False, name


def test_ingress_routes_what_nginx_routes() -> None:
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    served = re.findall(r"location (?:[=~] \^?)?(\S+) \{\s*proxy_pass http://(\w+);", nginx)
    ingress = of_kind("Ingress")["sipinda"]
    routes = {
        path["path"]: path["backend"]["service"]["name"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert served
    for location, upstream in served:
        assert routes.get(location) == f"{upstream}-web", location


def test_config_sets_only_documented_variables() -> None:
    documented = (ROOT / "deploy" / "env.example").read_text()
    config = of_kind("ConfigMap")["sipinda-config"]["data"]
    assert [name for name in config if name not in documented] == []
    assert "SECRET_KEY" not in config  # secrets live in the Secret, never in the ConfigMap
