"""Channel adapters: they turn each channel's messages into Rasa REST calls and back."""
