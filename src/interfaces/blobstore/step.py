try:
    stored = store_and_read_back(key, body)
    lines.append(f"stored {len(stored)} bytes in {BLOB_CONTAINER}: {stored.decode(errors='replace')}")
except Err as error:
    lines.append(f"blobstore error: {error.value}")
