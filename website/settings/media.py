"""Where uploads live: ``MEDIA_ROOT`` on one server, an S3-compatible bucket behind several.

Several application servers cannot share a local folder, so when a bucket is named
(``AWS_STORAGE_BUCKET_NAME``, or ``S3_BUCKET``) Django's default storage becomes
django-storages' ``S3Storage`` (https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html):
every original, rendition and document goes to the bucket and every server reads the same
files. It works with any S3-compatible service (MinIO, Ceph, Garage, a cloud's object storage)
through ``AWS_S3_ENDPOINT_URL``.

The bucket stays private: objects are written with the ``private`` ACL, and visitors never get
a bucket URL: a file's address is the site's own ``MEDIA_URL`` path, served by the view that
checks who may see it (``website/storage.py``, ``members/sharing/media.py``). Names are never
overwritten (``file_overwrite`` off): like the local folder, a second ``bild.jpg`` gets a new
name instead of replacing the first one's bytes.
"""

from collections.abc import Mapping

S3_BACKEND = "website.storage.SiteServedS3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"


def bucket_name(environ: Mapping[str, str]) -> str:
    return (environ.get("AWS_STORAGE_BUCKET_NAME") or environ.get("S3_BUCKET") or "").strip()


def media_storage(environ: Mapping[str, str]) -> dict:
    """The ``STORAGES["default"]`` entry the environment asks for."""
    bucket = bucket_name(environ)
    if not bucket:
        return {"BACKEND": LOCAL_BACKEND}
    options = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "custom_domain": None,
        "location": environ.get("AWS_LOCATION", ""),
    }
    # Unset means boto3's own defaults: its credential chain (the same variables, a config
    # file, an instance role), AWS's endpoint and the region of the profile.
    for variable, option in [
        ("AWS_S3_ENDPOINT_URL", "endpoint_url"),
        ("AWS_S3_REGION_NAME", "region_name"),
        ("AWS_ACCESS_KEY_ID", "access_key"),
        ("AWS_SECRET_ACCESS_KEY", "secret_key"),
        ("AWS_S3_ADDRESSING_STYLE", "addressing_style"),
        ("AWS_S3_SIGNATURE_VERSION", "signature_version"),
    ]:
        if environ.get(variable):
            options[option] = environ[variable]
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
