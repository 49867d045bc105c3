"""Privacy: pseudonymous respondent ids, personal data scrubbed from free text, and
small cells suppressed in every published table.

- :func:`pseudonymise` turns source ids into keyed pseudonyms (HMAC-SHA256); the key
  comes from the environment variable ``TECHVET_PSEUDONYM_KEY`` or a key file kept
  outside ``data/processed`` (:func:`load_key`).
- :func:`scrub_text` replaces e-mail addresses, URLs, phone numbers and person names by
  placeholders.
- :func:`suppress_small_cells` blanks the statistics of table rows with n below the
  minimum (default 5).
"""

from techvet_survey.privacy._cells import DEFAULT_MIN_N, suppress_small_cells
from techvet_survey.privacy._text import (
    KEY_ENVIRONMENT_VARIABLE,
    load_key,
    pseudonymise,
    scrub_series,
    scrub_text,
)

__all__ = [
    "DEFAULT_MIN_N",
    "KEY_ENVIRONMENT_VARIABLE",
    "load_key",
    "pseudonymise",
    "scrub_series",
    "scrub_text",
    "suppress_small_cells",
]
