"""Running the assistant's processes together: start, wait until ready, stop."""
