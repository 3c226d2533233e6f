try:
    container = blobstore.container(BLOB_CONTAINER)
    if write:
        container.put(safe_name(key), body)
        stored = container.get(safe_name(key)) or b""
        lines.append(f"stored {len(stored)} bytes in {BLOB_CONTAINER}: {stored.decode(errors='replace')}")
    elif (found := container.get(safe_name(key))) is not None:
        lines.append(f"read {len(found)} bytes from {BLOB_CONTAINER}: {found.decode(errors='replace')}")
    else:
        lines.append(f"nothing stored for {key} in {BLOB_CONTAINER}")
except blobstore.BlobstoreError as error:
    lines.append(f"blobstore error: {error}")
