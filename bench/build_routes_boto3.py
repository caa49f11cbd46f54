"""The per-call way to build an API: one boto3 call per resource, method and integration, then a deployment.

Reads the route set (JSON: [{"Path": ..., "HttpMethod": ..., "Kind": "HTTP"|"MOCK"}]) and builds it against the
endpoint given, with boto3's retry configuration left as it comes. Prints one JSON line: the calls made, the
errors that reached the script (after boto3's own retries) and the wall time.
"""
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError


def main(endpoint, routes_file, name):
    routes = json.load(open(routes_file))
    client = boto3.client("apigateway", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    calls = {"n": 0}
    client.meta.events.register("before-send.apigateway.*", lambda **_: calls.__setitem__("n", calls["n"] + 1))
    errors = []
    started = time.monotonic()

    def call(fn, **kwargs):
        try:
            return fn(**kwargs)
        except ClientError as e:
            errors.append(e.response["Error"]["Code"])
            return None

    api = call(client.create_rest_api, name=name)
    if api is None:
        print(json.dumps({"calls": calls["n"], "errors": errors, "seconds": time.monotonic() - started}))
        return
    api_id = api["id"]
    ids = {"/": next(item["id"] for item in client.get_resources(restApiId=api_id)["items"] if item["path"] == "/")}
    for route in routes:
        parent = "/"
        for part in route["Path"].strip("/").split("/"):
            path = parent.rstrip("/") + "/" + part
            if path not in ids:
                made = call(client.create_resource, restApiId=api_id, parentId=ids[parent], pathPart=part)
                if made is None:
                    break
                ids[path] = made["id"]
            parent = path
        resource_id = ids.get(route["Path"])
        if resource_id is None:
            continue
        if call(client.put_method, restApiId=api_id, resourceId=resource_id, httpMethod=route["HttpMethod"],
                authorizationType="NONE") is None:
            continue
        if route["Kind"] == "HTTP":
            call(client.put_integration, restApiId=api_id, resourceId=resource_id, httpMethod=route["HttpMethod"],
                 type="HTTP", integrationHttpMethod=route["HttpMethod"],
                 uri="http://example.com" + route["Path"].replace("{", "").replace("}", ""))
        else:
            call(client.put_integration, restApiId=api_id, resourceId=resource_id, httpMethod=route["HttpMethod"],
                 type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
    call(client.create_deployment, restApiId=api_id, stageName="prod")
    print(json.dumps({"calls": calls["n"], "errors": errors, "seconds": time.monotonic() - started}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
