try:
    if write:
        stored = store_and_read_back(key, body)
        lines.append(f"stored {len(stored)} bytes in {BLOB_CONTAINER}: {stored.decode(errors='replace')}")
    elif (found := read_stored(key)) is not None:
        lines.append(f"read {len(found)} bytes from {BLOB_CONTAINER}: {found.decode(errors='replace')}")
    else:
        lines.append(f"nothing stored for {key} in {BLOB_CONTAINER}")
except Err as error:
    lines.append(f"blobstore error: {error.value}")
