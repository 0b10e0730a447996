"""The casework store: the data layer shared by actions, channels and the console.

- `casework.db`: `get_engine`, `session_scope`, `upgrade` (run at every process start).
- `casework.models`: the tables and their allowed values.
- `casework.identity`: ID number / phone checks and masking (no database).
- `casework.records`: `create_handoff`, `record_certification`, `certification_status`,
  `record_scam_report`, `record_scam_outcome`, `audit`, `mark_processed`, `forget_processed`.
- `casework.evidence`: private photo store (`store_image`, `image_path`, `purge_expired`).
- `casework.roster`, `casework.demo`: roster import and the synthetic demo roster.
Command line: `python -m casework --help`.
"""
