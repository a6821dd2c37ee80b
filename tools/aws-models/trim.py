#!/usr/bin/env python3
"""Trim the official AWS service models (botocore data) to what Fleetbook calls.

Reads <source>/<svc>.json and <svc>.paginators.json (default source: ../shared/aws-models beside the
repository) and writes src/Toolkit/Backends/Aws/Models/<svc>.json and <svc>.paginators.json with:

- "version" and "metadata" unchanged;
- the operations listed in OPERATIONS below, unchanged;
- every shape reachable from those operations (input, output, errors, members, list members, map keys
  and values), unchanged: members and traits (required, min, max, enum, flattened, locationName,
  queryName, timestampFormat, deprecated, ...) are copied as they are;
- the paginators of the kept operations, unchanged.

The one thing removed is every "documentation" string (top level, operations, shapes, members): it is
four fifths of the bytes and nothing reads it at run time. Keys keep the source's order; output is
compact JSON with a trailing newline, so re-running the script on the same source gives the same bytes.

Usage: python3 tools/aws-models/trim.py [--source DIR] [--target DIR] [--check]
  --check  writes nothing; exits 1 when a target file differs from what would be written.
Python 3 standard library only.
"""

import argparse
import json
import os
import sys

OPERATIONS = {
    "sqs": [
        "CreateQueue", "GetQueueUrl", "GetQueueAttributes", "SetQueueAttributes", "ListQueues",
        "SendMessageBatch", "ReceiveMessage", "DeleteMessageBatch", "DeleteMessage",
        "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "DeleteQueue", "TagQueue",
        "ListQueueTags", "StartMessageMoveTask", "ListMessageMoveTasks", "SendMessage",
    ],
    "ecs": [
        "CreateCluster", "DescribeClusters", "DeleteCluster", "ListClusters", "RegisterTaskDefinition",
        "DeregisterTaskDefinition", "ListTaskDefinitions", "DescribeTaskDefinition", "CreateService",
        "UpdateService", "DeleteService", "DescribeServices", "ListServices", "ListContainerInstances",
        "DescribeContainerInstances", "ListTasks", "DescribeTasks", "PutClusterCapacityProviders",
        "TagResource", "ListTagsForResource",
    ],
    "ec2": [
        "RequestSpotFleet", "DescribeSpotFleetRequests", "DescribeSpotFleetInstances",
        "DescribeSpotFleetRequestHistory", "ModifySpotFleetRequest", "CancelSpotFleetRequests",
        "CreateLaunchTemplate", "DeleteLaunchTemplate", "CreateFleet", "DescribeFleets",
        "DescribeFleetInstances", "DescribeFleetHistory", "ModifyFleet", "DeleteFleets", "DescribeInstances",
        "CreateTags", "DescribeImages", "DescribeSubnets", "DescribeSecurityGroups", "DescribeInstanceTypes",
        "DescribeSpotPriceHistory",
    ],
    # TagResource rather than the deprecated TagLogGroup; log groups can also be tagged at creation.
    "logs": [
        "CreateLogGroup", "PutRetentionPolicy", "DescribeLogGroups", "CreateLogStream", "PutLogEvents",
        "GetLogEvents", "FilterLogEvents", "CreateExportTask", "DescribeExportTasks", "DeleteLogGroup",
        "TagResource",
    ],
    "cloudwatch": [
        "PutMetricAlarm", "DeleteAlarms", "DescribeAlarms", "PutDashboard", "DeleteDashboards",
        "ListDashboards", "GetMetricData",
    ],
}

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def reachable_shapes(model, operations):
    """The names of every shape reachable from the operations, in no particular order."""
    shapes = model["shapes"]
    seen = set()
    pending = []
    for name in operations:
        operation = model["operations"][name]
        for key in ("input", "output"):
            if key in operation:
                pending.append(operation[key]["shape"])
        for error in operation.get("errors", []):
            pending.append(error["shape"])
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            pending.append(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                pending.append(shape[key]["shape"])
    return seen


def without_documentation(node, under_members=False):
    """A copy without "documentation" keys; a member that happens to be named "documentation" stays."""
    if isinstance(node, dict):
        return {
            k: without_documentation(v, k == "members" and not under_members)
            for k, v in node.items()
            if under_members or k != "documentation"
        }
    if isinstance(node, list):
        return [without_documentation(v) for v in node]
    return node


def trim_model(model, operations):
    missing = [name for name in operations if name not in model["operations"]]
    if missing:
        raise SystemExit(f"operations not in the model: {', '.join(missing)}")
    keep_operations = set(operations)
    keep_shapes = reachable_shapes(model, operations)
    trimmed = {}
    for key, value in model.items():
        if key == "operations":
            trimmed[key] = {n: without_documentation(o) for n, o in value.items() if n in keep_operations}
        elif key == "shapes":
            trimmed[key] = {n: without_documentation(s) for n, s in value.items() if n in keep_shapes}
        elif key == "documentation":
            continue
        else:
            trimmed[key] = value
    return trimmed


def trim_paginators(paginators, operations):
    keep = set(operations)
    return {"pagination": {n: p for n, p in paginators.get("pagination", {}).items() if n in keep}}


def render(document):
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=os.path.join(os.path.dirname(ROOT), "shared", "aws-models"))
    parser.add_argument("--target", default=os.path.join(ROOT, "src", "Toolkit", "Backends", "Aws", "Models"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    if not os.path.isdir(args.source):
        raise SystemExit(f"no models at {args.source}; pass --source DIR")
    os.makedirs(args.target, exist_ok=True)
    stale = []
    for service, operations in OPERATIONS.items():
        with open(os.path.join(args.source, service + ".json"), encoding="utf-8") as f:
            model = json.load(f)
        with open(os.path.join(args.source, service + ".paginators.json"), encoding="utf-8") as f:
            paginators = json.load(f)
        outputs = {
            service + ".json": render(trim_model(model, operations)),
            service + ".paginators.json": render(trim_paginators(paginators, operations)),
        }
        for name, text in outputs.items():
            path = os.path.join(args.target, name)
            current = None
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    current = f.read()
            if current == text:
                continue
            if args.check:
                stale.append(name)
            else:
                with open(path, "w", encoding="utf-8", newline="\n") as f:
                    f.write(text)
                print(f"wrote {name} ({len(text.encode('utf-8')):,} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
