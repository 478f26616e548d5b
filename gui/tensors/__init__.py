"""The Tensors tab: code typed in the kernel, each tensor's values, shape and memory."""
