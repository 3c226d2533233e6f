"""The tool's Python for this component: create-wasmcloud-python writes this package, and its add command rewrites it.

app.py and your own modules call these modules instead of the WIT bindings:

- `wasmcloud_sdk.http`: HTTP server
- `wasmcloud_sdk.messaging`: Messaging handler
- `wasmcloud_sdk.http_client`: HTTP client
- `wasmcloud_sdk.keyvalue`: Key-value store
- `wasmcloud_sdk.blobstore`: Blob store
- `wasmcloud_sdk.postgres`: PostgreSQL
- `wasmcloud_sdk.log`: Logging
- `wasmcloud_sdk.config`: Runtime config

Python's standard logging reaches wasi:logging: `logging.getLogger(__name__).warning(...)`, INFO and above.

`wasmcloud_sdk.testing` is a pytest plugin (conftest.py loads it): in-memory hosts and a test client.
"""

from wasmcloud_sdk import log

log.install()
