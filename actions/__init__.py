"""Custom actions for the Rasa bot (rasa-sdk), one module per capability."""
