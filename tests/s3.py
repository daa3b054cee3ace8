"""A real S3 server for tests: moto's ThreadedMotoServer on 127.0.0.1 at a free port.

The media tests talk to it over HTTP with boto3 through django-storages, exactly as the site
talks to MinIO, Ceph or a cloud's object storage; nothing in boto3 is mocked.
"""

import uuid
from contextlib import contextmanager

import boto3
from moto.server import ThreadedMotoServer

from website.settings.media import media_storage

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"  # nosec B105 - moto accepts any key
REGION = "eu-north-1"


@contextmanager
def moto_s3_server():
    """Yield the endpoint URL of a fresh S3 server, stopped afterwards."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The variables an operator sets for an S3-compatible service (see the README)."""
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_S3_ADDRESSING_STYLE": "path",
    }


def client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


def create_bucket(endpoint: str) -> str:
    name = f"media-{uuid.uuid4().hex[:12]}"
    client(endpoint).create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    return name


def object_keys(endpoint: str, bucket: str) -> set[str]:
    pages = client(endpoint).get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {item["Key"] for page in pages for item in page.get("Contents", [])}


def use_bucket(settings, endpoint: str, bucket: str) -> None:
    """Point the test's settings at the bucket, as the environment would in production."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(s3_environment(endpoint, bucket)),
    }
