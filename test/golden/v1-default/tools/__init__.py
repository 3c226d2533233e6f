"""Development tasks of this project (`poe`); create-wasmcloud-python writes them."""
